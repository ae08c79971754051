// VAT into Acumatica (issue 15): taxes read as reference data (Tax entity); a bill line of a Tax ID that has a tax
// category carries TaxCategory and the bill a TaxDetails row (TaxID, TaxRate, TaxableAmount, TaxAmount) with the
// source's tax, so the bill totals the gross; other tax stays a line on the VAT account. The simulator refuses
// unknown or inactive TaxCategory / TaxID and TaxDetails that do not add up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { writeRecord } from '../../../main/simulators/acumatica/records';
import { acuLine, billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

const CATS = { FRVAT20: 'VAT20', FRVAT55: 'VAT55' };
const net = (n: number, account: string, amount: number, code: string, src: string) => acuLine(n, account, 'debit', amount, { taxCode: code, taxRole: 'net', sourceLineId: src, dimensions: { subaccount: 'CC100' } });
const vat = (n: number, amount: number, code: string, src: string) => acuLine(n, '14500', 'debit', amount, { taxCode: code, taxRole: 'tax', sourceLineId: src, dimensions: { subaccount: 'CC100' } });

test('taxes are reference data, the disabled one flagged', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const items: ReferenceItem[] = [];
  for await (const page of f.adapter.readReference()) items.push(...page);
  assert.deepEqual(items.filter((i) => i.kind === 'tax_code').map((i) => [i.code, i.active]), [['FRVAT20', true], ['FRVAT10', true], ['FRVAT55', true], ['EXEMPT', true], ['FRVAT196', false]]);
});

test('a taxed bill line carries its TaxCategory and the bill TaxDetails rows; lines plus tax are the gross to the cent', async (t) => {
  const f = await startAcumaticaFixture({ settings: { taxCategoryByTaxId: CATS } });
  t.after(() => f.stop());
  const p = billPlan({ lines: [net(1, '62400', 10000, 'FRVAT20', 'A'), vat(2, 2000, 'FRVAT20', 'A'), net(3, '62300', 2000, 'FRVAT20', 'B'), vat(4, 400, 'FRVAT20', 'B'), net(5, '62200', 1000, 'FRVAT55', 'C'), vat(6, 55, 'FRVAT55', 'C')], totalMinor: 15455 });
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const [bill] = f.sim.state.records('Bill');
  assert.deepEqual(bill!.lines.map((l) => [l.account, l.amountMinor, l.taxCategory]), [['62400', 10000, 'VAT20'], ['62300', 2000, 'VAT20'], ['62200', 1000, 'VAT55']]);
  assert.deepEqual(bill!.taxes, [{ taxId: 'FRVAT20', taxableMinor: 12000, taxMinor: 2400 }, { taxId: 'FRVAT55', taxableMinor: 1000, taxMinor: 55 }]);
  assert.equal(bill!.lines.reduce((s, l) => s + l.amountMinor, 0) + bill!.taxes!.reduce((s, x) => s + x.taxMinor, 0), p.totalMinor);
});

test('a Tax ID without a tax category keeps its VAT as a bill line; journals always do', async (t) => {
  const f = await startAcumaticaFixture({ settings: { taxCategoryByTaxId: CATS } });
  t.after(() => f.stop());
  assert.equal((await f.adapter.post(billPlan({ lines: [net(1, '62400', 10000, 'FRVAT10', 'A'), vat(2, 1000, 'FRVAT10', 'A')], totalMinor: 11000 }))).status, 'posted');
  const [bill] = f.sim.state.records('Bill');
  assert.deepEqual(bill!.lines.map((l) => [l.account, l.amountMinor, l.taxCategory]), [['62400', 10000, ''], ['14500', 1000, '']]);
  assert.deepEqual(bill!.taxes, []);
  const j = journalPlan({ lines: [net(1, '62000', 10000, 'FRVAT20', 'A'), vat(2, 2000, 'FRVAT20', 'A'), acuLine(3, '20100', 'credit', 12000, { partner: 'EMP0001' })], totalMinor: 12000 });
  assert.equal((await f.adapter.post(j)).status, 'posted');
  const [journal] = f.sim.state.records('JournalTransaction');
  assert.deepEqual(journal!.lines.map((l) => [l.account, l.amountMinor]), [['62000', 10000], ['14500', 2000], ['20100', -12000]]);
});

// The bodies go straight to the simulator's PUT handler (its own parser), not through the adapter.
test('the simulator refuses unknown or inactive TaxCategory / TaxID, and TaxDetails that do not add up', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const v = (value: unknown) => ({ value });
  const body = (category: string, rows: unknown[]) => ({ Type: v('Bill'), Vendor: v('V1001'), Date: v('2026-10-05'), CurrencyID: v('EUR'), Hold: v(false), Details: [{ Account: v('62400'), Subaccount: v('CC100'), ExtendedCost: v(100), ...(category ? { TaxCategory: v(category) } : {}) }], TaxDetails: rows });
  const row = (id: string, rate: number, taxable: number, tax: number) => ({ TaxID: v(id), TaxRate: v(rate), TaxableAmount: v(taxable), TaxAmount: v(tax) });
  const errs = (b: unknown) => {
    const r = writeRecord('Bill', b, f.sim.state);
    return r.status === 200 ? 'ok' : JSON.stringify('body' in r ? r.body : r.message);
  };
  assert.match(errs(body('NOCAT', [])), /'Tax Category' cannot be found/);
  assert.match(errs(body('VATOLD', [])), /Tax Category 'VATOLD' is inactive/);
  assert.match(errs(body('VAT20', [row('DEVAT19', 19, 100, 19)])), /'Tax ID' cannot be found/);
  assert.match(errs(body('VAT20', [row('FRVAT196', 19.6, 100, 19.6)])), /disabled/);
  assert.match(errs(body('VAT20', [row('FRVAT55', 5.5, 100, 5.5)])), /not in the tax category of any line/);
  assert.match(errs(body('VAT20', [row('FRVAT20', 20, 90, 18)])), /taxable amount 90 is not the amount of the lines/);
  assert.match(errs(body('VAT20', [row('FRVAT20', 20, 100, 25)])), /does not match the taxable amount at 20 %/);
  assert.match(errs(body('VAT20', [{ ...row('FRVAT20', 20, 100, 20), TaxZone: v('EU') }])), /TaxDetails\/TaxZone is not defined/);
  assert.equal(errs(body('VAT20', [row('FRVAT20', 20, 100, 20)])), 'ok');
  assert.equal(f.sim.state.records('Bill')[0]!.taxes![0]!.taxMinor, 2000);
});
