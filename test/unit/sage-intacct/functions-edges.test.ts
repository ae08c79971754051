// Sage Intacct functions at their edges (mutation testing, issue 19 item 10): the create function per plan kind
// with its controlid, a bill refused without its due rule, the partner column per setting, a bill's due date
// or term, refunds negative, and the read functions' exact shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apbill, billLines, createFunction, glbatch, readByQuery, readMore } from '../../../main/core/adapters/sage-intacct/to-remote';
import { billPlan, intacctSettings, line, plan } from '../../helpers/intacct-context';

const s = intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml');
type Entries = { GLBATCH: { ENTRIES: { GLENTRY: Array<Record<string, string>> } } };
type Bill = { APBILL: Record<string, string> & { APBILLITEMS: { APBILLITEM: Array<Record<string, string>> } } };

test('the create function: a GLBATCH or an APBILL, its controlid the key; a bill without its due rule is refused', () => {
  const j = plan();
  assert.deepEqual(createFunction(j, s), { controlId: j.idempotencyKey, body: { create: glbatch(j, s) } });
  const b = billPlan();
  assert.deepEqual(createFunction(b, s, { termName: 'N30' }), { controlId: b.idempotencyKey, body: { create: apbill(b, s, { termName: 'N30' }) } });
  assert.throws(() => createFunction(b, s), new RegExp(`bill ${b.idempotencyKey} needs its due date rule resolved`));
});

test('the journal partner column follows the setting: employee by default, vendor when set', () => {
  const p = plan();
  const credit = (set: Record<string, unknown>) => (glbatch(p, intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml', set)) as Entries).GLBATCH.ENTRIES.GLENTRY[1]!;
  assert.equal(credit({}).EMPLOYEEID, 'E001');
  assert.equal('VENDORID' in credit({}), false);
  assert.equal(credit({ journalPartner: 'vendor' }).VENDORID, 'E001');
  assert.equal('EMPLOYEEID' in credit({ journalPartner: 'vendor' }), false);
  const debit = (glbatch(p, s) as Entries).GLBATCH.ENTRIES.GLENTRY[0]!;
  assert.deepEqual(debit, { ACCOUNTNO: '6000', TR_TYPE: '1', TRX_AMOUNT: '123.45', LOCATION: 'L10', DEPARTMENT: 'D100', DESCRIPTION: 'Line 1' });
});

test('a vendor on a journal line (an invoice posted as a journal) is a VENDORID whatever the setting; an employee still follows it', () => {
  const p = plan({ sourceKind: 'invoice', partner: 'V100', lines: [line(1, '6000', 'debit', 12345), line(2, '2000', 'credit', 12345, { partner: 'V100', partnerRole: 'vendor' })] });
  const credit = (set: Record<string, unknown>) => (glbatch(p, intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml', set)) as Entries).GLBATCH.ENTRIES.GLENTRY[1]!;
  for (const journalPartner of ['employee', 'vendor']) {
    assert.equal(credit({ journalPartner }).VENDORID, 'V100', journalPartner);
    assert.equal('EMPLOYEEID' in credit({ journalPartner }), false, journalPartner);
  }
  const employee = plan({ lines: [line(1, '6000', 'debit', 12345), line(2, '2050', 'credit', 12345, { partner: 'E001', partnerRole: 'employee' })] });
  const entry = (glbatch(employee, s) as Entries).GLBATCH.ENTRIES.GLENTRY[1]!;
  assert.equal(entry.EMPLOYEEID, 'E001');
  assert.equal('VENDORID' in entry, false);
});

test('a base-currency journal has no currency fields; the batch title falls back to the key', () => {
  const p = plan({ description: '   ' });
  const g = (glbatch(p, s) as { GLBATCH: Record<string, unknown> }).GLBATCH;
  assert.equal(g.BATCH_TITLE, p.idempotencyKey);
  assert.equal(g.BATCH_DATE, '03/15/2024');
  assert.equal(g.REFERENCENO, p.idempotencyKey);
  for (const e of (glbatch(p, s) as Entries).GLBATCH.ENTRIES.GLENTRY) for (const f of ['CURRENCY', 'EXCH_RATE_DATE', 'EXCH_RATE_TYPE_ID']) assert.equal(f in e, false, f);
});

test('a bill: a due date instead of a term, refunds negative, the payable credit left out', () => {
  const b = billPlan({ lines: [line(1, '6000', 'debit', 20000, { dimensions: { department: 'D200', location: 'L1' } }), line(2, '6020', 'credit', 500), line(3, '2000', 'credit', 19500, { partner: 'V100' })] });
  const bill = (apbill(b, s, { whenDue: '2024-04-14' }) as Bill).APBILL;
  assert.equal(bill.WHENDUE, '04/14/2024');
  assert.equal('TERMNAME' in bill, false);
  assert.equal(bill.WHENCREATED, '03/15/2024');
  assert.deepEqual(bill.APBILLITEMS.APBILLITEM, [
    { ACCOUNTNO: '6000', TRX_AMOUNT: '200.00', ENTRYDESCRIPTION: 'Line 1', LOCATIONID: 'L1', DEPARTMENTID: 'D200' },
    { ACCOUNTNO: '6020', TRX_AMOUNT: '-5.00', ENTRYDESCRIPTION: 'Line 2' },
  ]);
  assert.deepEqual(billLines({ ...b, partner: null }).map((l) => l.signed), [20000, -500, -19500]);
});

test('read functions: readByQuery names its fields and page size, readMore its result id', () => {
  assert.deepEqual(readByQuery('VENDOR', ['VENDORID', 'NAME'], 500), { controlId: 'read-VENDOR', body: { readByQuery: { object: 'VENDOR', fields: 'VENDORID,NAME', query: '', pagesize: '500', returnFormat: 'xml' } } });
  assert.deepEqual(readMore('VENDOR', 'r-1'), { controlId: 'more-VENDOR', body: { readMore: { resultId: 'r-1' } } });
});
