// Edges of the tax mapping and a line's tax that mutation testing found unpinned: how a rate is keyed (a malformed
// rate must never meet a real rate row), which mapping rows are keyed by rate, the "never reclaimed" mapping, what
// stays in the expense when part of the tax is reclaimed, and the exact words and subject of a TAX_UNMAPPED hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planDocument } from '../../../main/core/engine/plan';
import { createMappingLookup, rateKey, type MappingLookup } from '../../../main/core/engine/mapping-lookup';
import { checkLineTax } from '../../../main/core/engine/tax-check';
import { lineTaxOf } from '../../../main/core/money/line-tax';
import type { TaxComponent } from '../../../shared/schemas/document';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: MappingKind, sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const comp = (over: Partial<TaxComponent> = {}): TaxComponent => ({ code: 'FR20', name: 'TVA', rate: '20', currency: 'EUR', amountMinor: 2000, recoverableMinor: 2000, ...over });
const taxed = (amountMinor: number, components: TaxComponent[], over = {}) => line({ amount: { amountMinor, currency: 'EUR' }, tax: lineTaxOf(amountMinor, components), ...over });
const base = [row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }), row('employee', 'jdoe', 'V-JDOE')];
const plan = (lookup: MappingLookup, ...lines: ReturnType<typeof line>[]) => planDocument({ doc: doc({ lines }), key: 'MLC-TAX', kind: 'journal', rules: rules(), lookup, maxDescriptionLength: 250 });

test('rateKey: a rate is keyed as its rate row is; a malformed rate keeps its own key rather than become another rate', () => {
  assert.equal(rateKey(' 20% '), '20%', 'spaces and a trailing percent sign are dropped');
  assert.equal(rateKey('10.50'), '10.5%');
  assert.equal(rateKey('5.05'), '5.05%', 'only trailing zeros of the fraction go: 5.05 is not 5.5');
  assert.equal(rateKey('exempt'), 'exempt%');
  assert.equal(rateKey('x20'), 'x20%');
  assert.equal(rateKey('20.5.1'), '20.5.1%');
  assert.equal(rateKey('%20'), '%20%', 'only a trailing percent sign is dropped');
  const lookup = createMappingLookup([row('tax_code', '5.5%', 'R55', { vatAccount: '445662' }), row('tax_code', '20%', 'R20', { vatAccount: '445660' })]);
  assert.equal(lookup.taxCode!('', '5.05'), null, '5.05 % must not take the 5.5 % row');
  assert.equal(lookup.taxCode!('', '%20'), null, 'a malformed rate must not take the 20 % row');
  assert.equal(lookup.taxCode!('', ' 20% ')?.taxCode, 'R20');
});

test('only tax_code rows ending in "%" are keyed by rate; a code with a "%" inside and other kinds are matched as written', () => {
  const lookup = createMappingLookup([
    row('tax_code', '5.50%', 'R55', { vatAccount: '445662' }),
    row('tax_code', '20%-RC', 'RC20'),
    row('expense_type', '10.0%', '625900', { costCenter: 'CC9' }),
    row('expense_type', '*', '628000'),
  ]);
  assert.deepEqual(lookup.taxCode!('', '5.5'), { taxCode: 'R55', account: '445662', recoverable: true, via: '5.50%' });
  assert.deepEqual(lookup.taxCode!('20%-RC', null), { taxCode: 'RC20', account: null, recoverable: true, via: '20%-RC' });
  assert.deepEqual(lookup.expenseType('10.0%'), { account: '625900', dimensions: { costCenter: 'CC9' }, viaFallback: false }, 'its own row, not the "*" fallback');
  assert.deepEqual(lookup.expenseType('OTHER'), { account: '628000', dimensions: {}, viaFallback: true });
});

test('the mapping\'s "recoverable" says "no" in any case or spacing: the tax is never reclaimed; anything else or nothing: it is', () => {
  const lookup = createMappingLookup(['No ', 'no', 'yes', undefined].map((r, i) => row('tax_code', `T${i}`, `E${i}`, { vatAccount: '445660', ...(r === undefined ? {} : { recoverable: r }) })));
  assert.deepEqual([0, 1, 2, 3].map((i) => lookup.taxCode!(`T${i}`, null)?.recoverable), [false, false, true, true]);
});

test('a tax the mapping never reclaims stays in the expense beside a reclaimed one; the note gives exactly what stays', () => {
  // 125.00 with TVA 20 % (20.00, all reclaimed) and X5 5 % (5.00, of which the source reclaims 3.00 but the mapping says never).
  const lookup = createMappingLookup([...base, row('tax_code', 'FR20', 'FRS', { vatAccount: '445660' }), row('tax_code', 'X5', 'X5E', { vatAccount: '445661', recoverable: ' No ' })]);
  const r = plan(lookup, taxed(12500, [comp(), comp({ code: 'X5', name: 'Extra', rate: '5', amountMinor: 500, recoverableMinor: 300 })]));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.taxCode ?? null]), [
    ['625100', 'debit', 10500, 'FRS'],
    ['445660', 'debit', 2000, 'FRS'],
    ['421000', 'credit', 12500, null],
  ]);
  assert.deepEqual(r.plan.notes.filter((n) => /not recoverable/.test(n)), ['Line L1: 5.00 EUR of tax is not recoverable and stays in the expense']);
});

test('an unmapped tax is held with TAX_UNMAPPED naming it by code, else name, else "(no code)"; the subject is the code or the rate row to add', () => {
  const lookup = createMappingLookup(base);
  const r = plan(lookup,
    taxed(12000, [comp({ code: '', name: null, rate: null })], { lineId: 'L1' }),
    taxed(11000, [comp({ code: '', name: 'GST', rate: '10', amountMinor: 1000, recoverableMinor: 1000 })], { lineId: 'L2' }),
    taxed(12000, [comp({ code: 'DE19', rate: null })], { lineId: 'L3' }));
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons, [
    { code: 'TAX_UNMAPPED', message: 'Line L1: source tax code (no code) has no ERP tax code: map it on the Tax codes tab', subject: '', lineId: 'L1' },
    { code: 'TAX_UNMAPPED', message: 'Line L2: source tax code GST (10 %) has no ERP tax code: map it on the Tax codes tab', subject: '10%', lineId: 'L2' },
    { code: 'TAX_UNMAPPED', message: 'Line L3: source tax code DE19 has no ERP tax code: map it on the Tax codes tab', subject: 'DE19', lineId: 'L3' },
  ]);
});

test('a hand-made lookup without tax codes holds a taxed line as unmapped instead of failing', () => {
  const lookup: MappingLookup = { expenseType: () => ({ account: '625100', dimensions: { costCenter: 'CC100' }, viaFallback: false }), employee: () => 'V-JDOE' };
  const r = plan(lookup, taxed(12000, [comp()]));
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons, [{ code: 'TAX_UNMAPPED', message: 'Line L1: source tax code FR20 (20 %) has no ERP tax code: map it on the Tax codes tab', subject: 'FR20', lineId: 'L1' }]);
});

test('a non-reclaimable tax that alone disagrees with the line is held, though net and reclaimable agree', () => {
  const tax = { netMinor: 10000, recoverableMinor: 2000, nonRecoverableMinor: 500, components: [comp()] };
  assert.deepEqual(checkLineTax(line({ lineId: 'L7', tax }), 12000, 'EUR'), {
    code: 'TAX_INVALID', lineId: 'L7',
    message: 'Line L7: net 100.00 EUR, reclaimable 20.00 EUR and non-reclaimable 5.00 EUR tax do not add up to the line amount 120.00 EUR; correct the tax at the source',
  });
});
