// Sage Intacct adapter against the simulator: transaction="true" batches rolled back whole (aborted
// documents re-sent one by one), closed periods held or moved to the next open period, and missing
// vendors/employees created only when the connection allows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line, plan, startIntacctFixture } from '../../helpers/intacct-context';
import { systemClock } from '../../../main/core/ports';
import { laterPeriodStarts, nextMonthStart } from '../../../main/core/adapters/sage-intacct/period';

test('a transaction batch with one bad document: the request is rolled back, the bad one is rejected, the aborted ones post one by one', async (t) => {
  const f = await startIntacctFixture({ settings: { batchTransaction: true } });
  t.after(() => f.stop());
  const bad = plan({ lines: [line(1, '6999', 'debit', 500), line(2, '2050', 'credit', 500, { partner: 'E001' })] });
  const plans = [plan(), bad, plan(), plan()];
  const outcomes = await f.adapter.postBatch!(plans);
  assert.deepEqual(outcomes.map((o) => o.status), ['posted', 'rejected', 'posted', 'posted']);
  const rejected = outcomes[1]!;
  assert.ok(rejected.status === 'rejected' && rejected.reasons.some((r) => r.code === 'ACCOUNT_INACTIVE' && r.subject === '6999'));
  assert.equal(f.sim.state.rolledBack, 1, 'the whole first request was rolled back');
  for (const p of [plans[0]!, plans[2]!, plans[3]!]) assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, 1, p.idempotencyKey);
  assert.equal(f.sim.state.findByKey(bad.idempotencyKey).length, 0);
  assert.equal(f.sim.state.recordCount('GLBATCH'), 3);
  assert.equal(f.sim.stats.duplicatesRefused, 0, 'aborted control ids are free to be sent again');
});

test('without batchTransaction the same batch stays independent: nothing is rolled back', async (t) => {
  const f = await startIntacctFixture();
  t.after(() => f.stop());
  const outcomes = await f.adapter.postBatch!([plan(), plan({ lines: [line(1, '6999', 'debit', 500), line(2, '2050', 'credit', 500)] }), plan()]);
  assert.deepEqual(outcomes.map((o) => o.status), ['posted', 'rejected', 'posted']);
  assert.equal(f.sim.state.rolledBack, 0);
  assert.equal(f.sim.stats.requests - (f.sim.stats.functions.getAPISession ?? 0), 1, 'one create request');
});

test('a closed period is held as PERIOD_CLOSED by default', async (t) => {
  const f = await startIntacctFixture();
  t.after(() => f.stop());
  const out = await f.adapter.post(plan({ postingDate: '2024-01-20' }));
  assert.equal(out.status, 'rejected');
  assert.ok(out.status === 'rejected' && out.reasons[0]!.code === 'PERIOD_CLOSED');
  assert.equal(f.sim.state.recordCount(), 0);
});

test('next open period: the entry is dated the 1st of the first open month and the move is noted', async (t) => {
  const f = await startIntacctFixture({ settings: { closedPeriod: 'next_open_period' }, sim: { closedPeriods: ['2024-01', '2024-02'] } });
  t.after(() => f.stop());
  const p = plan({ postingDate: '2024-01-20' });
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  assert.ok(out.status === 'posted' && /moved from 2024-01-20 to 2024-03-01/.test(out.warnings.join(' ')), JSON.stringify(out));
  const [rec, ...more] = f.sim.state.findByKey(p.idempotencyKey);
  assert.equal(more.length, 0);
  assert.equal(rec?.fields.BATCH_DATE, '03/01/2024');
  assert.deepEqual(await f.adapter.findExisting(p), { erpId: rec?.recordNo, key: p.idempotencyKey }, 'still found by its key');
});

test('next open period: when no month up to today is open, the document is held with a clear reason', async (t) => {
  const clock = { now: () => new Date('2024-02-10T12:00:00Z'), sleep: systemClock.sleep };
  const f = await startIntacctFixture({ clock, settings: { closedPeriod: 'next_open_period' }, sim: { closedPeriods: ['2024-01', '2024-02'] } });
  t.after(() => f.stop());
  const out = await f.adapter.post(plan({ postingDate: '2024-01-05' }));
  assert.ok(out.status === 'rejected' && out.reasons[0]!.code === 'PERIOD_CLOSED' && /no later period up to 2024-02 is open/.test(out.reasons[0]!.message), JSON.stringify(out));
  assert.equal(f.sim.state.recordCount(), 0);
  assert.deepEqual(laterPeriodStarts('2023-11-30', '2024-02-10'), ['2023-12-01', '2024-01-01', '2024-02-01']);
  assert.equal(nextMonthStart('2024-12-31'), '2025-01-01');
});

test('missing partners: a VENDOR, and an EMPLOYEE with its CONTACT in one transaction; existing ones are left alone', async (t) => {
  const f = await startIntacctFixture({ settings: { createMissingPartners: true } });
  t.after(() => f.stop());
  assert.equal(f.adapter.createsPartners, true);
  const results = await f.adapter.createPartners!([
    { role: 'vendor', code: 'V200', name: 'Harbour Catering' },
    { role: 'employee', code: 'E050', name: 'Grace Hopper' },
    { role: 'vendor', code: 'V100', name: 'Grand Hotel' },
  ]);
  assert.deepEqual(results.map((r) => `${r.code}:${r.status}:${'object' in r ? r.object : ''}`), ['V200:created:VENDOR', 'E050:created:EMPLOYEE', 'V100:exists:VENDOR']);
  assert.equal(f.sim.state.master.vendor.get('V200')?.name, 'Harbour Catering');
  assert.equal(f.sim.state.master.employee.get('E050')?.name, 'Grace Hopper');
  assert.ok(f.sim.state.contacts.has('Grace Hopper (E050)'));
  // A second run finds them and creates nothing.
  const again = await f.adapter.createPartners!([{ role: 'vendor', code: 'V200', name: 'Harbour Catering' }, { role: 'employee', code: 'E050', name: 'Grace Hopper' }]);
  assert.deepEqual(again.map((r) => r.status), ['exists', 'exists']);
});

test('an employee whose contact cannot be created leaves nothing behind (the transaction is rolled back)', async (t) => {
  const f = await startIntacctFixture({ settings: { createMissingPartners: true } });
  t.after(() => f.stop());
  // The contact name is taken by someone else, so CONTACT fails and EMPLOYEE is aborted.
  f.sim.state.contacts.set('Ada Lovelace (E077)', { name: 'Ada Lovelace (E077)', printAs: 'Someone else' });
  const [r] = await f.adapter.createPartners!([{ role: 'employee', code: 'E077', name: 'Ada Lovelace' }]);
  assert.equal(r?.status, 'failed');
  assert.ok(r?.status === 'failed' && /already exists/.test(r.reason));
  assert.equal(f.sim.state.master.employee.has('E077'), false);
  assert.equal(f.sim.state.rolledBack, 1);
});

test('partner creation is off by default', async (t) => {
  const f = await startIntacctFixture();
  t.after(() => f.stop());
  assert.equal(f.adapter.createsPartners, false);
});
