// Client-side sliding-window limiter on ctx.clock: a request starts only when every window (by default
// 5 per 10 s and 20 per 60 s, api/expensify.md §8) has room, so we stay under the stricter documented limit.
// A request counts from its start until its answer arrives, and then at its answer's time: the server saw it
// somewhere in between, so network delay can never make the server count more than we did.
import type { ExpensifyRateWindow } from '../../../../shared/schemas/systems/expensify';
import type { Clock } from '../../ports';

/** What the client paces its requests with: in process (RateWindow) or shared through the database. */
export interface RequestPacer {
  /** Resolves when a request may start now; call the returned function once its answer (or failure) is in. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Total milliseconds spent waiting for room. */
  readonly waitedMs: number;
}

/**
 * How long from `now` until every window has room, given the times requests count at (their answer time;
 * Infinity while in flight): 0 = now, Infinity = until a request in flight ends.
 */
export function windowDelay(windows: readonly ExpensifyRateWindow[], times: readonly number[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    const inWindow = times.filter((t) => t > now - w.windowMs).sort((a, b) => a - b);
    if (inWindow.length < w.requests) continue;
    // Room comes when the request `requests` places back leaves the window.
    const blocker = inWindow[inWindow.length - w.requests] as number;
    wait = Math.max(wait, blocker + w.windowMs - now);
  }
  return wait;
}

interface Slot {
  /** Answer time (epoch ms); Infinity while the request is in flight. */
  t: number;
}

export class RateWindow implements RequestPacer {
  private slots: Slot[] = [];
  private readonly longest: number;
  /** Acquisitions run one after another so two callers never both see the same free slot. */
  private queue: Promise<void> = Promise.resolve();
  private wake: Array<() => void> = [];
  /** Total milliseconds spent waiting for room, for tests and notes. */
  waitedMs = 0;

  constructor(
    private readonly windows: readonly ExpensifyRateWindow[],
    private readonly clock: Clock,
  ) {
    if (windows.length === 0) throw new Error('at least one rate window is needed');
    this.longest = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Resolves when a request may start now; call the returned function once its answer (or failure) is in. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** How long from `now` until every window has room (0 = now, Infinity = until a request in flight ends). */
  delayAt(now: number): number {
    return windowDelay(this.windows, this.slots.map((s) => s.t), now);
  }

  private async take(signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      const now = this.clock.now().getTime();
      this.slots = this.slots.filter((s) => s.t > now - this.longest);
      const wait = this.delayAt(now);
      if (wait <= 0) {
        const slot: Slot = { t: Number.POSITIVE_INFINITY };
        this.slots.push(slot);
        let done = false;
        return () => {
          if (done) return;
          done = true;
          slot.t = this.clock.now().getTime();
          for (const w of this.wake.splice(0)) w();
        };
      }
      if (wait === Number.POSITIVE_INFINITY) {
        await new Promise<void>((resolve) => this.wake.push(resolve));
        continue;
      }
      this.waitedMs += wait;
      await this.clock.sleep(wait, signal);
    }
  }
}
