// Supplier invoices changed after posting, adjusted in NetSuite: a vendor credit for the posted bill and the new
// version as a new bill (reverse), or one vendor credit / additional bill for the difference — each once, under
// its own external id, found by the look-up before any re-send (a crash after NetSuite took it posts nothing twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustChange } from '../../../main/core/changes/adjust';
import type { TargetAdapter } from '../../../main/core/adapters/types';
import type { SimTransaction } from '../../../main/simulators/netsuite';
import { writeRecord } from '../../../main/simulators/netsuite/records';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { postedChange } from '../../helpers/change-adjustments';
import { nsBillPlan, nsLine, startNetSuiteFixture } from '../../helpers/netsuite-context';

type Doc = { role: string; erpId: string; key: string; status: string; plan: PostingPlan };

/** The bill with line 1 (6110) changed by `delta` minor units. */
function changedBill(p: PostingPlan, delta: number): PostingPlan {
  const lines = p.lines.map((l, i) => (i === 0 ? { ...l, amountMinor: l.amountMinor + delta } : l));
  return { ...p, lines, totalMinor: p.totalMinor + delta };
}

const amounts = (r: SimTransaction): number[] => ((r.body.expense as { items: Array<{ amount: number }> }).items).map((i) => i.amount);
const record = (records: SimTransaction[], id: string): SimTransaction => records.find((r) => r.id === id)!;

test('NetSuite: reverse credits the posted bill with a vendor credit for its total and posts the new version as a new bill, once', async (t) => {
  const fx = await startNetSuiteFixture();
  t.after(() => fx.stop());
  const bill = nsBillPlan();
  const { store, change } = await postedChange(t, fx.adapter, bill, changedBill(bill, -2000));
  const before = fx.sim.state.recordCount();
  const done = await adjustChange(change.id, 'reverse', 'difference', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 200 });
  assert.equal(done.status, 'adjusted');
  const docs = JSON.parse(done.adjustments_json) as Doc[];
  assert.deepEqual(docs.map((d) => [d.role, d.plan.kind]), [['reversal', 'supplier_credit'], ['new_version', 'supplier_invoice']]);
  assert.equal(fx.sim.state.recordCount('vendorCredit'), 1);
  assert.equal(fx.sim.state.recordCount(), before + 2);
  const records = fx.sim.state.exportRecords();
  const credit = record(records, docs[0]!.erpId);
  assert.equal(credit.type, 'vendorCredit');
  assert.equal(credit.externalId, docs[0]!.key);
  // Same lines, same accounts and segments, for the posted total (200.00 + 19.99), against the same vendor.
  assert.deepEqual(amounts(credit), [200, 19.99]);
  const posted = record(records, store.postings.get(change.posting_id)!.erp_id!);
  assert.deepEqual((credit.body.expense as { items: Array<{ account: unknown; department?: unknown; location?: unknown }> }).items.map((i) => [i.account, i.department, i.location]), (posted.body.expense as { items: Array<{ account: unknown; department?: unknown; location?: unknown }> }).items.map((i) => [i.account, i.department, i.location]));
  assert.deepEqual(credit.body.entity, posted.body.entity);
  const fresh = record(records, docs[1]!.erpId);
  assert.equal(fresh.type, 'vendorBill');
  assert.deepEqual(amounts(fresh), [180, 19.99]);
  // Its own external id: not the posted bill's, so the look-up never links it to the posted one.
  assert.notEqual(fresh.externalId, bill.idempotencyKey);
  assert.notEqual(fresh.id, posted.id);
  for (const d of docs) assert.equal((await fx.adapter.findExisting(d.plan))?.erpId, d.erpId);
  await assert.rejects(adjustChange(change.id, 'reverse', 'reverse', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 200 }), /already adjusted/);
  assert.equal(fx.sim.state.recordCount(), before + 2);
});

