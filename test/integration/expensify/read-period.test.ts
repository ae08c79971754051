import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { isConnectorError } from '../../../main/core/errors';
import type { ExpensifySimState } from '../../../main/simulators/expensify';
import { startExpensifyFixture } from '../../helpers/expensify-context';

function seed(state: ExpensifySimState): void {
  state.addPolicy({ id: 'P1', name: 'Northwind EU', outputCurrency: 'EUR', categories: [{ name: 'Train', glCode: '625170' }], tags: [{ name: 'CC100' }] });
  const e = (id: string, amount = 4550) => ({ transactionID: id, created: '2026-03-02', merchant: 'SNCF', amount, currency: 'EUR', category: 'Train', tag: 'CC100' });
  const base = { policyID: 'P1', accountEmail: 'ana@example.com', created: '2026-03-01 08:00:00', submitted: '2026-03-04 09:00:00', approved: '2026-03-05 10:00:00' };
  state.addReport({ ...base, reportID: 'M1', expenses: [e('T1', 1000)] });
  // Already posted and stamped: still a document of March.
  state.addReport({ ...base, reportID: 'M2', state: 'REIMBURSED', exportLabels: ['ml-connector'], expenses: [e('T2', 2000)] });
  // Submitted in February, approved in March: only the local approval-date filter places it in March.
  state.addReport({ ...base, reportID: 'M3', created: '2026-02-10 08:00:00', submitted: '2026-02-20 08:00:00', approved: '2026-03-02 08:00:00', expenses: [e('T3', 3000)] });
  // Submitted in March, approved in April: April's.
  state.addReport({ ...base, reportID: 'A1', approved: '2026-04-01 08:00:00', expenses: [e('T4', 4000)] });
  // Not approved: not a source document of any period.
  state.addReport({ ...base, reportID: 'O1', state: 'OPEN', approved: null, expenses: [e('T5', 5000)] });
}

test('readPeriod: the reports approved in the month, exported or not, by their approval date; nothing is stamped', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  const secretsBefore = JSON.stringify(f.secrets);
  const docs = await source.readPeriod!({ from: '2026-03-01', to: '2026-03-31' });
  assert.deepEqual(docs.map((d) => [d.sourceId, d.documentDate, d.lines.reduce((s, l) => s + (l.amount?.amountMinor ?? 0), 0)]).sort(), [
    ['M1', '2026-03-05', 1000],
    ['M2', '2026-03-05', 2000],
    ['M3', '2026-03-02', 3000],
  ]);
  // One export job with the documented date filters, no label filter, no onFinish; then its download.
  assert.deepEqual(f.sim.stats.log.map((l) => l.type), ['file', 'download']);
  const job = f.sim.stats.log[0]!;
  assert.deepEqual(job.filters, { startDate: '2026-01-01', endDate: '2026-03-31' });
  assert.equal(job.reportState, 'APPROVED,REIMBURSED');
  assert.equal(job.onFinish, undefined);
  assert.deepEqual(f.sim.state.markedWith('ml-connector'), ['M2']);
  assert.equal(JSON.stringify(f.secrets), secretsBefore, 'no adapter state written');

  const april = await source.readPeriod!({ from: '2026-04-01', to: '2026-04-30' });
  assert.deepEqual(april.map((d) => d.sourceId), ['A1']);
  assert.deepEqual(f.sim.state.markedWith('ml-connector'), ['M2']);
});

test('readPeriod: a period before the connection start date widens the search to the period start', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings({ startDate: '2026-06-01' }), f.ctx);
  const docs = await source.readPeriod!({ from: '2026-03-01', to: '2026-03-31' });
  // M3 was submitted in February, before the period start: outside the documented filter, so not read.
  assert.deepEqual(docs.map((d) => d.sourceId).sort(), ['M1', 'M2']);
  assert.deepEqual(f.sim.stats.log[0]!.filters, { startDate: '2026-03-01', endDate: '2026-03-31' });
});

test('readPeriod: a malformed period is refused by Expensify and surfaces as an error, not as an empty month', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  await assert.rejects(source.readPeriod!({ from: '2026-03-01', to: '2026-3-31' }), (e) => isConnectorError(e));
});
