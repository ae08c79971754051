// NetSuite mapper edges the first mutation run (issue 19 item 10) found untested: the words of hold reasons
// (subsidiary, currency, vendor credit), every line label, line numbers past 9, details without a path or title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountValue, NETSUITE_SUPPLIER_CREDIT, toNetSuiteRecord, type IdLookup } from '../../../main/core/adapters/netsuite/to-remote';
import { errorToReasons } from '../../../main/core/adapters/netsuite/from-remote';
import { errorBodyOf } from '../../../main/core/adapters/netsuite/errors';
import { nsBillPlan, nsLine, nsPlan } from '../../helpers/netsuite-context';

const lookup: IdLookup = {
  hasFeature: () => true,
  account: (c) => ({ '6100': '104', '6110': '105', '6120': '106', '6130': '107', '2010': '102' })[c],
  vendor: (c) => (c === 'V1001' ? '501' : undefined),
  employee: (c) => (c === 'EMP0001' ? '701' : undefined),
  currency: (c) => (c === 'EUR' ? '4' : undefined),
  subsidiary: (id) => (id === '3' ? { active: false, name: 'Dormant' } : { active: true, name: 'Europe' }),
};
const reasons = (r: ReturnType<typeof toNetSuiteRecord>) => (r.ok ? [] : r.reasons);

test('hold reasons in full: an inactive subsidiary, a currency not set up, a vendor bill or credit without a vendor', () => {
  assert.deepEqual(reasons(toNetSuiteRecord(nsPlan(), '3', lookup)), [{ code: 'DIMENSION_INACTIVE', message: 'Subsidiary 3 (Dormant) is inactive in NetSuite', subject: 'subsidiary:3' }]);
  assert.deepEqual(reasons(toNetSuiteRecord(nsPlan({ currency: 'CHF' }), '2', lookup)), [{ code: 'INVALID_CURRENCY', message: 'Currency CHF is not set up in NetSuite', subject: 'CHF' }]);
  assert.equal(reasons(toNetSuiteRecord(nsBillPlan({ partner: null }), '2', lookup))[0]!.message, 'A vendor bill needs a vendor and the document names none');
  assert.equal(reasons(toNetSuiteRecord(nsBillPlan({ kind: 'supplier_credit', partner: null }), '2', lookup))[0]!.message, 'A vendor credit needs a vendor and the document names none');
  assert.equal(reasons(toNetSuiteRecord(nsBillPlan({ kind: 'supplier_credit', partner: 'EMP0001' }), '2', lookup))[0]!.message, 'EMP0001 is a NetSuite employee, not a vendor: a vendor credit needs a vendor');
  assert.equal(NETSUITE_SUPPLIER_CREDIT, 'vendor credit');
});

test('an amount whose decimal text has no exact double is refused', () => {
  assert.throws(() => amountValue(9007199254740991, 'EUR'), /cannot be sent exactly/);
  // Whole amounts keep their trailing zeros (only decimals lose theirs in the JSON number).
  assert.equal(amountValue(1500, 'JPY'), 1500);
  assert.equal(amountValue(150000, 'EUR'), 1500);
});

const refusal = (details: Array<Record<string, string>>, title?: string) => errorBodyOf(JSON.stringify({ ...(title === undefined ? {} : { title }), status: 400, 'o:errorDetails': details }));
const first = (details: Array<Record<string, string>>, plan = nsPlan(), title?: string) => errorToReasons(refusal(details, title), plan, 400, '')[0]!;

test('every line label in the message; "period locked" is a closed period; line numbers past 9', () => {
  const plan = nsPlan({ lines: [nsLine(1, '6100', 'debit', 100, { dimensions: { class: '20', location: '30' } }), nsLine(2, '2010', 'credit', 100)] });
  const msg = (path: string) => first([{ detail: 'Bad.', 'o:errorCode': 'X', 'o:errorPath': path }], plan).message;
  assert.equal(msg('line.items[0].class'), 'NetSuite refused line 1 (class 20): Bad. [X]');
  assert.equal(msg('line.items[0].location'), 'NetSuite refused line 1 (location 30): Bad. [X]');
  assert.equal(msg('line.items[0].debit'), 'NetSuite refused line 1 (debit): Bad. [X]');
  assert.equal(msg('line.items[1].credit'), 'NetSuite refused line 2 (credit): Bad. [X]');
  assert.equal(msg('expense.items[0].amount'), 'NetSuite refused line 1 (amount): Bad. [X]');
  assert.equal(msg('line.items[12].account'), 'NetSuite refused line 13 (account): Bad. [X]');
  assert.equal(first([{ detail: 'This period locked for posting.', 'o:errorCode': 'X', 'o:errorPath': 'tranDate' }]).code, 'PERIOD_CLOSED');
});

test('a detail without a path is about the record; without words or title it says NetSuite refused the record', () => {
  assert.equal(first([{ detail: 'Something odd.', 'o:errorCode': 'X' }]).message, 'NetSuite refused the record: Something odd. [X]');
  assert.equal(errorToReasons(null, nsPlan(), 502, 'Bad Gateway')[0]!.code, 'ERP_REJECTED');
  assert.equal(first([{ detail: ' ', 'o:errorCode': '' }]).message, 'NetSuite refused the record: NetSuite refused the record');
});
