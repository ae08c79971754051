// Database backups with SQLite's online backup API (consistent while other connections read and write):
// one automatic copy a day in <data-dir>/backups, the last N kept, and copies on demand.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './db';

export const DEFAULT_BACKUPS_KEPT = 7;
const DAILY = /^ml-connector-(\d{4}-\d{2}-\d{2})\.db$/;

export const backupDirOf = (dbPath: string): string => join(dirname(dbPath), 'backups');

/** Automatic daily backups, newest first. */
export function listBackups(dbPath: string): string[] {
  const dir = backupDirOf(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => DAILY.test(f)).sort().reverse().map((f) => join(dir, f));
}

export const latestBackup = (dbPath: string): string | null => listBackups(dbPath)[0] ?? null;

/** Copies the live database to `file` (written beside it first, then renamed, so a half copy never has the name). */
export async function backupTo(db: Db, file: string): Promise<{ path: string; bytes: number }> {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  renameSync(partial, file);
  return { path: file, bytes: statSync(file).size };
}

/** Today's automatic backup if there is none yet (dates are the clock's UTC day); older ones beyond `keep` go. */
export async function dailyBackup(db: Db, dbPath: string, now: Date, keep = DEFAULT_BACKUPS_KEPT): Promise<string | null> {
  if (dbPath === ':memory:') return null;
  const file = join(backupDirOf(dbPath), `ml-connector-${now.toISOString().slice(0, 10)}.db`);
  if (existsSync(file)) return null;
  await backupTo(db, file);
  for (const old of listBackups(dbPath).slice(Math.max(1, keep))) rmSync(old, { force: true });
  return file;
}
