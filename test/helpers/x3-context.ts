// Test wiring for the Sage X3 adapter: a real AdapterContext (fetch, systemClock, Limiter(4), tiny
// retry delays) with in-memory secrets, a seeded simulator, and a plan builder.
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { PlanLine, PostingPlan } from '../../shared/schemas/plan';
import { sageX3TargetSchema, type SageX3TargetSettings } from '../../shared/schemas/systems/sage-x3';
import { Limiter } from '../../main/core/adapters/limiter';
import { createSageX3Target } from '../../main/core/adapters/sage-x3/adapter';
import type { AdapterContext, AdapterNote, TargetAdapter } from '../../main/core/adapters/types';
import { MemorySecrets } from './memory-secrets';
import { silentLogger, systemClock } from '../../main/core/ports';
import { createSageX3Simulator, type SageX3SimOptions, type SageX3Simulator } from '../../main/simulators/sage-x3';

export const X3_USER = 'WSUSER';
export const X3_PASSWORD = 'Pw-9f3kQz!x';

export const X3_FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 10, pauseAfterAuthFailures: 3 };

export function x3Context(secrets: Record<string, string> = { password: X3_PASSWORD }): { ctx: AdapterContext; notes: AdapterNote[]; limiter: Limiter } {
  const notes: AdapterNote[] = [];
  const limiter = new Limiter(4);
  const ctx: AdapterContext = {
    fetch: globalThis.fetch,
    clock: systemClock,
    logger: silentLogger,
    secrets: new MemorySecrets(secrets),
    limiter,
    retry: X3_FAST_RETRY,
    note: (n) => notes.push(n),
  };
  return { ctx, notes, limiter };
}

export function x3Settings(serverUrl: string, overrides: Record<string, unknown> = {}): SageX3TargetSettings {
  return sageX3TargetSchema.parse({ system: 'sage-x3', serverUrl, folder: 'SEED', poolAlias: 'POOL1', username: X3_USER, company: 'C01', site: 'S01', ...overrides });
}

/** Master data every X3 test starts from. */
export const X3_SEED: SageX3SimOptions = {
  folder: 'SEED',
  poolAlias: 'POOL1',
  users: { [X3_USER]: X3_PASSWORD },
  accounts: [
    { code: '401000', name: 'Suppliers' },
    { code: '421000', name: 'Employees payable' },
    { code: '625100', name: 'Travel' },
    { code: '625700', name: 'Meals' },
    { code: '606400', name: 'Old supplies', active: false },
  ],
  costCenters: [{ code: 'CC10' }, { code: 'CC20' }, { code: 'CC99', active: false }],
  suppliers: [{ code: 'EMP001', name: 'Ada Employee' }, { code: 'SUP100', name: 'Hotel Co' }, { code: 'SUP900', name: 'Gone Ltd', active: false }],
  closedPeriods: ['2024-01'],
};

export interface X3Fixture {
  sim: SageX3Simulator;
  url: string;
  settings: SageX3TargetSettings;
  ctx: AdapterContext;
  adapter: TargetAdapter;
  stop(): Promise<void>;
}

export async function startX3Fixture(opts: { sim?: SageX3SimOptions; settings?: Record<string, unknown>; secrets?: Record<string, string> } = {}): Promise<X3Fixture> {
  const sim = createSageX3Simulator({ ...X3_SEED, ...opts.sim });
  const { url } = await sim.start();
  const settings = x3Settings(url, opts.settings);
  const { ctx } = x3Context(opts.secrets);
  return { sim, url, settings, ctx, adapter: createSageX3Target(settings, ctx), stop: () => sim.stop() };
}

export function line(lineNo: number, account: string, side: 'debit' | 'credit', amountMinor: number, extra: Partial<PlanLine> = {}): PlanLine {
  return {
    lineNo,
    sourceLineId: `src-${lineNo}`,
    account,
    side,
    amountMinor,
    dimensions: {},
    description: `Line ${lineNo}`,
    partner: null,
    sourceAmountMinor: null,
    sourceCurrency: null,
    sourceRate: null,
    transactionDate: null,
    ...extra,
  };
}

let keySeq = 0;

/** A balanced two-line expense journal unless lines are given. */
export function plan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  keySeq++;
  const lines = overrides.lines ?? [line(1, '625100', 'debit', 12345, { dimensions: { costCenter: 'CC10' } }), line(2, '421000', 'credit', 12345, { partner: 'EMP001' })];
  return {
    kind: 'journal',
    idempotencyKey: `MLC-TEST${String(keySeq).padStart(12, '0')}`,
    sourceSystem: 'concur',
    sourceKind: 'expense_report',
    sourceId: `R${keySeq}`,
    sourceVersion: '1',
    postingDate: '2024-03-15',
    documentDate: '2024-03-14',
    currency: 'EUR',
    description: 'Expense report Ada',
    partner: 'EMP001',
    invoiceNumber: null,
    lines,
    totalMinor: lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amountMinor, 0),
    notes: [],
    ...overrides,
  };
}
