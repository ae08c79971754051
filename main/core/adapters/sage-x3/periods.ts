// PURE: Sage X3 fiscal periods over GraphQL. The node x3FinanceData.period and its properties company,
// ledgerTypeNumber, fiscalYear, code, startDate, endDate, status (PeriodFiscalYearStatus) and closingDate are
// published in Sage's GraphQL reference (https://developer.sage.com/x3/graphql/reference/x3FinanceData/period;
// ../shared/api/sage-x3.md lists `period` under x3FinanceData). Inferred, not documented: the status enum's values
// (X3's period statuses are "not open", "open", "closed": anything but open refuses postings here) and that
// `company` selects as `company { code }`. A period closed in any ledger of the company counts as closed (an
// entry posts to every ledger), so the stricter status wins when ledgers disagree.
import type { ErpPeriod } from '../../../../shared/schemas/period';
import { codeOf } from './graphql-reads';

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const ISO = /^\d{4}-\d{2}-\d{2}/;

/** "open" in any casing or spelling (open, OPEN, Open); "notOpen" / "not open" / "closed" are not. */
export function x3PeriodOpen(status: unknown): boolean {
  const s = text(status).toLowerCase().replace(/[\s_-]/g, '');
  return s === 'open' || s === '2';
}

/** The company's periods, one per date range, oldest first; other companies' rows and rows without dates are left out. */
export function nodesToPeriods(nodes: ReadonlyArray<Record<string, unknown>>, company: string): ErpPeriod[] {
  const byRange = new Map<string, ErpPeriod>();
  for (const n of nodes) {
    const owner = codeOf(n.company);
    if (owner && owner.toUpperCase() !== company.toUpperCase()) continue;
    const [start, end] = [text(n.startDate), text(n.endDate)];
    if (!ISO.test(start) || !ISO.test(end)) continue;
    const key = `${start.slice(0, 10)}/${end.slice(0, 10)}`;
    const closed = !x3PeriodOpen(n.status);
    const prev = byRange.get(key);
    const name = `${codeOf(n.fiscalYear)}/${codeOf(n.code)}`.replace(/^\/|\/$/g, '');
    byRange.set(key, { start: start.slice(0, 10), end: end.slice(0, 10), name: prev?.name ?? name, closed: closed || (prev?.closed ?? false), allLocked: false, apLocked: false, arLocked: false });
  }
  return [...byRange.values()].sort((a, b) => a.start.localeCompare(b.start));
}
