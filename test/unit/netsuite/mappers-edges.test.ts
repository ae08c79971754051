// NetSuite mappers at their edges (mutation testing, issue 19 item 10): features the account lacks, memo
// limits, reasons never doubled, and each error path / code combination mapped to its own hold code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amountValue, NETSUITE_MEMO_MAX, recordTypeFor, SUBLIST, toNetSuiteRecord, type FeatureKind, type IdLookup } from '../../../main/core/adapters/netsuite/to-remote';
import { errorToReasons, internalIdFromLocation } from '../../../main/core/adapters/netsuite/from-remote';
import { errorBodyOf } from '../../../main/core/adapters/netsuite/errors';
import { nsBillPlan, nsLine, nsPlan } from '../../helpers/netsuite-context';

function lookupWith(features: FeatureKind[] = ['subsidiary', 'department', 'class', 'location']): IdLookup {
  return {
    hasFeature: (k) => features.includes(k),
    account: (c) => ({ '6100': '104', '6110': '105', '6120': '106', '6130': '107', '2010': '102' })[c],
    vendor: (c) => ({ V1001: '501', EMP0002: '502' })[c],
    employee: (c) => ({ EMP0001: '701', EMP0002: '702' })[c],
    currency: (c) => ({ EUR: '4' })[c],
    subsidiary: (id) => (id === '2' ? { active: true, name: 'Europe' } : undefined),
  };
}

test('record types and their sublists', () => {
  assert.equal(recordTypeFor({ kind: 'supplier_invoice' }), 'vendorBill');
  assert.equal(recordTypeFor({ kind: 'journal' }), 'journalEntry');
  assert.equal(recordTypeFor({ kind: 'supplier_credit' }), 'vendorCredit');
  assert.deepEqual(SUBLIST, { journalEntry: 'line', vendorBill: 'expense', vendorCredit: 'expense' });
});

test('an account without OneWorld: no subsidiary is sent, and a connection that names one is held', () => {
  const none = toNetSuiteRecord(nsPlan(), '', lookupWith(['department', 'class', 'location']));
  assert.ok(none.ok);
  assert.equal('subsidiary' in none.body, false);
  const held = toNetSuiteRecord(nsPlan(), '2', lookupWith(['department', 'class', 'location']));
  assert.ok(!held.ok);
  assert.deepEqual(held.reasons.map((r) => [r.code, r.subject]), [['DIMENSION_UNKNOWN', 'subsidiary:2']]);
  assert.match(held.reasons[0]!.message, /no OneWorld/);
  const unknown = toNetSuiteRecord(nsPlan(), '8', lookupWith());
  assert.ok(!unknown.ok && /Subsidiary 8 does not exist/.test(unknown.reasons[0]!.message));
});

test('a segment the account has no feature for is a hold reason per segment, reported once however many lines use it', () => {
  const plan = nsPlan({ lines: [nsLine(1, '6100', 'debit', 100, { dimensions: { class: '20', location: '30' } }), nsLine(2, '6120', 'debit', 100, { dimensions: { class: '20' } }), nsLine(3, '2010', 'credit', 200)] });
  const r = toNetSuiteRecord(plan, '2', lookupWith(['subsidiary', 'department']));
  assert.ok(!r.ok);
  assert.deepEqual(r.reasons.map((x) => [x.code, x.subject]), [['DIMENSION_UNKNOWN', 'class:20'], ['DIMENSION_UNKNOWN', 'location:30']]);
  assert.match(r.reasons[0]!.message, /no classes, yet the document maps class 20/);
  assert.match(r.reasons[1]!.message, /no locations/);
  const bill = toNetSuiteRecord(nsBillPlan(), '2', lookupWith(['subsidiary']));
  assert.ok(!bill.ok);
  assert.deepEqual(bill.reasons.map((x) => x.subject), ['department:10', 'location:31']);
  assert.match(bill.reasons[0]!.message, /no departments/);
});

