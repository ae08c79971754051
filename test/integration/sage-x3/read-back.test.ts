// Reconciliation read-back against the Sage X3 simulator: each key found by the SOAP query, each document
// read for its lines, totals per currency and GL account; a key carried twice comes back twice; a read
// that fails half-way keeps what was read and leaves the rest unchecked; and the answer always says that
// documents under our prefix the outbox does not know cannot be searched (no documented range criterion).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSageX3Target } from '../../../main/core/adapters/sage-x3/adapter';
import { NO_PERIOD_SEARCH } from '../../../main/core/adapters/sage-x3/read-back';
import { isConnectorError } from '../../../main/core/errors';
import { line, plan, startX3Fixture } from '../../helpers/x3-context';

const MARCH = { from: '2024-03-01', to: '2024-03-31' };
const sorted = <T extends { account: string }>(xs: T[]) => [...xs].sort((a, b) => a.account.localeCompare(b.account));

test('read-back: journals and supplier invoices with totals per currency and GL account; an unknown key is not there', async (t) => {
  const f = await startX3Fixture();
  t.after(() => f.stop());
  const j = plan();
  const inv = plan({ kind: 'supplier_invoice', partner: 'SUP100', invoiceNumber: 'HC-1', lines: [line(1, '625100', 'debit', 10000, { dimensions: { costCenter: 'CC10' } }), line(2, '625700', 'debit', 2550, { dimensions: { costCenter: 'CC20' } }), line(3, '401000', 'credit', 12550, { partner: 'SUP100' })] });
  for (const p of [j, inv]) assert.equal((await f.adapter.post(p)).status, 'posted');
  const r = await f.adapter.readBack!({ keys: [j.idempotencyKey, inv.idempotencyKey, 'MLC-NOTTHEREATALL00'], range: MARCH, prefix: 'MLC-' });
  assert.equal(r.incomplete, NO_PERIOD_SEARCH, 'the month under our prefix cannot be searched, and the answer says so');
  assert.equal(r.uncheckedKeys, undefined);
  const docs = new Map(r.documents.map((d) => [d.key, d]));
  assert.deepEqual([...docs.keys()].sort(), [j.idempotencyKey, inv.idempotencyKey].sort());
  const jd = docs.get(j.idempotencyKey)!;
  assert.equal(jd.erpId, f.sim.state.findByReference(j.idempotencyKey)[0]!.number);
  assert.deepEqual(jd.totals, [{ currency: 'EUR', amountMinor: 12345 }]);
  assert.deepEqual(sorted(jd.accounts), [
    { account: '421000', currency: 'EUR', debitMinor: 0, creditMinor: 12345 },
    { account: '625100', currency: 'EUR', debitMinor: 12345, creditMinor: 0 },
  ]);
  assert.equal(jd.date, '2024-03-15');
  assert.equal(jd.url, null, 'X3 documents no URL form for an entry');
  const id = docs.get(inv.idempotencyKey)!;
  assert.deepEqual(id.totals, [{ currency: 'EUR', amountMinor: 12550 }], 'an invoice totals its lines');
  assert.deepEqual(sorted(id.accounts).map((a) => [a.account, a.debitMinor]), [['625100', 10000], ['625700', 2550]]);
});

test('read-back: a key carried by two entries comes back as two documents', async (t) => {
  const f = await startX3Fixture();
  t.after(() => f.stop());
  const j = plan();
  assert.equal((await f.adapter.post(j)).status, 'posted');
  assert.equal((await f.adapter.post({ ...j, sourceId: 'again' })).status, 'posted', 'X3 has no uniqueness on the reference unless set up');
  const r = await f.adapter.readBack!({ keys: [j.idempotencyKey], range: MARCH, prefix: 'MLC-' });
  assert.equal(r.documents.length, 2);
  assert.notEqual(r.documents[0]!.erpId, r.documents[1]!.erpId);
});

test('read-back: failing at the second key keeps the first, leaves the rest unchecked; failing at once throws', async (t) => {
  const f = await startX3Fixture();
  t.after(() => f.stop());
  const a = plan();
  const b = plan();
  for (const p of [a, b]) assert.equal((await f.adapter.post(p)).status, 'posted');
  const failing = createSageX3Target(f.settings, {
    ...f.ctx,
    fetch: (input, init) => (typeof init?.body === 'string' && init.body.includes(b.idempotencyKey) ? Promise.resolve(new Response('Service Unavailable', { status: 503 })) : f.ctx.fetch(input, init)),
  });
  const r = await failing.readBack!({ keys: [a.idempotencyKey, b.idempotencyKey, 'MLC-THIRDKEY000000'], range: MARCH, prefix: 'MLC-' });
  assert.deepEqual(r.documents.map((d) => d.key), [a.idempotencyKey]);
  assert.deepEqual(r.uncheckedKeys, [b.idempotencyKey, 'MLC-THIRDKEY000000']);
  assert.match(r.incomplete ?? '', /not searched/);
  await assert.rejects(failing.readBack!({ keys: [b.idempotencyKey], range: MARCH, prefix: 'MLC-' }), (e: unknown) => isConnectorError(e));
});
