import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { isConnectorError } from '../../../main/core/errors';
import { addDemoVendor } from '../../../main/simulators/netsuite';
import { nsBillPlan, nsLine, nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

test('readReference pages every SuiteQL query to the end (Prefer: transient) with active flags', async (t) => {
  const f = await startNetSuiteFixture({ settings: { pageSize: 3 } });
  t.after(() => f.stop());
  const items: ReferenceItem[] = [];
  for await (const page of f.adapter.readReference()) items.push(...page);
  const count = (kind: string, type = '') => items.filter((i) => i.kind === kind && i.dimensionType === type).length;
  assert.deepEqual([count('account'), count('supplier'), count('employee'), count('dimension', 'department'), count('dimension', 'class'), count('dimension', 'location'), count('dimension', 'subsidiary'), count('tax_code')], [9, 5, 40, 4, 3, 3, 3, 5]);
  assert.deepEqual(items.find((i) => i.code === '12'), { kind: 'dimension', dimensionType: 'department', code: '12', name: 'Marketing', active: false });
  assert.deepEqual(items.find((i) => i.code === '6999'), { kind: 'account', dimensionType: '', code: '6999', name: 'Old travel (closed)', active: false });
  const months = f.sim.state.periodRows().filter((r) => r.isyear === 'F' && r.isquarter === 'F').length;
  assert.equal(count('period', ''), months, 'every month row, no year or quarter rows');
  assert.equal(f.sim.stats.byRoute['POST /query/v1/suiteql'], 1 + 2 + 1 + 1 + 3 + 2 + 14 + 2 + 2 + Math.ceil(months / 3), 'ceil(rows / 3) pages per table, currencies, tax codes and periods included');
});

test('upsert by external id: a lost response is found by its key and a re-send updates the one record', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const plan = nsPlan();
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.post(plan), (e) => isConnectorError(e) && e.uncertain);
  assert.equal(f.sim.state.recordCount('journalEntry'), 1, 'NetSuite committed it');
  const found = await f.adapter.findExisting(plan);
  const record = f.sim.state.findByExternalId('journalEntry', plan.idempotencyKey)!;
  assert.deepEqual(found, { erpId: record.id, key: plan.idempotencyKey });
  // Even without the look-up, sending again cannot duplicate: the upsert updates.
  const again = await f.adapter.post(plan);
  assert.deepEqual(again, { status: 'posted', erpId: record.id, warnings: [] });
  assert.equal(f.sim.state.recordCount(), 1);
  assert.equal(f.sim.stats.updated, 1);
  const lines = (f.sim.state.transactions.get(record.id)!.body.line as { items: unknown[] }).items;
  assert.equal(lines.length, plan.lines.length, 'replace=line: the re-sent lines replace the stored ones instead of being added');
  assert.equal(await f.adapter.findExisting(nsPlan()), null, 'an unknown key is simply not there');
  const bill = await f.adapter.post(nsBillPlan());
  assert.equal(bill.status, 'posted');
  const stored = f.sim.state.transactions.get((bill as { erpId: string }).erpId)!;
  assert.equal(stored.type, 'vendorBill');
  assert.deepEqual(stored.body.entity, { id: '501' });
});

test('NetSuite error details become hold reasons; the subsidiary and a vendor added later are re-read', async (t) => {
  const f = await startNetSuiteFixture({ seed: { omitVendors: ['V1004'] } });
  t.after(() => f.stop());
  const inactive = await f.adapter.post(nsPlan({ lines: [nsLine(1, '6100', 'debit', 500, { dimensions: { department: '12' } }), nsLine(2, '2010', 'credit', 500)] }));
  assert.equal(inactive.status, 'rejected');
  assert.deepEqual(inactive.status === 'rejected' && inactive.reasons.map((r) => [r.code, r.subject]), [['DIMENSION_INACTIVE', 'department:12']]);
  f.sim.state.closedPeriods.add('2026-09');
  const closed = await f.adapter.post(nsPlan({ postingDate: '2026-09-30' }));
  assert.ok(closed.status === 'rejected' && closed.reasons[0]!.code === 'PERIOD_CLOSED' && /accounting period/.test(closed.reasons[0]!.message));
  const requests = f.sim.stats.requests;
  const noVendor = await f.adapter.post(nsBillPlan({ partner: 'V1004' }));
  assert.ok(noVendor.status === 'rejected' && noVendor.reasons[0]!.code === 'PARTNER_UNKNOWN' && noVendor.reasons[0]!.subject === 'V1004');
  assert.equal(f.sim.stats.byRoute['PUT /record/v1/vendorBill/:id'] ?? 0, 0, 'nothing sent for a vendor NetSuite lacks');
  addDemoVendor(f.sim.state, 'V1004');
  f.clock.offsetMs += 2 * 60_000;
  const later = await f.adapter.post(nsBillPlan({ partner: 'V1004' }));
  assert.equal(later.status, 'posted', 'maps older than a minute are re-read before a code is called missing');
  assert.ok(f.sim.stats.requests > requests);
  const wrongSub = await f.newAdapter({ subsidiary: '77' }).post(nsPlan());
  assert.ok(wrongSub.status === 'rejected' && wrongSub.reasons[0]!.code === 'DIMENSION_UNKNOWN' && /Subsidiary 77/.test(wrongSub.reasons[0]!.message));
});