test('NetSuite: a lower total is one vendor credit for the difference; a crash after NetSuite took it posts no second credit', async (t) => {
  const fx = await startNetSuiteFixture();
  t.after(() => fx.stop());
  const bill = nsBillPlan();
  const { store, change } = await postedChange(t, fx.adapter, bill, changedBill(bill, -2001));
  const crashing: TargetAdapter = Object.assign(Object.create(fx.adapter) as TargetAdapter, {
    post: async (p: PostingPlan) => {
      await fx.adapter.post(p);
      throw new Error('process killed after the ERP answered');
    },
    findExisting: (p: PostingPlan) => fx.adapter.findExisting(p),
  });
  await assert.rejects(adjustChange(change.id, 'difference', 'reverse', { store, target: crashing, actor: 'ana', tenant: null, maxDescriptionLength: 200 }), /process killed/);
  assert.equal(store.changes.get(change.id)!.status, 'adjusting');
  assert.equal(fx.sim.state.recordCount('vendorCredit'), 1);
  const done = await adjustChange(change.id, undefined, 'reverse', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 200 });
  assert.equal(done.status, 'adjusted');
  assert.equal(fx.sim.state.recordCount('vendorCredit'), 1, 'found by its external id, not sent again');
  const [diff] = JSON.parse(done.adjustments_json) as Doc[];
  assert.equal(diff!.plan.kind, 'supplier_credit');
  assert.equal(diff!.plan.totalMinor, 2001);
  assert.deepEqual(amounts(record(fx.sim.state.exportRecords(), diff!.erpId)), [20.01]);
  assert.ok(store.audit.list({ limit: 50 }).some((e) => e.action === 'change_adjust' && e.outcome === 'linked'));
});

test('NetSuite: a higher total is one additional bill with a line per account difference (a new account, a lower one)', async (t) => {
  const fx = await startNetSuiteFixture();
  t.after(() => fx.stop());
  const bill = nsBillPlan();
  // 6130 drops by 9.99, a new 6120 line of 30.00: the vendor is owed 20.01 more.
  const lines = [bill.lines[0]!, { ...bill.lines[1]!, amountMinor: 1000 }, nsLine(3, '6120', 'debit', 3000, { dimensions: { department: '11' } })];
  const after = { ...bill, lines, totalMinor: 24000 };
  const { store, change } = await postedChange(t, fx.adapter, bill, after);
  const done = await adjustChange(change.id, 'difference', 'reverse', { store, target: fx.adapter, actor: 'ana', tenant: null, maxDescriptionLength: 200 });
  const [diff] = JSON.parse(done.adjustments_json) as Doc[];
  assert.equal(diff!.plan.kind, 'supplier_invoice');
  assert.equal(diff!.plan.totalMinor, 2001);
  const rec = record(fx.sim.state.exportRecords(), diff!.erpId);
  assert.equal(rec.type, 'vendorBill');
  // One line per account difference: 6120 +30.00, 6130 −9.99 (a negative expense line on the bill).
  assert.deepEqual(amounts(rec), [30, -9.99]);
  assert.equal(fx.sim.state.recordCount('vendorCredit'), 0);
});

test('NetSuite simulator: a vendor credit with an unknown field or a negative total is refused', async (t) => {
  const fx = await startNetSuiteFixture();
  t.after(() => fx.stop());
  const credit = { ...nsBillPlan(), kind: 'supplier_credit' as const, lines: nsBillPlan().lines.map((l) => ({ ...l, side: 'credit' as const })) };
  assert.equal((await fx.adapter.post(credit)).status, 'posted');
  const negative = { ...credit, idempotencyKey: 'MLC-NSNEGATIVE00001', lines: credit.lines.map((l) => ({ ...l, side: 'debit' as const })) };
  const out = await fx.adapter.post(negative);
  assert.equal(out.status, 'rejected');
  assert.match(JSON.stringify(out), /greater than zero/);
  // A bill's due date is not a field of a vendor credit.
  const sent = fx.sim.state.exportRecords().find((r) => r.type === 'vendorCredit')!;
  const answer = writeRecord(fx.sim.state, 'vendorCredit', 'MLC-NSDUEDATE000001', JSON.stringify({ ...sent.body, externalId: undefined, dueDate: '2026-10-31' }), 'http://sim');
  assert.equal(answer.status, 400);
  assert.match(JSON.stringify(answer.body), /'dueDate' is not a field/);
  assert.equal(fx.sim.state.recordCount('vendorCredit'), 1);
});
