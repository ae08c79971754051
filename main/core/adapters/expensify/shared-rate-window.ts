// The Expensify rate window kept in the database (AdapterContext.rateWindows), so back-to-back CLI syncs,
// the desktop scheduler and a replay on one data folder all count against the same 5-per-10-s window
// instead of each believing it has it to itself and meeting Expensify's 429s. Same rules as RateWindow:
// a request counts from its start until its answer, then at its answer's time.
import type { ExpensifyRateWindow } from '../../../../shared/schemas/systems/expensify';
import type { Clock } from '../../ports';
import type { SharedRateSlot, SharedRateWindows } from '../types';
import { windowDelay, type RequestPacer } from './rate-window';

/** A request left in flight by a killed process counts as answered this long after it started (the export timeout). */
const STALE_IN_FLIGHT_MS = 300_000;
/** How often to look again while another process's request holds the last place. */
const POLL_MS = 250;

export class SharedRateWindow implements RequestPacer {
  waitedMs = 0;
  private readonly keepMs: number;

  constructor(
    private readonly store: SharedRateWindows,
    /** Who shares the window: Expensify limits each partner user. */
    private readonly scope: string,
    private readonly windows: readonly ExpensifyRateWindow[],
    private readonly clock: Clock,
  ) {
    if (windows.length === 0) throw new Error('at least one rate window is needed');
    this.keepMs = Math.max(...windows.map((w) => w.windowMs));
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = this.clock.now().getTime();
      const times = (slots: SharedRateSlot[]) => slots.map((s) => s.answeredMs ?? (s.startedMs + STALE_IN_FLIGHT_MS <= now ? s.startedMs + STALE_IN_FLIGHT_MS : Number.POSITIVE_INFINITY));
      const got = this.store.tryTake(this.scope, now, this.keepMs, STALE_IN_FLIGHT_MS, (slots) => windowDelay(this.windows, times(slots), now));
      if ('id' in got) {
        let done = false;
        return () => {
          if (done) return;
          done = true;
          this.store.answer(got.id, this.clock.now().getTime());
        };
      }
      const wait = Number.isFinite(got.waitMs) ? got.waitMs : POLL_MS;
      this.waitedMs += wait;
      await this.clock.sleep(wait, signal);
    }
  }
}
