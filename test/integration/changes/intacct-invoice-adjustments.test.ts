// Supplier invoices changed after posting, adjusted in Sage Intacct: an AP adjustment (APADJUSTMENT) for the posted
// bill and the new version as a new bill (reverse), or one AP adjustment for a lower total — each once, under its
// own key as the adjustment number, found by the look-up before any re-send (a crash after Intacct took it posts
// nothing twice). The simulator refuses what the adjustment may not carry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustChange } from '../../../main/core/changes/adjust';
import { createIntacctClient } from '../../../main/core/adapters/sage-intacct/client';
import { createFunction } from '../../../main/core/adapters/sage-intacct/to-remote';
import type { TargetAdapter } from '../../../main/core/adapters/types';
import type { StoredRecord } from '../../../main/simulators/sage-intacct';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { postedChange } from '../../helpers/change-adjustments';
import { billPlan, startIntacctFixture } from '../../helpers/intacct-context';

type Doc = { role: string; erpId: string; key: string; status: string; plan: PostingPlan };

/** The bill with its first expense line (6000) and the payable line changed by `delta` minor units. */
function changedBill(p: PostingPlan, delta: number): PostingPlan {
  const lines = p.lines.map((l, i) => (i === 0 || l.side === 'credit' ? { ...l, amountMinor: l.amountMinor + delta } : l));
  return { ...p, lines, totalMinor: p.totalMinor + delta };
}

const amounts = (r: StoredRecord): string[] => r.lines.map((l) => l.TRX_AMOUNT!);
const opts = (store: Parameters<typeof adjustChange>[3]['store'], target: TargetAdapter) => ({ store, target, actor: 'ana', tenant: null, maxDescriptionLength: 100 });

test('Sage Intacct: reverse takes the posted bill out with an AP adjustment for its total and posts the new version as a new bill, once', async (t) => {
  const fx = await startIntacctFixture();
  t.after(() => fx.stop());
  const bill = billPlan();
  const { store, change } = await postedChange(t, fx.adapter, bill, changedBill(bill, -2000));
  const before = fx.sim.state.recordCount();
  const done = await adjustChange(change.id, 'reverse', 'difference', opts(store, fx.adapter));
  assert.equal(done.status, 'adjusted');
  const docs = JSON.parse(done.adjustments_json) as Doc[];
  assert.deepEqual(docs.map((d) => [d.role, d.plan.kind]), [['reversal', 'supplier_credit'], ['new_version', 'supplier_invoice']]);
  assert.equal(fx.sim.state.recordCount('APADJUSTMENT'), 1);
  assert.equal(fx.sim.state.recordCount(), before + 2);
  const [adj] = fx.sim.state.records('APADJUSTMENT');
  assert.equal(adj!.recordNo, docs[0]!.erpId);
  // The key is the adjustment number; same vendor, same accounts and dimensions, the posted total (200.00 + 45.50).
  assert.equal(adj!.fields.RECORDID, docs[0]!.key);
  assert.equal(adj!.fields.VENDORID, 'V100');
  assert.equal(adj!.fields.DOCNUMBER, 'INV-2024-77');
  assert.equal(adj!.fields.TOTALENTERED, '245.50');
  assert.deepEqual(amounts(adj!), ['200.00', '45.50']);
  assert.deepEqual(adj!.lines.map((l) => [l.ACCOUNTNO, l.DEPARTMENTID, l.LOCATIONID]), [['6000', 'D200', undefined], ['6020', undefined, 'L10']]);
  const fresh = fx.sim.state.records('APBILL').find((r) => r.recordNo === docs[1]!.erpId)!;
  assert.deepEqual(amounts(fresh), ['180.00', '45.50']);
  assert.notEqual(fresh.fields.DOCNUMBER, bill.idempotencyKey);
  for (const d of docs) assert.equal((await fx.adapter.findExisting(d.plan))?.erpId, d.erpId);
  await assert.rejects(adjustChange(change.id, 'reverse', 'reverse', opts(store, fx.adapter)), /already adjusted/);
  assert.equal(fx.sim.state.recordCount(), before + 2);
});

