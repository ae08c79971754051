import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planDocument } from '../../../main/core/engine/plan';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import type { MappingRow } from '../../../shared/schemas/mapping';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: 'expense_type' | 'employee', sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }), row('expense_type', 'HOTEL', '625200', { costCenter: 'CC200' }), row('employee', 'jdoe', 'V-JDOE')]);
const plan = (d = doc(), over = {}) => planDocument({ doc: d, key: 'MLC-TEST', kind: 'journal', rules: rules(over), lookup, maxDescriptionLength: 250 });

test('a mapped report becomes a balanced journal with the employee liability line', () => {
  const r = plan(doc({ lines: [line(), line({ lineId: 'L2', expenseType: { code: 'HOTEL', name: 'Hotel' }, amount: { amountMinor: 45000, currency: 'EUR' } })] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  const p = r.plan;
  assert.equal(p.lines.length, 3);
  assert.deepEqual(p.lines.map((l) => [l.account, l.side, l.amountMinor, l.dimensions.costCenter ?? null, l.partner]), [
    ['625100', 'debit', 12345, 'CC100', null],
    ['625200', 'debit', 45000, 'CC200', null],
    ['421000', 'credit', 57345, null, 'V-JDOE'],
  ]);
  assert.equal(p.totalMinor, 57345);
  assert.equal(p.postingDate, '2026-10-05');
});

test('split allocations never lose a cent and take the allocation cost center', () => {
  const r = plan(doc({ lines: [line({ amount: { amountMinor: 10000, currency: 'EUR' }, allocations: [{ percentage: '33.333', dimensions: { costCenter: 'A' } }, { percentage: '33.333', dimensions: { costCenter: 'B' } }, { percentage: '33.334', dimensions: { costCenter: 'C' } }] })] }));
  assert.ok(r.plan);
  const debits = r.plan.lines.filter((l) => l.side === 'debit');
  assert.deepEqual(debits.map((l) => [l.dimensions.costCenter, l.amountMinor]), [['A', 3333], ['B', 3333], ['C', 3334]]);
  assert.equal(debits.reduce((s, l) => s + l.amountMinor, 0), 10000);
});

test('credits post on the opposite side and company-paid lines balance against card clearing', () => {
  const r = plan(doc({ lines: [line({ amount: { amountMinor: 5000, currency: 'EUR' } }), line({ lineId: 'L2', amount: { amountMinor: -1500, currency: 'EUR' } }), line({ lineId: 'L3', paidBy: 'company', amount: { amountMinor: 2000, currency: 'EUR' } })] }));
  assert.ok(r.plan);
  const byAcc = Object.fromEntries(r.plan.lines.filter((l) => !l.sourceLineId).map((l) => [l.account, [l.side, l.amountMinor]]));
  assert.deepEqual(byAcc, { '421000': ['credit', 3500], '467000': ['credit', 2000] });
  assert.equal(r.plan.lines.find((l) => l.sourceLineId === 'L2')?.side, 'credit');
});

test('unmapped expense type and unmapped employee are held with plain reasons', () => {
  const r = plan(doc({ employee: { id: 'nobody', name: 'No Body', email: null }, lines: [line({ expenseType: { code: 'GIFTS', name: 'Gifts' } })] }));
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons.map((x) => x.code).sort(), ['NEEDS_MAPPING']);
  const r2 = plan(doc({ employee: { id: 'nobody', name: 'No Body', email: null } }));
  assert.deepEqual(r2.reasons.map((x) => x.code), ['EMPLOYEE_UNMAPPED']);
  assert.match(r2.reasons[0]!.message, /No Body/);
});

test('a fallback mapping row maps types without their own row', () => {
  const withFallback = createMappingLookup([row('expense_type', '*', '628000', { costCenter: 'CC999' }), row('employee', 'jdoe', 'V-JDOE')]);
  const r = planDocument({ doc: doc({ lines: [line({ expenseType: { code: 'ODD', name: 'Odd' } })] }), key: 'K', kind: 'journal', rules: rules(), lookup: withFallback, maxDescriptionLength: 250 });
  assert.equal(r.plan?.lines[0]?.account, '628000');
});

test('bad input is held, never thrown: problems, currency mismatch, bad allocation, bad date, empty', () => {
  assert.deepEqual(plan(doc({ problems: [{ code: 'INVALID_AMOUNT', message: 'Entry E1 amount "abc" is not a number', lineId: 'E1' }] })).reasons.map((r) => r.code), ['INVALID_AMOUNT']);
  assert.deepEqual(plan(doc({ lines: [line({ amount: { amountMinor: 100, currency: 'USD' } })] })).reasons.map((r) => r.code), ['CURRENCY_MISMATCH']);
  assert.deepEqual(plan(doc({ lines: [line({ allocations: [{ percentage: '60', dimensions: {} }, { percentage: '30', dimensions: {} }] })] })).reasons.map((r) => r.code), ['ALLOCATION_INVALID']);
  assert.deepEqual(plan(doc({ documentDate: null })).reasons.map((r) => r.code), ['INVALID_DATE']);
  assert.deepEqual(plan(doc({ lines: [] })).reasons.map((r) => r.code), ['EMPTY_DOCUMENT']);
  assert.deepEqual(plan(doc({ currency: 'XYZ' })).reasons.map((r) => r.code), ['INVALID_CURRENCY', 'CURRENCY_MISMATCH']);
  assert.deepEqual(plan(doc({ lines: [line({ isPersonal: true })] })).reasons.map((r) => r.code), ['ZERO_AMOUNT']);
  assert.deepEqual(plan(doc({ lines: [line(), line()] })).reasons.map((r) => r.code), ['DUPLICATE_SOURCE']);
});

test('a missing required dimension is held; long unicode descriptions are cut without splitting characters', () => {
  const noCc = createMappingLookup([row('expense_type', 'MEALS', '625100'), row('employee', 'jdoe', 'V')]);
  const r = planDocument({ doc: doc(), key: 'K', kind: 'journal', rules: rules(), lookup: noCc, maxDescriptionLength: 250 });
  assert.deepEqual(r.reasons.map((x) => x.code), ['DIMENSION_MISSING']);
  const long = '🍣é'.repeat(5000);
  const r2 = plan(doc({ lines: [line({ description: long })] }), { maxDescriptionLength: 30 });
  assert.ok(r2.plan);
  const d = r2.plan.lines[0]!.description;
  assert.equal([...d].length, 30);
  assert.ok(d.endsWith('…'));
  assert.ok(r2.plan.notes.some((n) => /shortened/.test(n)));
});

test('latest_expense_date rule dates the entry with the newest expense and says so', () => {
  const r = plan(doc({ lines: [line({ transactionDate: '2026-09-01' }), line({ lineId: 'L2', transactionDate: '2026-09-20' })] }), { dateRule: 'latest_expense_date' });
  assert.equal(r.plan?.postingDate, '2026-09-20');
  assert.ok(r.plan?.notes.some((n) => n.includes('latest expense date')));
});

test('supplier invoice mode: vendor partner, no balancing line, positive total required', () => {
  const inv = doc({ kind: 'invoice', vendor: { code: 'SUP01', name: 'Acme' }, employee: null, invoiceNumber: 'INV-7' });
  const r = planDocument({ doc: inv, key: 'K', kind: 'supplier_invoice', rules: rules(), lookup, maxDescriptionLength: 250 });
  assert.ok(r.plan);
  assert.equal(r.plan.partner, 'SUP01');
  assert.equal(r.plan.lines.length, 1);
  assert.equal(r.plan.totalMinor, 12345);
  const credit = planDocument({ doc: doc({ ...inv, lines: [line({ amount: { amountMinor: -5, currency: 'EUR' } })] }), key: 'K', kind: 'supplier_invoice', rules: rules(), lookup, maxDescriptionLength: 250 });
  assert.deepEqual(credit.reasons.map((x) => x.code), ['ZERO_AMOUNT']);
});
