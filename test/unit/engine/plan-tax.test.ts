import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planDocument } from '../../../main/core/engine/plan';
import { createMappingLookup, rateKey } from '../../../main/core/engine/mapping-lookup';
import { createReferenceIndex, validatePlan } from '../../../main/core/engine/validate';
import { lineTaxOf, rateAgrees } from '../../../main/core/money/line-tax';
import type { TaxComponent } from '../../../shared/schemas/document';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import type { PostingKind } from '../../../shared/schemas/plan';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: MappingKind, sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([
  row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }),
  row('expense_type', 'HOTEL', '625200', { costCenter: 'CC200' }),
  row('employee', 'jdoe', 'V-JDOE'),
  row('tax_code', 'FR20', 'FRS', { vatAccount: '445660' }),
  row('tax_code', '10%', 'FRI', { vatAccount: '445661' }),
  row('tax_code', 'NOACC', 'FRX'),
]);
const plan = (d = doc(), kind: PostingKind = 'journal') => planDocument({ doc: d, key: 'MLC-TAX', kind, rules: rules(), lookup, maxDescriptionLength: 250 });
const comp = (over: Partial<TaxComponent> = {}): TaxComponent => ({ code: 'FR20', name: 'TVA', rate: '20', currency: 'EUR', amountMinor: 2000, recoverableMinor: 2000, ...over });
const taxed = (amountMinor: number, components: TaxComponent[], over = {}) => line({ amount: { amountMinor, currency: 'EUR' }, tax: lineTaxOf(amountMinor, components), ...over });

test('recoverable VAT posts on its own line with the tax code; the net stays on the expense; it balances', () => {
  const r = plan(doc({ lines: [taxed(12000, [comp()])] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.taxCode ?? null, l.taxRole ?? null]), [
    ['625100', 'debit', 10000, 'FRS', 'net'],
    ['445660', 'debit', 2000, 'FRS', 'tax'],
    ['421000', 'credit', 12000, null, null],
  ]);
  assert.equal(r.plan.lines[1]!.taxBaseMinor, 10000);
  assert.deepEqual(r.plan.lines[1]!.dimensions, {}, 'no cost center on a balance-sheet VAT line');
  assert.equal(r.plan.totalMinor, 12000);
});

test('non-recoverable tax stays in the expense; a partly reclaimed tax splits (SAP sample 2.4 figures)', () => {
  // Gross 55.00, GST 2.43 of which 1.22 reclaimed, PST 3.89 of which 1.95 reclaimed: expense 51.83.
  const gst = comp({ code: 'FR20', rate: null, amountMinor: 243, recoverableMinor: 122 });
  const pst = comp({ code: 'X10', rate: '10', amountMinor: 389, recoverableMinor: 195, name: 'PST' });
  const l = taxed(5500, [gst, { ...pst, rate: null }]);
  const r = planDocument({ doc: doc({ lines: [l] }), key: 'K', kind: 'journal', rules: rules(), lookup: createMappingLookup([row('expense_type', 'MEALS', '625100', { costCenter: 'C' }), row('employee', 'jdoe', 'V'), row('tax_code', 'FR20', 'G', { vatAccount: '1' }), row('tax_code', 'X10', 'P', { vatAccount: '2' })]), maxDescriptionLength: 250 });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor]), [['625100', 'debit', 5183], ['1', 'debit', 122], ['2', 'debit', 195], ['421000', 'credit', 5500]]);
  const hotel = plan(doc({ lines: [taxed(11000, [comp({ code: 'FR20', rate: '10', amountMinor: 1000, recoverableMinor: 0 })], { expenseType: { code: 'HOTEL', name: 'Hotel' } })] }));
  assert.ok(hotel.plan);
  assert.deepEqual(hotel.plan.lines.map((l) => [l.account, l.amountMinor]), [['625200', 11000], ['421000', 11000]]);
  assert.ok(hotel.plan.notes.some((n) => /10\.00 EUR of tax is not recoverable/.test(n)), hotel.plan.notes.join('|'));
});

