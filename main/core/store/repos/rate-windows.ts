// Rate-window slots in SQLite, so every process on one data folder paces against the same window. Taking a
// slot is one IMMEDIATE transaction (read the scope's recent slots, decide, insert), so two processes never
// both see the same free place; nothing is held across the request itself.
import type { Db } from '../db';

export interface RateSlot {
  startedMs: number;
  /** null while the request is in flight. */
  answeredMs: number | null;
}

export function createRateWindowRepo(db: Db) {
  const purge = db.prepare('DELETE FROM rate_window_slots WHERE scope = ? AND COALESCE(answered_ms, started_ms + ?) < ?');
  const list = db.prepare('SELECT started_ms AS startedMs, answered_ms AS answeredMs FROM rate_window_slots WHERE scope = ?');
  const insert = db.prepare('INSERT INTO rate_window_slots (scope, started_ms) VALUES (?, ?)');
  const answer = db.prepare('UPDATE rate_window_slots SET answered_ms = ? WHERE id = ? AND answered_ms IS NULL');
  const take = db.transaction((scope: string, nowMs: number, keepMs: number, staleMs: number, delayOf: (slots: RateSlot[]) => number): { id: number } | { waitMs: number } => {
    // Slots older than the longest window are gone; one left in flight by a killed process counts as answered after staleMs.
    purge.run(scope, staleMs, nowMs - keepMs);
    const waitMs = delayOf(list.all(scope) as RateSlot[]);
    if (waitMs > 0) return { waitMs };
    return { id: Number(insert.run(scope, nowMs).lastInsertRowid) };
  });
  return {
    /** A slot starting now when `delayOf` of the scope's slots says 0; otherwise how long to wait. */
    tryTake: (scope: string, nowMs: number, keepMs: number, staleMs: number, delayOf: (slots: RateSlot[]) => number) => take.immediate(scope, nowMs, keepMs, staleMs, delayOf),
    answer: (id: number, atMs: number): void => void answer.run(atMs, id),
  };
}
export type RateWindowRepo = ReturnType<typeof createRateWindowRepo>;
