// The runtime a core is built from: injected ports plus the store, the event hub and running syncs.
import type { MlcEvent } from '../../shared/contract/events';
import type { Connection } from '../../shared/schemas/connection';
import type { RunSummary } from '../../shared/schemas/run';
import type { AdapterRegistry } from './adapters/registry';
import type { SourceAdapter, TargetAdapter } from './adapters/types';
import { adapterContext } from './engine/context';
import { ConnectorError } from './errors';
import type { Clock, EventSink, HttpFetch, Logger, SecretCipher } from './ports';
import type { Store } from './store/store';
import type { WriterLease } from './store/writer-lease';

export interface Runtime {
  store: Store;
  /** The data folder's one-writer lease: posting, replaying, dismissing and importing run inside it. */
  writer: WriterLease;
  /** Automatic daily backups kept (default 7). */
  backupsKept?: number;
  cipher: SecretCipher;
  clock: Clock;
  logger: Logger;
  fetch: HttpFetch;
  registry: AdapterRegistry;
  events: EventHub;
  /** Syncs in flight per connection: a second request joins the first instead of overlapping it. */
  running: Map<string, Promise<RunSummary>>;
  /** When this process's scheduler started (its "next sync" for a never-run connection counts from here). */
  scheduleSince?: Date;
}

export class EventHub implements EventSink {
  private readonly listeners = new Set<(e: MlcEvent) => void>();
  emit(event: MlcEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (closed window, dropped SSE client) must not break a sync.
      }
    }
  }
  subscribe(listener: (e: MlcEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function requireConnection(rt: Runtime, id: string): Connection {
  const c = rt.store.connections.get(id);
  if (!c) throw new ConnectorError('NOT_FOUND', `No connection "${id}"`, { retryable: false });
  return c;
}

export function buildAdapters(rt: Runtime, conn: Connection, actor: string, signal?: AbortSignal): { source: SourceAdapter; target: TargetAdapter } {
  const deps = { store: rt.store, cipher: rt.cipher, fetch: rt.fetch, clock: rt.clock, logger: rt.logger };
  return {
    // Rate windows live in the database so every process on this data folder paces against the same one.
    source: rt.registry.source(conn, { ...adapterContext(deps, conn, 'source', actor, signal), rateWindows: rt.store.rateWindows }),
    target: rt.registry.target(conn, { ...adapterContext(deps, conn, 'target', actor, signal), rateWindows: rt.store.rateWindows }),
  };
}
