import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { isConnectorError } from '../../../main/core/errors';
import type { ExpensifySimState } from '../../../main/simulators/expensify';
import { pullAll, startExpensifyFixture } from '../../helpers/expensify-context';

const posted = (id: string) => ({ doc: { sourceId: id, meta: {} }, outcome: { ok: true as const, erpId: `X3-${id}`, postingDate: '2026-03-05' } });

function seed(state: ExpensifySimState): void {
  state.addPolicy({ id: 'P1', name: 'Northwind EU', outputCurrency: 'EUR', categories: [{ name: 'Train', glCode: '625170' }, { name: 'Hotel' }, { name: 'Old', enabled: false }], tags: [{ name: 'CC100' }, { name: 'CC200', glCode: '200' }] });
  state.addPolicy({ id: 'P2', name: 'Northwind US', outputCurrency: 'USD', categories: [{ name: 'Meals' }, { name: 'Train', glCode: '625170' }], tags: [{ name: 'CC300' }], tagFormat: 'grouped', tagListName: 'Cost center' });
  const base = { policyID: 'P1', accountEmail: 'ana@example.com', created: '2026-03-01 08:00:00', submitted: '2026-03-04 09:00:00', approved: '2026-03-05 10:00:00' };
  const e = (id: string, over: Record<string, unknown> = {}) => ({ transactionID: id, created: '2026-03-02', merchant: 'SNCF', amount: 4550, currency: 'EUR', category: 'Train', tag: 'CC100', ...over });
  state.addReport({ ...base, reportID: 'R1', expenses: [e('T1'), e('T2', { created: '2026-03-03', amount: 12000, category: 'Hotel', tag: 'CC200' })] });
  state.addReport({ ...base, reportID: 'R2', state: 'REIMBURSED', expenses: [e('T3', { currency: 'USD', amount: 10000, convertedAmount: 9200, currencyConversionRate: 0.92 })] });
  state.addReport({ ...base, reportID: 'R3', state: 'OPEN', approved: null, expenses: [e('T4')] });
  state.addReport({ ...base, reportID: 'R4', policyID: 'P2', currency: 'USD', expenses: [e('T5', { currency: 'USD', category: 'Meals', tag: 'CC300' })] });
  state.addReport({ ...base, reportID: 'R5', created: '2025-06-01 08:00:00', submitted: '2025-06-02 08:00:00', expenses: [e('T6')] });
  state.addReport({ ...base, reportID: 'R6', expenses: [] });
}

test('pull: approved/reimbursed reports since the start date become documents; nothing is marked by the pull', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  const pull = source.pull(null);
  const docs = await pullAll(pull);
  assert.deepEqual(docs.map((d) => d.sourceId).sort(), ['R1', 'R2', 'R4', 'R6']);
  assert.equal(pull.finalCursor(), '2026-01-01');
  const r1 = docs.find((d) => d.sourceId === 'R1')!;
  assert.equal(r1.documentDate, '2026-03-05');
  assert.deepEqual(r1.lines.map((l) => [l.lineId, l.transactionDate, l.amount, l.dimensions]), [
    ['T1', '2026-03-02', { amountMinor: 4550, currency: 'EUR' }, { costCenter: 'CC100' }],
    ['T2', '2026-03-03', { amountMinor: 12000, currency: 'EUR' }, { costCenter: 'CC200' }],
  ]);
  assert.deepEqual(docs.find((d) => d.sourceId === 'R2')!.lines[0]!.amount, { amountMinor: 9200, currency: 'EUR' });
  assert.deepEqual(docs.find((d) => d.sourceId === 'R6')!.problems.map((p) => p.code), ['EMPTY_DOCUMENT']);
  // The pull asked for unmarked reports only and stamped nothing.
  const exportJob = f.sim.stats.log.find((l) => l.type === 'file')!;
  assert.equal(exportJob.filters?.markedAsExported, 'ml-connector');
  assert.equal(exportJob.reportState, 'APPROVED,REIMBURSED');
  assert.equal(exportJob.onFinish, undefined);
  assert.deepEqual(f.sim.state.markedWith('ml-connector'), []);
  assert.deepEqual(f.sim.stats.log.map((l) => l.type), ['file', 'download']);

  const onlyP2 = await pullAll(createExpensifySource(f.settings({ policyIds: ['P2'] }), f.ctx).pull(null));
  assert.deepEqual(onlyP2.map((d) => d.sourceId), ['R4']);
});

