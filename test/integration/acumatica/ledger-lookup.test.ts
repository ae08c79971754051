// The ledger is the truth for Acumatica: a page of plans is looked up with one or-ed $filter request, every
// key form is looked up (a bill written by an older version carries the key in VendorRef), a failed
// look-up throws, and Acumatica refusing a repeated vendor reference is "duplicate", not a rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

const BILL_LIST = 'GET /entity/Default/23.200.001/Bill';

test('findExistingMany: one $filter request for a page of bills, found ones answered by plan key', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const posted = [billPlan(), billPlan({ invoiceNumber: 'INV-B' }), billPlan({ invoiceNumber: 'INV-C' })];
  for (const p of posted) assert.equal((await f.adapter.post(p)).status, 'posted');
  const page = [posted[0]!, billPlan(), posted[1]!, billPlan(), posted[2]!];
  const before = f.sim.stats.byRoute[BILL_LIST] ?? 0;
  const found = await f.adapter.findExistingMany!(page);
  assert.equal((f.sim.stats.byRoute[BILL_LIST] ?? 0) - before, 1, 'one request for the page');
  assert.deepEqual([...found.keys()].sort(), posted.map((p) => p.idempotencyKey).sort());
  const numbers = f.sim.state.records('Bill').map((r) => r.number);
  assert.deepEqual(posted.map((p) => found.get(p.idempotencyKey)?.erpId), numbers);
});

test('journals and bills in one page are looked up in their own entity', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const j = journalPlan();
  assert.equal((await f.fresh({ postingMode: 'journal' }).post(j)).status, 'posted');
  const found = await f.adapter.findExistingMany!([j, billPlan()]);
  assert.equal(found.get(j.idempotencyKey)?.erpId, f.sim.state.records('JournalTransaction')[0]!.number);
  assert.equal(found.size, 1);
});

test('a bill from an older version (key in VendorRef) and an older key form are both found', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const old = billPlan();
  assert.equal((await f.adapter.post(old)).status, 'posted');
  const rec = f.sim.state.records('Bill')[0]!;
  // What the previous release wrote: the key in VendorRef, the invoice number in the description.
  rec.vendorRef = old.idempotencyKey;
  rec.description = 'INV-2026-00001 · Acme Office Supply';
  const renamed = billPlan({ lookupKeys: [old.idempotencyKey] });
  assert.deepEqual(await f.adapter.findExisting(renamed), { erpId: rec.number, key: old.idempotencyKey });
});

test('a failed look-up throws and is never "not found"', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  f.sim.faults.queue.push('503', '503', '503', '503', '503', '503');
  await assert.rejects(f.adapter.findExistingMany!([billPlan()]), (e) => isConnectorError(e));
});

test('Acumatica refusing a repeated vendor reference (AP preference on) is "duplicate"; the key look-up then decides', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  f.sim.state.rejectDuplicateVendorRef = true;
  const first = billPlan({ invoiceNumber: 'INV-SAME' });
  assert.equal((await f.adapter.post(first)).status, 'posted');
  const sameInvoice = billPlan({ invoiceNumber: 'INV-SAME' });
  const out = await f.adapter.post(sameInvoice);
  assert.equal(out.status, 'duplicate');
  assert.match(out.status === 'duplicate' ? out.message : '', /Vendor Ref\. INV-SAME already exists/);
  // It is another document: the engine's look-up by key finds nothing and holds it with that message.
  assert.equal(await f.adapter.findExisting(sameInvoice), null);
  assert.equal(f.sim.state.recordCount('Bill'), 1);
});
