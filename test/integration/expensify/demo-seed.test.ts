import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { ExpensifySimState, seedExpensifyDemo } from '../../../main/simulators/expensify';
import { pullAll, startExpensifyFixture } from '../../helpers/expensify-context';

test('the demo seed is deterministic and reads back as 40 clean reports plus 3 held ones', async (t) => {
  const a = new ExpensifySimState();
  const b = new ExpensifySimState();
  seedExpensifyDemo(a);
  seedExpensifyDemo(b);
  assert.deepEqual([...a.reports.values()], [...b.reports.values()]);

  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  const demo = seedExpensifyDemo(f.sim.state);
  await f.ctx.secrets.set('partnerUserSecret', demo.partner.partnerUserSecret);
  f.clock.t = Date.UTC(2026, 11, 1); // after the last demo report: the default end date is tomorrow
  const source = createExpensifySource(f.settings({ partnerUserId: demo.partner.partnerUserID, startDate: '2026-09-01', policyIds: [demo.policyId] }), f.ctx);
  const docs = await pullAll(source.pull(null));
  assert.equal(docs.length, 43);
  const held = docs.filter((d) => d.problems.length).map((d) => [d.sourceId, d.problems.map((p) => p.code).join()]);
  assert.deepEqual(held, [['R009000001', 'EMPTY_DOCUMENT'], ['R009000002', 'SOURCE_INVALID'], ['R009000003', 'CURRENCY_MISMATCH']]);
  const clean = docs.filter((d) => !d.problems.length);
  assert.deepEqual(clean.map((d) => d.sourceId), demo.cleanReportIds);
  assert.ok(clean.every((d) => d.currency === 'EUR' && d.lines.every((l) => l.amount?.currency === 'EUR' && l.dimensions.costCenter)));
  assert.ok(clean.some((d) => d.lines.some((l) => l.amount!.amountMinor < 0)), 'a refund is in the demo');
  assert.ok(clean.some((d) => d.lines.some((l) => l.transactionAmount?.currency === 'JPY')), 'a JPY expense is in the demo');
  assert.ok(clean.some((d) => new Set(d.lines.map((l) => l.transactionDate)).size > 1), 'entries span several dates');
  const categories = (await source.listCategories()).map((c) => c.code);
  for (const u of demo.unmappedCategories) assert.ok(categories.includes(u));
});
