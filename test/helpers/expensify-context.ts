// Test wiring for the Expensify source: a virtual clock shared by the adapter (rate window, backoff) and the
// simulator (its rate limit), so documented 10 s / 60 s windows pass in milliseconds of real time.
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { SourceDocument } from '../../shared/schemas/document';
import type { ExpensifySourceSettings } from '../../shared/schemas/systems/expensify';
import { EXPENSIFY_DEFAULT_RATE_LIMITS } from '../../shared/schemas/systems/expensify';
import { Limiter } from '../../main/core/adapters/limiter';
import type { AdapterContext, AdapterNote } from '../../main/core/adapters/types';
import type { Clock } from '../../main/core/ports';
import { silentLogger } from '../../main/core/ports';
import { createExpensifySimulator } from '../../main/simulators/expensify';
import type { ExpensifySimulator, ExpensifySimulatorOptions } from '../../main/simulators/expensify';
import { MemorySecrets } from './memory-secrets';

export const PARTNER = { id: 'aa_test_partner', secret: 'expensify-test-secret-9f3e1d' };

/** Time moves only when someone sleeps: sleep(ms) advances the clock by ms and yields once. */
export class VirtualClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = Date.UTC(2026, 10, 2, 9, 0, 0)) {}
  now(): Date {
    return new Date(this.t);
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    await new Promise((r) => setImmediate(r));
  }
}

/** Backoff delays sized for the documented windows (virtual time, so they cost nothing real). */
export const WINDOW_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2_000, maxDelayMs: 30_000, pauseAfterAuthFailures: 3 };

export function expensifySettings(baseUrl: string, over: Partial<ExpensifySourceSettings> = {}): ExpensifySourceSettings {
  return {
    system: 'expensify',
    baseUrl,
    partnerUserId: PARTNER.id,
    startDate: '2026-01-01',
    endDate: null,
    reportStates: 'APPROVED,REIMBURSED',
    policyIds: [],
    exportLabel: 'ml-connector',
    tagDimension: { tag: 'costCenter' },
    rateLimits: EXPENSIFY_DEFAULT_RATE_LIMITS,
    ...over,
  };
}

export interface ExpensifyFixture {
  sim: ExpensifySimulator;
  url: string;
  ctx: AdapterContext;
  clock: VirtualClock;
  secrets: MemorySecrets;
  notes: AdapterNote[];
  logs: string[];
  settings(over?: Partial<ExpensifySourceSettings>): ExpensifySourceSettings;
  stop(): Promise<void>;
}

export async function startExpensifyFixture(opts: { secret?: string | null; retry?: RetryPolicy; sim?: ExpensifySimulatorOptions } = {}): Promise<ExpensifyFixture> {
  const clock = new VirtualClock();
  const sim = createExpensifySimulator({ now: () => clock.t, seed: 5, ...opts.sim });
  sim.state.addPartner(PARTNER.id, PARTNER.secret);
  const { url } = await sim.start();
  const secret = opts.secret === undefined ? PARTNER.secret : opts.secret;
  const secrets = new MemorySecrets(secret === null ? {} : { partnerUserSecret: secret });
  const notes: AdapterNote[] = [];
  const logs: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => logs.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  const ctx: AdapterContext = {
    fetch: globalThis.fetch,
    clock,
    logger: { ...silentLogger, info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
    secrets,
    limiter: new Limiter(4),
    retry: opts.retry ?? WINDOW_RETRY,
    note: (n) => notes.push(n),
  };
  return { sim, url, ctx, clock, secrets, notes, logs, settings: (over) => expensifySettings(url, over), stop: () => sim.stop() };
}

/** Everything a pull yields, flattened. */
export async function pullAll(pull: { batches: AsyncIterable<SourceDocument[]> }): Promise<SourceDocument[]> {
  const out: SourceDocument[] = [];
  for await (const b of pull.batches) out.push(...b);
  return out;
}
