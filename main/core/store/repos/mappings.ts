// Mapping rows per connection; the engine resolves them, the grid edits them.
import type { Mapping, MappingKind, MappingRow } from '../../../../shared/schemas/mapping';
import type { Db } from '../db';

interface Row {
  connection_id: string;
  kind: MappingKind;
  source_code: string;
  source_name: string;
  target: string;
  dimensions_json: string;
  updated_at: string;
  updated_by: string;
}

const toRow = (r: Row): MappingRow => {
  const dimensions = JSON.parse(r.dimensions_json) as Record<string, string>;
  return {
    connectionId: r.connection_id,
    kind: r.kind,
    sourceCode: r.source_code,
    sourceName: r.source_name,
    target: r.target,
    dimensions,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    unmapped: r.target === '',
  };
};

/** Equal when nothing a posting depends on differs (used to skip no-op writes and audit rows). */
export const sameMapping = (a: Mapping, b: Mapping): boolean =>
  a.target === b.target && a.sourceName === b.sourceName && JSON.stringify(sortKeys(a.dimensions)) === JSON.stringify(sortKeys(b.dimensions));

const sortKeys = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '').sort(([a], [b]) => a.localeCompare(b)));

export function createMappingRepo(db: Db, now: () => Date) {
  const upsert = db.prepare(
    `INSERT INTO mappings (connection_id, kind, source_code, source_name, target, dimensions_json, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, kind, source_code) DO UPDATE SET source_name = excluded.source_name, target = excluded.target,
       dimensions_json = excluded.dimensions_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  const insertSeen = db.prepare(
    `INSERT INTO mappings (connection_id, kind, source_code, source_name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'sync')
     ON CONFLICT (connection_id, kind, source_code) DO NOTHING`,
  );
  const getOne = db.prepare('SELECT * FROM mappings WHERE connection_id = ? AND kind = ? AND source_code = ?');
  return {
    list(connectionId: string, kind?: MappingKind): MappingRow[] {
      const rows = kind
        ? db.prepare('SELECT * FROM mappings WHERE connection_id = ? AND kind = ? ORDER BY target <> \'\', source_code').all(connectionId, kind)
        : db.prepare('SELECT * FROM mappings WHERE connection_id = ? ORDER BY kind, target <> \'\', source_code').all(connectionId);
      return (rows as Row[]).map(toRow);
    },
    get(connectionId: string, kind: MappingKind, sourceCode: string): MappingRow | null {
      const r = getOne.get(connectionId, kind, sourceCode) as Row | undefined;
      return r ? toRow(r) : null;
    },
    /** Writes rows that differ from what is stored; returns the ones that changed (for the audit trail). */
    upsert(connectionId: string, rows: Mapping[], by: string): Array<{ before: MappingRow | null; after: Mapping }> {
      const at = now().toISOString();
      const changed: Array<{ before: MappingRow | null; after: Mapping }> = [];
      for (const m of rows) {
        const before = this.get(connectionId, m.kind, m.sourceCode);
        const after = { ...m, sourceName: m.sourceName || before?.sourceName || '' };
        if (before && sameMapping(before, after)) continue;
        const dims = Object.fromEntries(Object.entries(after.dimensions).filter(([, v]) => v !== ''));
        upsert.run(connectionId, m.kind, m.sourceCode, after.sourceName, after.target, JSON.stringify(dims), at, by);
        changed.push({ before, after });
      }
      return changed;
    },
    /** Records a code seen in source data so it shows (unmapped, pinned on top) before anyone maps it. */
    noteSeen(connectionId: string, kind: MappingKind, sourceCode: string, sourceName: string): void {
      insertSeen.run(connectionId, kind, sourceCode, sourceName, now().toISOString());
    },
    delete(connectionId: string, kind: MappingKind, sourceCode: string): boolean {
      return db.prepare('DELETE FROM mappings WHERE connection_id = ? AND kind = ? AND source_code = ?').run(connectionId, kind, sourceCode).changes > 0;
    },
  };
}
export type MappingRepo = ReturnType<typeof createMappingRepo>;