test('HTML pages, SuiteQL errors and a 204 without Location: clear reasons, uncertain only where a write may have landed', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  f.sim.faults.htmlPages = 1;
  f.sim.faults.htmlStatus = 403;
  await assert.rejects(async () => { for await (const p of f.adapter.readReference()) void p; }, (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /HTML page \(HTTP 403\)/.test(e.message) && !e.uncertain);
  f.sim.faults.suiteqlErrors = 1;
  await assert.rejects(async () => { for await (const p of f.adapter.readReference()) void p; }, (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /Invalid search query.*INVALID_PARAMETER/.test(e.message));
  for await (const p of f.adapter.readReference()) void p;
  const plan = nsPlan();
  f.sim.faults.htmlPages = 1;
  f.sim.faults.htmlStatus = 200;
  await assert.rejects(f.adapter.post(plan), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && e.uncertain);
  assert.equal(await f.adapter.findExisting(plan), null, 'the HTML page was not NetSuite: nothing landed');
  assert.equal((await f.adapter.post(plan)).status, 'posted');
  assert.equal(f.sim.state.recordCount(), 1);
  const unnamed = nsPlan();
  f.sim.faults.noLocation = 1;
  await assert.rejects(f.adapter.post(unnamed), (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && e.uncertain && /Location/.test(e.message));
  assert.deepEqual(await f.adapter.findExisting(unnamed), { erpId: f.sim.state.findByExternalId('journalEntry', unnamed.idempotencyKey)!.id, key: unnamed.idempotencyKey });
});

test('the account concurrency limit is kept; 429s from a busy account are waited out as Retry-After says', async (t) => {
  const f = await startNetSuiteFixture({ settings: { concurrencyLimit: 2 }, concurrency: 8, sleepCapMs: 60, sim: { faults: { latencyMs: 20, concurrencyLimit: 2, retryAfterSeconds: 2 } } });
  t.after(() => f.stop());
  const plans = Array.from({ length: 12 }, () => nsPlan());
  const outcomes = await Promise.all(plans.map((p) => f.adapter.post(p)));
  assert.ok(outcomes.every((o) => o.status === 'posted'));
  assert.equal(f.sim.state.recordCount(), 12);
  assert.equal(f.sim.stats.throttled, 0);
  assert.ok(f.sim.stats.maxInFlight <= 2, `peak ${f.sim.stats.maxInFlight}`);

  // Another integration takes part of the account's share: our 4 slots meet a limit of 2.
  const greedy = f.newAdapter({ concurrencyLimit: 4 });
  // Enough attempts that a slow, loaded machine cannot run the reads out of tries.
  f.ctx.retry = { ...f.ctx.retry, maxAttempts: 20 };
  const found = await Promise.all(plans.slice(0, 4).map((p) => greedy.findExisting(p)));
  assert.ok(found.every((x) => x !== null));
  assert.ok(f.sim.stats.throttled > 0);
  assert.ok(f.clock.sleeps.some((ms) => ms >= 2000), 'Retry-After is a floor for the back-off');
  const writes = await Promise.allSettled(Array.from({ length: 6 }, () => greedy.post(nsPlan())));
  const refused = writes.filter((w) => w.status === 'rejected').map((w) => (w as PromiseRejectedResult).reason as unknown);
  assert.ok(refused.every((e) => isConnectorError(e) && e.code === 'RATE_LIMITED' && !e.uncertain && (e.retryAfterMs ?? 0) >= 2000), 'a 429 write did not land: the engine may resend it');
  assert.equal(f.sim.state.recordCount(), 12 + writes.length - refused.length);
});