test('the same unknown account on two lines is one reason; two different ones are two', () => {
  const plan = nsPlan({ lines: [nsLine(1, '9999', 'debit', 100), nsLine(2, '9999', 'debit', 100), nsLine(3, '8888', 'credit', 200)] });
  const r = toNetSuiteRecord(plan, '2', lookupWith());
  assert.ok(!r.ok);
  assert.deepEqual(r.reasons.map((x) => [x.code, x.subject]), [['ACCOUNT_UNKNOWN', '9999'], ['ACCOUNT_UNKNOWN', '8888']]);
  assert.match(r.reasons[0]!.message, /GL account 9999 does not exist in NetSuite/);
});

test('memos are cut at 4,000 characters on the header and on every line', () => {
  const long = 'x'.repeat(NETSUITE_MEMO_MAX + 5);
  const r = toNetSuiteRecord(nsPlan({ description: long, lines: [nsLine(1, '6100', 'debit', 100, { description: long }), nsLine(2, '2010', 'credit', 100)] }), '2', lookupWith());
  assert.ok(r.ok);
  assert.equal((r.body.memo as string).length, NETSUITE_MEMO_MAX);
  const items = (r.body.line as { items: Array<{ memo: string }> }).items;
  assert.equal(items[0]!.memo.length, NETSUITE_MEMO_MAX);
  const bill = toNetSuiteRecord(nsBillPlan({ lines: [nsLine(1, '6110', 'debit', 100, { description: long })] }), '2', lookupWith());
  assert.ok(bill.ok);
  assert.equal((bill.body.expense as { items: Array<{ memo: string }> }).items[0]!.memo.length, NETSUITE_MEMO_MAX);
});

test('vendor bills: no vendor named, an unknown vendor, no bill number; journal names prefer the vendor record', () => {
  const none = toNetSuiteRecord(nsBillPlan({ partner: null }), '2', lookupWith());
  assert.ok(!none.ok);
  assert.deepEqual(none.reasons.map((x) => [x.code, x.subject]), [['PARTNER_UNKNOWN', undefined]]);
  assert.match(none.reasons[0]!.message, /needs a vendor and the document names none/);
  const unknown = toNetSuiteRecord(nsBillPlan({ partner: 'V404' }), '2', lookupWith());
  assert.ok(!unknown.ok);
  assert.deepEqual(unknown.reasons.map((x) => [x.code, x.subject, x.message]), [['PARTNER_UNKNOWN', 'V404', 'Vendor V404 does not exist in NetSuite']]);
  const noNumber = toNetSuiteRecord(nsBillPlan({ invoiceNumber: null }), '2', lookupWith());
  assert.ok(noNumber.ok);
  assert.equal('tranId' in noNumber.body, false);
  const both = toNetSuiteRecord(nsPlan({ lines: [nsLine(1, '6100', 'debit', 100), nsLine(2, '2010', 'credit', 100, { partner: 'EMP0002' })] }), '2', lookupWith());
  assert.ok(both.ok);
  assert.deepEqual((both.body.line as { items: Array<Record<string, unknown>> }).items.map((i) => i.entity), [undefined, { id: '502' }]);
  const stranger = toNetSuiteRecord(nsPlan({ lines: [nsLine(1, '6100', 'debit', 100), nsLine(2, '2010', 'credit', 100, { partner: 'X1' })] }), '2', lookupWith());
  assert.ok(!stranger.ok && stranger.reasons[0]!.message === 'X1 is neither a vendor nor an employee in NetSuite');
});

