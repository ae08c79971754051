// Runs async jobs with at most `size` in flight; `add` waits while the pool is full (backpressure).

export class Pool {
  private readonly running = new Set<Promise<void>>();
  private firstError: unknown = null;

  constructor(private readonly size: number) {}

  async add(job: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    this.throwIfFailed();
    const p: Promise<void> = job()
      .catch((e) => {
        this.firstError ??= e;
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size) await Promise.race(this.running);
    this.throwIfFailed();
  }

  get failed(): boolean {
    return this.firstError !== null;
  }

  private throwIfFailed(): void {
    if (this.firstError !== null) throw this.firstError;
  }
}

/** Reads ahead of the consumer so fetching the next page overlaps with posting the current one. */
export async function* readAhead<T>(source: AsyncIterable<T>, depth: number): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const buffer: Array<Promise<IteratorResult<T>>> = [];
  const fill = () => {
    while (buffer.length < depth) buffer.push(it.next());
  };
  try {
    fill();
    for (;;) {
      const next = await buffer.shift()!;
      if (next.done) return;
      fill();
      yield next.value;
    }
  } finally {
    await it.return?.();
  }
}