test('allocations split only the expense part; the tax line is whole and the plan balances to the cent', () => {
  const l = taxed(10001, [comp({ amountMinor: 1667, recoverableMinor: 1667 })], { allocations: [{ percentage: '33.333', dimensions: { costCenter: 'A' } }, { percentage: '33.333', dimensions: { costCenter: 'B' } }, { percentage: '33.334', dimensions: { costCenter: 'C' } }] });
  const r = plan(doc({ lines: [l] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  const debit = r.plan.lines.filter((x) => x.side === 'debit');
  assert.equal(debit.filter((x) => x.taxRole === 'net').reduce((s, x) => s + x.amountMinor, 0), 8334);
  assert.equal(debit.reduce((s, x) => s + x.amountMinor, 0), 10001);
  assert.equal(r.plan.lines.find((x) => x.side === 'credit')!.amountMinor, 10001);
});

test('a refund with tax reverses both lines', () => {
  const r = plan(doc({ lines: [taxed(12000, [comp()]), taxed(-6000, [comp({ amountMinor: -1000, recoverableMinor: -1000 })], { lineId: 'L2' })] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.filter((l) => l.sourceLineId === 'L2').map((l) => [l.account, l.side, l.amountMinor]), [['625100', 'credit', 5000], ['445660', 'credit', 1000]]);
  assert.equal(r.plan.lines.find((l) => l.account === '421000')!.amountMinor, 6000);
});

test('a rate row maps a tax without a code; rates are normalised', () => {
  const r = plan(doc({ lines: [taxed(11000, [comp({ code: '', rate: '10.00', amountMinor: 1000, recoverableMinor: 1000 })])] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.equal(r.plan.lines[1]!.account, '445661');
  assert.equal(rateKey('5.50'), '5.5%');
  assert.equal(rateKey('020'), '20%');
});

test('an unmapped tax code, or a reclaimed one with no VAT account, holds the document with a plain reason', () => {
  const r = plan(doc({ lines: [taxed(12000, [comp({ code: 'DE19', rate: '19', amountMinor: 1916, recoverableMinor: 1916 })])] }));
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons.map((x) => [x.code, x.subject]), [['TAX_UNMAPPED', 'DE19']]);
  assert.match(r.reasons[0]!.message, /DE19 \(19 %\) has no ERP tax code: map it on the Tax codes tab/);
  const r2 = plan(doc({ lines: [taxed(12000, [comp({ code: 'NOACC' })])] }));
  assert.deepEqual(r2.reasons.map((x) => x.code), ['TAX_UNMAPPED']);
  assert.match(r2.reasons[0]!.message, /no recoverable-VAT account/);
  // Unreclaimed tax under the same code needs no account.
  assert.ok(plan(doc({ lines: [taxed(12000, [comp({ code: 'NOACC', recoverableMinor: 0 })])] })).plan);
});

test('bad tax is held with TAX_INVALID and nothing is planned', () => {
  const held = (components: TaxComponent[], amountMinor = 12000) => {
    const r = plan(doc({ lines: [taxed(amountMinor, components)] }));
    assert.equal(r.plan, null);
    assert.deepEqual(r.reasons.map((x) => x.code), ['TAX_INVALID']);
    return r.reasons[0]!.message;
  };
  assert.match(held([comp({ amountMinor: 13000, recoverableMinor: 13000, rate: null })]), /tax 130\.00 EUR is not less than the line amount 120\.00 EUR/);
  assert.match(held([comp({ amountMinor: -2000, recoverableMinor: -2000 })]), /opposite sign/);
  assert.match(held([comp({ amountMinor: 2000, recoverableMinor: 2500 })]), /reclaimable 25\.00 EUR is more than the tax/);
  assert.match(held([comp({ rate: '5.5' })]), /tax TVA of 20\.00 EUR is not 5\.5 % of the net 100\.00 EUR/);
  assert.match(held([comp({ currency: 'USD' })]), /is in USD, the line in EUR/);
  // Parts that do not add up (a source mapper's mistake) are caught too.
  const l = taxed(12000, [comp()]);
  const r = plan(doc({ lines: [{ ...l, tax: { ...l.tax!, netMinor: 9999 } }] }));
  assert.match(r.reasons[0]!.message, /do not add up/);
});

test('rate agreement follows the source rounding, never recomputes', () => {
  assert.ok(rateAgrees(1000, 55, '5.5'));
  assert.ok(rateAgrees(1001, 55, '5.5'), '5.5055 rounds to 55 or 56');
  assert.ok(rateAgrees(8403, 1597, '19'));
  assert.ok(!rateAgrees(10000, 2000, '10'));
  assert.ok(rateAgrees(-5000, -1000, '20'));
});

test('tax codes are validated against the ERP reference data when the ERP lists them', () => {
  const r = plan(doc({ lines: [taxed(12000, [comp()])] }));
  assert.ok(r.plan);
  const base = [{ kind: 'account' as const, dimensionType: '', code: '625100', name: 'Meals', active: true }, { kind: 'account' as const, dimensionType: '', code: '445660', name: 'VAT', active: true }, { kind: 'account' as const, dimensionType: '', code: '421000', name: 'Staff', active: true }, { kind: 'supplier' as const, dimensionType: '', code: 'V-JDOE', name: 'J', active: true }];
  assert.deepEqual(validatePlan(r.plan, createReferenceIndex(base), []), [], 'no tax codes read: nothing to prove wrong');
  const withCodes = createReferenceIndex([...base, { kind: 'tax_code', dimensionType: '', code: 'OTHER', name: 'x', active: true }]);
  assert.deepEqual(validatePlan(r.plan, withCodes, []).map((x) => [x.code, x.subject]), [['TAX_UNMAPPED', 'FRS']]);
  const inactive = createReferenceIndex([...base, { kind: 'tax_code', dimensionType: '', code: 'FRS', name: 'TVA 20', active: false }]);
  assert.match(validatePlan(r.plan, inactive, [])[0]!.message, /inactive/);
});
