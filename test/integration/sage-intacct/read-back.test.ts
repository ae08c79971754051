// Reconciliation read-back against the Intacct simulator: totals per currency and per GL account of the
// journals and bills carrying our keys, documents of the month under our prefix that nobody asked for,
// dates compared as dates, and a read that stops half-way says so instead of answering less.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { query } from '../../../main/simulators/sage-intacct/reads';
import { billPlan, plan, startIntacctFixture } from '../../helpers/intacct-context';

const MARCH = { from: '2024-03-01', to: '2024-03-31' };

test('read-back: journals and bills with their totals per currency and GL account; unknown ones of the month too', async () => {
  const f = await startIntacctFixture();
  try {
    const j = plan();
    const b = billPlan();
    const byHand = plan({ postingDate: '2024-03-20' });
    const otherYear = plan({ postingDate: '2023-03-20' });
    const april = plan({ postingDate: '2024-04-01' });
    for (const p of [j, b, byHand, otherYear, april]) assert.equal((await f.adapter.post(p)).status, 'posted');
    const r = await f.adapter.readBack!({ keys: [j.idempotencyKey, b.idempotencyKey, 'MLC-NOTTHEREATALL00'], range: MARCH, prefix: 'MLC-' });
    assert.equal(r.incomplete, null);
    const byKey = new Map(r.documents.map((d) => [d.key, d]));
    assert.deepEqual([...byKey.keys()].sort(), [j.idempotencyKey, b.idempotencyKey, byHand.idempotencyKey].sort(), 'March under our prefix plus the asked keys; not 2023, not April');
    const jd = byKey.get(j.idempotencyKey)!;
    assert.deepEqual(jd.totals, [{ currency: 'USD', amountMinor: 12345 }]);
    assert.deepEqual(jd.accounts.sort((x, y) => x.account.localeCompare(y.account)), [
      { account: '2050', currency: 'USD', debitMinor: 0, creditMinor: 12345 },
      { account: '6000', currency: 'USD', debitMinor: 12345, creditMinor: 0 },
    ]);
    assert.equal(jd.date, '2024-03-15');
    assert.equal(jd.erpId, f.sim.state.findByKey(j.idempotencyKey)[0]?.recordNo);
    const bd = byKey.get(b.idempotencyKey)!;
    assert.deepEqual(bd.totals, [{ currency: 'USD', amountMinor: 24550 }], 'a bill totals its expense lines');
    assert.deepEqual(bd.accounts.map((a) => a.account).sort(), ['6000', '6020']);
  } finally {
    await f.stop();
  }
});

test('read-back: the bills query failing keeps the journals and marks the answer incomplete; both failing throws', async () => {
  const f = await startIntacctFixture({ settings: { billKeyField: 'NOSUCHFIELD' } });
  try {
    const j = plan();
    assert.equal((await f.adapter.post(j)).status, 'posted');
    const r = await f.adapter.readBack!({ keys: [j.idempotencyKey, 'MLC-BILLKEY0000000'], range: MARCH, prefix: 'MLC-' });
    assert.match(r.incomplete ?? '', /APBILL.*NOSUCHFIELD/);
    assert.deepEqual(r.documents.map((d) => d.key), [j.idempotencyKey]);
    assert.deepEqual(r.uncheckedKeys, ['MLC-BILLKEY0000000']);
  } finally {
    await f.stop();
  }
  const down = await startIntacctFixture();
  await down.stop();
  await assert.rejects(down.adapter.readBack!({ keys: [], range: MARCH, prefix: 'MLC-' }), (e: unknown) => isConnectorError(e));
});

test('the simulator refuses an unknown field on the line objects, and compares MM/DD/YYYY dates as dates', async () => {
  const f = await startIntacctFixture();
  try {
    assert.equal((await f.adapter.post(plan())).status, 'posted');
    const bad = query(f.sim.state, { object: 'GLENTRY', select: { field: ['BATCHNO', 'AMOUNTX'] } });
    assert.equal(bad.ok, false);
    const lines = query(f.sim.state, { object: 'GLENTRY', select: { field: ['BATCHNO', 'ACCOUNTNO', 'TR_TYPE'] } });
    assert.ok(lines.ok && JSON.stringify(lines.data).includes('"TR_TYPE":"-1"'));
    const between = (from: string, to: string) => query(f.sim.state, { object: 'GLBATCH', select: { field: ['RECORDNO'] }, filter: { between: { field: 'BATCH_DATE', value: [from, to] } } });
    const count = (r: ReturnType<typeof between>) => (r.ok ? Number((r.data as Record<string, string>)['@_totalcount']) : -1);
    assert.equal(count(between('03/01/2024', '03/31/2024')), 1);
    assert.equal(count(between('03/01/2023', '03/31/2023')), 0, 'a text comparison would take March 2024 for March 2023');
  } finally {
    await f.stop();
  }
});