test('a journal line owed to a vendor (an invoice posted as a journal) names the vendor record only, never an employee', () => {
  const owed = (partner: string) => toNetSuiteRecord(nsPlan({ sourceKind: 'invoice', partner, lines: [nsLine(1, '6100', 'debit', 100), nsLine(2, '2010', 'credit', 100, { partner, partnerRole: 'vendor' })] }), '2', lookupWith());
  const vendor = owed('V1001');
  assert.ok(vendor.ok);
  assert.deepEqual((vendor.body.line as { items: Array<Record<string, unknown>> }).items.map((i) => i.entity), [undefined, { id: '501' }]);
  // EMP0001 is only an employee: as a vendor it does not exist.
  const employeeOnly = owed('EMP0001');
  assert.ok(!employeeOnly.ok);
  assert.deepEqual(employeeOnly.reasons, [{ code: 'PARTNER_UNKNOWN', message: 'Vendor EMP0001 does not exist in NetSuite', subject: 'EMP0001' }]);
  // An employee line keeps taking either record.
  const employee = toNetSuiteRecord(nsPlan({ lines: [nsLine(1, '6100', 'debit', 100), nsLine(2, '2010', 'credit', 100, { partner: 'EMP0001', partnerRole: 'employee' })] }), '2', lookupWith());
  assert.ok(employee.ok);
  assert.deepEqual((employee.body.line as { items: Array<Record<string, unknown>> }).items[1]!.entity, { id: '701' });
});

test('an amount that cannot be sent exactly is refused, not rounded', () => {
  assert.throws(() => amountValue(2 ** 53, 'EUR'), /cannot be sent exactly/);
  assert.throws(() => amountValue(1.5, 'EUR'), /cannot be sent exactly/);
  assert.equal(amountValue(-250, 'EUR'), -2.5);
  assert.equal(amountValue(0, 'EUR'), 0);
});

test('the internal id is the last path segment of the Location, without query, fragment or trailing slashes', () => {
  assert.equal(internalIdFromLocation('https://x/record/v1/journalEntry/4711?expand=line#top'), '4711');
  assert.equal(internalIdFromLocation('https://x/record/v1/journalEntry/4711//'), '4711');
  assert.equal(internalIdFromLocation(''), null);
  assert.equal(internalIdFromLocation('https://x/record/v1/journalEntry/47a1'), null);
  assert.equal(internalIdFromLocation('https://x/record/v1/journalEntry/x4711'), null);
});

const refusal = (details: Array<Record<string, string>>, title = 'Bad Request') => errorBodyOf(JSON.stringify({ title, status: 400, 'o:errorDetails': details }));

