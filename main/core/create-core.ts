// createCore(deps): the one core every host builds (Electron, CLI, bridge, tests), with its ports injected.
import type { MlcEvent } from '../../shared/contract/events';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract/methods';
import type { RunSummary } from '../../shared/schemas/run';
import type { AdapterRegistry } from './adapters/registry';
import { defaultRegistry } from './adapters/registry';
import { Scheduler } from './engine/schedule';
import { authorizeHandlers } from './handlers/authorize';
import { changeHandlers } from './handlers/changes';
import { connectionHandlers } from './handlers/connections';
import { mappingHandlers } from './handlers/mappings';
import { postingHandlers } from './handlers/postings';
import { reconcileHandlers } from './handlers/reconcile';
import { referenceHandlers } from './handlers/reference';
import { storeHandlers } from './handlers/store';
import { ingestPushed, startSync } from './handlers/sync';
import type { IngestOutcome, PushedDocument } from './engine/ingest-one';
import type { Clock, HttpFetch, Logger, SecretCipher } from './ports';
import { silentLogger, systemClock } from './ports';
import type { Runtime } from './runtime';
import { EventHub } from './runtime';
import { openStore } from './store/store';
import { WriterLease } from './store/writer-lease';

export interface CoreDeps {
  dbPath: string;
  cipher: SecretCipher;
  clock?: Clock;
  fetch?: HttpFetch;
  logger?: Logger;
  registry?: AdapterRegistry;
  /** Who this process is, for the writer lease and its "try again" message ("the desktop app", "the CLI (sync)"). */
  owner?: string;
  /** How long a writer waits for another process's lease (default 30 s). */
  writerWaitMs?: number;
  /** Automatic daily backups kept in <data-dir>/backups (default 7). */
  backupsKept?: number;
  /** Signs the host saw that the data folder was used before (see openStore). */
  storeTraces?: string[];
}

export type Handlers = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export interface Core {
  /** Handlers acting as `actor` (the signed-in user's name, "cli", "scheduler"). */
  handlers(actor: string): Handlers;
  sync(connectionId: string, opts: { dryRun?: boolean; trigger?: RunSummary['trigger']; actor: string }): Promise<RunSummary>;
  subscribe(listener: (e: MlcEvent) => void): () => void;
  /** Webhook receivers ask this before answering, so a redelivered event is acknowledged and ignored. */
  isDuplicateEvent(eventId: string): boolean;
  /** A document the source pushed (webhook): recorded by event id, fetched, posted once. */
  ingestPushed(connectionId: string, ref: PushedDocument, actor?: string): Promise<IngestOutcome>;
  startScheduler(tickMs?: number): void;
  close(): Promise<void>;
  readonly runtime: Runtime;
}

export function createCore(deps: CoreDeps): Core {
  const clock = deps.clock ?? systemClock;
  const store = openStore(deps.dbPath, () => clock.now(), { traces: deps.storeTraces });
  const logger = deps.logger ?? silentLogger;
  if (store.notice) logger.warn(store.notice);
  const writer = new WriterLease(store.db, {
    owner: deps.owner ?? 'another ml-connector process',
    waitMs: deps.writerWaitMs,
    onTakeover: (prev, why) =>
      store.audit.append({ connectionId: null, actor: 'system', action: 'store', outcome: 'lease_taken_over', message: `Took over the data folder's writer lease from ${prev.owner} (pid ${prev.pid} on ${prev.host}, ${prev.activity}): ${why}` }),
    onLost: (by) => logger.error('the data folder\'s writer lease was taken over while this process held it', { by: by ? `${by.owner} pid ${by.pid} on ${by.host}` : 'nobody' }),
  });
  const rt: Runtime = {
    store,
    writer,
    backupsKept: deps.backupsKept,
    cipher: deps.cipher,
    clock,
    logger,
    fetch: deps.fetch ?? fetch,
    registry: deps.registry ?? defaultRegistry,
    events: new EventHub(),
    running: new Map(),
  };
  const scheduler = new Scheduler({
    listConnections: () => rt.store.connections.list(),
    lastStartedAt: (id) => rt.store.runs.last(id)?.startedAt ?? null,
    isRunning: (id) => rt.running.has(id),
    run: (id) => startSync(rt, { connectionId: id, dryRun: false, trigger: 'schedule', actor: 'scheduler' }),
    now: () => clock.now(),
    onError: (id, e) => rt.logger.error('scheduled sync failed', { connectionId: id, error: e instanceof Error ? e.message : String(e) }),
  });
  return {
    runtime: rt,
    handlers: (actor) => ({ ...connectionHandlers(rt, actor), ...authorizeHandlers(rt, actor), ...postingHandlers(rt, actor), ...mappingHandlers(rt, actor), ...referenceHandlers(rt, actor), ...storeHandlers(rt), ...reconcileHandlers(rt, actor), ...changeHandlers(rt, actor) }) as Handlers,
    sync: (connectionId, o) => startSync(rt, { connectionId, dryRun: o.dryRun ?? false, trigger: o.trigger ?? 'manual', actor: o.actor }),
    subscribe: (l) => rt.events.subscribe(l),
    isDuplicateEvent: (eventId) => rt.store.webhookEvents.has(eventId),
    ingestPushed: (connectionId, ref, actor = 'webhook') => ingestPushed(rt, connectionId, ref, actor),
    startScheduler: (tickMs) => {
      scheduler.start(tickMs);
      rt.scheduleSince = scheduler.watchingSince ?? undefined;
    },
    async close() {
      scheduler.stop();
      await Promise.allSettled([...rt.running.values()]);
      rt.writer.dispose();
      rt.store.close();
    },
  };
}
