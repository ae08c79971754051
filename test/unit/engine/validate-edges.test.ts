// validatePlan at its edges (mutation testing, issue 19 item 10): the exact words for each reason, amounts that
// are not positive integers, dimension types the ERP does not carry, partners found as employees, inactive
// partners, one reason per value however often it appears, and the index keeping kinds and types apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReferenceIndex, label, validatePlan } from '../../../main/core/engine/validate';
import type { PlanLine, PostingPlan } from '../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../shared/schemas/reference';

const ITEMS: ReferenceItem[] = [
  { kind: 'account', dimensionType: '', code: '625100', name: 'Meals', active: true },
  { kind: 'account', dimensionType: '', code: '421000', name: 'Employees', active: true },
  { kind: 'account', dimensionType: '', code: '699999', name: 'Old', active: false },
  { kind: 'dimension', dimensionType: 'costCenter', code: 'CC100', name: 'Sales', active: true },
  { kind: 'dimension', dimensionType: 'department', code: 'CC100', name: 'Dept', active: false },
  { kind: 'supplier', dimensionType: '', code: 'V-JDOE', name: 'Jane', active: true },
  { kind: 'supplier', dimensionType: '', code: 'V-OLD', name: 'Gone', active: false },
  { kind: 'employee', dimensionType: '', code: 'E-1', name: 'Ann', active: true },
];
const ref = createReferenceIndex(ITEMS);

const ln = (over: Partial<PlanLine>): PlanLine => ({ lineNo: 1, sourceLineId: 'L', account: '625100', side: 'debit', amountMinor: 100, dimensions: {}, description: 'x', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null, ...over });
const planOf = (lines: PlanLine[], partner: string | null = 'V-JDOE', kind: PostingPlan['kind'] = 'journal'): PostingPlan => ({
  kind, idempotencyKey: 'K', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R', sourceVersion: 'v', postingDate: '2026-10-01', documentDate: '2026-10-01', currency: 'EUR', description: 'd', partner, invoiceNumber: null, lines, totalMinor: 100, notes: [],
});
const balanced = (debit: Partial<PlanLine> = {}, credit: Partial<PlanLine> = {}) => [ln(debit), ln({ side: 'credit', account: '421000', ...credit })];

test('the words of each reason name the value and, for inactive ones, its ERP name', () => {
  assert.deepEqual(validatePlan(planOf(balanced({ account: '000000' })), ref, []), [{ code: 'ACCOUNT_UNKNOWN', message: 'GL account 000000 does not exist in the ERP', subject: '000000' }]);
  assert.deepEqual(validatePlan(planOf(balanced({ account: '699999' })), ref, []), [{ code: 'ACCOUNT_INACTIVE', message: 'GL account 699999 (Old) is inactive in the ERP', subject: '699999' }]);
  assert.deepEqual(validatePlan(planOf(balanced({ dimensions: { costCenter: 'X1' } })), ref, ['costCenter']), [{ code: 'DIMENSION_UNKNOWN', message: 'Cost center X1 does not exist in the ERP', subject: 'costCenter:X1' }]);
  assert.deepEqual(validatePlan(planOf(balanced({ dimensions: { department: 'CC100' } })), ref, ['department']), [{ code: 'DIMENSION_INACTIVE', message: 'Department CC100 (Dept) is inactive in the ERP', subject: 'department:CC100' }]);
  assert.deepEqual(validatePlan(planOf(balanced(), 'V-X'), ref, []), [{ code: 'PARTNER_UNKNOWN', message: 'Supplier V-X does not exist in the ERP', subject: 'V-X' }]);
  assert.deepEqual(validatePlan(planOf(balanced(), 'V-OLD'), ref, []), [{ code: 'PARTNER_INACTIVE', message: 'Supplier V-OLD (Gone) is inactive in the ERP', subject: 'V-OLD' }]);
  assert.deepEqual(validatePlan(planOf([ln({ amountMinor: 100 }), ln({ side: 'credit', amountMinor: 90 })]), ref, []), [{ code: 'UNBALANCED', message: 'Entry does not balance: debits 100, credits 90 (minor units)' }]);
});

test('amounts must be positive safe integers on every line', () => {
  for (const bad of [0, -100, 1.5, 2 ** 53]) {
    const codes = validatePlan(planOf(balanced({ amountMinor: bad }, { amountMinor: bad })), ref, []).map((r) => r.code);
    assert.deepEqual(codes, ['INVALID_AMOUNT'], String(bad));
  }
  assert.equal(validatePlan(planOf(balanced({ amountMinor: 1 }, { amountMinor: 1 })), ref, []).length, 0);
});

test('a supplier invoice need not balance; a journal must', () => {
  const lines = [ln({ amountMinor: 100 })];
  assert.deepEqual(validatePlan(planOf(lines, 'V-JDOE', 'supplier_invoice'), ref, []), []);
  assert.deepEqual(validatePlan(planOf(lines), ref, []).map((r) => r.code), ['UNBALANCED']);
});

