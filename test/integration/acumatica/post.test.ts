import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { acuLine, billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

test('bill mode: a value-wrapped Bill with VendorRef = the vendor invoice number is created, found by $filter on its key, and the session is logged out', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const plan = billPlan();
  assert.equal(await f.adapter.findExisting(plan), null);
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'posted');
  const [bill] = f.sim.state.records('Bill');
  assert.ok(bill);
  assert.equal(out.status === 'posted' && out.erpId, bill.number);
  assert.equal(bill.vendor, 'V1001');
  assert.equal(bill.vendorRef, 'INV-2026-00001', 'the vendor invoice number, not the connector key');
  assert.equal(bill.date, '2026-10-05');
  assert.equal(bill.description, `${plan.idempotencyKey} · Acme Office Supply 1`);
  assert.deepEqual(bill.lines.map((l) => [l.branch, l.account, l.subaccount, l.amountMinor]), [['HQ', '62400', 'CC300', 20000], ['EU', '62300', 'CC100', 4550]]);
  assert.equal(bill.status, 'Balanced');
  assert.deepEqual(await f.adapter.findExisting(plan), { erpId: bill.number, key: plan.idempotencyKey });
  assert.equal(f.sim.stats.rejected, 0, 'every field went out value-wrapped (a bare value is a 400)');
  assert.equal(f.sim.stats.logins, 3);
  assert.equal(f.sim.stats.logouts, 3, 'each unit of work signs out');
  assert.equal(f.sim.state.activeSessions(), 0);
});

test('journal mode: module GL, Description opening with the key, debit and credit lines; the same key is never created twice', async (t) => {
  const f = await startAcumaticaFixture({ settings: { postingMode: 'journal', defaultSubaccount: '000000' } });
  t.after(() => f.stop());
  const plan = journalPlan();
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'posted');
  const [batch] = f.sim.state.records('JournalTransaction');
  assert.equal(out.status === 'posted' && out.erpId, batch!.number);
  assert.equal(batch!.description, `${plan.idempotencyKey} · Trip to Lyon`);
  assert.deepEqual(batch!.lines.map((l) => [l.branch, l.account, l.subaccount, l.debitMinor, l.creditMinor]), [
    ['EU', '62000', 'CC100', 12345, 0],
    ['HQ', '62200', 'CC200', 4550, 0],
    ['HQ', '20100', '000000', 0, 16895],
  ]);
  assert.match(batch!.lines[2]!.description, /EMP0001/);
  // The insert-only PUT names the key in its $filter: Acumatica answers 412, the engine links what is there.
  const again = await f.fresh({ postingMode: 'journal' }).post(plan);
  assert.equal(again.status, 'duplicate');
  assert.match(again.status === 'duplicate' ? again.message : '', /412/);
  assert.equal(f.sim.state.recordCount(), 1);
});

test('commit then drop: the create is uncertain, the key look-up finds it, nothing is posted twice', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const plan = billPlan();
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.post(plan), (e) => isConnectorError(e) && e.uncertain && e.retryable);
  assert.equal(f.sim.stats.dropped, 1);
  const found = await f.adapter.findExisting(plan);
  assert.deepEqual(found, { erpId: f.sim.state.records('Bill')[0]!.number, key: plan.idempotencyKey });
  // A re-send (what a replay does) is refused with 412 by the insert-only PUT: nothing is created twice.
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'duplicate');
  assert.equal(f.sim.state.findByKey(plan.idempotencyKey).length, 1);
  assert.equal(f.sim.state.activeSessions(), 0, 'logged out even when the answer was lost');
});

test('422: each bad field, in the header and inside detail lines, becomes a hold reason naming it', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const plan = billPlan({
    partner: 'V9999',
    lines: [acuLine(1, '62400', 'debit', 1000, { dimensions: { subaccount: 'CC900' } }), acuLine(2, '99999', 'debit', 500, { dimensions: { subaccount: 'CC100', branch: 'OLD' } })],
  });
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'rejected');
  const reasons = out.status === 'rejected' ? out.reasons : [];
  const byCode = new Map(reasons.map((r) => [r.code, r]));
  assert.equal(byCode.get('PARTNER_UNKNOWN')?.subject, 'V9999');
  assert.match(byCode.get('PARTNER_UNKNOWN')!.message, /Vendor "V9999"/);
  assert.equal(byCode.get('ACCOUNT_UNKNOWN')?.subject, '99999');
  assert.equal(byCode.get('ACCOUNT_UNKNOWN')?.lineId, 'src-2');
  assert.match(byCode.get('ACCOUNT_UNKNOWN')!.message, /line 2 Account "99999"/);
  assert.ok(reasons.some((r) => r.code === 'DIMENSION_INACTIVE' && r.subject === 'subaccount:CC900' && r.lineId === 'src-1'));
  assert.ok(reasons.some((r) => r.code === 'DIMENSION_INACTIVE' && r.subject === 'branch:OLD' && /line 2 Branch "OLD"/.test(r.message)));
  assert.equal(f.sim.state.recordCount(), 0);

  f.sim.state.closePeriod('2026-10');
  const closed = await f.fresh({ postingMode: 'journal' }).post(journalPlan());
  assert.equal(closed.status === 'rejected' && closed.reasons[0]!.code, 'PERIOD_CLOSED');
});

test('very long descriptions are cut to the field length, not refused; an unbalanced journal is held as UNBALANCED', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const long = 'Déplacement '.repeat(60);
  const out = await f.adapter.post(billPlan({ description: long, lines: [acuLine(1, '62400', 'debit', 999, { description: long })] }));
  assert.equal(out.status, 'posted');
  const [bill] = f.sim.state.records('Bill');
  assert.ok(Array.from(bill!.description).length <= 255);
  assert.ok(Array.from(bill!.lines[0]!.description).length <= 255);
  const lopsided = journalPlan({ lines: [acuLine(1, '62000', 'debit', 100), acuLine(2, '20100', 'credit', 90)] });
  const held = await f.adapter.post(lopsided);
  assert.equal(held.status === 'rejected' && held.reasons[0]!.code, 'UNBALANCED');
});

test('release: ReleaseBill answers 202 + Location, polled until 204; a failed release is a warning, not a second bill', async (t) => {
  const f = await startAcumaticaFixture({ settings: { releaseBills: true } });
  t.after(() => f.stop());
  f.sim.state.releasePolls = 2;
  const out = await f.adapter.post(billPlan());
  assert.deepEqual(out.status === 'posted' && out.warnings, []);
  assert.equal(f.sim.state.records('Bill')[0]!.status, 'Open');
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/Bill/ReleaseBill/status/:id'], 3);
  // The release fails on Acumatica's side: the bill stays recorded, with a warning for the accountant.
  f.sim.state.failNextRelease = 'The financial period is closed in AP';
  const plan = billPlan();
  const warned = await f.adapter.post(plan);
  assert.equal(warned.status, 'posted');
  assert.match(warned.status === 'posted' ? warned.warnings.join() : '', /not released: the release ended with HTTP 500; release it in Acumatica/);
  assert.equal(f.sim.state.findByKey(plan.idempotencyKey).length, 1);
  assert.equal(f.sim.state.findByKey(plan.idempotencyKey)[0]!.status, 'Balanced');
});
