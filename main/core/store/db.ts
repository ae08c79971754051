// Opens the SQLite file with the pragmas the engine relies on (WAL, foreign keys, busy timeout).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = Database.Database;

export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Outbox rows carry a few KB of JSON; larger pages mean fewer overflow pages (only applies to a new file).
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 8 MB of page cache holds the outbox indexes' hot pages; more only grows the desktop app's memory.
  db.pragma('cache_size = -8000');
  immediateByDefault(db);
  return db;
}

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE), so the busy timeout applies. A deferred
 * one that reads and then writes while another process committed gets "database is locked" at once, with no wait.
 */
function immediateByDefault(db: Db): void {
  const make = db.transaction.bind(db);
  // Each variant carries .deferred/.immediate/.exclusive itself, so callers may still pick one explicitly.
  db.transaction = ((fn: (...args: never[]) => unknown) => make(fn).immediate) as Db['transaction'];
}

/** Prepares each distinct SQL text once: statements built on the hot path would otherwise pile up until GC. */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let st = cache.get(sql);
    if (!st) {
      st = db.prepare(sql);
      cache.set(sql, st);
    }
    return st;
  };
}
