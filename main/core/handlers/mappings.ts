// mappings.*, reference.* and audit.*: what the grid edits, what it autocompletes from, and the trail.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import type { Mapping } from '../../../shared/schemas/mapping';
import { csvToMappings, mappingsToCsv } from '../engine/mapping-csv';
import { safeCsv } from '../engine/csv-safe';
import { noteSourceCategories, refreshReference } from '../engine/reference-refresh';
import { resep, toCommaCsv } from '../engine/csv-dialect';
import { mappingsWorkbook, mappingXlsxToCsv } from '../export/mapping-xlsx';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import { ACTIVITY } from './sync';

export function mappingHandlers(rt: Runtime, actor: string) {
  const { store } = rt;
  const upsert = (connectionId: string, rows: Mapping[]) => {
    requireConnection(rt, connectionId);
    const changed = store.db.transaction(() => {
      const ch = store.mappings.upsert(connectionId, rows, actor);
      for (const { before, after } of ch) {
        const fmt = (d: Record<string, string>) => Object.entries(d).map(([k, v]) => `${k}=${v}`).join(', ');
        const dims = fmt(after.dimensions);
        // The old account and dimensions, so the audit line alone says what the change undid.
        const was = before ? `${before.target || '(unmapped)'}${fmt(before.dimensions) ? ` [${fmt(before.dimensions)}]` : ''}` : '';
        store.audit.append({
          connectionId,
          actor,
          action: 'mapping_change',
          sourceId: null,
          outcome: before ? 'updated' : 'created',
          message: `${after.kind} "${after.sourceCode}" → ${after.target || '(unmapped)'}${dims ? ` [${dims}]` : ''}${before ? ` (was ${was})` : ''}`,
        });
      }
      return ch.length;
    })();
    if (changed) rt.events.emit({ type: 'entities.changed', payload: { tags: ['mappings', 'audit'] } });
    return changed;
  };
  /** What an upsert would change, counted inside a transaction that is then rolled back. */
  const previewChanges = (connectionId: string, rows: Mapping[]): number => {
    requireConnection(rt, connectionId);
    const rollback = new Error('preview rollback');
    let n = 0;
    try {
      store.db.transaction(() => {
        n = store.mappings.upsert(connectionId, rows, actor).length;
        throw rollback;
      })();
    } catch (e) {
      if (e !== rollback) throw e;
    }
    return n;
  };
  return {
    'mappings.list': async (input: MethodInput<'mappings.list'>) => store.mappings.list(input.connectionId, input.kind),
    'mappings.upsert': async (input: MethodInput<'mappings.upsert'>) => ({ changed: upsert(input.connectionId, input.rows.map((r) => ({ ...r, sourceName: r.sourceName ?? '', dimensions: r.dimensions ?? {} }))) }),
    'mappings.delete': async (input: MethodInput<'mappings.delete'>) => {
      if (store.mappings.delete(input.connectionId, input.kind, input.sourceCode)) {
        store.audit.append({ connectionId: input.connectionId, actor, action: 'mapping_change', outcome: 'deleted', message: `${input.kind} "${input.sourceCode}" mapping deleted` });
      }
      return { ok: true as const };
    },
    'mappings.deleteMany': async (input: MethodInput<'mappings.deleteMany'>) => {
      requireConnection(rt, input.connectionId);
      const deleted = store.db.transaction(() => input.rows.filter((r) => store.mappings.delete(input.connectionId, r.kind, r.sourceCode)).length)();
      if (deleted) {
        store.audit.append({ connectionId: input.connectionId, actor, action: 'mapping_change', outcome: 'deleted', message: `${deleted} mappings deleted at once (${input.rows.slice(0, 5).map((r) => r.sourceCode).join(', ')}${input.rows.length > 5 ? ', …' : ''})` });
        rt.events.emit({ type: 'entities.changed', payload: { tags: ['mappings', 'audit'] } });
      }
      return { deleted };
    },
    'mappings.importCsv': async (input: MethodInput<'mappings.importCsv'>) => {
      const rows = csvToMappings(toCommaCsv(input.csv));
      if (input.preview) return { changed: rows.length ? previewChanges(input.connectionId, rows) : 0, rows: rows.length };
      // An import rewrites many mappings at once: only while no other process posts from this data folder.
      return rt.writer.run(ACTIVITY.import, async () => ({ changed: rows.length ? upsert(input.connectionId, rows) : 0, rows: rows.length }));
    },
    'mappings.importXlsx': async (input: MethodInput<'mappings.importXlsx'>) => {
      const rows = csvToMappings(await mappingXlsxToCsv(Buffer.from(input.base64, 'base64')));
      if (input.preview) return { changed: rows.length ? previewChanges(input.connectionId, rows) : 0, rows: rows.length };
      return rt.writer.run(ACTIVITY.import, async () => ({ changed: rows.length ? upsert(input.connectionId, rows) : 0, rows: rows.length }));
    },
    'mappings.exportXlsx': async (input: MethodInput<'mappings.exportXlsx'>) => {
      const conn = requireConnection(rt, input.connectionId);
      return { base64: (await mappingsWorkbook(store.mappings.list(conn.id), conn.rules.requiredDimensions)).toString('base64') };
    },
    'mappings.exportCsv': async (input: MethodInput<'mappings.exportCsv'>) => {
      const conn = requireConnection(rt, input.connectionId);
      const csv = mappingsToCsv(store.mappings.list(conn.id), conn.rules.requiredDimensions);
      return { csv: input.separator && input.separator !== ',' ? resep(csv, ',', input.separator) : csv };
    },
    'reference.refresh': async (input: MethodInput<'reference.refresh'>) => {
      const conn = requireConnection(rt, input.connectionId);
      const { source, target } = buildAdapters(rt, conn, actor);
      const counts = await refreshReference(store, conn.id, target, actor);
      const categories = await noteSourceCategories(rt, conn.id, source);
      if (categories) counts[`source categories`] = categories;
      rt.events.emit({ type: 'entities.changed', payload: { tags: ['reference', 'mappings'] } });
      return { counts };
    },
    'reference.list': async (input: MethodInput<'reference.list'>) => store.reference.list(input.connectionId, input.kind, input.search),
    'audit.list': async (input: MethodInput<'audit.list'>) => store.audit.list({ ...input, limit: input.limit ?? 500 }),
    'audit.export': async (input: MethodInput<'audit.export'>): Promise<MethodOutput<'audit.export'>> => {
      const events = store.audit.list({ ...input, limit: input.limit ?? 100_000 }).reverse();
      if (input.format === 'json') return { content: JSON.stringify(events, null, 2) };
      const cols = ['id', 'at', 'connectionId', 'actor', 'action', 'sourceId', 'erpId', 'idempotencyKey', 'outcome', 'message', 'correlationId'] as const;
      return { content: safeCsv([cols as unknown as string[], ...events.map((e) => cols.map((c) => (e[c] ?? '') as string | number))]) };
    },
  };
}
