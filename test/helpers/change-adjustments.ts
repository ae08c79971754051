// One suite run against every ERP simulator: a posted journal changed at the source is adjusted by reversal +
// new version and by difference, exactly once (a crash between the ERP's answer and our record posts nothing twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { adjustChange } from '../../main/core/changes/adjust';
import type { TargetAdapter } from '../../main/core/adapters/types';
import { openStore } from '../../main/core/store/store';
import type { PostingPlan } from '../../shared/schemas/plan';
import { doc, line } from './docs';
import { tempDir } from './temp-dir';

export interface AdjustFixture {
  adapter: TargetAdapter;
  /** A balanced journal this ERP accepts, under a fresh key. */
  journal(): PostingPlan;
  /** How many documents the simulated ledger holds. */
  count(): number;
  stop(): Promise<void>;
}

/** The same journal with the first debit line 1.23 higher and the balancing credit line with it. */
function changedVersion(p: PostingPlan): PostingPlan {
  const credit = p.lines.findIndex((l) => l.side === 'credit');
  const lines = p.lines.map((l, i) => (i === 0 ? { ...l, amountMinor: l.amountMinor + 123 } : i === credit ? { ...l, amountMinor: l.amountMinor + 123 } : l));
  return { ...p, lines, totalMinor: p.totalMinor + 123 };
}

async function postedWithChange(t: { after(fn: () => void): void }, fx: AdjustFixture) {
  const plan = fx.journal();
  return postedChange(t, fx.adapter, plan, changedVersion(plan));
}

/** A store holding `plan` posted through `adapter` and an open change to `after` (the new version at the source). */
export async function postedChange(t: { after(fn: () => void): void }, adapter: TargetAdapter, plan: PostingPlan, after: PostingPlan) {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date());
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: [], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 });
  const source = doc({ sourceId: plan.sourceId, tenant: 'tenant-1' });
  const row = store.postings.insert({ connectionId: 'c1', doc: source, key: plan.idempotencyKey, contentHash: 'H0', status: 'pending', plan, reasons: [], total: { amountMinor: plan.totalMinor, currency: plan.currency } });
  const out = await adapter.post(plan);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  store.postings.markPosted(row.id, (out as { erpId: string }).erpId, false);
  const newDoc = doc({ sourceId: plan.sourceId, tenant: 'tenant-1', lines: [line({ amount: { amountMinor: 12468, currency: 'EUR' } })] });
  const change = store.changes.insert({ postingId: row.id, connectionId: 'c1', seq: 1, beforeHash: 'H0', beforePlan: plan, beforeErpIds: [(out as { erpId: string }).erpId], beforeTotalMinor: plan.totalMinor, doc: newDoc, contentHash: 'H1', plan: after, reasons: [], total: { amountMinor: after.totalMinor, currency: after.currency } });
  return { store, change, plan, after };
}

export function adjustmentSuite(system: string, start: () => Promise<AdjustFixture>): void {
  test(`${system}: reverse + new version posts two balanced journals under their own keys, once`, async (t) => {
    const fx = await start();
    t.after(() => fx.stop());
    const { store, change, plan } = await postedWithChange(t, fx);
    const before = fx.count();
    const done = await adjustChange(change.id, 'reverse', 'difference', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 60 });
    assert.equal(done.status, 'adjusted');
    assert.equal(done.resolved_by, 'ana');
    const docs = JSON.parse(done.adjustments_json) as Array<{ role: string; erpId: string; key: string; plan: PostingPlan }>;
    assert.deepEqual(docs.map((d) => d.role), ['reversal', 'new_version']);
    assert.ok(docs.every((d) => d.erpId && d.key !== plan.idempotencyKey));
    assert.notEqual(docs[0]!.key, docs[1]!.key);
    assert.equal(fx.count(), before + 2);
    // The posted row is untouched.
    const posted = store.postings.get(change.posting_id)!;
    assert.equal(posted.plan_json, JSON.stringify(plan));
    // Each adjustment is in the ERP under its key.
    for (const d of docs) assert.equal((await fx.adapter.findExisting(d.plan))?.erpId, d.erpId);
    const trail = store.audit.list({ limit: 50 }).filter((e) => e.action === 'change_adjust');
    assert.ok(trail.some((e) => e.outcome === 'started' && e.actor === 'ana'));
    assert.ok(trail.some((e) => e.outcome === 'adjusted'));
    await assert.rejects(adjustChange(change.id, 'reverse', 'reverse', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 60 }), /already adjusted/);
    assert.equal(fx.count(), before + 2);
  });

  test(`${system}: the difference is one balanced journal; a crash between the ERP's answer and our record posts it once`, async (t) => {
    const fx = await start();
    t.after(() => fx.stop());
    const { store, change } = await postedWithChange(t, fx);
    const before = fx.count();
    // The ERP takes the document, then this process dies before it records the answer.
    const crashing: TargetAdapter = Object.assign(Object.create(fx.adapter) as TargetAdapter, {
      post: async (p: PostingPlan) => {
        await fx.adapter.post(p);
        throw new Error('process killed after the ERP answered');
      },
      findExisting: (p: PostingPlan) => fx.adapter.findExisting(p),
    });
    await assert.rejects(adjustChange(change.id, 'difference', 'reverse', { store, target: crashing, actor: 'ana', tenant: null, maxDescriptionLength: 60 }), /process killed/);
    const mid = store.changes.get(change.id)!;
    assert.equal(mid.status, 'adjusting');
    assert.equal((JSON.parse(mid.adjustments_json) as Array<{ status: string }>)[0]!.status, 'sending');
    assert.equal(fx.count(), before + 1);
    const done = await adjustChange(change.id, undefined, 'reverse', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 60 });
    assert.equal(done.status, 'adjusted');
    assert.equal(fx.count(), before + 1, 'found in the ERP, not posted again');
    const [diff] = JSON.parse(done.adjustments_json) as Array<{ role: string; erpId: string; plan: PostingPlan }>;
    assert.equal(diff!.role, 'difference');
    assert.equal(diff!.plan.totalMinor, 123);
    assert.ok(store.audit.list({ limit: 50 }).some((e) => e.action === 'change_adjust' && e.outcome === 'linked'));
  });
}