test('only the dimension types the ERP carries are checked, each against its own type', () => {
  assert.deepEqual(validatePlan(planOf(balanced({ dimensions: { project: 'P-NOPE' } })), ref, ['costCenter']), []);
  assert.deepEqual(validatePlan(planOf(balanced({ dimensions: { costCenter: 'CC100' } })), ref, ['costCenter']), [], 'active as a cost center');
  assert.equal(validatePlan(planOf(balanced({ dimensions: { department: 'CC100' } })), ref, ['costCenter', 'department'])[0]?.code, 'DIMENSION_INACTIVE', 'the same code, inactive as a department');
});

test('partners: the header and every line, found as suppliers or employees, each named once', () => {
  assert.deepEqual(validatePlan(planOf(balanced({}, { partner: 'E-1' }), 'E-1'), ref, []), []);
  const r = validatePlan(planOf([ln({ partner: 'V-X' }), ln({ partner: 'V-X', lineNo: 2 }), ln({ side: 'credit', amountMinor: 200, partner: 'V-Y' })], 'V-X'), ref, []);
  assert.deepEqual(r.map((x) => x.subject), ['V-X', 'V-Y']);
  assert.deepEqual(validatePlan(planOf(balanced(), null), ref, []), []);
});

test('the same unknown account on many lines is one reason; two accounts two', () => {
  const r = validatePlan(planOf([ln({ account: 'A1' }), ln({ account: 'A1' }), ln({ account: 'A2', side: 'credit', amountMinor: 200 })]), ref, []);
  assert.deepEqual(r.map((x) => [x.code, x.subject]), [['ACCOUNT_UNKNOWN', 'A1'], ['ACCOUNT_UNKNOWN', 'A2']]);
});

test('the index keeps kinds and dimension types apart and knows which have data', () => {
  assert.equal(ref.has('account'), true);
  assert.equal(ref.has('dimension', 'costCenter'), true);
  assert.equal(ref.has('dimension', 'project'), false);
  assert.equal(ref.has('dimension'), false);
  assert.equal(ref.has('customer'), false);
  assert.deepEqual(ref.find('dimension', 'CC100', 'costCenter'), { name: 'Sales', active: true });
  assert.equal(ref.find('account', 'CC100'), undefined);
  assert.equal(ref.find('dimension', 'CC100'), undefined);
  assert.equal(createReferenceIndex([{ kind: 'account', dimensionType: 'a', code: 'b', name: '', active: true }]).find('account', 'b', 'a')?.active, true);
  assert.equal(createReferenceIndex([{ kind: 'account', dimensionType: 'a', code: 'b', name: '', active: true }]).find('account', 'ab', ''), undefined, 'type and code kept apart');
});

test('labels: camel case becomes words with a capital first letter', () => {
  assert.equal(label('costCenter'), 'Cost center');
  assert.equal(label('businessUnitCode'), 'Business unit code');
  assert.equal(label('project'), 'Project');
  assert.equal(label(''), '');
});

test('one bad amount among good lines holds the plan, in these words', () => {
  const lines = [ln({ amountMinor: 100 }), ln({ amountMinor: 0, lineNo: 2 }), ln({ side: 'credit', account: '421000', amountMinor: 100, lineNo: 3 })];
  assert.deepEqual(validatePlan(planOf(lines), ref, []), [{ code: 'INVALID_AMOUNT', message: 'A line has a zero, negative or non-integer amount' }]);
});

const taxRef = createReferenceIndex([
  ...ITEMS,
  { kind: 'tax_code', dimensionType: '', code: 'FRS', name: 'TVA 20 %', active: true },
  { kind: 'tax_code', dimensionType: '', code: 'FRO', name: 'TVA 19,6 %', active: false },
]);

test('tax codes: known and active pass; unknown and inactive are held once each, in these words', () => {
  assert.deepEqual(validatePlan(planOf(balanced({ taxCode: 'FRS' })), taxRef, []), []);
  assert.deepEqual(validatePlan(planOf(balanced({ taxCode: 'FRX' })), taxRef, []), [{ code: 'TAX_UNMAPPED', message: 'Tax code FRX does not exist in the ERP: fix its row on the Tax codes tab', subject: 'FRX' }]);
  assert.deepEqual(validatePlan(planOf(balanced({ taxCode: 'FRO' })), taxRef, []), [{ code: 'TAX_UNMAPPED', message: 'Tax code FRO (TVA 19,6 %) is inactive in the ERP: fix its row on the Tax codes tab', subject: 'FRO' }]);
  const lines = [ln({ taxCode: 'FRX' }), ln({ taxCode: 'FRS', lineNo: 2 }), ln({ taxCode: 'FRX', lineNo: 3 }), ln({ taxCode: 'FRO', lineNo: 4 }), ln({ side: 'credit', account: '421000', amountMinor: 400, lineNo: 5 })];
  assert.deepEqual(validatePlan(planOf(lines), taxRef, []).map((r) => r.subject), ['FRX', 'FRO'], 'each code once, the lines without one unchecked');
});

test('tax codes are not checked while the cache holds none: an empty cache cannot prove a code wrong', () => {
  assert.deepEqual(validatePlan(planOf(balanced({ taxCode: 'FRX' })), ref, []), []);
  assert.deepEqual(validatePlan(planOf([ln({ taxCode: 'FRX' }), ln({ side: 'credit', account: '421000', taxCode: '' })]), ref, []), []);
});

test('lines without a tax code are not held as a tax code', () => {
  assert.deepEqual(validatePlan(planOf(balanced({}, { taxCode: '' })), taxRef, []), []);
});
