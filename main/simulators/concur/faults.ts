// Simulator fault switches, a seeded PRNG (deterministic fault patterns) and per-path request counts.

import { seeded } from '../prng';
export type Datacenter = 'us' | 'eu';
export const DATACENTERS: readonly Datacenter[] = ['us', 'eu'];

/** One-shot faults for the next data requests, consumed in order. */
export type FaultKind = '429' | '500' | '503' | 'html' | 'badjson' | '401' | 'timeout';

export interface SimFaults {
  /** Added to every request, in real milliseconds. */
  latencyMs: number;
  /** Fraction (0..1) of data requests answered 429 with the documented body and retry-after. */
  rate429: number;
  /** Fraction (0..1) of data requests answered 503. */
  rate5xx: number;
  /** Value of the retry-after header on 429 answers (seconds). */
  retryAfterSeconds: number;
  /** The next token call fails with this documented code (then the switch resets). */
  failNextTokenWith: number | null;
  /** Faults for the next data requests, one per request. */
  queue: FaultKind[];
  /** A 'timeout' fault holds the answer this long (real ms), then processes the request anyway. */
  hangMs: number;
}

export function defaultFaults(): SimFaults {
  return { latencyMs: 0, rate429: 0, rate5xx: 0, retryAfterSeconds: 0, failNextTokenWith: null, queue: [], hangMs: 1500 };
}

/** Reproducible fault sequences from a seed. */
export const createPrng = seeded;

export interface CountFilter {
  dc?: Datacenter;
  method?: string;
  /** Matches paths starting with this text. */
  path?: string;
  status?: number;
}

/** Request counts keyed by datacenter, method, path (no query) and status. */
export class SimStats {
  private readonly counts = new Map<string, number>();

  record(dc: Datacenter, method: string, path: string, status: number): void {
    const key = `${dc}\u0000${method}\u0000${path}\u0000${status}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  count(filter: CountFilter = {}): number {
    let n = 0;
    for (const [key, v] of this.counts) {
      const [dc, method, path, status] = key.split('\u0000') as [string, string, string, string];
      if (filter.dc && dc !== filter.dc) continue;
      if (filter.method && method !== filter.method) continue;
      if (filter.path && !path.startsWith(filter.path)) continue;
      if (filter.status !== undefined && Number(status) !== filter.status) continue;
      n += v;
    }
    return n;
  }

  /** Counts per "dc METHOD path" (statuses summed), for debugging and assertions. */
  byPath(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, v] of this.counts) {
      const [dc, method, path] = key.split('\u0000');
      const k = `${dc} ${method} ${path}`;
      out[k] = (out[k] ?? 0) + v;
    }
    return out;
  }

  reset(): void {
    this.counts.clear();
  }
}