test('confirmBatch marks only the posted reports, after the fact; a rerun pulls nothing of them', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  await pullAll(source.pull(null));
  f.sim.stats.reset();
  const answers = await source.confirmBatch!([posted('R1'), posted('R2'), { doc: { sourceId: 'R6', meta: {} }, outcome: { ok: false, reason: 'Dismissed: empty' } }]);
  assert.deepEqual(answers, [{ sourceId: 'R1', ok: true }, { sourceId: 'R2', ok: true }, { sourceId: 'R6', ok: true }]);
  assert.deepEqual(f.sim.state.markedWith('ml-connector').sort(), ['R1', 'R2']);
  const mark = f.sim.stats.log.find((l) => l.type === 'file')!;
  assert.deepEqual(mark.filters, { reportIDList: 'R1,R2' });
  assert.deepEqual(mark.onFinish, [{ actionName: 'markAsExported', label: 'ml-connector' }]);
  assert.equal(f.sim.stats.count({ type: 'file' }), 1, 'one export job for the whole batch');

  const rerun = await pullAll(source.pull('2026-01-01'));
  assert.deepEqual(rerun.map((d) => d.sourceId).sort(), ['R4', 'R6']);
  // Repeating a confirmation is safe: the label is stamped once.
  await source.confirm!({ sourceId: 'R1', meta: {} }, posted('R1').outcome);
  assert.deepEqual(f.sim.state.labels('R1'), ['ml-connector']);
});

test('one mark job, never downloaded; a report that left the approved/reimbursed states is not stamped by Expensify', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  f.sim.state.setState('R4', 'OPEN');
  f.sim.stats.reset();
  const answers = await source.confirmBatch!([posted('R1'), posted('R4')]);
  assert.deepEqual(f.sim.stats.log.map((l) => l.type), ['file'], 'the documented flow: the mark is one export job, its file is not fetched');
  assert.deepEqual(answers.map((a) => a.ok), [true, true]);
  assert.deepEqual(f.sim.state.labels('R1'), ['ml-connector']);
  assert.deepEqual(f.sim.state.labels('R4'), [], 'Expensify only stamps what it exported');
  // When Expensify answers that nothing matched, nothing was stamped: answered not ok, retried later.
  f.sim.faults.emptyExport = 'error';
  await assert.rejects(source.confirm!({ sourceId: 'R4', meta: {} }, posted('R4').outcome), (e: unknown) => isConnectorError(e) && /R4/.test(e.message));
});

test('the server answering "no reports" or a not-yet-ready file is survived; unexpected columns post nothing', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings({ startDate: '2027-01-01' }), f.ctx);
  f.sim.faults.emptyExport = 'error';
  assert.deepEqual(await pullAll(source.pull(null)), []);
  f.sim.faults.emptyExport = 'file';
  assert.deepEqual(await pullAll(source.pull(null)), []);

  const live = createExpensifySource(f.settings(), f.ctx);
  f.sim.faults.downloadNotReady = 2;
  assert.equal((await pullAll(live.pull(null))).length, 4);

  f.sim.faults.extraColumn = 'reportTotalWithTax';
  const seen: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const b of live.pull(null).batches) seen.push(...b.map((d) => d.sourceId));
    })(),
    (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /unexpected column "reportTotalWithTax"/.test(e.message),
  );
  assert.deepEqual(seen, [], 'no document from a file that does not match the template');
});

test('fetchOne re-reads one report; listCategories reads categories (with GL codes) and tags of the policies', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  seed(f.sim.state);
  const source = createExpensifySource(f.settings(), f.ctx);
  assert.equal((await source.fetchOne!('R2', {}))?.lines[0]?.transactionAmount?.currency, 'USD');
  assert.equal(await source.fetchOne!('R3', {}), null);

  const cats = await source.listCategories!();
  assert.deepEqual(cats.map((c) => [c.code, (c as { glCode?: string }).glCode ?? null]), [['Hotel', null], ['Meals', null], ['Train', '625170']]);
  const meta = await source.listPolicyMetadata();
  assert.deepEqual(meta.tags.map((x) => x.code), ['CC100', 'CC200', 'CC300']);
  assert.deepEqual(meta.policies, [{ id: 'P1', name: 'Northwind EU' }, { id: 'P2', name: 'Northwind US' }]);

  const wrong = createExpensifySource(f.settings({ policyIds: ['NOPE'] }), f.ctx);
  await assert.rejects(wrong.listCategories(), (e: unknown) => isConnectorError(e) && e.code === 'NOT_FOUND' && /polic/i.test(e.message));
  const steps = await wrong.test();
  assert.deepEqual(steps.map((s) => s.ok), [true, false]);
  assert.match(steps[1]!.message, /NOPE/);
});
