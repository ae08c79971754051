// Sync run history: one row per run with its summary (what the dashboard and --json show).
import type { RunSummary } from '../../../../shared/schemas/run';
import type { Db } from '../db';

export function createRunRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO runs (id, connection_id, started_at, finished_at, summary_json) VALUES (@runId, @connectionId, @startedAt, @finishedAt, @json)
     ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, summary_json = excluded.summary_json`,
  );
  const last = db.prepare('SELECT summary_json FROM runs WHERE connection_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1');
  return {
    save(s: RunSummary): void {
      upsert.run({ runId: s.runId, connectionId: s.connectionId, startedAt: s.startedAt, finishedAt: s.finishedAt, json: JSON.stringify(s) });
    },
    last(connectionId: string): RunSummary | null {
      const r = last.get(connectionId) as { summary_json: string } | undefined;
      // Runs stored before `deferred` existed read as 0.
      if (!r) return null;
      const run = JSON.parse(r.summary_json) as Omit<RunSummary, 'deferred'> & { deferred?: number };
      return { ...run, deferred: run.deferred ?? 0 };
    },
  };
}
export type RunRepo = ReturnType<typeof createRunRepo>;
