// Pure mappers: plans as GLBATCH / APBILL creates, key look-ups, Intacct error texts as hold codes,
// and reference rows as ReferenceItems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError, errorsToReasons, isDuplicate, rowsToReference } from '../../../main/core/adapters/sage-intacct/from-remote';
import { billDueFor } from '../../../main/core/adapters/sage-intacct/due-date';
import { keysQuery } from '../../../main/core/adapters/sage-intacct/lookup';
import { apbill, createFunction, glbatch, intacctDate } from '../../../main/core/adapters/sage-intacct/to-remote';
import { billPlan, intacctSettings, line, plan } from '../../helpers/intacct-context';

const s = intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml');

test('a journal becomes a GLBATCH with TR_TYPE 1/-1, positive TRX_AMOUNT, dimensions, partner and the key in REFERENCENO', () => {
  const p = plan();
  const g = glbatch(p, s).GLBATCH as Record<string, unknown>;
  assert.deepEqual(Object.keys(g), ['JOURNAL', 'BATCH_DATE', 'BATCH_TITLE', 'REFERENCENO', 'ENTRIES']);
  assert.equal(g.BATCH_DATE, '03/15/2024');
  assert.equal(g.REFERENCENO, p.idempotencyKey);
  const [debit, credit] = (g.ENTRIES as { GLENTRY: Array<Record<string, string>> }).GLENTRY;
  assert.deepEqual(debit, { ACCOUNTNO: '6000', TR_TYPE: '1', TRX_AMOUNT: '123.45', LOCATION: 'L10', DEPARTMENT: 'D100', DESCRIPTION: 'Line 1' });
  assert.deepEqual(credit, { ACCOUNTNO: '2050', TR_TYPE: '-1', TRX_AMOUNT: '123.45', EMPLOYEEID: 'E001', DESCRIPTION: 'Line 2' });
  assert.deepEqual(createFunction(p, s).controlId, p.idempotencyKey);
});

test('foreign currency lines carry CURRENCY with the rate type; JPY keeps 0 decimals; vendor partner option', () => {
  const p = plan({ currency: 'JPY', lines: [line(1, '6000', 'debit', 5000), line(2, '2050', 'credit', 5000, { partner: 'V-E001' })] });
  const g = glbatch(p, { ...s, journalPartner: 'vendor' }).GLBATCH as { ENTRIES: { GLENTRY: Array<Record<string, string>> } };
  // No rate type unless the connection names one: the company's default rate type applies (it was always "Intacct Daily Rate").
  assert.deepEqual(g.ENTRIES.GLENTRY[1], { ACCOUNTNO: '2050', TR_TYPE: '-1', TRX_AMOUNT: '5000', CURRENCY: 'JPY', EXCH_RATE_DATE: '03/15/2024', VENDORID: 'V-E001', DESCRIPTION: 'Line 2' });
  const typed = glbatch(p, { ...s, exchangeRateType: 'Corporate Rate' }).GLBATCH as { ENTRIES: { GLENTRY: Array<Record<string, string>> } };
  assert.equal(typed.ENTRIES.GLENTRY[1]?.EXCH_RATE_TYPE_ID, 'Corporate Rate');
});

test('a supplier invoice becomes an APBILL: payable line left out, invoice number in RECORDID, key in DOCNUMBER', () => {
  const p = billPlan({ lines: [line(1, '6000', 'debit', 20000, { dimensions: { department: 'D200' } }), line(2, '6020', 'credit', 500), line(3, '2000', 'credit', 19500, { partner: 'V100' })] });
  const b = apbill(p, s, { whenDue: '2024-04-14' }).APBILL as Record<string, unknown>;
  assert.equal(b.VENDORID, 'V100');
  assert.equal(b.RECORDID, 'INV-2024-77');
  assert.equal(b.DOCNUMBER, p.idempotencyKey);
  assert.equal(b.WHENCREATED, '03/15/2024');
  assert.equal(b.WHENDUE, '04/14/2024');
  assert.equal(b.TERMNAME, undefined);
  assert.deepEqual((b.APBILLITEMS as { APBILLITEM: unknown[] }).APBILLITEM, [
    { ACCOUNTNO: '6000', TRX_AMOUNT: '200.00', ENTRYDESCRIPTION: 'Line 1', DEPARTMENTID: 'D200' },
    { ACCOUNTNO: '6020', TRX_AMOUNT: '-5.00', ENTRYDESCRIPTION: 'Line 2' },
  ]);
});

test("a bill's due date follows the vendor's terms unless the connection sets a rule; never the bill date by default", () => {
  const p = billPlan();
  // The old default sent WHENDUE = bill date + 0 days, overriding the vendor's terms: every bill due the day it was dated.
  assert.deepEqual(billDueFor(p, s, 'N30'), { termName: 'N30' });
  const b = apbill(p, s, { termName: 'N30' }).APBILL as Record<string, unknown>;
  assert.equal(b.TERMNAME, 'N30');
  assert.equal(b.WHENDUE, undefined);
  assert.deepEqual(Object.keys(b).slice(0, 5), ['VENDORID', 'WHENCREATED', 'TERMNAME', 'RECORDID', 'DOCNUMBER']);
  const none = billDueFor(p, s, '');
  assert.ok('code' in none && /no payment terms/.test(none.message), 'a vendor without terms is held, not due today');
  assert.deepEqual(billDueFor(p, { ...s, billDueRule: 'term_name', billTermName: 'Net 45' }, 'N30'), { termName: 'Net 45' });
  assert.ok('code' in billDueFor(p, { ...s, billDueRule: 'term_name' }, 'N30'), 'a term rule without a term name is a clear hold');
  assert.deepEqual(billDueFor(p, { ...s, billDueRule: 'days', billDueDays: 30 }, 'N30'), { whenDue: '2024-04-14' });
  assert.throws(() => createFunction(p, s), /due date/);
});

