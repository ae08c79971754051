// Batches only for fresh rows just looked up (anything else goes one by one through deliver's look-up), the
// rows marked sending before the request, an answer of the wrong size or a lost answer settled row by row,
// refused credentials stopping the run, and what the audit says for each outcome.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostOutcome, TargetAdapter } from '../../../main/core/adapters/types';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { ConnectorError } from '../../../main/core/errors';
import { AuthStop } from '../../../main/core/engine/deliver';
import { deliverBatch } from '../../../main/core/engine/deliver-batch';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { fixedClock, unitWorld } from '../../helpers/engine-unit';

type Answer = (plans: PostingPlan[]) => PostOutcome[] | Promise<PostOutcome[]>;

function setup(t: Parameters<typeof unitWorld>[0], answer: Answer = (plans) => plans.map((p) => ({ status: 'posted', erpId: `B-${p.sourceId}`, warnings: [] })), n = 3) {
  const w = unitWorld(t);
  const rows = Array.from({ length: n }, (_, i) => w.add({ sourceId: `R${i + 1}` }));
  const batches: PostingPlan[][] = [];
  const statusesDuring: string[][] = [];
  const base = new ScriptedTarget();
  const target = Object.assign(base, {
    postBatch: async (plans: PostingPlan[]) => {
      batches.push(plans);
      statusesDuring.push(rows.map((r) => w.store.postings.get(r.id)!.status));
      return answer(plans);
    },
  }) as ScriptedTarget & TargetAdapter;
  const deps = { store: w.store, target, clock: fixedClock(), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 3 }, actor: 'tester', confirmToSource: true };
  const audit = () => w.store.audit.list({ limit: 50 }).filter((e) => e.action === 'post' || e.action === 'hold' || e.action === 'recover').map((e) => [e.sourceId, e.action, e.outcome, e.message]).sort();
  return { ...w, rows, batches, statusesDuring, target, deps, audit };
}

test('fresh rows just looked up go in one request, marked sending first; each posted one is audited with the batch size and confirmed later', async (t) => {
  const s = setup(t, (plans) => plans.map((p, i) => ({ status: 'posted', erpId: `B-${p.sourceId}`, warnings: i === 0 ? ['rounded', 'late'] : [] })));
  assert.deepEqual(await deliverBatch(s.rows, s.deps, true), ['posted', 'posted', 'posted']);
  assert.equal(s.batches.length, 1);
  assert.deepEqual(s.statusesDuring[0], ['sending', 'sending', 'sending']);
  assert.equal(s.target.lookups, 0, 'looked up just before: no second look-up');
  assert.deepEqual(s.audit(), [
    ['R1', 'post', 'posted', 'Posted as B-R1 (batch of 3) (warnings: rounded; late)'],
    ['R2', 'post', 'posted', 'Posted as B-R2 (batch of 3)'],
    ['R3', 'post', 'posted', 'Posted as B-R3 (batch of 3)'],
  ]);
  const r1 = s.store.postings.get(s.rows[0]!.id)!;
  assert.deepEqual([r1.erp_id, r1.confirm_status, r1.attempts], ['B-R1', 'pending', 1]);
  assert.equal(s.store.audit.list({ limit: 50 }).find((e) => e.sourceId === 'R2')!.erpId, 'B-R2');
});

test('two fresh rows are a batch too', async (t) => {
  const s = setup(t, undefined, 2);
  await deliverBatch(s.rows, s.deps, true);
  assert.equal(s.batches.length, 1);
});

