// Accounts without OneWorld or without classes: the reference read asks only for what the account has and
// posting is never blocked by a feature it lacks (before, the subsidiary/classification queries failed and
// every post with them). And the ledger is the truth: every key of a page is looked up in one SuiteQL query.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { isConnectorError } from '../../../main/core/errors';
import { nsBillPlan, nsLine, nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

test('an account without OneWorld: reference data reads, journals and bills post without a subsidiary', async (t) => {
  const f = await startNetSuiteFixture({ sim: { features: { oneWorld: false } }, settings: { subsidiary: '' } });
  t.after(() => f.stop());
  const items: ReferenceItem[] = [];
  for await (const page of f.adapter.readReference()) items.push(...page);
  assert.equal(items.filter((i) => i.dimensionType === 'subsidiary').length, 0);
  assert.ok(items.some((i) => i.dimensionType === 'class'));
  const out = await f.adapter.post(nsPlan());
  assert.equal(out.status, 'posted', JSON.stringify(out));
  assert.equal((await f.adapter.post(nsBillPlan())).status, 'posted');
  const steps = await f.adapter.test();
  assert.ok(steps.every((s) => s.ok), JSON.stringify(steps));
  // A connection that still names a subsidiary is told plainly, not refused by NetSuite.
  const named = await f.newAdapter({ subsidiary: '2' }).post(nsPlan());
  assert.ok(named.status === 'rejected' && /no OneWorld/.test(named.reasons[0]!.message), JSON.stringify(named));
});

test('an account without classes: lines without a class post; a mapped class is held with a plain reason', async (t) => {
  const f = await startNetSuiteFixture({ sim: { features: { classes: false } } });
  t.after(() => f.stop());
  const plain = nsPlan({ lines: [nsLine(1, '6100', 'debit', 1000, { dimensions: { department: '10' } }), nsLine(2, '2010', 'credit', 1000, { partner: 'EMP0001' })] });
  assert.equal((await f.adapter.post(plain)).status, 'posted');
  const classed = await f.adapter.post(nsPlan());
  assert.ok(classed.status === 'rejected' && classed.reasons.some((r) => r.subject === 'class:20' && /no classes/.test(r.message)), JSON.stringify(classed));
});

test('findExistingMany: documents already in NetSuite (one under an older key) are found in one SuiteQL request', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const [a, b, older, c] = [nsPlan(), nsBillPlan(), nsPlan(), nsPlan()];
  for (const p of [a, b, older]) assert.equal((await f.adapter.post(p)).status, 'posted');
  const cWithOld = { ...c, lookupKeys: [older.idempotencyKey] };
  const fresh = nsPlan();
  const before = f.sim.stats.byRoute['POST /query/v1/suiteql'] ?? 0;
  const found = await f.adapter.findExistingMany!([a, b, cWithOld, fresh]);
  assert.equal((f.sim.stats.byRoute['POST /query/v1/suiteql'] ?? 0) - before, 1);
  assert.equal(found.get(a.idempotencyKey)?.erpId, f.sim.state.findByExternalId('journalEntry', a.idempotencyKey)!.id);
  assert.equal(found.get(b.idempotencyKey)?.erpId, f.sim.state.findByExternalId('vendorBill', b.idempotencyKey)!.id);
  assert.deepEqual(found.get(c.idempotencyKey), { erpId: f.sim.state.findByExternalId('journalEntry', older.idempotencyKey)!.id, key: older.idempotencyKey });
  assert.equal(found.has(fresh.idempotencyKey), false);
  // A journal's key is not a bill's: the record type has to match.
  assert.equal((await f.adapter.findExistingMany!([{ ...nsBillPlan(), idempotencyKey: a.idempotencyKey }])).size, 0);
  // A failing look-up throws, never "not found".
  f.sim.faults.suiteqlErrors = 10;
  await assert.rejects(f.adapter.findExisting(a), (e) => isConnectorError(e));
  f.sim.faults.suiteqlErrors = 0;
});
