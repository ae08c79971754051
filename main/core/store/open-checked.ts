// Opening the database is where trust starts: SQLite's quick_check and the migration checksums must pass, else
// the store is refused with the way out; a database created now is marked "new", and when the data folder shows
// it had one before (backups, pre-migration copies, the demo's ledgers, a key file) that is said, not hidden.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './db';
import { openDb } from './db';
import { listBackups } from './backups';
import { damaged, quickCheck, StoreDamagedError } from './integrity';
import { migrate, MigrationError } from './migrate';

export interface CheckedOpen {
  db: Db;
  /** True when this open created the schema (no migration had been applied before). */
  created: boolean;
  /** For a created database: signs in the data folder that an earlier one existed. */
  traces: string[];
}

/** Signs that a database lived at `dbPath` before: automatic backups, pre-migration copies, the demo's ledgers. */
export function priorTraces(dbPath: string): string[] {
  if (dbPath === ':memory:') return [];
  const dir = dirname(dbPath);
  const out: string[] = [];
  const backups = listBackups(dbPath).length;
  if (backups) out.push(`${backups} automatic backup${backups > 1 ? 's' : ''} in ${join(dir, 'backups')}`);
  const name = basename(dbPath);
  if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(`${name}.pre-`) && f.endsWith('.bak'))) out.push('pre-migration copies of the database');
  if (existsSync(join(dir, 'demo', 'x3-ledger.json'))) out.push("the demo's simulated ERP ledgers");
  return out;
}

const sqliteCode = (e: unknown): string => String((e as { code?: unknown }).code ?? '');

export function openChecked(dbPath: string, hostTraces: string[] = []): CheckedOpen {
  const traces = [...priorTraces(dbPath), ...hostTraces];
  let db: Db;
  try {
    db = openDb(dbPath);
  } catch (e) {
    if (/SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode(e))) throw damaged(dbPath, (e as Error).message);
    throw e;
  }
  try {
    const problem = quickCheck(db);
    if (problem) throw damaged(dbPath, problem);
    const { applied } = migrate(db, dbPath);
    return { db, created: applied.includes(1), traces };
  } catch (e) {
    db.close();
    if (e instanceof StoreDamagedError) throw e;
    if (e instanceof MigrationError && e.reason === 'edited') throw damaged(dbPath, e.message);
    if (/SQLITE_(CORRUPT|NOTADB)/.test(sqliteCode(e))) throw damaged(dbPath, (e as Error).message);
    throw e;
  }
}