test('not looked up (the default), one row, a target without batches, or a row tried before: one by one, each looked up first', async (t) => {
  const a = setup(t);
  assert.deepEqual(await deliverBatch(a.rows, a.deps), ['posted', 'posted', 'posted']);
  assert.deepEqual([a.batches.length, a.target.lookups, a.target.posts], [0, 3, 3]);
  const b = setup(t, undefined, 1);
  assert.deepEqual(await deliverBatch(b.rows, b.deps, true), ['posted']);
  assert.deepEqual([b.batches.length, b.target.posts, b.target.lookups], [0, 1, 0]);
  const c = setup(t);
  const plain = new ScriptedTarget();
  assert.deepEqual(await deliverBatch(c.rows, { ...c.deps, target: plain }, true), ['posted', 'posted', 'posted']);
  assert.equal(plain.posts, 3);
  const d = setup(t);
  d.store.postings.markSending(d.rows[1]!.id);
  d.target.docs.set(d.rows[1]!.idempotency_key, 'JE-EARLIER');
  const again = d.rows.map((r) => d.store.postings.get(r.id)!);
  assert.deepEqual(await deliverBatch(again, d.deps, true), ['posted', 'posted', 'posted']);
  assert.equal(d.batches.length, 0);
  assert.equal(d.store.postings.get(d.rows[1]!.id)!.erp_id, 'JE-EARLIER', 'the row tried before was looked up, not re-sent');
  const e = setup(t);
  e.store.db.prepare("UPDATE postings SET status = 'failed' WHERE id = ?").run(e.rows[2]!.id);
  await deliverBatch(e.rows.map((r) => e.store.postings.get(r.id)!), e.deps, true);
  assert.equal(e.batches.length, 0, 'a row not pending goes one by one');
});

test('a rejected document is held with the ERP reasons, said in the audit; a duplicate reference found in the ERP is linked', async (t) => {
  const s = setup(t, (plans) => plans.map((p, i): PostOutcome => (i === 0 ? { status: 'rejected', reasons: [{ code: 'DIMENSION_INACTIVE', message: 'Dept 40 inactive' }, { code: 'ACCOUNT_UNKNOWN', message: 'Account 9 unknown' }] } : i === 1 ? { status: 'duplicate', message: 'uniqueid exists' } : { status: 'posted', erpId: `B-${p.sourceId}`, warnings: [] })));
  s.target.docs.set(s.rows[1]!.idempotency_key, 'JE-THERE');
  assert.deepEqual(await deliverBatch(s.rows, s.deps, true), ['held', 'linked', 'posted']);
  const a = s.audit();
  assert.deepEqual(a[0], ['R1', 'hold', 'held', 'Rejected by the ERP: Dept 40 inactive; Account 9 unknown']);
  assert.deepEqual(a[1], ['R2', 'recover', 'linked', 'The ERP already has this document as JE-THERE (uniqueid exists); linked, not sent again']);
  assert.equal(s.store.postings.get(s.rows[1]!.id)!.erp_id, 'JE-THERE');
});

test('an answer of the wrong size is a lost answer: every row uncertain, then settled one by one after a look-up', async (t) => {
  const s = setup(t, (plans) => [{ status: 'posted', erpId: `B-${plans[0]!.sourceId}`, warnings: [] }]);
  s.target.docs.set(s.rows[0]!.idempotency_key, 'B-R1');
  assert.deepEqual(await deliverBatch(s.rows, s.deps, true), ['posted', 'posted', 'posted']);
  assert.equal(s.target.lookups, 3);
  assert.equal(s.target.posts, 2, 'the one the ERP has is not sent again');
  assert.match(s.store.audit.list({ limit: 50 }).find((e) => e.sourceId === 'R1' && e.action === 'recover')!.message, /after an uncertain attempt/);
});

test('refused credentials: every row left uncertain (checked next run) and the run stops', async (t) => {
  for (const code of ['AUTH_FAILED', 'AUTH_EXPIRED'] as const) {
    const s = setup(t, () => { throw new ConnectorError(code, 'token refused'); });
    await assert.rejects(deliverBatch(s.rows, s.deps, true), (e) => e instanceof AuthStop && e.error.code === code);
    assert.deepEqual(s.rows.map((r) => s.store.postings.get(r.id)!.status), ['uncertain', 'uncertain', 'uncertain']);
    assert.equal(s.target.posts, 0);
  }
});

test('a row without a plan is refused before anything is sent', async (t) => {
  const s = setup(t);
  const bare = s.add({ sourceId: 'X', plan: null });
  await assert.rejects(deliverBatch([...s.rows, bare], s.deps, true), new RegExp(`posting ${bare.id} has no plan to deliver`));
  assert.equal(s.batches.length, 0);
  assert.equal(s.store.postings.get(s.rows[0]!.id)!.status, 'pending');
});
