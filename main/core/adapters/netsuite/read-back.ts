// Reconciliation read-back from NetSuite through SuiteQL only (read-only): the transactions carrying our
// keys (`externalid IN`, the duplicate-protection look-up of lookup.ts) and those dated in the month whose
// external id starts with our prefix (`LIKE`, dates through TO_DATE with an explicit format), then their
// lines from `transactionline` (account, debit/credit in the transaction currency; column names from the
// Records Catalog, inferred) and the currency and account codes behind the internal ids.
// Cost: 2 queries for the headers (+1 per further 1,000 keys), 1 per 1,000 transactions for the lines, 2 for codes.
import { ConnectorError } from '../../errors';
import { parseMoney } from '../../money/parse';
import type { PeriodRange, ReadBackDocument, ReadBackResult } from '../types';
import type { NetSuiteClient } from './client';
import { NETSUITE_SYSTEM } from './schemas';

const PER_QUERY = 1000;
const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
const list = (xs: readonly string[]) => xs.map(quote).join(', ');
const chunks = <T,>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / PER_QUERY) }, (_, i) => xs.slice(i * PER_QUERY, (i + 1) * PER_QUERY));
const HEADER = 'SELECT id, externalid, recordtype, trandate, currency FROM transaction';
const date = (iso: string) => `TO_DATE(${quote(iso)}, 'YYYY-MM-DD')`;

export const headerQueries = (keys: readonly string[], range: PeriodRange, prefix: string): string[] => [
  `${HEADER} WHERE externalid LIKE ${quote(`${prefix}%`)} AND trandate >= ${date(range.from)} AND trandate <= ${date(range.to)} ORDER BY id`,
  ...chunks(keys).map((part) => `${HEADER} WHERE externalid IN (${list(part)}) ORDER BY id`),
];

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

async function rowsOf(client: NetSuiteClient, q: string): Promise<Row[]> {
  const out: Row[] = [];
  for await (const page of client.suiteql(q)) out.push(...page);
  return out;
}

function minor(raw: unknown, currency: string, what: string): number {
  if (raw === undefined || raw === null || raw === '') return 0;
  const m = parseMoney(typeof raw === 'number' ? raw : String(raw), currency);
  if (!m.ok) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite answered an amount that cannot be read for ${what}: ${m.message}`, { system: NETSUITE_SYSTEM, retryable: false });
  return m.amountMinor;
}

/** The UI page of a transaction type (`<type>.nl`); inferred from NetSuite's own transaction links, not documented API. */
const UI_PAGES: Record<string, string> = { journalentry: 'journal', vendorbill: 'vendbill' };

/**
 * The transaction in the NetSuite UI: `https://<account>.app.netsuite.com/app/accounting/transactions/<page>.nl?id=<internalid>`.
 * The account-specific domain lowercases the account id with `_` as `-` (1234567_SB1 -> 1234567-sb1): inferred.
 * Null for a type whose page is not known here.
 */
export function transactionUrl(accountId: string, recordType: string, id: string): string | null {
  const page = UI_PAGES[recordType.toLowerCase()];
  if (!page || !accountId) return null;
  return `https://${accountId.toLowerCase().replace(/_/g, '-')}.app.netsuite.com/app/accounting/transactions/${page}.nl?id=${encodeURIComponent(id)}`;
}

export async function readBack(client: NetSuiteClient, q: { keys: readonly string[]; range: PeriodRange; prefix: string }, accountId = ''): Promise<ReadBackResult> {
  const headers = new Map<string, Row>();
  for (const query of headerQueries(q.keys, q.range, q.prefix)) for (const r of await rowsOf(client, query)) headers.set(str(r.id), r);
  if (headers.size === 0) return { documents: [], incomplete: null };
  const currencies = new Map((await rowsOf(client, 'SELECT id, symbol FROM currency ORDER BY id')).map((r) => [str(r.id), str(r.symbol)] as const));
  const lines: Row[] = [];
  for (const part of chunks([...headers.keys()])) lines.push(...(await rowsOf(client, `SELECT id, transaction, expenseaccount, debitforeignamount, creditforeignamount FROM transactionline WHERE transaction IN (${list(part)}) ORDER BY id`)));
  const accountIds = [...new Set(lines.map((l) => str(l.expenseaccount)).filter(Boolean))];
  const accounts = new Map<string, string>();
  for (const part of chunks(accountIds)) for (const r of await rowsOf(client, `SELECT id, acctnumber FROM account WHERE id IN (${list(part)}) ORDER BY id`)) accounts.set(str(r.id), str(r.acctnumber));
  const documents: ReadBackDocument[] = [...headers.values()].map((h) => {
    const id = str(h.id);
    const currency = currencies.get(str(h.currency)) ?? '';
    if (!currency) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite transaction ${id} has a currency (${str(h.currency) || 'none'}) this read cannot name`, { system: NETSUITE_SYSTEM, retryable: false });
    const byAccount = new Map<string, { account: string; currency: string; debitMinor: number; creditMinor: number }>();
    for (const l of lines.filter((x) => str(x.transaction) === id)) {
      const account = accounts.get(str(l.expenseaccount)) ?? str(l.expenseaccount);
      const a = byAccount.get(account) ?? { account, currency, debitMinor: 0, creditMinor: 0 };
      a.debitMinor += minor(l.debitforeignamount, currency, `transaction ${id}`);
      a.creditMinor += minor(l.creditforeignamount, currency, `transaction ${id}`);
      byAccount.set(account, a);
    }
    const debit = [...byAccount.values()].reduce((n, a) => n + a.debitMinor, 0);
    return { erpId: id, key: str(h.externalid), date: str(h.trandate) || null, status: null, totals: [{ currency, amountMinor: debit }], accounts: [...byAccount.values()], url: transactionUrl(accountId, str(h.recordtype), id) };
  });
  return { documents, incomplete: null };
}
