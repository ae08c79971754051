// PURE: the GraphQL reference queries and their answers as data. Query shape per Sage's samples:
// <package> { <node> { query(first, after) { edges { cursor node {…} } pageInfo { endCursor hasNextPage } } } }
// (cursor paging is [T] in ../shared/api/sage-x3.md; Sage's own samples pass `first` only, so a plain
// `query(first) { edges { node } }` form is kept for schemas without cursors). Supplier fields are Sage's
// published ones; account and dimension field names are inferred, so the mapper accepts a code as text or as { code }.
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import { ConnectorError } from '../../errors';
import { dimensionNameFor, x3Active } from './from-remote';
import { X3_SYSTEM } from './schemas';
import type { X3DimensionType } from '../../../../shared/schemas/systems/sage-x3';

export type GqlNodeKind = 'supplier' | 'account' | 'dimension' | 'dimensionType' | 'period' | 'tax';

export const GQL_NODES: Record<GqlNodeKind, { pkg: string; node: string; fields: string; label: string }> = {
  supplier: { pkg: 'x3MasterData', node: 'supplier', fields: 'code { code } companyName1 isActive _updateStamp', label: 'suppliers' },
  account: { pkg: 'x3FinanceData', node: 'account', fields: 'code description isActive _updateStamp', label: 'GL accounts' },
  dimension: { pkg: 'x3FinanceData', node: 'dimension', fields: 'dimensionType { code } dimension description isActive _updateStamp', label: 'dimension values' },
  dimensionType: { pkg: 'x3FinanceData', node: 'dimensionType', fields: 'code description _updateStamp', label: 'dimension types' },
  // Fiscal periods and their status (periods.ts).
  period: { pkg: 'x3FinanceData', node: 'period', fields: 'company { code } ledgerTypeNumber fiscalYear code startDate endDate status', label: 'fiscal periods' },
  // Tax codes: only Sage's published properties (developer.sage.com/x3/graphql/reference/x3InvoicingData/tax).
  tax: { pkg: 'x3InvoicingData', node: 'tax', fields: 'code localizedDescription localizedShortDescription _updateStamp', label: 'tax codes' },
};

/** The list query for one node: cursor-paged ($first / $after), or the documented plain form ($first only). */
export function listQuery(kind: GqlNodeKind, paged = true): string {
  const n = GQL_NODES[kind];
  if (!paged) return `query ($first: Int) { ${n.pkg} { ${n.node} { query(first: $first) { totalCount edges { node { ${n.fields} } } } } } }`;
  return `query ($first: Int, $after: String) { ${n.pkg} { ${n.node} { query(first: $first, after: $after) { edges { cursor node { ${n.fields} } } pageInfo { endCursor hasNextPage } } } } }`;
}

/** A GraphQL refusal of the cursor arguments/fields themselves: the schema pages with `first` only. */
export function lacksCursorPaging(message: string): boolean {
  return /pageInfo|endCursor|hasNextPage|\bcursor\b|argument "?after"?|"after"/i.test(message);
}

export interface GqlPage {
  nodes: Array<Record<string, unknown>>;
  /** Cursor to ask for the next page with; null when this was the last. */
  next: string | null;
  /** `totalCount` when the query selected it (the plain form does); null otherwise. */
  totalCount: number | null;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/**
 * Reads `data.<pkg>.<node>.query` into nodes and the next cursor. Without pageInfo, a full page (`pageSize`
 * nodes) continues from the last edge cursor; a page that may be cut off but offers no cursor is an error,
 * never a silently shortened list.
 */
export function readPage(kind: GqlNodeKind, data: unknown, pageSize?: number): GqlPage {
  const n = GQL_NODES[kind];
  const conn = obj(obj(obj(obj(data)?.[n.pkg])?.[n.node])?.query);
  const edges = conn?.edges;
  if (!conn || !Array.isArray(edges)) {
    throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL answered the ${n.label} query without ${n.pkg}.${n.node}.query.edges`, { system: X3_SYSTEM, retryable: false });
  }
  const nodes = edges.map((e) => obj(obj(e)?.node)).filter((x): x is Record<string, unknown> => !!x);
  const info = obj(conn.pageInfo);
  const lastCursor = [...edges].reverse().map((e) => obj(e)?.cursor).find((c): c is string => typeof c === 'string' && c !== '');
  const endCursor = typeof info?.endCursor === 'string' && info.endCursor ? info.endCursor : (lastCursor ?? null);
  const total = Number(conn.totalCount);
  const totalCount = conn.totalCount !== undefined && conn.totalCount !== null && Number.isInteger(total) ? total : null;
  const more = typeof info?.hasNextPage === 'boolean' ? info.hasNextPage : pageSize !== undefined && edges.length >= pageSize;
  if (!more) return { nodes, next: null, totalCount };
  if (!endCursor) {
    throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL returned a full page of ${n.label} but no cursor to read the rest: raise the page size or switch reads to REST api1`, { system: X3_SYSTEM, retryable: false });
  }
  return { nodes, next: endCursor, totalCount };
}

/** A code given as text, number or a reference object `{ code }`. */
export function codeOf(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  const o = obj(v);
  return o ? codeOf(o.code ?? o._id) : '';
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** GraphQL booleans, or X3's yes/no labels; missing means active. */
function activeOf(v: unknown): boolean {
  return typeof v === 'boolean' ? v : x3Active(v);
}

export function updateStampOf(node: Record<string, unknown>): string {
  return text(node._updateStamp);
}

/**
 * One x3InvoicingData.tax node as a tax_code item; null without a code. The node publishes no active flag, so
 * every listed code counts as active (inferred): a retired code is still refused by X3 at posting.
 */
export function taxNodeToReference(node: Record<string, unknown>): ReferenceItem | null {
  const code = codeOf(node.code);
  if (!code) return null;
  return { kind: 'tax_code', dimensionType: '', code, name: text(node.localizedDescription) || text(node.localizedShortDescription) || code, active: true };
}

/** One node as a ReferenceItem; null when it has no code or its dimension type is not configured. */
export function nodeToReference(kind: Exclude<GqlNodeKind, 'dimensionType' | 'period' | 'tax'>, node: Record<string, unknown>, dims: readonly X3DimensionType[]): ReferenceItem | null {
  if (kind === 'dimension') {
    const code = codeOf(node.dimension ?? node.code);
    const name = dimensionNameFor(codeOf(node.dimensionType), dims);
    if (!code || !name) return null;
    return { kind: 'dimension', dimensionType: name, code, name: text(node.description) || code, active: activeOf(node.isActive) };
  }
  const code = codeOf(node.code);
  if (!code) return null;
  const name = kind === 'supplier' ? text(node.companyName1) || text(node.shortCompanyName) : text(node.description);
  return { kind, dimensionType: '', code, name: name || code, active: activeOf(node.isActive) };
}