test('findExistingMany queries each object once with an `in` filter on its key field', () => {
  const q = keysQuery('APBILL', 'DOCNUMBER', ['K1', 'K2']).body.query as Record<string, unknown>;
  assert.equal(q.object, 'APBILL');
  assert.deepEqual(q.filter, { in: { field: 'DOCNUMBER', value: ['K1', 'K2'] } });
  assert.deepEqual(q.select, { field: ['RECORDNO', 'DOCNUMBER'] });
  assert.equal(intacctDate('2024-12-01'), '12/01/2024');
});

const e = (description2: string, description = '') => ({ errorno: 'BL0', description, description2, correction: '' });

test('Intacct error texts map to hold codes naming the value', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['Account 9999 is not valid.', 'ACCOUNT_UNKNOWN', '9999'],
    ['Account 6999 is inactive and cannot be posted to.', 'ACCOUNT_INACTIVE', '6999'],
    ["The specified GL account '6000' : 'Travel' is not valid. GL account is restricted by location", 'ACCOUNT_UNKNOWN', '6000'],
    ["Department 'D999' is not valid.", 'DIMENSION_UNKNOWN', 'D999'],
    ["Department 'D400' is inactive.", 'DIMENSION_INACTIVE', 'D400'],
    ["The location 'L99' is invalid.", 'DIMENSION_UNKNOWN', 'L99'],
    ["Invalid Vendor 'V999' specified.", 'PARTNER_UNKNOWN', 'V999'],
    ['Activate the vendor V103, then try again.', 'PARTNER_INACTIVE', 'V103'],
    ["The employee 'E404' is invalid.", 'PARTNER_UNKNOWN', 'E404'],
    ["The employee 'E009' is inactive.", 'PARTNER_INACTIVE', 'E009'],
    ['Cannot post to a closed period: 01/31/2024 falls in a period whose books are closed.', 'PERIOD_CLOSED', undefined],
    ['Debits and credits do not balance for this journal entry.', 'UNBALANCED', undefined],
    ['This transaction is missing the Department dimension for the Account 6000', 'DIMENSION_MISSING', 'department'],
    ['Something else entirely went wrong', 'ERP_REJECTED', undefined],
  ];
  for (const [text, code, subject] of cases) assert.deepEqual(classifyError(e(text)), subject ? { code, subject } : { code }, text);
});

test('generic follow-up errors are dropped next to a specific one, kept (with Intacct text) when alone', () => {
  const follow = { errorno: 'BL01001973', description: 'Could not create GLBATCH record!', description2: '', correction: '' };
  assert.deepEqual(errorsToReasons([e("Department 'D9' is not valid."), follow]), [{ code: 'DIMENSION_UNKNOWN', message: "Department 'D9' is not valid.", subject: 'D9' }]);
  assert.deepEqual(errorsToReasons([follow]), [{ code: 'ERP_REJECTED', message: 'Sage Intacct refused it: BL01001973: Could not create GLBATCH record!' }]);
});

test('duplicate-looking refusals are recognised; ordinary ones are not', () => {
  assert.ok(isDuplicate([{ errorno: 'Duplicate Control ID', description: '', description2: "A function with control ID 'K' was already executed and completed.", correction: '' }]));
  assert.ok(isDuplicate([{ errorno: 'BL34000061', description: '', description2: 'x', correction: '' }]));
  assert.ok(!isDuplicate([e('Account 1 is not valid.')]));
});

test('reference rows become dimension / account / supplier / employee items with active flags', () => {
  assert.deepEqual(rowsToReference('department', [{ DEPARTMENTID: 'D1', TITLE: 'Sales', STATUS: 'active' }, { DEPARTMENTID: 'D2', TITLE: 'Old', STATUS: 'inactive' }, { TITLE: 'no id' }]), [
    { kind: 'dimension', dimensionType: 'department', code: 'D1', name: 'Sales', active: true },
    { kind: 'dimension', dimensionType: 'department', code: 'D2', name: 'Old', active: false },
  ]);
  assert.deepEqual(rowsToReference('vendor', [{ VENDORID: 'V1', NAME: 'Hotel', STATUS: 'active' }])[0]?.kind, 'supplier');
  assert.deepEqual(rowsToReference('employee', [{ EMPLOYEEID: 'E1', CONTACT: { FIRSTNAME: 'Ada', LASTNAME: 'L' }, STATUS: 'active' }])[0], { kind: 'employee', dimensionType: '', code: 'E1', name: 'Ada L', active: true });
});
