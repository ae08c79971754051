import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, parseResponse } from '../../../main/core/adapters/sage-intacct/envelope';
import { partnerFunctions, partnerObject } from '../../../main/core/adapters/sage-intacct/partners';
import { isPeriodClosed, laterPeriodStarts, movedNote, nextMonthStart, noOpenPeriod } from '../../../main/core/adapters/sage-intacct/period';
import { isAborted } from '../../../main/core/adapters/sage-intacct/adapter';
import { intacctSettings } from '../../helpers/intacct-context';

test('transaction="true" keeps its value in the request (not a bare boolean attribute)', () => {
  const xml = buildRequest({ senderId: 'S', senderPassword: 'p', controlId: 'c', uniqueId: true }, { sessionId: 'x' }, [{ controlId: 'k', body: { create: { VENDOR: { VENDORID: 'V1' } } } }], true);
  assert.match(xml, /<operation transaction="true">/);
  assert.match(buildRequest({ senderId: 'S', senderPassword: 'p', controlId: 'c', uniqueId: false }, { sessionId: 'x' }, []), /<operation transaction="false">/);
});

test('rolled-back functions are recognised as aborted, the failing one is not', () => {
  const resp = parseResponse(
    '<response><control><status>success</status></control><operation><authentication><status>success</status></authentication>' +
      '<result><status>failure</status><function>create</function><controlid>a</controlid><errormessage><error><errorno>BL03000018</errorno><description2>Account 6999 is not valid.</description2></error><error><errorno>XL03000009</errorno><description>The entire transaction in this operation has been rolled back due to an error.</description></error></errormessage></result>' +
      '<result><status>aborted</status><function>create</function><controlid>b</controlid><errormessage><error><errorno>XL03000009</errorno></error></errormessage></result>' +
      '<result><status>failure</status><function>create</function><controlid>c</controlid><errormessage><error><errorno>XL03000009</errorno></error></errormessage></result>' +
      '</operation></response>',
  );
  assert.deepEqual(resp.results.map(isAborted), [false, true, true]);
});

test('partner creates: a VENDOR with NAME and PRINTAS; an employee as CONTACT then EMPLOYEE naming it; deterministic control ids', () => {
  const vendor = partnerFunctions({ role: 'vendor', code: 'V200', name: 'Harbour Catering' }, 'VENDOR');
  assert.deepEqual(vendor, [{ controlId: 'mlc-create-vendor-V200', body: { create: { VENDOR: { VENDORID: 'V200', NAME: 'Harbour Catering', DISPLAYCONTACT: { PRINTAS: 'Harbour Catering' } } } } }]);
  const [contact, employee] = partnerFunctions({ role: 'employee', code: 'E050', name: 'Grace  Brewster Hopper' }, 'EMPLOYEE');
  assert.deepEqual(contact?.body, { create: { CONTACT: { CONTACTNAME: 'Grace  Brewster Hopper (E050)', PRINTAS: 'Grace  Brewster Hopper', FIRSTNAME: 'Grace', LASTNAME: 'Brewster Hopper' } } });
  assert.deepEqual(employee, { controlId: 'mlc-create-employee-E050', body: { create: { EMPLOYEE: { EMPLOYEEID: 'E050', PERSONALINFO: { CONTACTNAME: 'Grace  Brewster Hopper (E050)' } } } } });
  const s = intacctSettings('http://127.0.0.1:1/ia/xml/xmlgw.phtml');
  assert.equal(partnerObject({ role: 'employee', code: 'E1', name: 'x' }, s), 'EMPLOYEE');
  assert.equal(partnerObject({ role: 'employee', code: 'E1', name: 'x' }, { ...s, journalPartner: 'vendor' }), 'VENDOR');
  assert.equal(partnerObject({ role: 'vendor', code: 'V1', name: 'x' }, s), 'VENDOR');
});

test('next open period: month starts after the date, up to the current month, and plain notes', () => {
  assert.equal(nextMonthStart('2024-01-31'), '2024-02-01');
  assert.equal(nextMonthStart('2024-12-05'), '2025-01-01');
  assert.deepEqual(laterPeriodStarts('2024-10-15', '2025-01-02'), ['2024-11-01', '2024-12-01', '2025-01-01']);
  assert.deepEqual(laterPeriodStarts('2025-01-15', '2025-01-20'), [], 'nothing later than this month to try');
  assert.match(movedNote('2024-01-20', '2024-03-01'), /moved from 2024-01-20 to 2024-03-01/);
  assert.equal(isPeriodClosed([noOpenPeriod('2024-01-20', '2024-02-10')]), true);
  assert.equal(isPeriodClosed([{ code: 'ERP_REJECTED', message: 'x' }]), false);
});
