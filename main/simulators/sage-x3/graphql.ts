// The simulator's GraphQL reads: <package> { <node> { query(first, after) { edges { cursor node } pageInfo } } }
// for suppliers, accounts, dimension types, dimension values and fiscal periods, with opaque cursors. The query text is
// matched, not parsed (no GraphQL library is installed): an unknown package/node gets a GraphQL error.
import type { SageX3SimState } from './state';

export interface GraphqlReply {
  status: number;
  json: unknown;
}

const NODES: Record<string, Record<string, (s: SageX3SimState) => Array<Record<string, unknown>>>> = {
  x3MasterData: {
    supplier: (s) => [...s.suppliers.values()].map((r) => ({ code: { code: r.code }, companyName1: r.name, isActive: r.active, _updateStamp: r.updatedAt })),
  },
  x3FinanceData: {
    account: (s) => [...s.accounts.values()].map((r) => ({ code: r.code, description: r.name, isActive: r.active, _updateStamp: r.updatedAt })),
    dimensionType: (s) => s.dimensionTypes.map((t) => ({ code: t.code, description: t.name, _updateStamp: s.stamp })),
    dimension: (s) => [...s.costCenters.values()].map((r) => ({ dimensionType: { code: r.type }, dimension: r.code, description: r.name, isActive: r.active, _updateStamp: r.updatedAt })),
    // Fiscal periods: Sage's published properties (developer.sage.com/x3/graphql/reference/x3FinanceData/period).
    period: (s) => s.periodNodes(),
  },
};

const gqlError = (message: string): GraphqlReply => ({ status: 200, json: { errors: [{ message }] } });
/** A request the schema rejects (unknown field/argument): GraphQL over HTTP lets servers say 400. */
const invalid = (message: string, status: number): GraphqlReply => ({ status, json: { errors: [{ message }] } });

const cursorOf = (i: number) => Buffer.from(`#${i}`).toString('base64url');
const indexOf = (cursor: string) => {
  const m = /^#(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
};

/** Keeps only the fields the query selected at the first level of `node { … }` (nested selections kept whole). */
function selected(query: string): Set<string> | null {
  const m = /node\s*\{([\s\S]*)\}\s*\}\s*pageInfo/.exec(query) ?? /node\s*\{([\s\S]*?)\}\s*\}/.exec(query);
  if (!m) return null;
  let depth = 0;
  const names = new Set<string>();
  for (const tok of (m[1] ?? '').match(/[A-Za-z_][A-Za-z0-9_]*|[{}]/g) ?? []) {
    if (tok === '{') depth++;
    else if (tok === '}') depth--;
    else if (depth === 0) names.add(tok);
  }
  return names;
}

/**
 * `cursorPaging` false plays a schema with only the documented `query(first)` form: cursor arguments or
 * fields are refused the way a GraphQL server refuses unknown ones.
 */
export function handleGraphql(body: string, state: SageX3SimState, maxFirst: number, cursorPaging = true, validationStatus = 200): GraphqlReply {
  let req: { query?: unknown; variables?: unknown };
  try {
    req = JSON.parse(body) as typeof req;
  } catch {
    return { status: 400, json: { errors: [{ message: 'Body is not JSON' }] } };
  }
  const query = typeof req.query === 'string' ? req.query : '';
  const vars = (req.variables && typeof req.variables === 'object' ? req.variables : {}) as Record<string, unknown>;
  const m = /\{\s*(\w+)\s*\{\s*(\w+)\s*\{\s*query\s*\(/.exec(query);
  if (!m) return gqlError('Syntax Error: expected <package> { <node> { query(...) } }');
  const [, pkg = '', node = ''] = m;
  const list = NODES[pkg]?.[node];
  if (!list) return gqlError(`Cannot query field "${NODES[pkg] ? node : pkg}" on type "${NODES[pkg] ? pkg : 'Query'}".`);
  if (!cursorPaging) {
    if (/\bafter\s*:/.test(query)) return invalid('Unknown argument "after" on field "query".', validationStatus);
    if (/\b(pageInfo|cursor)\b/.test(query)) return invalid(`Cannot query field "${/\bpageInfo\b/.test(query) ? 'pageInfo' : 'cursor'}" on type "${node}Connection".`, validationStatus);
  }
  const fields = selected(query);
  const rows = list(state).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const first = Math.min(maxFirst, Math.max(1, Number(vars.first) || 20));
  const after = typeof vars.after === 'string' && vars.after ? indexOf(vars.after) : -1;
  if (after === null) return gqlError('Invalid cursor');
  const start = after + 1;
  const page = rows.slice(start, start + first);
  const pick = (r: Record<string, unknown>) => (fields ? Object.fromEntries(Object.entries(r).filter(([k]) => fields.has(k))) : r);
  if (!cursorPaging) {
    const conn = { ...(/\btotalCount\b/.test(query) ? { totalCount: rows.length } : {}), edges: page.map((r) => ({ node: pick(r) })) };
    return { status: 200, json: { data: { [pkg]: { [node]: { query: conn } } } } };
  }
  const edges = page.map((r, i) => ({ cursor: cursorOf(start + i), node: pick(r) }));
  const hasNextPage = start + first < rows.length;
  const data = { [pkg]: { [node]: { query: { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage } } } } };
  return { status: 200, json: { data } };
}
