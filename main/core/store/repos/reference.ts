// Local cache of ERP reference data (accounts, suppliers, dimension values), replaced per refresh.
import type { ReferenceItem, ReferenceKind } from '../../../../shared/schemas/reference';
import type { Db } from '../db';

interface Row {
  kind: ReferenceKind;
  dimension_type: string;
  code: string;
  name: string;
  active: number;
}

export function createReferenceRepo(db: Db, now: () => Date) {
  const insert = db.prepare(
    `INSERT INTO reference_items (connection_id, kind, dimension_type, code, name, active, refreshed_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (connection_id, kind, dimension_type, code) DO UPDATE SET name = excluded.name, active = excluded.active, refreshed_at = excluded.refreshed_at`,
  );
  return {
    /** Replaces the whole cache of a connection in one transaction (called after a complete read). */
    replaceAll(connectionId: string, items: ReferenceItem[]): void {
      const at = now().toISOString();
      db.transaction(() => {
        db.prepare('DELETE FROM reference_items WHERE connection_id = ?').run(connectionId);
        for (const i of items) insert.run(connectionId, i.kind, i.dimensionType, i.code, i.name, i.active ? 1 : 0, at);
      })();
    },
    list(connectionId: string, kind?: ReferenceKind, search?: string): ReferenceItem[] {
      const where = ['connection_id = ?'];
      const args: unknown[] = [connectionId];
      if (kind) {
        where.push('kind = ?');
        args.push(kind);
      }
      if (search) {
        where.push("(code LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\')");
        const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        args.push(like, like);
      }
      const rows = db.prepare(`SELECT kind, dimension_type, code, name, active FROM reference_items WHERE ${where.join(' AND ')} ORDER BY kind, dimension_type, code`).all(...args) as Row[];
      return rows.map((r) => ({ kind: r.kind, dimensionType: r.dimension_type, code: r.code, name: r.name, active: r.active === 1 }));
    },
    count(connectionId: string): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM reference_items WHERE connection_id = ?').get(connectionId) as { n: number }).n;
    },
  };
}
export type ReferenceRepo = ReturnType<typeof createReferenceRepo>;
