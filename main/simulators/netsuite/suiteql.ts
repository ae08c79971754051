// SuiteQL for the simulator: the SELECT forms the connector sends (columns FROM table [WHERE col = 'v'
// [AND …]] ORDER BY col), paged with limit/offset into NetSuite's collection shape. Unknown tables or
// fields, a missing `Prefer: transient` and bad limits answer 400 with an error body, as NetSuite does.
import { TABLE_COLUMNS, type NetSuiteSimState, type SimTable } from './state';

export type Answer = { status: number; body: unknown };

export const errorBody = (status: number, title: string, detail: string, code: string, extra: Record<string, string> = {}) => ({
  type: status === 429 ? 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4' : `https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.${({ 400: 1, 401: 2, 403: 4, 404: 5, 405: 6 } as Record<number, number>)[status] ?? 1}`,
  title,
  status,
  'o:errorDetails': [{ detail, 'o:errorCode': code, ...extra }],
});

const invalidQuery = (why: string): Answer => ({ status: 400, body: errorBody(400, 'Bad Request', `Invalid search query. Detailed unprocessed description follows. ${why}`, 'INVALID_PARAMETER') });

const QUERY = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+(\w+)(?:\s+(ASC|DESC))?)?\s*$/i;

export function runSuiteql(state: NetSuiteSimState, q: unknown, url: URL, base: string, prefer: string | undefined): Answer {
  if (!/\btransient\b/i.test(prefer ?? '')) return { status: 400, body: errorBody(400, 'Bad Request', 'SuiteQL requests need the header Prefer: transient.', 'INVALID_HEADER', { 'o:errorHeader': 'Prefer' }) };
  const limit = Number(url.searchParams.get('limit') ?? '1000');
  const offset = Number(url.searchParams.get('offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return { status: 400, body: errorBody(400, 'Bad Request', 'The limit must be between 1 and 1000.', 'INVALID_PARAMETER', { 'o:errorQueryParam': 'limit' }) };
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) return { status: 400, body: errorBody(400, 'Bad Request', 'The offset must be a multiple of the limit.', 'INVALID_PARAMETER', { 'o:errorQueryParam': 'offset' }) };
  if (typeof q !== 'string') return invalidQuery('The request body needs a "q" property with the query.');
  const m = QUERY.exec(q);
  if (!m) return invalidQuery('Only SELECT … FROM … [WHERE …] [ORDER BY …] is understood here.');
  const table = m[2]!.toLowerCase() as SimTable;
  const known = TABLE_COLUMNS[table];
  if (!known) return invalidQuery(`Search error occurred: Record '${m[2]}' was not found.`);
  const cols = m[1]!.split(',').map((c) => c.trim().toLowerCase());
  const conditions = m[3] ? m[3].split(/\s+AND\s+/i).map((c) => /^(\w+)\s*=\s*'([^']*)'$/.exec(c.trim())) : [];
  for (const c of [...(cols[0] === '*' ? [] : cols), ...conditions.map((x) => x?.[1]?.toLowerCase() ?? '?'), ...(m[4] ? [m[4].toLowerCase()] : [])]) {
    if (!known.includes(c)) return invalidQuery(`Search error occurred: Field '${c}' for record '${table}' was not found.`);
  }
  let rows = state.tables.get(table)!.filter((r) => conditions.every((c) => r[c![1]!.toLowerCase()] === c![2]));
  if (m[4]) {
    const key = m[4].toLowerCase();
    const dir = m[5]?.toUpperCase() === 'DESC' ? -1 : 1;
    const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : NaN);
    rows = [...rows].sort((a, b) => {
      const [x, y] = [num(a[key]), num(b[key])];
      return dir * (!Number.isNaN(x) && !Number.isNaN(y) ? x - y : String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
    });
  }
  const page = rows.slice(offset, offset + limit);
  const link = (o: number) => `${base}?limit=${limit}&offset=${o}`;
  const items = page.map((r) => {
    // NetSuite leaves empty (null) columns out of the row.
    const out: Record<string, unknown> = { links: [] };
    for (const c of cols[0] === '*' ? known : cols) if (r[c] !== undefined && r[c] !== '') out[c] = r[c];
    return out;
  });
  const hasMore = offset + limit < rows.length;
  const links = [{ rel: 'self', href: link(offset) }, ...(hasMore ? [{ rel: 'next', href: link(offset + limit) }] : []), { rel: 'first', href: link(0) }];
  return { status: 200, body: { links, count: items.length, hasMore, items, offset, totalResults: rows.length } };
}
