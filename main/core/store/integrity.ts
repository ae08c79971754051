// The open-time check: a database that SQLite finds damaged, or whose migrations do not match this build, is
// refused with one line saying what is wrong and the way out, never worked on.
import type { Db } from './db';
import { latestBackup } from './backups';

export class StoreDamagedError extends Error {
  override name = 'StoreDamagedError';
}

/** `PRAGMA quick_check`: null when the file is sound, else SQLite's first finding. */
export function quickCheck(db: Db): string | null {
  const rows = db.pragma('quick_check(5)') as Array<{ quick_check: string }>;
  const first = rows[0]?.quick_check ?? 'no answer';
  return rows.length === 1 && first === 'ok' ? null : first;
}

/** The way out: the newest automatic backup, or where backups would be. */
export function wayOut(dbPath: string): string {
  const backup = latestBackup(dbPath);
  return backup
    ? `restore the latest automatic backup: npx ml-connector restore ${backup}`
    : 'no automatic backup exists yet in the data folder\'s "backups" folder; restore a copy of your own with: npx ml-connector restore <file>';
}

export function damaged(dbPath: string, problem: string): StoreDamagedError {
  const what = problem.replace(/\s+/g, ' ').slice(0, 200);
  return new StoreDamagedError(`The database ${dbPath} is damaged (${what}); nothing was changed. To continue, ${wayOut(dbPath)}`);
}
