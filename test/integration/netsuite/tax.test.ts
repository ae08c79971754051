// VAT into NetSuite (issue 15): tax codes read as reference data (SuiteQL salestaxitem), a vendor bill's expense
// line carries the tax code and the source's tax amount, a journal's tax is its own line; the simulator refuses a
// tax field on a journal line and an unknown or inactive tax code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { createNetSuiteClient } from '../../../main/core/adapters/netsuite/client';
import { nsBillPlan, nsLine, nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

const net = (n: number, account: string, amount: number, taxCode: string, sourceLineId = 'L1') => nsLine(n, account, 'debit', amount, { taxCode, taxRole: 'net', sourceLineId });
const vat = (n: number, amount: number, taxCode: string, sourceLineId = 'L1') => nsLine(n, '1450', 'debit', amount, { taxCode, taxRole: 'tax', taxBaseMinor: 10000, sourceLineId });

test('tax codes are reference data read from NetSuite, inactive ones flagged', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const items: ReferenceItem[] = [];
  for await (const page of f.adapter.readReference()) items.push(...page);
  assert.deepEqual(items.filter((i) => i.kind === 'tax_code').map((i) => [i.code, i.active]), [['FR-S-20', true], ['FR-I-10', true], ['FR-R-5.5', true], ['FR-NR', true], ['FR-OLD-19.6', false]]);
});

test('a vendor bill line carries its tax code and the source tax amount; the bill totals the gross to the cent', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const plan = nsBillPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20'), net(3, '6110', 1000, 'FR-R-5.5', 'L2'), vat(4, 55, 'FR-R-5.5', 'L2')], totalMinor: 13055 });
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const stored = f.sim.state.transactions.get((out as { erpId: string }).erpId)!;
  const items = (stored.body.expense as { items: Array<Record<string, unknown>> }).items;
  assert.deepEqual(items.map((i) => [i.account, i.amount, i.taxCode ?? null, i.tax1Amt ?? null]), [[{ id: '106' }, 100, { id: '901' }, 20], [{ id: '105' }, 10, { id: '903' }, 0.55]]);
  const gross = items.reduce((s, i) => s + Math.round(((i.amount as number) + ((i.tax1Amt as number) ?? 0)) * 100), 0);
  assert.equal(gross, plan.totalMinor);
});

test('a journal posts its recoverable VAT as an explicit line with no tax field, and balances', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const plan = nsPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20'), nsLine(3, '2010', 'credit', 12000, { partner: 'EMP0001' })], totalMinor: 12000 });
  const out = await f.adapter.post(plan);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const items = (f.sim.state.transactions.get((out as { erpId: string }).erpId)!.body.line as { items: Array<Record<string, unknown>> }).items;
  assert.deepEqual(items.map((i) => [i.account, i.debit ?? null, i.credit ?? null]), [[{ id: '106' }, 100, null], [{ id: '109' }, 20, null], [{ id: '102' }, null, 120]]);
  assert.ok(items.every((i) => !('taxCode' in i) && !('tax1Amt' in i)));
});

test('the simulator refuses a tax field on a journal line, an unknown or inactive tax code, and tax without a code', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const client = createNetSuiteClient(f.settings, f.ctx);
  let n = 0;
  const put = (type: string, body: unknown) => client.call({ method: 'PUT', path: `/record/v1/${type}/eid:SIM-TAX-${++n}`, body, write: true });
  const head = { subsidiary: { id: '2' }, tranDate: '2026-10-05', currency: { id: '4' } };
  const journal = await put('journalEntry', { ...head, line: { items: [{ account: { id: '106' }, debit: 100, taxCode: { id: '901' } }, { account: { id: '102' }, credit: 100 }] } });
  assert.equal(journal.status, 400);
  assert.match(journal.text, /journal entry lines carry no tax/);
  const bill = (taxCode: unknown, tax1Amt?: number) => put('vendorBill', { ...head, entity: { id: '501' }, expense: { items: [{ account: { id: '106' }, amount: 100, ...(taxCode ? { taxCode } : {}), ...(tax1Amt !== undefined ? { tax1Amt } : {}) }] } });
  assert.match((await bill({ id: '999' }, 20)).text, /Invalid tax code reference key 999/);
  assert.match((await bill({ id: '909' }, 19.6)).text, /inactive/);
  assert.match((await bill(null, 20)).text, /Tax Code/);
  assert.match((await bill({ id: '901' }, 150)).text, /cannot exceed/);
  assert.equal((await bill({ id: '901' }, 20)).status, 204);
});

test('a tax code NetSuite lacks holds the bill with TAX_UNMAPPED and nothing is sent', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const out = await f.adapter.post(nsBillPlan({ lines: [net(1, '6120', 10000, 'DE-19'), vat(2, 1900, 'DE-19')], totalMinor: 11900 }));
  assert.ok(out.status === 'rejected' && out.reasons.some((r) => r.code === 'TAX_UNMAPPED' && r.subject === 'DE-19'), JSON.stringify(out));
  assert.equal(f.sim.state.recordCount(), 0);
});
