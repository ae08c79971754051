// Sync entry points shared by "Sync now", the scheduler, the CLI and the demo: single-flight per connection.
import type { RunSummary } from '../../../shared/schemas/run';
import { runSync } from '../engine/sync-run';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';

export interface SyncRequest {
  connectionId: string;
  dryRun: boolean;
  trigger: RunSummary['trigger'];
  actor: string;
}

export function startSync(rt: Runtime, req: SyncRequest): Promise<RunSummary> {
  const inFlight = rt.running.get(req.connectionId);
  // A dry run never joins a real one (it must not post) and vice versa; dry runs write nothing so may overlap.
  if (inFlight && !req.dryRun) return inFlight;
  const conn = requireConnection(rt, req.connectionId);
  const p = (async () => {
    if (conn.status === 'paused' && req.trigger === 'schedule') {
      const at = rt.clock.now().toISOString();
      return { runId: 'skipped', connectionId: conn.id, trigger: req.trigger, dryRun: req.dryRun, startedAt: at, finishedAt: at, status: 'skipped', fetched: 0, posted: 0, held: 0, failed: 0, skipped: 0, recovered: 0, wouldPost: 0, error: conn.pausedReason } satisfies RunSummary;
    }
    const adapters = buildAdapters(rt, conn, req.actor);
    return runSync({ store: rt.store, clock: rt.clock, logger: rt.logger, events: rt.events }, conn, adapters, { trigger: req.trigger, dryRun: req.dryRun, actor: req.actor });
  })();
  if (!req.dryRun) {
    rt.running.set(req.connectionId, p);
    void p.finally(() => rt.running.delete(req.connectionId)).catch(() => undefined);
  }
  return p;
}
