// The desktop app's scheduler: the core's Scheduler, ticking in the main process whether or not a window is
// open, with "Pause all" from the tray. Scheduled runs go through core.sync (the same startSync path as the
// contract's sync.run and the CLI), so they share its single-flight and the store's writer lock.
import type { Core } from '../core/create-core';
import { Scheduler } from '../core/engine/schedule';
import type { Logger } from '../core/ports';

export interface BackgroundScheduler {
  readonly paused: boolean;
  setPaused(paused: boolean): void;
  /** Looks for due syncs now (the timer calls this every tick). */
  tick(): void;
  start(tickMs?: number): void;
  stop(): void;
}

export function createBackgroundScheduler(core: Core, opts: { paused: boolean; logger: Logger; onPausedChange?(paused: boolean): void }): BackgroundScheduler {
  const rt = core.runtime;
  let paused = opts.paused;
  const scheduler = new Scheduler({
    // Paused: no connection is due. A sync already running is never interrupted.
    listConnections: () => (paused ? [] : rt.store.connections.list()),
    lastStartedAt: (id) => rt.store.runs.last(id)?.startedAt ?? null,
    isRunning: (id) => rt.running.has(id),
    run: (id) => core.sync(id, { trigger: 'schedule', actor: 'scheduler' }),
    now: () => rt.clock.now(),
    onError: (id, e) => opts.logger.error('scheduled sync failed', { connectionId: id, error: e instanceof Error ? e.message : String(e) }),
  });
  return {
    get paused() {
      return paused;
    },
    setPaused(p) {
      if (p === paused) return;
      paused = p;
      opts.logger.info(p ? 'scheduled syncs paused from the tray' : 'scheduled syncs resumed from the tray');
      opts.onPausedChange?.(p);
    },
    tick: () => scheduler.tick(),
    start: (tickMs) => {
      scheduler.start(tickMs);
      rt.scheduleSince = scheduler.watchingSince ?? undefined;
    },
    stop: () => scheduler.stop(),
  };
}
