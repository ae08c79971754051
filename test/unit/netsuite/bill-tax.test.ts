// NetSuite vendor bill / credit tax at the mapper (mutation testing, issue 19 item 10): a recoverable tax line
// folds into its one net line of the same code and side (taxCode + tax1Amt, ../shared/api/netsuite.md §2c),
// anything else stays an expense line; journals never fold. The integration tests cover the same through the
// simulator; these pin the body and the hold reasons themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldTax, toNetSuiteRecord, type IdLookup } from '../../../main/core/adapters/netsuite/to-remote';
import { nsBillPlan, nsLine, nsPlan } from '../../helpers/netsuite-context';

const TAX: Record<string, string> = { 'FR-S-20': '901', 'FR-R-5.5': '903' };
const ACCOUNTS: Record<string, string> = { '6110': '105', '6120': '106', '1450': '109', '2010': '102' };
const lookup = (withTax = true): IdLookup => ({
  hasFeature: () => true,
  account: (c) => ACCOUNTS[c],
  vendor: (c) => (c === 'V1001' ? '501' : undefined),
  employee: (c) => (c === 'EMP0001' ? '701' : undefined),
  currency: (c) => (c === 'EUR' ? '4' : undefined),
  subsidiary: () => ({ active: true, name: 'Europe' }),
  ...(withTax ? { taxCode: (c: string) => TAX[c] } : {}),
});
const net = (n: number, account: string, amount: number, taxCode: string, src = 'L1', side: 'debit' | 'credit' = 'debit') => nsLine(n, account, side, amount, { taxCode, taxRole: 'net', sourceLineId: src });
const vat = (n: number, amount: number, taxCode: string, src = 'L1', side: 'debit' | 'credit' = 'debit') => nsLine(n, '1450', side, amount, { taxCode, taxRole: 'tax', sourceLineId: src });
type Item = Record<string, unknown>;
const expense = (r: ReturnType<typeof toNetSuiteRecord>): Item[] => {
  assert.ok(r.ok, JSON.stringify(r));
  return (r.body.expense as { items: Item[] }).items;
};

test('a vendor bill: each tax line folds into its net line as taxCode + tax1Amt, the net amount unchanged', () => {
  const plan = nsBillPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20'), net(3, '6110', 1000, 'FR-R-5.5', 'L2'), vat(4, 55, 'FR-R-5.5', 'L2')] });
  assert.deepEqual(expense(toNetSuiteRecord(plan, '2', lookup())), [
    { account: { id: '106' }, amount: 100, memo: 'Line 1', taxCode: { id: '901' }, tax1Amt: 20 },
    { account: { id: '105' }, amount: 10, memo: 'Line 3', taxCode: { id: '903' }, tax1Amt: 0.55 },
  ]);
});

test('a vendor credit: credited lines and their tax are positive, a debited one negative', () => {
  const plan = nsBillPlan({ kind: 'supplier_credit', invoiceNumber: null, lines: [net(1, '6120', 10000, 'FR-S-20', 'L1', 'credit'), vat(2, 2000, 'FR-S-20', 'L1', 'credit'), net(3, '6110', 1000, 'FR-R-5.5', 'L2'), vat(4, 55, 'FR-R-5.5', 'L2')] });
  assert.deepEqual(expense(toNetSuiteRecord(plan, '2', lookup())).map((i) => [i.amount, i.tax1Amt]), [[100, 20], [-10, -0.55]]);
  const bill = nsBillPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20'), net(3, '6110', 1000, 'FR-R-5.5', 'L2', 'credit'), vat(4, 55, 'FR-R-5.5', 'L2', 'credit')] });
  assert.deepEqual(expense(toNetSuiteRecord(bill, '2', lookup())).map((i) => [i.amount, i.tax1Amt]), [[100, 20], [-10, -0.55]]);
});

test('a tax code NetSuite does not have is a hold reason naming it; so is any tax code when the lookup has none', () => {
  const plan = nsBillPlan({ lines: [net(1, '6120', 10000, 'FR-X'), vat(2, 2000, 'FR-X')] });
  const r = toNetSuiteRecord(plan, '2', lookup());
  assert.ok(!r.ok);
  assert.deepEqual(r.reasons, [{ code: 'TAX_UNMAPPED', message: 'Tax code FR-X does not exist in NetSuite: fix its row on the Tax codes tab', subject: 'FR-X' }]);
  const old = toNetSuiteRecord(nsBillPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20')] }), '2', lookup(false));
  assert.ok(!old.ok);
  assert.deepEqual(old.reasons.map((x) => [x.code, x.subject]), [['TAX_UNMAPPED', 'FR-S-20']]);
});

test('only a net line carries a tax code: untaxed and tax-role lines go out without one', () => {
  const plan = nsBillPlan({ lines: [nsLine(1, '6120', 'debit', 500, { taxCode: 'FR-S-20' }), nsLine(2, '6110', 'debit', 300)] });
  assert.deepEqual(expense(toNetSuiteRecord(plan, '2', lookup())), [{ account: { id: '106' }, amount: 5, memo: 'Line 1' }, { account: { id: '105' }, amount: 3, memo: 'Line 2' }]);
  const alone = expense(toNetSuiteRecord(nsBillPlan({ lines: [net(1, '6120', 500, 'FR-S-20')] }), '2', lookup()));
  assert.deepEqual(alone, [{ account: { id: '106' }, amount: 5, memo: 'Line 1', taxCode: { id: '901' }, tax1Amt: 0 }]);
});

test('tax that cannot fold stays its own line: other code, other side, no source line, two nets or two taxes', () => {
  const kept = (lines: ReturnType<typeof nsLine>[]) => foldTax(lines).map((f) => [f.line.lineNo, f.taxMinor]);
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), vat(2, 20, 'A')]), [[1, 20]]);
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), vat(2, 20, 'B')]), [[1, 0], [2, 0]], 'other code');
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), vat(2, 20, 'A', 'L1', 'credit')]), [[1, 0], [2, 0]], 'other side');
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), vat(2, 20, 'A', 'L2')]), [[1, 0], [2, 0]], 'other source line');
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), { ...vat(2, 20, 'A'), sourceLineId: null }]), [[1, 0], [2, 0]], 'no source line');
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), net(2, '6110', 50, 'A'), vat(3, 30, 'A')]), [[1, 0], [2, 0], [3, 0]], 'two nets');
  assert.deepEqual(kept([net(1, '6120', 100, 'A'), vat(2, 20, 'A'), vat(3, 5, 'A')]), [[1, 0], [2, 0], [3, 0]], 'two taxes');
  assert.deepEqual(kept([nsLine(1, '6120', 'debit', 100, { sourceLineId: 'L1' }), vat(2, 20, 'A')]), [[1, 0], [2, 0]], 'a plain line is no net line');
});

test('a journal never folds: the VAT is its own line and no line carries tax fields', () => {
  const r = toNetSuiteRecord(nsPlan({ lines: [net(1, '6120', 10000, 'FR-S-20'), vat(2, 2000, 'FR-S-20'), nsLine(3, '2010', 'credit', 12000, { partner: 'EMP0001' })] }), '2', lookup());
  assert.ok(r.ok);
  const items = (r.body.line as { items: Item[] }).items;
  assert.deepEqual(items.map((i) => [i.account, i.debit ?? i.credit]), [[{ id: '106' }, 100], [{ id: '109' }, 20], [{ id: '102' }, 120]]);
  assert.ok(items.every((i) => !('taxCode' in i) && !('tax1Amt' in i)));
});
