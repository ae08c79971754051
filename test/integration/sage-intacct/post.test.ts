// Sage Intacct adapter against the simulator: GLBATCH / APBILL creates with RECORDNO, refusals as hold
// codes, batches with per-plan outcomes, uncertain writes (dropped answer, 524), a duplicate control id
// settled by findExisting with exactly one record per key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { billPlan, line, plan, startIntacctFixture, type IntacctFixture } from '../../helpers/intacct-context';

let f: IntacctFixture;
before(async () => {
  f = await startIntacctFixture();
});
after(() => f.stop());

const erpIdOf = (o: { status: string; erpId?: string }) => (o.status === 'posted' ? o.erpId : undefined);

test('a balanced journal is created as one GLBATCH and its RECORDNO returned; findExisting finds it by REFERENCENO', async () => {
  const p = plan();
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  const [rec, ...more] = f.sim.state.findByKey(p.idempotencyKey);
  assert.equal(more.length, 0);
  assert.equal(erpIdOf(out), rec?.recordNo);
  assert.equal(rec?.fields.BATCH_DATE, '03/15/2024');
  assert.equal(rec?.controlId, p.idempotencyKey);
  assert.deepEqual(rec?.lines.map((l) => [l.TR_TYPE, l.TRX_AMOUNT, l.DEPARTMENT, l.EMPLOYEEID]), [['1', '123.45', 'D100', undefined], ['-1', '123.45', undefined, 'E001']]);
  assert.deepEqual(await f.adapter.findExisting(p), { erpId: rec?.recordNo, key: p.idempotencyKey });
  assert.equal(await f.adapter.findExisting(plan()), null);
});

test('AP bill mode: a supplier invoice is created as an APBILL, found again by DOCNUMBER', async () => {
  const p = billPlan();
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  const [rec] = f.sim.state.find('APBILL', 'DOCNUMBER', p.idempotencyKey);
  assert.equal(rec?.fields.RECORDID, 'INV-2024-77');
  assert.equal(rec?.fields.TOTALENTERED, '245.50');
  assert.equal(rec?.lines.length, 2);
  // Due by the vendor's own terms (V100: N30), not on the bill date.
  assert.equal(rec?.fields.TERMNAME, 'N30');
  assert.equal(rec?.fields.WHENDUE, '04/14/2024');
  assert.deepEqual(await f.adapter.findExisting(p), { erpId: erpIdOf(out), key: p.idempotencyKey });
});

const refusals: Array<[string, Parameters<typeof plan>[0], string, string | undefined]> = [
  ['an unknown department', { lines: [line(1, '6000', 'debit', 500, { dimensions: { department: 'D999' } }), line(2, '2050', 'credit', 500)] }, 'DIMENSION_UNKNOWN', 'D999'],
  ['an inactive department', { lines: [line(1, '6000', 'debit', 500, { dimensions: { department: 'D400' } }), line(2, '2050', 'credit', 500)] }, 'DIMENSION_INACTIVE', 'D400'],
  ['an inactive location', { lines: [line(1, '6000', 'debit', 500, { dimensions: { location: 'L20' } }), line(2, '2050', 'credit', 500)] }, 'DIMENSION_INACTIVE', 'L20'],
  ['an unknown account', { lines: [line(1, '9999', 'debit', 500), line(2, '2050', 'credit', 500)] }, 'ACCOUNT_UNKNOWN', '9999'],
  ['an inactive account', { lines: [line(1, '6999', 'debit', 500), line(2, '2050', 'credit', 500)] }, 'ACCOUNT_INACTIVE', '6999'],
  ['an inactive employee', { lines: [line(1, '6000', 'debit', 500), line(2, '2050', 'credit', 500, { partner: 'E009' })] }, 'PARTNER_INACTIVE', 'E009'],
  ['a closed period', { postingDate: '2024-01-31' }, 'PERIOD_CLOSED', undefined],
  ['an inactive vendor on a bill', billPlan({ partner: 'V103' }), 'PARTNER_INACTIVE', 'V103'],
];

for (const [name, p, code, subject] of refusals) {
  test(`Intacct refusing ${name} becomes ${code}`, async () => {
    const before = f.sim.state.recordCount();
    const out = await f.adapter.post(p && 'idempotencyKey' in p ? (p as ReturnType<typeof plan>) : plan(p));
    assert.equal(out.status, 'rejected');
    const reasons = out.status === 'rejected' ? out.reasons : [];
    assert.deepEqual(reasons.map((r) => [r.code, r.subject]), [[code, subject]]);
    assert.ok(!reasons[0]?.message.includes('Support ID'));
    assert.equal(f.sim.state.recordCount(), before);
  });
}

