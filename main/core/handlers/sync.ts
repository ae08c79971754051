// Sync entry points shared by "Sync now", the scheduler, the CLI and the demo: single-flight per connection.
import type { MlcEvent } from '../../../shared/contract/events';
import type { RunSummary } from '../../../shared/schemas/run';
import type { IngestOutcome, PushedDocument } from '../engine/ingest-one';
import { ingestOne } from '../engine/ingest-one';
import { runBudget } from '../engine/run-budget';
import { runSync } from '../engine/sync-run';
import { noticesAfterRun } from './notices';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import { dailyBackup } from '../store/backups';

/** What the writer lease says this process is doing, for another process's "try again" message. */
export const ACTIVITY = {
  sync: 'syncing this data folder',
  replay: 'replaying held posts of this data folder',
  pushed: 'posting a document a webhook announced from this data folder',
  reference: 'pushing reference data from this data folder',
  dismiss: 'dismissing held posts of this data folder',
  import: 'importing into this data folder',
  redate: 're-dating held posts of this data folder',
} as const;

/** The first real sync of the day copies the database to <data-dir>/backups first; a failed copy never stops it. */
async function backupFirst(rt: Runtime): Promise<void> {
  try {
    const file = await dailyBackup(rt.store.db, rt.store.path, rt.clock.now(), rt.backupsKept);
    if (file) rt.logger.info('daily database backup written', { file });
  } catch (e) {
    rt.logger.error('the daily database backup failed', { error: e instanceof Error ? e.message : String(e) });
  }
}

/** What a connection's slot resolves to when a replay or a pushed document held it instead of a sync. */
export const NOT_A_SYNC = Object.freeze({ runId: '' }) as unknown as RunSummary;

/**
 * Holds the data folder's writer lease and the connection's slot for `job` (after anything in flight), so nothing
 * else, in this process or another, posts for it meanwhile.
 */
export function withSlot<T>(rt: Runtime, connectionId: string, job: () => Promise<T>, activity: string = ACTIVITY.replay): Promise<T> {
  return rt.writer.run(activity, () => inSlot(rt, connectionId, job));
}

async function inSlot<T>(rt: Runtime, connectionId: string, job: () => Promise<T>): Promise<T> {
  while (rt.running.has(connectionId)) await rt.running.get(connectionId)!.catch(() => undefined);
  const p = job();
  const slot = p.then(() => NOT_A_SYNC).catch(() => NOT_A_SYNC);
  rt.running.set(connectionId, slot);
  try {
    return await p;
  } finally {
    if (rt.running.get(connectionId) === slot) rt.running.delete(connectionId);
  }
}

export interface SyncRequest {
  connectionId: string;
  dryRun: boolean;
  trigger: RunSummary['trigger'];
  actor: string;
}

export function startSync(rt: Runtime, req: SyncRequest): Promise<RunSummary> {
  const inFlight = rt.running.get(req.connectionId);
  // A dry run never joins a real one (it must not post) and vice versa; dry runs write nothing so may overlap.
  // A slot held by a replay or a pushed document is waited for, then this sync starts.
  if (inFlight && !req.dryRun) return inFlight.then((r) => (r === NOT_A_SYNC ? startSync(rt, req) : r));
  const conn = requireConnection(rt, req.connectionId);
  // The slot is freed before run.finished reaches any host, so a screen refreshing on that event never sees
  // the connection still "running" (it would then wait for the next poll to clear "Syncing…").
  const wasPaused = conn.status === 'paused';
  const events = {
    emit: (e: MlcEvent) => {
      if (e.type === 'run.finished' && !req.dryRun && rt.running.get(req.connectionId) === p) rt.running.delete(req.connectionId);
      rt.events.emit(e);
      if (e.type === 'run.finished') for (const n of noticesAfterRun(rt, e.payload, wasPaused)) rt.events.emit({ type: 'notice', payload: n });
    },
  };
  // Only read by the listener on run.finished, which comes after the first await, so p is set by then.
  const p: Promise<RunSummary> = (async () => {
    if (conn.status === 'paused' && req.trigger === 'schedule') {
      const at = rt.clock.now().toISOString();
      return { runId: 'skipped', connectionId: conn.id, trigger: req.trigger, dryRun: req.dryRun, startedAt: at, finishedAt: at, status: 'skipped', fetched: 0, posted: 0, held: 0, failed: 0, skipped: 0, recovered: 0, wouldPost: 0, deferred: 0, linked: 0, wouldLink: 0, error: conn.pausedReason } satisfies RunSummary;
    }
    // The run's time budget starts when the run does (after any wait for the data folder's lease).
    const run = async () => {
      const budget = runBudget(conn);
      try {
        const adapters = buildAdapters(rt, conn, req.actor, budget.signal);
        return await runSync({ store: rt.store, clock: rt.clock, logger: rt.logger, events, fetch: rt.fetch }, conn, adapters, { trigger: req.trigger, dryRun: req.dryRun, actor: req.actor, signal: budget.signal });
      } finally {
        budget.dispose();
      }
    };
    // A dry run writes nothing, so it needs no lease; a real one holds it from the backup to the last post.
    if (req.dryRun) return run();
    return rt.writer.run(ACTIVITY.sync, async () => {
      await backupFirst(rt);
      return run();
    });
  })();
  if (!req.dryRun) {
    const mine = p;
    rt.running.set(req.connectionId, mine);
    void mine.finally(() => rt.running.get(req.connectionId) === mine && rt.running.delete(req.connectionId)).catch(() => undefined);
  }
  return p;
}

/**
 * A pushed document takes the connection's sync slot after any sync in flight, so it never races a poll of
 * the same document; the event id is recorded first, so a redelivery is a no-op.
 */
export function ingestPushed(rt: Runtime, connectionId: string, ref: PushedDocument, actor: string): Promise<IngestOutcome> {
  const conn = requireConnection(rt, connectionId);
  return rt.writer.run(ACTIVITY.pushed, async () => {
    if (!rt.store.webhookEvents.record(ref.eventId, conn.id, ref.sourceId)) return 'duplicate';
    try {
      return await withSlot(
        rt,
        conn.id,
        async () => {
          const outcome = await ingestOne({ store: rt.store, clock: rt.clock, logger: rt.logger }, conn, buildAdapters(rt, conn, actor), ref, actor);
          rt.store.webhookEvents.setOutcome(ref.eventId, outcome);
          return outcome;
        },
        ACTIVITY.pushed,
      );
    } finally {
      rt.events.emit({ type: 'entities.changed', payload: { tags: ['postings', 'audit'] } });
    }
  });
}
