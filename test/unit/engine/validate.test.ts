import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReferenceIndex, validatePlan } from '../../../main/core/engine/validate';
import type { PostingPlan } from '../../../shared/schemas/plan';

const ref = createReferenceIndex([
  { kind: 'account', dimensionType: '', code: '625100', name: 'Meals', active: true },
  { kind: 'account', dimensionType: '', code: '421000', name: 'Employees', active: true },
  { kind: 'account', dimensionType: '', code: '699999', name: 'Old', active: false },
  { kind: 'dimension', dimensionType: 'costCenter', code: 'CC100', name: 'Sales', active: true },
  { kind: 'dimension', dimensionType: 'costCenter', code: 'CC900', name: 'Closed', active: false },
  { kind: 'supplier', dimensionType: '', code: 'V-JDOE', name: 'Jane', active: true },
]);

const planWith = (over: Partial<PostingPlan['lines'][number]>[] = [{}], partner = 'V-JDOE'): PostingPlan => {
  const lines = over.map((o, i) => ({ lineNo: i + 1, sourceLineId: 'L', account: '625100', side: 'debit' as const, amountMinor: 100, dimensions: { costCenter: 'CC100' }, description: 'x', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null, ...o }));
  const total = lines.reduce((s, l) => s + (l.side === 'debit' ? l.amountMinor : -l.amountMinor), 0);
  lines.push({ lineNo: lines.length + 1, sourceLineId: null, account: '421000', side: 'credit', amountMinor: total, dimensions: {}, description: 'due', partner, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null } as never);
  return { kind: 'journal', idempotencyKey: 'K', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R', sourceVersion: 'v', postingDate: '2026-10-01', documentDate: '2026-10-01', currency: 'EUR', description: 'd', partner, invoiceNumber: null, lines, totalMinor: total, notes: [] };
};

test('a plan with known, active values passes', () => {
  assert.deepEqual(validatePlan(planWith(), ref, ['costCenter']), []);
});

test('unknown/inactive accounts, dimension values and partners are each named', () => {
  const codes = (p: PostingPlan) => validatePlan(p, ref, ['costCenter']).map((r) => r.code);
  assert.deepEqual(codes(planWith([{ account: '000000' }])), ['ACCOUNT_UNKNOWN']);
  assert.deepEqual(codes(planWith([{ account: '699999' }])), ['ACCOUNT_INACTIVE']);
  assert.deepEqual(codes(planWith([{ dimensions: { costCenter: 'NOPE' } }])), ['DIMENSION_UNKNOWN']);
  const inactive = validatePlan(planWith([{ dimensions: { costCenter: 'CC900' } }]), ref, ['costCenter']);
  assert.equal(inactive[0]?.code, 'DIMENSION_INACTIVE');
  assert.match(inactive[0]!.message, /Cost center CC900 \(Closed\) is inactive/);
  assert.deepEqual(codes(planWith([{}], 'V-GHOST')), ['PARTNER_UNKNOWN']);
});

test('an unbalanced plan is caught even if the planner was bypassed', () => {
  const p = planWith();
  p.lines[0]!.amountMinor += 1;
  assert.deepEqual(validatePlan(p, ref, ['costCenter']).map((r) => r.code), ['UNBALANCED']);
});