test('postBatch: one request, independent functions, one outcome per plan in order', async () => {
  const plans = [plan(), plan({ lines: [line(1, '6000', 'debit', 700, { dimensions: { department: 'D999' } }), line(2, '2050', 'credit', 700)] }), plan(), billPlan()];
  const creates = f.sim.stats.functions.create ?? 0;
  const requests = f.sim.stats.requests;
  const out = await f.adapter.postBatch!(plans);
  assert.equal(f.sim.stats.requests - requests, 1);
  assert.equal((f.sim.stats.functions.create ?? 0) - creates, 4);
  assert.deepEqual(out.map((o) => o.status), ['posted', 'rejected', 'posted', 'posted']);
  assert.equal(out[1]?.status === 'rejected' && out[1].reasons[0]?.code, 'DIMENSION_UNKNOWN');
  plans.forEach((p, i) => assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, i === 1 ? 0 : 1));
  assert.equal(f.adapter.capabilities.maxBatch, 20);
});

test('commit then dropped connection: uncertain, never re-sent by the adapter; findExisting finds the one GLBATCH', async () => {
  const p = plan();
  const creates = f.sim.stats.functions.create ?? 0;
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.post(p), (e: unknown) => isConnectorError(e) && e.uncertain && e.code === 'NETWORK');
  assert.equal((f.sim.stats.functions.create ?? 0) - creates, 1);
  const found = await f.adapter.findExisting(p);
  const stored = f.sim.state.findByKey(p.idempotencyKey);
  assert.equal(stored.length, 1);
  assert.deepEqual(found, { erpId: stored[0]?.recordNo, key: p.idempotencyKey });
});

test('a 524 after commit is uncertain (not retried); a batch whose answer is lost throws for the whole batch', async () => {
  const p = plan();
  f.sim.faults.timeoutAfterCommit = 1;
  await assert.rejects(f.adapter.post(p), (e: unknown) => isConnectorError(e) && e.uncertain && e.httpStatus === 524);
  assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, 1);
  const batch = [plan(), plan()];
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.postBatch!(batch), (e: unknown) => isConnectorError(e) && e.uncertain);
  for (const b of batch) assert.ok(await f.adapter.findExisting(b));
});

test("re-sending a completed key: the duplicate control id refusal is the outcome 'duplicate', and the record stays single", async () => {
  const p = plan();
  assert.equal((await f.adapter.post(p)).status, 'posted');
  const again = await f.adapter.post(p);
  assert.ok(again.status === 'duplicate' && /already executed/.test(again.message), JSON.stringify(again));
  assert.ok(f.sim.stats.duplicatesRefused >= 1);
  assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, 1);
  assert.ok(await f.adapter.findExisting(p));
});

test('a 503 on a write is thrown as uncertain and not retried by the adapter', async () => {
  const requests = f.sim.stats.requests;
  f.sim.faults.rate5xx = 1;
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.uncertain && e.code === 'UNAVAILABLE');
  } finally {
    f.sim.faults.rate5xx = 0;
  }
  assert.equal(f.sim.stats.requests - requests, 1);
});

test('a refused key can be sent again once fixed (only completed functions count for uniqueid)', async () => {
  const bad = plan({ lines: [line(1, '6000', 'debit', 900, { dimensions: { department: 'D999' } }), line(2, '2050', 'credit', 900)] });
  assert.equal((await f.adapter.post(bad)).status, 'rejected');
  const fixed = { ...bad, lines: [line(1, '6000', 'debit', 900, { dimensions: { department: 'D100' } }), line(2, '2050', 'credit', 900)] };
  assert.equal((await f.adapter.post(fixed)).status, 'posted');
  assert.equal(f.sim.state.findByKey(bad.idempotencyKey).length, 1);
});

test('reads ride out 429s with backoff (seeded), writes are not involved', async () => {
  f.sim.faults.rate429 = 0.5;
  f.sim.faults.retryAfterSeconds = 0;
  try {
    for (let i = 0; i < 5; i++) assert.equal(await f.adapter.findExisting(plan()), null);
  } finally {
    f.sim.faults.rate429 = 0;
  }
  assert.ok(f.sim.stats.injected429 > 0);
});
