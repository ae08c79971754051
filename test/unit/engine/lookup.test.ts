// The look-up before the first send of a page: found documents are linked (never sent), the rest are handed
// on; a failed look-up sends nothing and leaves every row failed with a retry time; refused credentials stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { TargetAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { AuthStop } from '../../../main/core/engine/deliver';
import { findMany, lookUpBeforeSend } from '../../../main/core/engine/lookup';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { fixedClock, journalPlan, unitWorld } from '../../helpers/engine-unit';

const deps = (w: ReturnType<typeof unitWorld>, target: TargetAdapter, confirmToSource = false) => ({ store: w.store, target, clock: fixedClock(), actor: 'tester', confirmToSource, retryAfterMs: 30_000 });

test('findMany: nothing to ask asks nothing; the batched look-up when the target has one; else one per plan', async () => {
  let calls = 0;
  const one = { findExisting: async (p: PostingPlan) => (calls++, p.idempotencyKey.endsWith('B') ? { erpId: 'E-B', key: p.idempotencyKey } : null) } as unknown as TargetAdapter;
  assert.equal((await findMany(one, [])).size, 0);
  assert.equal(calls, 0);
  const found = await findMany(one, [journalPlan('MLC-A'), journalPlan('MLC-B')]);
  assert.equal(calls, 2);
  assert.deepEqual([...found], [['MLC-B', { erpId: 'E-B', key: 'MLC-B' }]]);
  const many = { findExisting: async () => assert.fail('one by one'), findExistingMany: async (ps: readonly PostingPlan[]) => new Map([[ps[0]!.idempotencyKey, { erpId: 'E1', key: null }]]) } as unknown as TargetAdapter;
  assert.deepEqual([...(await findMany(many, [journalPlan('MLC-A')]))], [['MLC-A', { erpId: 'E1', key: null }]]);
});

test('rows the ERP has are linked to its id with an audit row naming the older key; the others are to send', async (t) => {
  const w = unitWorld(t);
  const a = w.add({ sourceId: 'R1' });
  const b = w.add({ sourceId: 'R2' });
  const c = w.add({ sourceId: 'R3' });
  const target = new ScriptedTarget();
  target.docs.set(a.idempotency_key, 'JE-A');
  const target2 = Object.assign(target, { findExisting: async (p: PostingPlan) => (p.sourceId === 'R1' ? { erpId: 'JE-A', key: p.idempotencyKey } : p.sourceId === 'R3' ? { erpId: 'JE-C', key: 'MLC-OLDFORM' } : null) });
  const r = await lookUpBeforeSend([a, b, c], deps(w, target2, true));
  assert.deepEqual(r.toSend.map((x) => x.id), [b.id]);
  assert.equal(r.linked, 2);
  assert.equal(r.failed, 0);
  const after = w.store.postings.get(a.id)!;
  assert.deepEqual([after.status, after.erp_id, after.confirm_status], ['posted', 'JE-A', 'pending']);
  assert.equal(w.store.postings.get(b.id)!.status, 'pending', 'not found: untouched');
  const audit = w.store.audit.list({ limit: 10 }).filter((e) => e.action === 'recover');
  assert.equal(audit.length, 2);
  const msgs = audit.map((e) => e.message).sort();
  assert.match(msgs[0]!, /^Found in the ERP as JE-A, posted before .*linked, not sent again$/);
  assert.match(msgs[1]!, /^Found in the ERP as JE-C under MLC-OLDFORM,/);
  assert.ok(audit.every((e) => e.outcome === 'linked' && e.actor === 'tester'));
  assert.equal(audit.find((e) => e.erpId === 'JE-C')!.sourceId, 'R3');
});

test('without confirmation to the source, a linked row is not queued for one', async (t) => {
  const w = unitWorld(t);
  const a = w.add({ sourceId: 'R1' });
  const target = new ScriptedTarget();
  target.docs.set(a.idempotency_key, 'JE-A');
  await lookUpBeforeSend([a], deps(w, target, false));
  assert.equal(w.store.postings.get(a.id)!.confirm_status, 'none');
});

test('no rows: the ERP is not asked', async (t) => {
  const w = unitWorld(t);
  const target = new ScriptedTarget();
  assert.deepEqual(await lookUpBeforeSend([], deps(w, target)), { toSend: [], linked: 0, failed: 0 });
  assert.equal(target.lookups, 0);
});

test('a failed look-up sends nothing: every row failed, retry after the policy delay, audited with the correlation id', async (t) => {
  const w = unitWorld(t);
  const rows = [w.add({ sourceId: 'R1' }), w.add({ sourceId: 'R2' })];
  const target = { findExisting: async () => { throw new ConnectorError('UNAVAILABLE', 'X3 down', { retryable: true, correlationId: 'corr-9' }); } } as unknown as TargetAdapter;
  const r = await lookUpBeforeSend(rows, deps(w, target));
  assert.deepEqual(r, { toSend: [], linked: 0, failed: 2 });
  for (const row of rows) {
    const f = w.store.postings.get(row.id)!;
    assert.equal(f.status, 'failed');
    assert.equal(f.next_attempt_at, '2026-12-06T10:00:30.000Z');
    const reasons = JSON.parse(f.reasons_json) as Array<{ code: string; message: string }>;
    assert.equal(reasons[0]!.code, 'FAILED_RETRY_LATER');
    assert.equal(reasons[0]!.message, 'Could not check the ERP for this document before sending it, so nothing was sent; it is tried again later: X3 down');
  }
  const audit = w.store.audit.list({ limit: 10 }).filter((e) => e.action === 'fail');
  assert.equal(audit.length, 2);
  assert.ok(audit.every((e) => e.outcome === 'failed' && e.correlationId === 'corr-9'));
});

test('an unexpected look-up error is a retryable failure too, with its message', async (t) => {
  const w = unitWorld(t);
  const row = w.add();
  const r = await lookUpBeforeSend([row], deps(w, { findExisting: async () => { throw new TypeError('boom'); } } as unknown as TargetAdapter));
  assert.equal(r.failed, 1);
  assert.match(w.store.postings.get(row.id)!.reasons_json, /tried again later: boom/);
  const r2 = await lookUpBeforeSend([w.add()], deps(w, { findExisting: async () => { throw 'text'; } } as unknown as TargetAdapter));
  assert.equal(r2.failed, 1);
});

test('refused or expired credentials stop the run (AuthStop); the rows stay as they were', async (t) => {
  const w = unitWorld(t);
  for (const code of ['AUTH_FAILED', 'AUTH_EXPIRED'] as const) {
    const row = w.add();
    const target = { findExisting: async () => { throw new ConnectorError(code, 'no'); } } as unknown as TargetAdapter;
    await assert.rejects(lookUpBeforeSend([row], deps(w, target)), (e) => e instanceof AuthStop && e.error.code === code);
    assert.equal(w.store.postings.get(row.id)!.status, 'pending');
  }
});

test('a row without a plan is a programming error, said with its id', async (t) => {
  const w = unitWorld(t);
  const row = w.add({ plan: null, status: 'held' });
  await assert.rejects(lookUpBeforeSend([row], deps(w, new ScriptedTarget())), new RegExp(`posting ${row.id} has no plan to deliver`));
});
