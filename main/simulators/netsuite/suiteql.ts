// SuiteQL for the simulator: the SELECT forms the connector sends (columns FROM table [WHERE col = 'v',
// col IN ('a', …) or col > n [AND …]] ORDER BY col), paged with limit/offset into NetSuite's collection shape. Unknown tables or
// fields, a missing `Prefer: transient`, bad limits and offsets past the window answer 400 with an error body.
import { FILE_COLUMNS, PERIOD_COLUMNS, TABLE_COLUMNS, TRANSACTION_COLUMNS, TRANSACTION_LINE_COLUMNS, type NetSuiteSimState, type SimRow, type SuiteqlTable } from './state';
import { firstRows, parseCondition, rowOrder } from './suiteql-rows';

/** Offset paging reaches the first 100,000 rows in at most 1,000 pages (ns-help Collection Paging). */
export const SUITEQL_WINDOW_ROWS = 100_000;
export const SUITEQL_WINDOW_PAGES = 1_000;

export type Answer = { status: number; body: unknown };

export const errorBody = (status: number, title: string, detail: string, code: string, extra: Record<string, string> = {}) => ({
  type: status === 429 ? 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4' : `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.${({ 400: 1, 401: 2, 403: 4, 404: 5, 405: 6 } as Record<number, number>)[status] ?? 1}`,
  title,
  status,
  'o:errorDetails': [{ detail, 'o:errorCode': code, ...extra }],
});

const invalidQuery = (why: string): Answer => ({ status: 400, body: errorBody(400, 'Bad Request', `Invalid search query. Detailed unprocessed description follows. ${why}`, 'INVALID_PARAMETER') });

const QUERY = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?\s*$/i;

/** The SELECT list split on top-level commas (a TO_CHAR call has its own). */
function splitColumns(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

export function runSuiteql(state: NetSuiteSimState, q: unknown, url: URL, base: string, prefer: string | undefined): Answer {
  if (!/\btransient\b/i.test(prefer ?? '')) return { status: 400, body: errorBody(400, 'Bad Request', 'SuiteQL requests need the header Prefer: transient.', 'INVALID_HEADER', { 'o:errorHeader': 'Prefer' }) };
  const limit = Number(url.searchParams.get('limit') ?? '1000');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, body: errorBody(400, 'Bad Request', 'The limit must be between 1 and 1000.', 'INVALID_PARAMETER', { 'o:errorQueryParam': 'limit' }) };
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) return { status: 400, body: errorBody(400, 'Bad Request', 'The offset must be a multiple of the limit.', 'INVALID_PARAMETER', { 'o:errorQueryParam': 'offset' }) };
  // NetSuite's exact refusal past the window is undocumented (notes §4): a 400 naming the offset parameter.
  if (offset >= SUITEQL_WINDOW_ROWS || offset / limit >= SUITEQL_WINDOW_PAGES) return { status: 400, body: errorBody(400, 'Bad Request', `The offset is beyond the ${Math.min(SUITEQL_WINDOW_ROWS, SUITEQL_WINDOW_PAGES * limit)} rows a query can page through; narrow the query.`, 'INVALID_PARAMETER', { 'o:errorQueryParam': 'offset' }) };
  if (typeof q !== 'string') return invalidQuery('The request body needs a "q" property with the query.');
  const m = QUERY.exec(q);
  if (!m) return invalidQuery('Only SELECT … FROM … [WHERE …] [ORDER BY …] is understood here.');
  const table = m[2]!.toLowerCase() as SuiteqlTable;
  const known: readonly string[] | undefined = table === 'transaction' ? TRANSACTION_COLUMNS : table === 'transactionline' ? TRANSACTION_LINE_COLUMNS : table === 'accountingperiod' ? PERIOD_COLUMNS : table === 'file' ? FILE_COLUMNS : TABLE_COLUMNS[table as keyof typeof TABLE_COLUMNS];
  // A switched-off feature (OneWorld, classes, …) removes its record type: the same answer as an unknown table.
  if (!known || !state.hasTable(table)) return invalidQuery(`Search error occurred: Record '${m[2]}' was not found.`);
  // TO_CHAR(col, 'YYYY-MM-DD') AS alias reads the column as an ISO date (the simulator keeps dates ISO already).
  const selects = splitColumns(m[1]!).map((c) => {
    const f = /^to_char\s*\(\s*(\w+)\s*,\s*'yyyy-mm-dd'\s*\)\s+as\s+(\w+)$/i.exec(c);
    return f ? { column: f[1]!.toLowerCase(), as: f[2]!.toLowerCase() } : { column: c.toLowerCase(), as: c.toLowerCase() };
  });
  const cols = selects.map((c) => c.column);
  const conditions = m[3] ? m[3].split(/\s+AND\s+/i).map(parseCondition) : [];
  if (conditions.includes(null)) return invalidQuery(`Only col = 'text', col [NOT] IN ('a', …), col LIKE 'text', col <op> number and col <op> TO_DATE('YYYY-MM-DD', 'YYYY-MM-DD') conditions are understood here: ${m[3]}`);
  for (const c of [...(cols[0] === '*' ? [] : cols), ...conditions.map((x) => x!.column), ...(m[4] ? [m[4].toLowerCase()] : [])]) {
    if (!known.includes(c)) return invalidQuery(`Search error occurred: Field '${c}' for record '${table}' was not found.`);
  }
  const source: SimRow[] = table === 'transaction' ? state.transactionRows() : table === 'transactionline' ? state.transactionLineRows() : table === 'accountingperiod' ? state.periodRows() : table === 'file' ? state.fileRows() : state.tables.get(table)!;
  const rows = conditions.length ? source.filter((r) => conditions.every((c) => c!.test(r[c!.column]))) : source;
  const wanted = offset + limit;
  const ordered = m[4] ? firstRows(rows, rowOrder(m[4].toLowerCase(), m[5]?.toUpperCase() === 'DESC' ? -1 : 1), wanted) : rows.slice(0, wanted);
  const page = ordered.slice(offset, wanted);
  const link = (o: number) => `${base}?limit=${limit}&offset=${o}`;
  const items = page.map((r) => {
    // NetSuite leaves empty (null) columns out of the row.
    const out: Record<string, unknown> = { links: [] };
    for (const c of cols[0] === '*' ? known.map((k) => ({ column: k, as: k })) : selects) if (r[c.column] !== undefined && r[c.column] !== '') out[c.as] = r[c.column];
    return out;
  });
  const hasMore = offset + limit < rows.length;
  const links = [{ rel: 'self', href: link(offset) }, ...(hasMore ? [{ rel: 'next', href: link(offset + limit) }] : []), { rel: 'first', href: link(0) }];
  return { status: 200, body: { links, count: items.length, hasMore, items, offset, totalResults: rows.length } };
}
