// Restoring the database from a backup: the file is checked (SQLite quick_check, an ml-connector database whose
// migrations this build knows), prepared as a copy marked "restored", then swapped in. A sound current database
// is first kept as a safety copy and the swap happens inside its writer lease, through SQLite's backup API, so
// processes that have it open see the restored content; a damaged or missing one is moved aside / replaced.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db';
import { openDb } from './db';
import { backupDirOf, backupTo } from './backups';
import { quickCheck, StoreDamagedError } from './integrity';
import { createMetaRepo } from './meta';
import type { StoreOriginInfo } from './meta';
import { migrate, MigrationError } from './migrate';
import { openChecked } from './open-checked';
import { createAuditRepo } from './repos/audit';
import { WriterLease } from './writer-lease';

export const RESTORED_NOTICE = "This data folder's database is restored: every document will be looked up in the ERP before it is posted";
const ACTIVITY = 'restoring this data folder from a backup';

export class RestoreError extends Error {
  override name = 'RestoreError';
}

export interface RestoreOptions {
  owner: string;
  waitMs?: number;
  now?: () => Date;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the database that was replaced now is (null when there was none). */
  previous: string | null;
  origin: StoreOriginInfo;
}

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** Refuses a file that is not a sound ml-connector database this build can read. */
export function checkBackupFile(file: string): void {
  if (!existsSync(file)) throw new RestoreError(`No such file: ${file}`);
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problem = quickCheck(db);
    if (problem) throw new RestoreError(`The file ${file} is damaged (${problem}); choose another backup`);
    const known = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() as { n: number };
    if (known.n === 0 || (db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n === 0) throw new RestoreError(`The file ${file} is not an ml-connector database`);
  } catch (e) {
    if (e instanceof RestoreError) throw e;
    if (/SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code))) throw new RestoreError(`The file ${file} is damaged (${(e as Error).message}); choose another backup`);
    throw new RestoreError(`The file ${file} cannot be read as an ml-connector database (${(e as Error).message})`);
  } finally {
    db?.close();
  }
}

/** A working copy of the backup, migrated to this build, marked restored, holding `lease` when given. */
async function prepareCopy(file: string, tmp: string, at: Date, lease: WriterLease | null): Promise<void> {
  rmSync(tmp, { force: true });
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp);
  } finally {
    src.close();
  }
  const db = openDb(tmp);
  try {
    // ':memory:' as the path: no pre-migration copy of a throw-away file.
    migrate(db, ':memory:');
    db.prepare('DELETE FROM writer_lease').run();
    lease?.stampInto(db, ACTIVITY);
    createMetaRepo(db).markRestored(at.toISOString(), file);
    createAuditRepo(db, () => at).append({ connectionId: null, actor: 'system', action: 'store', outcome: 'restored', message: `${RESTORED_NOTICE} (restored from ${file}).` });
  } catch (e) {
    if (e instanceof MigrationError) throw new RestoreError(`The file ${file} does not match this build: ${e.message}`);
    throw e;
  } finally {
    db.close();
  }
}

export async function restoreStore(dbPath: string, file: string, o: RestoreOptions): Promise<RestoreResult> {
  const now = o.now ?? (() => new Date());
  checkBackupFile(file);
  const dir = backupDirOf(dbPath);
  const tmp = join(dir, `restoring-${stamp(now())}.db`);
  let current: Db | null = null;
  try {
    current = existsSync(dbPath) ? openChecked(dbPath).db : null;
  } catch (e) {
    if (!(e instanceof StoreDamagedError)) throw e;
  }
  try {
    if (current) {
      // Sound database: inside its writer lease, keep it, then copy the prepared backup over it in place.
      const lease = new WriterLease(current, { owner: o.owner, waitMs: o.waitMs });
      const release = await lease.acquire(ACTIVITY);
      try {
        const previous = join(dir, `before-restore-${stamp(now())}.db`);
        await backupTo(current, previous);
        await prepareCopy(file, tmp, now(), lease);
        const src = new Database(tmp, { readonly: true });
        try {
          await src.backup(dbPath);
        } finally {
          src.close();
        }
        return { restoredFrom: file, previous, origin: createMetaRepo(current).origin() };
      } finally {
        release();
      }
    }
    // Damaged or missing: nothing can hold its lease; the damaged file is moved aside, never deleted.
    await prepareCopy(file, tmp, now(), null);
    let previous: string | null = null;
    if (existsSync(dbPath)) {
      previous = join(dir, `damaged-${stamp(now())}.db`);
      renameSync(dbPath, previous);
      for (const side of ['-wal', '-shm']) if (existsSync(dbPath + side)) renameSync(dbPath + side, previous + side);
    }
    renameSync(tmp, dbPath);
    const db = openChecked(dbPath).db;
    try {
      return { restoredFrom: file, previous, origin: createMetaRepo(db).origin() };
    } finally {
      db.close();
    }
  } finally {
    current?.close();
    for (const side of ['', '-wal', '-shm']) rmSync(tmp + side, { force: true });
  }
}
