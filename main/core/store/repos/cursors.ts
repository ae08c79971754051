// Persisted read positions per connection and stream (e.g. Concur modifiedDateAfter).
import type { Db } from '../db';

export function createCursorRepo(db: Db, now: () => Date) {
  const get = db.prepare('SELECT value FROM cursors WHERE connection_id = ? AND stream = ?');
  const put = db.prepare(
    `INSERT INTO cursors (connection_id, stream, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (connection_id, stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  return {
    get(connectionId: string, stream: string): string | null {
      return (get.get(connectionId, stream) as { value: string } | undefined)?.value ?? null;
    },
    set(connectionId: string, stream: string, value: string): void {
      put.run(connectionId, stream, value, now().toISOString());
    },
  };
}
export type CursorRepo = ReturnType<typeof createCursorRepo>;
