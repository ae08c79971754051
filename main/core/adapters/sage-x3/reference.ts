// Reference data from X3, page by page to the end: REST api1 ($links.$next) or GraphQL (cursors), as the
// connection says. The configured dimension types are checked against X3 (a type X3 does not have stops
// the refresh with a message naming it), and GraphQL reads note what changed since the last refresh.
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import { x3DimensionTypes, type SageX3TargetSettings, type X3DimensionType } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError } from '../../errors';
import type { AdapterContext } from '../types';
import type { X3Client } from './client';
import { dimensionTypesIn, resourcesToReference, type X3RefKind } from './from-remote';
import { codeOf, GQL_NODES, lacksCursorPaging, listQuery, nodeToReference, readPage, taxNodeToReference, updateStampOf, type GqlNodeKind } from './graphql-reads';
import { X3_SYSTEM } from './schemas';
import { nodesToPeriods } from './periods';
import { periodItems } from '../period-read';

const MAX_PAGES = 100_000;
/** Page size asked for when the schema cannot page with cursors (one query per list). */
const PLAIN_FIRST = 10_000;
const STAMPS = 'referenceStamps';

/** The configured types X3 does not have, as one clear error (null when all exist). */
export function unknownDimensionTypes(dims: readonly X3DimensionType[], known: readonly string[], folder: string): ConnectorError | null {
  const have = new Set(known.map((k) => k.toUpperCase()));
  const missing = dims.filter((d) => !have.has(d.x3Type.toUpperCase()));
  if (missing.length === 0) return null;
  const list = missing.map((d) => `"${d.x3Type}" (configured for ${d.name})`).join(', ');
  const found = known.length ? `it has ${[...have].sort().join(', ')}` : 'it lists none';
  return new ConnectorError('CONFIG_INVALID', `Sage X3 folder "${folder}" has no dimension type ${list}: ${found}. Fix "Dimension types" in the connection settings`, { system: X3_SYSTEM, retryable: false });
}

export interface ReferenceReader {
  read(): AsyncGenerator<ReferenceItem[]>;
  /** The X3 dimension type codes the folder has (GraphQL: dimensionType node; api1: DIE of the dimension records). */
  knownDimensionTypes(): Promise<string[]>;
}

