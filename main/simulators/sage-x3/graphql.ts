// The simulator's GraphQL reads: <package> { <node> { query(first, after) { edges { cursor node } pageInfo } } }
// for suppliers, accounts, dimension types, dimension values, fiscal periods and tax codes, with opaque cursors. The query
// text is matched, not parsed (no GraphQL library is installed): an unknown package/node/field gets a GraphQL error.
import type { SageX3SimState } from './state';

export interface GraphqlReply {
  status: number;
  json: unknown;
}

interface SimNode {
  /** GraphQL type name used in "Cannot query field" errors (inferred: the node name capitalised). */
  type: string;
  /** The node's own properties; a selection of anything else is refused like an unknown field. */
  fields: readonly string[];
  rows: (s: SageX3SimState) => Array<Record<string, unknown>>;
}

/** System properties every Xtrem node carries (seen on journalEntry, tax, invoicingTerm in Sage's reference). */
const SYSTEM_FIELDS = ['_id', '_etag', '_createStamp', '_updateStamp'];

const NODES: Record<string, Record<string, SimNode>> = {
  x3MasterData: {
    supplier: {
      type: 'Supplier',
      fields: ['code', 'companyName1', 'shortCompanyName', 'isActive', 'addressByDefault'],
      rows: (s) => [...s.suppliers.values()].map((r) => ({ code: { code: r.code }, companyName1: r.name, isActive: r.active, _updateStamp: r.updatedAt })),
    },
  },
  x3FinanceData: {
    account: { type: 'Account', fields: ['code', 'description', 'isActive'], rows: (s) => [...s.accounts.values()].map((r) => ({ code: r.code, description: r.name, isActive: r.active, _updateStamp: r.updatedAt })) },
    dimensionType: { type: 'DimensionType', fields: ['code', 'description'], rows: (s) => s.dimensionTypes.map((t) => ({ code: t.code, description: t.name, _updateStamp: s.stamp })) },
    dimension: {
      type: 'Dimension',
      fields: ['dimensionType', 'dimension', 'description', 'isActive'],
      rows: (s) => [...s.costCenters.values()].map((r) => ({ dimensionType: { code: r.type }, dimension: r.code, description: r.name, isActive: r.active, _updateStamp: r.updatedAt })),
    },
    // Fiscal periods: Sage's published properties (developer.sage.com/x3/graphql/reference/x3FinanceData/period).
    period: { type: 'Period', fields: ['company', 'ledgerTypeNumber', 'fiscalYear', 'code', 'startDate', 'endDate', 'status', 'closingDate'], rows: (s) => s.periodNodes() },
  },
  x3InvoicingData: {
    // Tax codes: Sage publishes code, legislation, localizedDescription, localizedShortDescription and no active
    // flag (developer.sage.com/x3/graphql/reference/x3InvoicingData/tax), so retired codes are listed too (inferred);
    // `legislation { code }` and the short description wording are inferred.
    tax: {
      type: 'Tax',
      fields: ['code', 'legislation', 'localizedDescription', 'localizedShortDescription'],
      rows: (s) => [...s.taxCodes.values()].map((t) => ({ _id: t.code, code: t.code, legislation: { code: 'FRA' }, localizedDescription: t.name, localizedShortDescription: `${t.rate} %`, _updateStamp: t.updatedAt })),
    },
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
export function handleGraphql(body: string, state: SageX3SimState, maxFirst: number, cursorPaging = true, validationStatus = 200, missingNodes: readonly string[] = []): GraphqlReply {
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
  const spec = missingNodes.includes(`${pkg}.${node}`) ? undefined : NODES[pkg]?.[node];
  if (!spec) return gqlError(`Cannot query field "${NODES[pkg] ? node : pkg}" on type "${NODES[pkg] ? pkg : 'Query'}".`);
  if (!cursorPaging) {
    if (/\bafter\s*:/.test(query)) return invalid('Unknown argument "after" on field "query".', validationStatus);
    if (/\b(pageInfo|cursor)\b/.test(query)) return invalid(`Cannot query field "${/\bpageInfo\b/.test(query) ? 'pageInfo' : 'cursor'}" on type "${node}Connection".`, validationStatus);
  }
  const fields = selected(query);
  const unknown = [...(fields ?? [])].find((f) => !spec.fields.includes(f) && !SYSTEM_FIELDS.includes(f));
  if (unknown) return invalid(`Cannot query field "${unknown}" on type "${spec.type}".`, validationStatus);
  const rows = spec.rows(state).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
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
