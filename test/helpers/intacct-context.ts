// Test wiring for the Sage Intacct adapter: a real AdapterContext (fetch, a movable clock, Limiter(2),
// tiny retry delays) with in-memory secrets, a seeded simulator, and a plan builder.
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { PostingPlan } from '../../shared/schemas/plan';
import { sageIntacctTargetSchema, type SageIntacctTargetSettings } from '../../shared/schemas/systems/sage-intacct';
import { Limiter } from '../../main/core/adapters/limiter';
import { createSageIntacctTarget } from '../../main/core/adapters/sage-intacct/adapter';
import type { AdapterContext, AdapterNote, TargetAdapter } from '../../main/core/adapters/types';
import { systemClock, type Clock } from '../../main/core/ports';
import { createSageIntacctSimulator, type SageIntacctSimOptions, type SageIntacctSimulator } from '../../main/simulators/sage-intacct';
import { buildPlan, planLine, recordingContext, type RecordingContext } from './adapter-context';
import { MemorySecrets } from './memory-secrets';

export const IA = { senderId: 'MLC_SENDER', senderPassword: 'Snd-7hQ!x92', companyId: 'ACME-CO', userId: 'api_user', userPassword: 'Usr-k3#Pq81z' } as const;
export const IA_SECRETS = { senderPassword: IA.senderPassword, userPassword: IA.userPassword };
export const IA_FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 10, pauseAfterAuthFailures: 3 };

/** Real time plus an offset the test can move (session renewal). */
export function movableClock(): Clock & { advance(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), sleep: systemClock.sleep, advance: (ms) => void (offset += ms) };
}

export function intacctContext(secrets: Record<string, string> = IA_SECRETS, clock: Clock = systemClock): RecordingContext {
  return recordingContext({ clock, secrets: new MemorySecrets(secrets), limiter: new Limiter(2), retry: IA_FAST_RETRY });
}

export function intacctSettings(endpointUrl: string, overrides: Record<string, unknown> = {}): SageIntacctTargetSettings {
  return sageIntacctTargetSchema.parse({ system: 'sage-intacct', endpointUrl, testEndpoint: true, senderId: IA.senderId, companyId: IA.companyId, userId: IA.userId, ...overrides });
}

/** Master data every Intacct test starts from. */
export const IA_SEED: SageIntacctSimOptions = {
  senders: { [IA.senderId]: { password: IA.senderPassword, companies: [IA.companyId] }, OTHER_SENDER: { password: 'x-other-pw', companies: ['ELSEWHERE'] } },
  users: { [IA.companyId]: { [IA.userId]: IA.userPassword } },
  departments: [{ id: 'D100', name: 'Sales' }, { id: 'D200', name: 'Engineering' }, { id: 'D400', name: 'Marketing', active: false }],
  locations: [{ id: 'L10', name: 'New York' }, { id: 'L20', name: 'Chicago', active: false }],
  accounts: [{ id: '2000' }, { id: '2050' }, { id: '6000', name: 'Travel' }, { id: '6020', name: 'Meals' }, { id: '6999', active: false }],
  vendors: [{ id: 'V-E001', termName: 'Due on receipt' }, { id: 'V100', name: 'Grand Hotel', termName: 'N30' }, { id: 'V103', name: 'Old Taxi', active: false, termName: 'N30' }],
  employees: [{ id: 'E001', name: 'Ada Lovelace' }, { id: 'E009', name: 'Gone Person', active: false }],
  closedPeriods: ['2024-01'],
};

export interface IntacctFixture {
  sim: SageIntacctSimulator;
  url: string;
  settings: SageIntacctTargetSettings;
  ctx: AdapterContext;
  notes: AdapterNote[];
  logs: string[];
  adapter: TargetAdapter;
  stop(): Promise<void>;
}

export async function startIntacctFixture(opts: { sim?: SageIntacctSimOptions; settings?: Record<string, unknown>; secrets?: Record<string, string>; clock?: Clock } = {}): Promise<IntacctFixture> {
  const sim = createSageIntacctSimulator({ ...IA_SEED, ...opts.sim });
  const { url } = await sim.start();
  const settings = intacctSettings(url, opts.settings);
  const { ctx, notes, logs } = intacctContext(opts.secrets, opts.clock);
  return { sim, url, settings, ctx, notes, logs, adapter: createSageIntacctTarget(settings, ctx), stop: () => sim.stop() };
}

export const line = planLine;

let keySeq = 0;

/** A balanced two-line expense journal (USD, the base) unless lines are given. */
export function plan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  keySeq++;
  const lines = [line(1, '6000', 'debit', 12345, { dimensions: { department: 'D100', location: 'L10' } }), line(2, '2050', 'credit', 12345, { partner: 'E001' })];
  const defaults = { idempotencyKey: `MLC-IA${String(keySeq).padStart(14, '0')}`, sourceId: `R${keySeq}`, postingDate: '2024-03-15', documentDate: '2024-03-14', currency: 'USD', description: 'Expense report Ada', partner: 'E001', lines };
  return buildPlan(defaults, overrides);
}

/** A supplier invoice: expense lines plus the payable credit carrying the vendor. */
export function billPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  const vendor = overrides.partner ?? 'V100';
  const lines = [line(1, '6000', 'debit', 20000, { dimensions: { department: 'D200' } }), line(2, '6020', 'debit', 4550, { dimensions: { location: 'L10' } }), line(3, '2000', 'credit', 24550, { partner: vendor })];
  return plan({ kind: 'supplier_invoice', sourceKind: 'invoice', partner: vendor, invoiceNumber: 'INV-2024-77', lines, ...overrides });
}
