// Test wiring for the Concur adapter: a real AdapterContext (fetch, Limiter, retry) with in-memory
// secrets, recorded notes and a clock that can be shifted and records (and may shorten) sleeps.
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { ConcurSourceSettings } from '../../shared/schemas/systems/concur';
import { Limiter } from '../../main/core/adapters/limiter';
import type { AdapterContext, AdapterNote } from '../../main/core/adapters/types';
import { MemorySecrets } from './memory-secrets';
import type { Clock } from '../../main/core/ports';
import { silentLogger, systemClock } from '../../main/core/ports';
import { SIM_CLIENT, createConcurSimulator } from '../../main/simulators/concur';
import type { ConcurSimulator, Datacenter } from '../../main/simulators/concur';

export { MemorySecrets };

/** systemClock shifted by `offsetMs` (tests move time forward for token expiry); sleeps are recorded. */
export class TestClock implements Clock {
  offsetMs = 0;
  readonly sleeps: number[] = [];
  /** Real sleeps are capped at this many ms so Retry-After can be asserted without waiting for it. */
  constructor(private readonly sleepCapMs = Number.POSITIVE_INFINITY) {}
  now(): Date {
    return new Date(systemClock.now().getTime() + this.offsetMs);
  }
  epochMs(): number {
    return this.now().getTime();
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return systemClock.sleep(Math.min(ms, this.sleepCapMs), signal);
  }
}

export const FAST_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2, maxDelayMs: 10, pauseAfterAuthFailures: 3 };

export interface ConcurTestContext {
  ctx: AdapterContext;
  secrets: MemorySecrets;
  notes: AdapterNote[];
  clock: TestClock;
  limiter: Limiter;
}

export function concurContext(opts: { secrets?: Record<string, string>; clock?: TestClock; retry?: RetryPolicy; concurrency?: number } = {}): ConcurTestContext {
  const secrets = new MemorySecrets(opts.secrets);
  const notes: AdapterNote[] = [];
  const clock = opts.clock ?? new TestClock();
  const limiter = new Limiter(opts.concurrency ?? 4);
  const ctx: AdapterContext = {
    fetch: globalThis.fetch,
    clock,
    logger: silentLogger,
    secrets,
    limiter,
    retry: opts.retry ?? FAST_RETRY,
    note: (n) => notes.push(n),
  };
  return { ctx, secrets, notes, clock, limiter };
}

export function concurSettings(overrides: Partial<ConcurSourceSettings> & Pick<ConcurSourceSettings, 'tokenUrl' | 'clientId' | 'username'>): ConcurSourceSettings {
  return {
    system: 'concur',
    grant: 'authtoken',
    startDate: '2025-01-01',
    pageSize: 25,
    dimensionFields: { costCenter: 'Custom1' },
    companyPaidPaymentTypes: ['IBCP', 'CBCP'],
    ...overrides,
  };
}

/** A started simulator plus a context whose clock the simulator shares (plus `simAheadMs` for the simulator only). */
export interface ConcurFixture extends ConcurTestContext {
  sim: ConcurSimulator;
  urls: Record<Datacenter, string>;
  /** Moves only the simulator's clock ahead: tokens expire server-side while the adapter still trusts them. */
  simAhead(ms: number): void;
  stop(): Promise<void>;
}

export async function startConcurFixture(opts: { secrets?: Record<string, string>; sleepCapMs?: number; retry?: RetryPolicy; seed?: number } = {}): Promise<ConcurFixture> {
  const clock = new TestClock(opts.sleepCapMs);
  let ahead = 0;
  const sim = createConcurSimulator({ now: () => clock.epochMs() + ahead, seed: opts.seed ?? 42 });
  const { urls } = await sim.start();
  const t = concurContext({ secrets: { clientSecret: SIM_CLIENT.clientSecret, ...opts.secrets }, clock, retry: opts.retry });
  return { ...t, sim, urls, simAhead: (ms) => (ahead += ms), stop: () => sim.stop() };
}