export function createReferenceReader(settings: SageX3TargetSettings, client: X3Client, ctx: AdapterContext): ReferenceReader {
  const dims = x3DimensionTypes(settings);
  const r = settings.representations;

  async function* api1Pages(kind: X3RefKind, representation: string, onRaw?: (resources: unknown[]) => void): AsyncGenerator<ReferenceItem[]> {
    let url: string | undefined = client.listUrl(representation, representation);
    const seen = new Set<string>();
    while (url && seen.size < MAX_PAGES) {
      seen.add(url);
      const page = (await client.getJson(url)) as { $resources?: unknown; $links?: { $next?: { $url?: unknown } } } | null;
      if (!page || typeof page !== 'object' || !Array.isArray(page.$resources)) {
        throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 api1 answered the ${representation} list without $resources: check the representation name`, { system: X3_SYSTEM, retryable: false });
      }
      onRaw?.(page.$resources);
      const items = resourcesToReference(kind, page.$resources, { dimensions: dims });
      if (items.length) yield items;
      const next = page.$links?.$next?.$url;
      url = typeof next === 'string' && next && !seen.has(next) ? next : undefined;
    }
  }

  // Cleared when the schema refuses cursor arguments/fields: then one plain `query(first)` per node.
  let cursorPaging = true;

  async function* gqlNodes(kind: GqlNodeKind): AsyncGenerator<Array<Record<string, unknown>>> {
    if (!cursorPaging) return yield* gqlPlain(kind);
    let after: string | null = null;
    const cursors = new Set<string>();
    for (let n = 0; n < MAX_PAGES; n++) {
      let data: unknown;
      try {
        data = await client.graphql(listQuery(kind), { first: settings.pageSize, after }, GQL_NODES[kind].label);
      } catch (e) {
        if (n > 0 || !(e instanceof ConnectorError) || e.code !== 'CONFIG_INVALID' || !lacksCursorPaging(e.message)) throw e;
        ctx.logger.warn('Sage X3 GraphQL has no cursor paging; reading each list in one plain query', { node: GQL_NODES[kind].label });
        cursorPaging = false;
        return yield* gqlPlain(kind);
      }
      const page = readPage(kind, data, settings.pageSize);
      if (page.nodes.length) yield page.nodes;
      if (!page.next) return;
      if (cursors.has(page.next)) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL repeated a cursor while paging ${GQL_NODES[kind].label}`, { system: X3_SYSTEM, retryable: false });
      cursors.add(page.next);
      after = page.next;
    }
  }

  /** Sage's documented form: `first` only. A full answer may be cut off, so it fails rather than truncates. */
  async function* gqlPlain(kind: GqlNodeKind): AsyncGenerator<Array<Record<string, unknown>>> {
    const first = Math.max(settings.pageSize, PLAIN_FIRST);
    const page = readPage(kind, await client.graphql(listQuery(kind, false), { first }, GQL_NODES[kind].label), first);
    // The server may cap `first` below what was asked: totalCount tells a cut-off list from a complete one.
    if (page.totalCount !== null && page.nodes.length < page.totalCount) {
      throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL returned ${page.nodes.length} of ${page.totalCount} ${GQL_NODES[kind].label} and has no cursor to read the rest: switch reads to REST api1`, { system: X3_SYSTEM, retryable: false });
    }
    if (page.nodes.length) yield page.nodes;
  }

  async function gqlDimensionTypes(): Promise<string[]> {
    const out: string[] = [];
    for await (const nodes of gqlNodes('dimensionType')) for (const n of nodes) out.push(codeOf(n.code ?? n.dimensionType));
    return out.filter(Boolean);
  }

  async function* readGraphql(): AsyncGenerator<ReferenceItem[]> {
    const problem = unknownDimensionTypes(dims, await gqlDimensionTypes(), settings.folder);
    if (problem) throw problem;
    const before = JSON.parse((await ctx.secrets.get(STAMPS)) ?? '{}') as Record<string, string>;
    const after: Record<string, string> = {};
    const changed: string[] = [];
    for (const kind of ['account', 'supplier', 'dimension'] as const) {
      let count = 0;
      for await (const nodes of gqlNodes(kind)) {
        const items: ReferenceItem[] = [];
        for (const node of nodes) {
          const stamp = updateStampOf(node);
          if (stamp && stamp > (after[kind] ?? '')) after[kind] = stamp;
          if (stamp && before[kind] && stamp > before[kind]) count++;
          const item = nodeToReference(kind, node, dims);
          if (item) items.push(item);
        }
        if (items.length) yield items;
      }
      if (before[kind]) changed.push(`${count} ${GQL_NODES[kind].label}`);
    }
    // Tax codes: read whole before any is yielded (a half list would make valid codes look unknown). A failed read,
    // e.g. a release without x3InvoicingData.tax, leaves them out with a note: X3's refusal at posting still guards.
    let taxCodes: ReferenceItem[] = [];
    try {
      const nodes: Array<Record<string, unknown>> = [];
      for await (const page of gqlNodes('tax')) nodes.push(...page);
      let count = 0;
      let newest = '';
      for (const node of nodes) {
        const stamp = updateStampOf(node);
        if (stamp > newest) newest = stamp;
        if (stamp && before.tax && stamp > before.tax) count++;
      }
      if (newest) after.tax = newest;
      if (before.tax) changed.push(`${count} ${GQL_NODES.tax.label}`);
      taxCodes = nodes.map(taxNodeToReference).filter((i): i is ReferenceItem => !!i);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      ctx.logger.warn('Sage X3 tax codes not read', { error: why });
      ctx.note({ action: 'fetch', outcome: 'tax_codes_unread', message: `Sage X3: the tax codes could not be read (${why}); an unknown tax code is caught when X3 refuses the document` });
    }
    if (taxCodes.length) yield taxCodes;
    // Period status travels with the reference data (GraphQL only: api1 has no published period representation in our notes).
    yield* periodItems(async () => {
      const nodes: Array<Record<string, unknown>> = [];
      for await (const page of gqlNodes('period')) nodes.push(...page);
      return nodesToPeriods(nodes, settings.company);
    }, ctx, 'Sage X3');
    // Only a complete read moves the stamps, like the cache it describes.
    await ctx.secrets.set(STAMPS, JSON.stringify({ ...before, ...after }));
    if (changed.length) ctx.note({ action: 'fetch', outcome: 'reference_changes', message: `Sage X3 GraphQL: ${changed.join(', ')} changed since the last refresh` });
  }

  // No tax codes over api1: our notes have no published tax representation, so X3's refusal at posting guards them.
  async function* readApi1(): AsyncGenerator<ReferenceItem[]> {
    yield* api1Pages('account', r.account);
    yield* api1Pages('supplier', r.supplier);
    const types = new Set<string>();
    yield* api1Pages('costCenter', r.costCenter, (res) => dimensionTypesIn(res).forEach((t) => types.add(t)));
    const problem = types.size ? unknownDimensionTypes(dims, [...types], settings.folder) : null;
    if (problem) throw problem;
  }

  return {
    read: () => (settings.reads === 'graphql' ? readGraphql() : readApi1()),
    async knownDimensionTypes() {
      if (settings.reads === 'graphql') return gqlDimensionTypes();
      const types = new Set<string>();
      for await (const _ of api1Pages('costCenter', r.costCenter, (res) => dimensionTypesIn(res).forEach((t) => types.add(t)))) void _;
      return [...types];
    },
  };
}
