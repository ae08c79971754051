// A counting semaphore: caps how many calls one adapter has in flight against a remote system.

export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  /** Peak number of concurrent holders, for the bench and tests. */
  peak = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`limiter capacity must be a positive integer, got ${capacity}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.capacity) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    if (this.active > this.peak) this.peak = this.active;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