test('each field of a refused line maps to its own code, inactive or unknown', () => {
  const plan = nsPlan({ lines: [nsLine(1, '6100', 'debit', 100, { dimensions: { class: '20', location: '30' } }), nsLine(2, '2010', 'credit', 100, { partner: 'EMP0001' })] });
  const cases: Array<[string, string, string, string | undefined]> = [
    ['line.items[0].account', 'The account is inactive.', 'ACCOUNT_INACTIVE', '6100'],
    ['line.items[0].account', 'Invalid reference.', 'ACCOUNT_UNKNOWN', '6100'],
    ['line.items[0].class', 'Inactive class.', 'DIMENSION_INACTIVE', 'class:20'],
    ['line.items[0].class', 'Invalid reference.', 'DIMENSION_UNKNOWN', 'class:20'],
    ['line.items[0].location', 'Invalid reference.', 'DIMENSION_UNKNOWN', 'location:30'],
    ['line.items[1].entity', 'The employee is inactive.', 'PARTNER_INACTIVE', 'EMP0001'],
    ['line.items[1].entity', 'Invalid reference.', 'PARTNER_UNKNOWN', 'EMP0001'],
    ['line.items[0].debit', 'Amount too large.', 'ERP_REJECTED', undefined],
    ['expense.items[0].memo', 'Too long.', 'ERP_REJECTED', undefined],
  ];
  for (const [path, detail, code, subject] of cases) {
    const [r] = errorToReasons(refusal([{ detail, 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': path }]), plan, 400, '');
    assert.equal(r?.code, code, path + ' ' + detail);
    assert.equal(r?.subject, subject, path);
  }
  const [entity] = errorToReasons(refusal([{ detail: 'Inactive.', 'o:errorCode': 'X', 'o:errorPath': 'line.items[1].entity' }]), plan, 400, '');
  assert.equal(entity?.message, 'NetSuite refused line 2 (name (entity) EMP0001): Inactive. [X]');
  assert.equal(entity?.lineId, 'src-2');
  const [memo] = errorToReasons(refusal([{ detail: 'Too long.', 'o:errorCode': 'X', 'o:errorPath': 'line.items[0].memo' }]), plan, 400, '');
  assert.equal(memo?.message, 'NetSuite refused line 1 (memo): Too long. [X]');
  const [odd] = errorToReasons(refusal([{ detail: 'Bad.', 'o:errorCode': '', 'o:errorPath': 'line.items[0].custcol_x' }]), plan, 400, '');
  assert.equal(odd?.message, 'NetSuite refused line 1 (custcol_x): Bad.');
});

test('a line path past the plan names the line number without value or line id', () => {
  const [r] = errorToReasons(refusal([{ detail: 'Invalid reference.', 'o:errorCode': 'X', 'o:errorPath': 'line.items[7].account' }]), nsPlan(), 400, '');
  assert.deepEqual([r?.code, r?.subject, r?.lineId], ['ACCOUNT_UNKNOWN', undefined, undefined]);
  assert.equal(r?.message, 'NetSuite refused line 8 (account): Invalid reference. [X]');
});

test('header fields: dates, periods, currency, subsidiary and the entity of the record', () => {
  const plan = nsBillPlan();
  const one = (path: string, detail: string) => errorToReasons(refusal([{ detail, 'o:errorCode': 'USER_ERROR', 'o:errorPath': path }]), plan, 400, '')[0]!;
  assert.equal(one('tranDate', 'Invalid date value.').code, 'INVALID_DATE');
  assert.equal(one('postingPeriod', 'Invalid reference.').code, 'INVALID_DATE');
  assert.equal(one('postingPeriod', 'The accounting period is closed.').code, 'PERIOD_CLOSED');
  assert.equal(one('memo', 'The period is locked for this role.').code, 'PERIOD_CLOSED');
  assert.equal(one('currency', 'Invalid currency.').code, 'INVALID_CURRENCY');
  assert.equal(one('subsidiary', 'Inactive subsidiary.').code, 'DIMENSION_INACTIVE');
  assert.equal(one('subsidiary', 'Invalid reference.').code, 'DIMENSION_UNKNOWN');
  const entity = one('entity', 'Vendor is inactive.');
  assert.deepEqual([entity.code, entity.subject, entity.message], ['PARTNER_INACTIVE', 'V1001', 'NetSuite refused the name (entity) of the record: Vendor is inactive. [USER_ERROR]']);
  const currency = one('currency', 'Invalid currency.');
  assert.equal(currency.subject, undefined);
  assert.equal(currency.message, 'NetSuite refused the currency of the record: Invalid currency. [USER_ERROR]');
  assert.equal(one('', 'Odd.').message, 'NetSuite refused the record: Odd. [USER_ERROR]');
});

test('a detail without words takes the title; no details and no body keep NetSuite\'s status and text', () => {
  const plan = nsPlan();
  assert.equal(errorToReasons(refusal([{ detail: '  ', 'o:errorCode': 'X' }], 'Bad Request'), plan, 400, '')[0]!.message, 'NetSuite refused the record: Bad Request [X]');
  assert.equal(errorToReasons(refusal([{ detail: '', 'o:errorCode': '' }], ''), plan, 400, '')[0]!.message, 'NetSuite refused the record: NetSuite refused the record');
  const none = errorToReasons(refusal([], 'Forbidden'), plan, 403, '');
  assert.deepEqual(none.map((r) => [r.code, r.message]), [['ERP_REJECTED', 'NetSuite refused the record (HTTP 403): Forbidden']]);
  assert.equal(errorToReasons(null, plan, 502, '   ')[0]!.message, 'NetSuite refused the record (HTTP 502)');
  assert.equal(errorToReasons(null, plan, 502, ` ${'y'.repeat(400)} `)[0]!.message, `NetSuite refused the record (HTTP 502): ${'y'.repeat(300)}`);
});
