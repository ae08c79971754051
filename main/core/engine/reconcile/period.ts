// A reconciliation period: one calendar month, YYYY-MM, never in the future (nothing can be posted there yet).
import { PERIOD_PATTERN } from '../../../../shared/schemas/reconcile';
import { ConnectorError } from '../../errors';

export interface Period {
  period: string;
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses and checks a period against today; a malformed or future month is a BAD_REQUEST with the reason. */
export function parsePeriod(text: string, today: Date): Period {
  const m = PERIOD_PATTERN.exec(text.trim());
  if (!m) throw new ConnectorError('BAD_REQUEST', `The period must be a month written YYYY-MM (for example 2026-11), not "${text}"`, { retryable: false });
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const current = today.getUTCFullYear() * 12 + today.getUTCMonth();
  if (y * 12 + (mo - 1) > current) throw new ConnectorError('BAD_REQUEST', `The period ${text} is in the future (today is ${today.toISOString().slice(0, 10)}): there is nothing to reconcile yet`, { retryable: false });
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { period: `${y}-${pad(mo)}`, from: `${y}-${pad(mo)}-01`, to: `${y}-${pad(mo)}-${pad(last)}` };
}

/** The current month of `today` (UTC). */
export const currentPeriod = (today: Date): string => `${today.getUTCFullYear()}-${pad(today.getUTCMonth() + 1)}`;

export const inPeriod = (date: string | null | undefined, p: Period): boolean => !!date && date.slice(0, 10) >= p.from && date.slice(0, 10) <= p.to;
