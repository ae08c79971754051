// Item 10 (plan): rules a one-line bug could break without the older plan tests noticing — supplier-invoice
// totals net of credit lines, zero totals and zero shares never planned, the source line's own dimension
// winning over the mapping's default, the card-clearing line without a partner, the document date kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { planDocument } from '../../../main/core/engine/plan';
import type { MappingRow } from '../../../shared/schemas/mapping';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: 'expense_type' | 'employee', sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([row('expense_type', 'MEALS', '625100', { costCenter: 'CC100', department: 'D-MAP' }), row('employee', 'jdoe', 'V-JDOE')]);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const invoice = (lines: ReturnType<typeof line>[]) =>
  planDocument({ doc: doc({ kind: 'invoice', vendor: { code: 'SUP01', name: 'Acme' }, employee: null, invoiceNumber: 'INV-7', lines }), key: 'K', kind: 'supplier_invoice', rules: rules(), lookup, maxDescriptionLength: 250 });
const journal = (d = doc(), over = {}) => planDocument({ doc: d, key: 'K', kind: 'journal', rules: rules(over), lookup, maxDescriptionLength: 250 });

test('a supplier invoice with a credit line totals debits minus credits', () => {
  const r = invoice([line({ amount: eur(10000) }), line({ lineId: 'L2', amount: eur(-2500) })]);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.equal(r.plan.totalMinor, 7500);
  assert.deepEqual(r.plan.lines.map((l) => [l.side, l.amountMinor]), [['debit', 10000], ['credit', 2500]]);
});

test('a supplier invoice whose lines cancel out (zero total) is held, never planned', () => {
  const r = invoice([line({ amount: eur(5000) }), line({ lineId: 'L2', amount: eur(-5000) })]);
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons.map((x) => x.code), ['ZERO_AMOUNT']);
});

test('allocation shares that come to zero are left out, not planned as 0.00 lines', () => {
  const r = journal(doc({ lines: [line({ amount: eur(1), allocations: [{ percentage: '50', dimensions: { costCenter: 'A' } }, { percentage: '50', dimensions: { costCenter: 'B' } }] })] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.amountMinor, l.dimensions.costCenter ?? null]), [['625100', 1, 'A'], ['421000', 1, null]]);
  assert.ok(r.plan.lines.every((l) => l.amountMinor > 0));
});

test("the dimension coded on the source line wins over the mapping's default; an allocation's wins over both", () => {
  const r = journal(doc({ lines: [line({ dimensions: { costCenter: 'CC777' } })] }));
  assert.ok(r.plan);
  assert.deepEqual(r.plan.lines[0]!.dimensions, { costCenter: 'CC777', department: 'D-MAP' });
  const split = journal(doc({ lines: [line({ dimensions: { costCenter: 'CC777' }, allocations: [{ percentage: '100', dimensions: { costCenter: 'ALLOC' } }] })] }));
  assert.equal(split.plan!.lines[0]!.dimensions.costCenter, 'ALLOC');
});

test('the card-clearing line carries no partner; the employee liability line carries the employee', () => {
  const r = journal(doc({ lines: [line({ paidBy: 'company' }), line({ lineId: 'L2', amount: eur(500) })] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  const clearing = r.plan.lines.find((l) => l.account === '467000')!;
  const liability = r.plan.lines.find((l) => l.account === '421000')!;
  assert.equal(clearing.partner, null);
  assert.equal(clearing.amountMinor, 12345);
  assert.equal(liability.partner, 'V-JDOE');
  assert.equal(liability.amountMinor, 500);
});

test('dated by the latest expense, the document date is still the source document date', () => {
  const r = journal(doc({ documentDate: '2026-10-05', lines: [line({ transactionDate: '2026-09-20' }), line({ lineId: 'L2', transactionDate: '2026-09-12' })] }), { dateRule: 'latest_expense_date' });
  assert.ok(r.plan);
  assert.equal(r.plan.postingDate, '2026-09-20');
  assert.equal(r.plan.documentDate, '2026-10-05');
});