test('Sage Intacct: a lower total is one AP adjustment for the difference; a crash after Intacct took it posts no second one', async (t) => {
  const fx = await startIntacctFixture();
  t.after(() => fx.stop());
  const bill = billPlan();
  const { store, change } = await postedChange(t, fx.adapter, bill, changedBill(bill, -2001));
  const crashing: TargetAdapter = Object.assign(Object.create(fx.adapter) as TargetAdapter, {
    post: async (p: PostingPlan) => {
      await fx.adapter.post(p);
      throw new Error('process killed after the ERP answered');
    },
    findExisting: (p: PostingPlan) => fx.adapter.findExisting(p),
  });
  await assert.rejects(adjustChange(change.id, 'difference', 'reverse', opts(store, crashing)), /process killed/);
  assert.equal(store.changes.get(change.id)!.status, 'adjusting');
  assert.equal(fx.sim.state.recordCount('APADJUSTMENT'), 1);
  const done = await adjustChange(change.id, undefined, 'reverse', opts(store, fx.adapter));
  assert.equal(done.status, 'adjusted');
  assert.equal(fx.sim.state.recordCount('APADJUSTMENT'), 1, 'found by its adjustment number, not sent again');
  const [diff] = JSON.parse(done.adjustments_json) as Doc[];
  assert.equal(diff!.plan.kind, 'supplier_credit');
  assert.equal(diff!.plan.totalMinor, 2001);
  const [adj] = fx.sim.state.records('APADJUSTMENT');
  assert.equal(adj!.recordNo, diff!.erpId);
  assert.deepEqual(amounts(adj!), ['20.01']);
  assert.equal(fx.sim.state.findByKey(diff!.key).length, 1);
  assert.ok(store.audit.list({ limit: 50 }).some((e) => e.action === 'change_adjust' && e.outcome === 'linked'));
});

test('Sage Intacct simulator: an AP adjustment with an unknown field, vendor or account, a non-positive total or a repeated number is refused', async (t) => {
  const fx = await startIntacctFixture();
  t.after(() => fx.stop());
  const bill = billPlan();
  const credit: PostingPlan = { ...bill, kind: 'supplier_credit', idempotencyKey: 'MLC-IACREDIT000001', lines: bill.lines.map((l) => ({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' })) };
  assert.equal((await fx.adapter.post(credit)).status, 'posted');
  const refused = async (p: PostingPlan, why: RegExp) => {
    const out = await fx.adapter.post(p);
    assert.notEqual(out.status, 'posted', JSON.stringify(out));
    assert.match(JSON.stringify(out), why);
  };
  // A repeated adjustment number under a new control id: refused as a duplicate, nothing booked.
  const again = await fx.adapter.post({ ...credit });
  assert.equal(again.status, 'duplicate');
  const fn = createFunction(credit, fx.settings);
  const client = createIntacctClient(fx.settings, fx.ctx);
  const resp = await client.run([{ ...fn, controlId: 'other-control-id' }], { write: true });
  assert.match(JSON.stringify(resp.results[0]), /adjustment number MLC-IACREDIT000001 already exists/);
  await refused({ ...credit, idempotencyKey: 'MLC-IACREDIT000002', partner: 'V999', lines: credit.lines.map((l) => (l.partner ? { ...l, partner: 'V999' } : l)) }, /Invalid Vendor 'V999'/);
  await refused({ ...credit, idempotencyKey: 'MLC-IACREDIT000003', lines: credit.lines.map((l, i) => (i === 0 ? { ...l, account: '6555' } : l)) }, /Account 6555 is not valid/);
  // Expense lines debited: the adjustment's total would be negative.
  await refused({ ...credit, idempotencyKey: 'MLC-IACREDIT000004', lines: bill.lines.filter((l) => !l.partner) }, /greater than zero/);
  // A bill's due date is not a field of an AP adjustment.
  const node = fn.body.create as { APADJUSTMENT: Record<string, unknown> };
  const withDue = { controlId: 'due-date-test', body: { create: { APADJUSTMENT: { ...node.APADJUSTMENT, RECORDID: 'MLC-IACREDIT000005', WHENDUE: '04/15/2024' } } } };
  const r2 = await client.run([withDue], { write: true });
  assert.match(JSON.stringify(r2.results[0]), /'WHENDUE' is not a field of APADJUSTMENT/);
  assert.equal(fx.sim.state.recordCount('APADJUSTMENT'), 1);
});
