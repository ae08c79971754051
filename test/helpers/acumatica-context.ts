// Test wiring for the Acumatica adapter: a real AdapterContext (fetch, a recorded clock, Limiter, tiny
// retry delays) with in-memory secrets, a seeded simulator, and plan builders for bills and journals.
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { PostingPlan } from '../../shared/schemas/plan';
import { acumaticaTargetSchema, type AcumaticaTargetSettings } from '../../shared/schemas/systems/acumatica';
import { createAcumaticaTarget } from '../../main/core/adapters/acumatica/adapter';
import { Limiter } from '../../main/core/adapters/limiter';
import type { AdapterContext, AdapterNote, TargetAdapter } from '../../main/core/adapters/types';
import { ACUMATICA_DEMO, acumaticaDemoSeed, createAcumaticaSimulator, type AcumaticaSimOptions, type AcumaticaSimulator } from '../../main/simulators/acumatica';
import { buildPlan, planLine, recordingContext } from './adapter-context';
import { MemorySecrets } from './memory-secrets';
import { TestClock } from './concur-context';

export const ACU_FAST_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 2, maxDelayMs: 10, pauseAfterAuthFailures: 3 };
export const ACU_SECRETS = { password: ACUMATICA_DEMO.password, clientSecret: ACUMATICA_DEMO.clientSecret };

export function acumaticaSettings(siteUrl: string, overrides: Record<string, unknown> = {}): AcumaticaTargetSettings {
  return acumaticaTargetSchema.parse({ system: 'acumatica', siteUrl, tenant: ACUMATICA_DEMO.tenant, branch: ACUMATICA_DEMO.branch, username: ACUMATICA_DEMO.username, clientId: ACUMATICA_DEMO.clientId, releasePollMs: 10, ...overrides });
}

export interface AcumaticaFixture {
  sim: AcumaticaSimulator;
  url: string;
  settings: AcumaticaTargetSettings;
  ctx: AdapterContext;
  secrets: MemorySecrets;
  clock: TestClock;
  notes: AdapterNote[];
  logs: string[];
  adapter: TargetAdapter;
  /** A second adapter on the same context and settings (what the next sync would build). */
  fresh(overrides?: Record<string, unknown>): TargetAdapter;
  stop(): Promise<void>;
}

export async function startAcumaticaFixture(opts: { sim?: AcumaticaSimOptions; settings?: Record<string, unknown>; secrets?: Record<string, string>; concurrency?: number; sleepCapMs?: number } = {}): Promise<AcumaticaFixture> {
  const clock = new TestClock(opts.sleepCapMs ?? 5);
  const sim = createAcumaticaSimulator({ ...acumaticaDemoSeed({ employees: 5 }), now: () => clock.now(), ...opts.sim });
  const { url } = await sim.start();
  const settings = acumaticaSettings(url, opts.settings);
  const secrets = new MemorySecrets(opts.secrets ?? ACU_SECRETS);
  const { ctx, notes, logs } = recordingContext({ clock, secrets, limiter: new Limiter(opts.concurrency ?? 4), retry: ACU_FAST_RETRY });
  const fresh = (overrides: Record<string, unknown> = {}) => createAcumaticaTarget(acumaticaSettings(url, { ...opts.settings, ...overrides }), ctx);
  return { sim, url, settings, ctx, secrets, clock, notes, logs, adapter: createAcumaticaTarget(settings, ctx), fresh, stop: () => sim.stop() };
}

export const acuLine = planLine;

let keySeq = 0;

/** A balanced expense journal (EUR): two expense lines on subaccounts, the employee liability credit. */
export function journalPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  keySeq++;
  const lines = [
    acuLine(1, '62000', 'debit', 12345, { dimensions: { subaccount: 'CC100', branch: 'EU' }, description: 'Flight to Lyon' }),
    acuLine(2, '62200', 'debit', 4550, { dimensions: { subaccount: 'CC200' }, description: 'Team dinner' }),
    acuLine(3, '20100', 'credit', 16895, { partner: 'EMP0001', description: 'Due to Employee 1' }),
  ];
  const defaults = { idempotencyKey: `MLC-ACU${String(keySeq).padStart(13, '0')}`, sourceId: `FISEXP${keySeq}`, postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'Trip to Lyon', partner: 'EMP0001', lines };
  return buildPlan(defaults, overrides);
}

/** An AP bill from a supplier invoice: two expense lines (no payable line: Acumatica books it). */
export function billPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  const lines = overrides.lines ?? [acuLine(1, '62400', 'debit', 20000, { dimensions: { subaccount: 'CC300' } }), acuLine(2, '62300', 'debit', 4550, { dimensions: { subaccount: 'CC100', branch: 'EU' } })];
  return journalPlan({ kind: 'supplier_invoice', sourceKind: 'invoice', partner: 'V1001', invoiceNumber: 'INV-2026-00001', description: 'Acme Office Supply 1', ...overrides, lines });
}
