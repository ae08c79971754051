// VAT into Sage X3 (issue 15): the tax code rides on the expense line and on the VAT account line, the recoverable
// VAT is its own line, the entry balances; the simulated folder refuses an unknown or retired tax code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line, plan, startX3Fixture } from '../../helpers/x3-context';

const accounts = [{ code: '401000', name: 'Suppliers' }, { code: '421000', name: 'Employees payable' }, { code: '625700', name: 'Meals' }, { code: '445660', name: 'Deductible VAT' }];
const taxed = (taxCode: string) => [
  line(1, '625700', 'debit', 10000, { taxCode, taxRole: 'net', sourceLineId: 'E1' }),
  line(2, '445660', 'debit', 2000, { taxCode, taxRole: 'tax', taxBaseMinor: 10000, sourceLineId: 'E1' }),
  line(3, '421000', 'credit', 12000, { partner: 'EMP001' }),
];

test('a journal carries the tax code on the expense and VAT lines, the VAT on its own line, balanced', async (t) => {
  const f = await startX3Fixture({ sim: { accounts } });
  t.after(() => f.stop());
  const out = await f.adapter.post(plan({ lines: taxed('FRS') }));
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const [doc] = f.sim.state.documents();
  assert.deepEqual(doc!.lines.map((l) => [l.ACC, l.DEB ?? null, l.CDT ?? null, l.VAT ?? null]), [['625700', '100.00', null, 'FRS'], ['445660', '20.00', null, 'FRS'], ['421000', null, '120.00', null]]);
});

test('a supplier invoice carries the tax code on its lines', async (t) => {
  const f = await startX3Fixture({ sim: { accounts, suppliers: [{ code: 'SUP100', name: 'Hotel Co' }] } });
  t.after(() => f.stop());
  const lines = [line(1, '625700', 'debit', 1000, { taxCode: 'FRR', taxRole: 'net', sourceLineId: 'L1' }), line(2, '445660', 'debit', 55, { taxCode: 'FRR', taxRole: 'tax', sourceLineId: 'L1' }), line(3, '401000', 'credit', 1055, { partner: 'SUP100' })];
  const out = await f.adapter.post(plan({ kind: 'supplier_invoice', sourceKind: 'invoice', partner: 'SUP100', invoiceNumber: 'F-1', lines, totalMinor: 1055 }));
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const [doc] = f.sim.state.documents();
  assert.deepEqual(doc!.lines.map((l) => [l.ACC, l.AMTNOT, l.VAT]), [['625700', '10.00', 'FRR'], ['445660', '0.55', 'FRR']]);
  assert.equal(doc!.header.AMTATI, '10.55');
});

test('an unknown or retired tax code is refused by X3 and nothing is saved', async (t) => {
  const f = await startX3Fixture({ sim: { accounts } });
  t.after(() => f.stop());
  const unknown = await f.adapter.post(plan({ lines: taxed('DE19') }));
  assert.equal(unknown.status, 'rejected');
  assert.match(JSON.stringify(unknown), /Tax code DE19 : record does not exist/);
  const retired = await f.adapter.post(plan({ lines: taxed('FRO') }));
  assert.match(JSON.stringify(retired), /Tax code FRO : inactive record/);
  assert.equal(f.sim.state.documents().length, 0);
});
