// Row selection for the simulated SuiteQL: WHERE conditions (`col = 'text'`, `col [NOT] IN ('a', …)`, `col <op> number`) and the first
// rows in ORDER BY order without sorting the whole table, so keyset reads of 250,000 rows stay cheap.
import type { SimRow } from './state';

export interface Condition {
  column: string;
  test: (v: string | undefined) => boolean;
}

const numeric = (v: string | undefined) => (v !== undefined && /^-?\d+$/.test(v) ? Number(v) : NaN);

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

const STRING = /'((?:[^']|'')*)'/g;

/** One condition of an AND-joined WHERE; null when the simulator does not understand it. */
export function parseCondition(text: string): Condition | null {
  const inList = /^(\w+)\s+(NOT\s+)?IN\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)$/i.exec(text.trim());
  if (inList) {
    const values = new Set([...inList[3]!.matchAll(STRING)].map((m) => m[1]!.replace(/''/g, "'")));
    const negated = !!inList[2];
    return { column: inList[1]!.toLowerCase(), test: (v) => v !== undefined && values.has(v) !== negated };
  }
  const eq = /^(\w+)\s*=\s*'((?:[^']|'')*)'$/.exec(text.trim());
  if (eq) return { column: eq[1]!.toLowerCase(), test: (v) => v === eq[2]!.replace(/''/g, "'") };
  // LIKE with % and _ wildcards (SuiteQL is Oracle SQL); matching is case-sensitive as in Oracle.
  const like = /^(\w+)\s+LIKE\s+'((?:[^']|'')*)'$/i.exec(text.trim());
  if (like) {
    const re = new RegExp(`^${like[2]!.replace(/''/g, "'").replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
    return { column: like[1]!.toLowerCase(), test: (v) => v !== undefined && re.test(v) };
  }
  // Dates compare through TO_DATE with an explicit format (Oracle), never as text in the account's date format.
  const date = /^(\w+)\s*(>=|<=|=|>|<)\s*TO_DATE\(\s*'(\d{4}-\d{2}-\d{2})'\s*,\s*'YYYY-MM-DD'\s*\)$/i.exec(text.trim());
  if (date) {
    const op = COMPARE[date[2]!]!;
    const bound = Number(date[3]!.replace(/-/g, ''));
    return { column: date[1]!.toLowerCase(), test: (v) => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && op(Number(v.replace(/-/g, '')), bound) };
  }
  const cmp = /^(\w+)\s*(>=|<=|=|>|<)\s*(-?\d+)$/.exec(text.trim());
  if (!cmp) return null;
  const [op, bound] = [COMPARE[cmp[2]!]!, Number(cmp[3])];
  // A missing (null) value matches no comparison, as in SQL.
  return { column: cmp[1]!.toLowerCase(), test: (v) => !Number.isNaN(numeric(v)) && op(numeric(v), bound) };
}

/** Integer columns compare as numbers, anything else as text. */
export function rowOrder(key: string, dir: 1 | -1): (a: SimRow, b: SimRow) => number {
  return (a, b) => {
    const [x, y] = [numeric(a[key]), numeric(b[key])];
    return dir * (!Number.isNaN(x) && !Number.isNaN(y) ? x - y : String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
  };
}

/** The first `k` rows in `order` (stable), kept in a small sorted buffer instead of sorting every row. */
export function firstRows(rows: readonly SimRow[], order: (a: SimRow, b: SimRow) => number, k: number): SimRow[] {
  const best: SimRow[] = [];
  if (k <= 0) return best;
  for (const r of rows) {
    if (best.length === k && order(r, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(r, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, r);
    if (best.length > k) best.pop();
  }
  return best;
}
