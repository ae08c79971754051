// Forward-only, checksummed migrations; refuses a database written by a newer build or edited by hand.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Db } from './db';
import type { Migration } from './migrations/index';
import { migrations as known } from './migrations/index';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class MigrationError extends Error {
  override name = 'MigrationError';
  /** 'newer': written by a newer build (update ml-connector); 'edited': an applied migration does not match. */
  constructor(message: string, readonly reason: 'newer' | 'edited' = 'edited') {
    super(message);
  }
}

interface Applied {
  id: number;
  name: string;
  sha256: string;
}

/** Applies pending migrations, each in its own transaction, after a VACUUM INTO backup of a non-empty file. */
export function migrate(db: Db, dbPath: string, list: readonly Migration[] = known): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT id, name, sha256 FROM schema_migrations ORDER BY id').all() as Applied[];
  applied.forEach((a, i) => {
    const m = list[i];
    if (!m || m.id !== a.id) throw new MigrationError(`database has migration ${a.id} (${a.name}) that this build does not know: it was written by a newer ml-connector`, 'newer');
    if (sha256(m.up) !== a.sha256) throw new MigrationError(`migration ${a.id} (${a.name}) differs from the one applied to this database`);
  });
  const pending = list.slice(applied.length);
  if (pending.length === 0) return { applied: [] };
  if (applied.length > 0 && dbPath !== ':memory:') {
    const backup = `${dbPath}.pre-${pending[0]!.id}.bak`;
    if (!existsSync(backup)) db.prepare('VACUUM INTO ?').run(backup);
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  const has = db.prepare('SELECT 1 FROM schema_migrations WHERE id = ?');
  const done: number[] = [];
  for (const m of pending) {
    // IMMEDIATE, and checked again inside: another process opening the same file may have applied it meanwhile.
    db.transaction(() => {
      if (has.get(m.id)) return;
      db.exec(m.up);
      record.run(m.id, m.name, sha256(m.up), new Date().toISOString());
      done.push(m.id);
    }).immediate();
  }
  return { applied: done };
}
