// Acumatica bill tax at the mapper (mutation testing, issue 19 item 10): a Tax ID with a tax category rides on
// its net line (TaxCategory) with one TaxDetails row per Tax ID (TaxID, TaxRate, TaxableAmount, TaxAmount —
// ../shared/api/acumatica.md §4-5); any other tax stays a bill line. The integration tests cover the same
// through the simulator; these pin the body itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billEntity, billTaxDetails } from '../../../main/core/adapters/acumatica/to-remote';
import { acuLine, billPlan } from '../../helpers/acumatica-context';

type Row = Record<string, { value: unknown }>;
const CATS = { FRVAT20: 'VAT20', FRVAT55: 'VAT55' };
const net = (n: number, account: string, side: 'debit' | 'credit', amount: number, code: string, src: string) => acuLine(n, account, side, amount, { taxCode: code, taxRole: 'net', sourceLineId: src });
const vat = (n: number, side: 'debit' | 'credit', amount: number, code: string, src: string) => acuLine(n, '14500', side, amount, { taxCode: code, taxRole: 'tax', sourceLineId: src });
const details = (body: Record<string, unknown>) => (body.Details as Row[]).map((d) => [d.Account?.value, d.ExtendedCost?.value, d.TaxCategory?.value]);
const taxRows = (body: Record<string, unknown>) => (body.TaxDetails as Row[] | undefined)?.map((r) => [r.TaxID?.value, r.TaxRate?.value, r.TaxableAmount?.value, r.TaxAmount?.value]);

test('a taxed bill: each folded net line carries its TaxCategory; one TaxDetails row per Tax ID sums its lines', () => {
  const plan = billPlan({ lines: [net(1, '62400', 'debit', 10000, 'FRVAT20', 'A'), vat(2, 'debit', 2000, 'FRVAT20', 'A'), net(3, '62300', 'debit', 2000, 'FRVAT20', 'B'), vat(4, 'debit', 400, 'FRVAT20', 'B'), net(5, '62200', 'debit', 1000, 'FRVAT55', 'C'), vat(6, 'debit', 55, 'FRVAT55', 'C')] });
  const body = billEntity(plan, { branch: 'HQ', taxCategoryByTaxId: CATS });
  assert.deepEqual(details(body), [['62400', 100, 'VAT20'], ['62300', 20, 'VAT20'], ['62200', 10, 'VAT55']]);
  assert.deepEqual(taxRows(body), [['FRVAT20', 20, 120, 24], ['FRVAT55', 5.5, 10, 0.55]]);
  // Every TaxDetails field value-wrapped like the header's.
  for (const r of body.TaxDetails as Row[]) for (const [k, v] of Object.entries(r)) assert.deepEqual(Object.keys(v), ['value'], k);
});

test('a Tax ID without a tax category (or no categories at all) keeps its VAT as a bill line and sends no TaxDetails', () => {
  const lines = [net(1, '62400', 'debit', 10000, 'FRVAT10', 'A'), vat(2, 'debit', 1000, 'FRVAT10', 'A')];
  for (const settings of [{ branch: 'HQ', taxCategoryByTaxId: CATS }, { branch: 'HQ' }]) {
    const body = billEntity(billPlan({ lines }), settings);
    assert.deepEqual(details(body), [['62400', 100, undefined], ['14500', 10, undefined]]);
    assert.equal('TaxDetails' in body, false);
  }
});

test('a net line with a mapped code but no tax line of its own carries no TaxCategory and makes no TaxDetails row', () => {
  const body = billEntity(billPlan({ lines: [net(1, '62400', 'debit', 10000, 'FRVAT20', 'A'), acuLine(2, '62300', 'debit', 500, { taxCode: 'FRVAT20' })] }), { branch: 'HQ', taxCategoryByTaxId: CATS });
  assert.deepEqual(details(body), [['62400', 100, undefined], ['62300', 5, undefined]]);
  assert.equal('TaxDetails' in body, false);
});

test('a taxed refund line goes out negative with its tax; the rate is kept to six decimals', () => {
  const plan = billPlan({ lines: [net(1, '62400', 'debit', 300, 'FRVAT20', 'A'), vat(2, 'debit', 100, 'FRVAT20', 'A'), net(3, '62300', 'credit', 1000, 'FRVAT55', 'B'), vat(4, 'credit', 55, 'FRVAT55', 'B')] });
  const body = billEntity(plan, { branch: 'HQ', taxCategoryByTaxId: CATS });
  assert.deepEqual(details(body), [['62400', 3, 'VAT20'], ['62300', -10, 'VAT55']]);
  assert.deepEqual(taxRows(body), [['FRVAT20', 33.333333, 3, 1], ['FRVAT55', 5.5, -10, -0.55]]);
});

test('TaxDetails: a Tax ID whose lines net to nothing has rate 0, not NaN; untaxed lines are skipped', () => {
  const line = (n: number, code: string | undefined, signed: number, taxSigned: number) => ({ line: acuLine(n, '62400', 'debit', Math.abs(signed), code ? { taxCode: code } : {}), signed, taxSigned });
  assert.deepEqual(
    billTaxDetails([line(1, 'FRVAT20', 1000, 200), line(2, 'FRVAT20', -1000, -200), line(3, 'FRVAT55', 500, 0), line(4, undefined, 700, 0)], 'EUR'),
    [{ TaxID: { value: 'FRVAT20' }, TaxRate: { value: 0 }, TaxableAmount: { value: 0 }, TaxAmount: { value: 0 } }],
  );
  assert.deepEqual(billTaxDetails([], 'EUR'), []);
});
