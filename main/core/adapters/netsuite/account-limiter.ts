// One limiter per NetSuite account in this process: the account's concurrency limit is shared by every
// connection (and by SOAP, RESTlets and other integrations), so two connections to one account must not
// each take the full share. Capacity follows the latest connection settings.
import { Limiter } from '../limiter';

const byAccount = new Map<string, Limiter>();

export function accountLimiter(account: string, capacity: number): Limiter {
  const key = account.toLowerCase();
  const existing = byAccount.get(key);
  if (existing && existing.capacity === capacity) return existing;
  const limiter = new Limiter(capacity);
  byAccount.set(key, limiter);
  return limiter;
}
