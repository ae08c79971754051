// Item 10 (Sage Intacct mappers): every wording the classifier recognises, one example each, and the small
// readers around it (duplicates, record numbers, key matches, active flags, reference rows), so a one-line change
// to a pattern or a branch fails a test rather than quietly turning a hold reason into ERP_REJECTED.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyError, errorsToReasons, intacctActive, isDuplicate, recordNoOf, rowsToReference } from '../../../main/core/adapters/sage-intacct/from-remote';

const e = (description2: string, over: Partial<{ errorno: string; description: string; correction: string }> = {}) => ({ errorno: 'BL01', description: '', description2, correction: '', ...over });

test('every closed-period, balance and missing-dimension wording', () => {
  for (const t of ['Posting to a closed period is not allowed', 'The period for 01/2024 is closed', 'The books are closed for January', 'The date must be on or after 02/01/2024', 'The date is not in an open period']) assert.deepEqual(classifyError(e(t)), { code: 'PERIOD_CLOSED' }, t);
  for (const t of ['The entry does not balance', "Lines don't balance", 'Transaction is not balanced', 'Unbalanced transaction', 'The batch is out of balance', 'Debits must equal credits', 'Debit amounts equal to the credits']) assert.deepEqual(classifyError(e(t)), { code: 'UNBALANCED' }, t);
  assert.deepEqual(classifyError(e("The entry is missing the 'Location' dimension")), { code: 'DIMENSION_MISSING', subject: 'location' });
  assert.deepEqual(classifyError(e('Missing project dimension')), { code: 'DIMENSION_MISSING', subject: 'project' });
});

test('every unknown and inactive wording, with the entity named first winning', () => {
  const unknown = ['Account 7000 is invalid', 'Account 7000 does not exist', "Account 7000 doesn't exist", 'Account 7000 not found', 'Unknown account 7000', 'No such account 7000', 'Could not find account 7000', 'Account 7000 is not valid'];
  for (const t of unknown) assert.equal(classifyError(e(t)).code, 'ACCOUNT_UNKNOWN', t);
  for (const t of ['Account 7000 is inactive', 'Account 7000 is not active', 'Activate account 7000', 'Account 7000 is disabled']) assert.equal(classifyError(e(t)).code, 'ACCOUNT_INACTIVE', t);
  assert.deepEqual(classifyError(e('Location L1 is not valid for department D2')), { code: 'DIMENSION_UNKNOWN', subject: 'L1' });
  assert.deepEqual(classifyError(e('Department D2 is not valid for location L1')), { code: 'DIMENSION_UNKNOWN', subject: 'D2' });
  assert.deepEqual(classifyError(e('The record is invalid')), { code: 'ERP_REJECTED' }, 'no entity named');
  assert.deepEqual(classifyError(e('Invalid vendor')), { code: 'PARTNER_UNKNOWN' }, 'no value named');
  assert.deepEqual(classifyError(e('Vendor number: "V 12" is not valid')), { code: 'PARTNER_UNKNOWN', subject: 'V 12' });
  assert.deepEqual(classifyError(e('Employee no. E77 is not valid.')), { code: 'PARTNER_UNKNOWN', subject: 'E77' });
  assert.deepEqual(classifyError(e('', { description: 'GL account 1234 is not valid', correction: 'Use another account' })), { code: 'ACCOUNT_UNKNOWN', subject: '1234' }, 'description and correction are read too');
});

test('messages: description2, else description, with the correction; the error number when there is no text', () => {
  assert.deepEqual(errorsToReasons([e('Account 1 is not valid', { correction: 'Pick another.' })]), [{ code: 'ACCOUNT_UNKNOWN', message: 'Account 1 is not valid Pick another.', subject: '1' }]);
  assert.deepEqual(errorsToReasons([e('', { description: 'Account 2 is not valid' })]), [{ code: 'ACCOUNT_UNKNOWN', message: 'Account 2 is not valid', subject: '2' }]);
  assert.deepEqual(errorsToReasons([e('', { errorno: 'XL0001' })]), [{ code: 'ERP_REJECTED', message: 'Sage Intacct refused it: XL0001: XL0001' }]);
  assert.deepEqual(errorsToReasons([]), [{ code: 'ERP_REJECTED', message: 'Sage Intacct refused it without giving a reason' }]);
  assert.deepEqual(errorsToReasons([e('', { errorno: '' })]), [{ code: 'ERP_REJECTED', message: 'Sage Intacct refused it: Sage Intacct error without text' }]);
  assert.deepEqual(errorsToReasons([e('Period is closed'), e('Account 3 is not valid')]).map((r) => r.code), ['PERIOD_CLOSED', 'ACCOUNT_UNKNOWN']);
});

test('duplicates: each wording and both known codes; other errors are not duplicates', () => {
  for (const t of ['The request was already executed', 'Already been processed', 'This record already exists', 'Reference already used', 'Already submitted', 'Duplicate entry', 'Control ID must be unique', 'controlid already exists']) assert.ok(isDuplicate([e(t)]), t);
  assert.ok(isDuplicate([e('x', { errorno: 'PL05000104' })]));
  assert.ok(isDuplicate([e('', { correction: 'Use a duplicate-free control id' })]));
  assert.ok(!isDuplicate([e('Account 1 is not valid'), e('Period closed')]));
  assert.ok(!isDuplicate([]));
});

test('record numbers, key matches, active flags and reference rows', () => {
  assert.equal(recordNoOf({ status: 'success', function: 'create', controlId: 'c', key: 'LEGACY', errors: [], data: { rows: [{ RECORDNO: '' }, { recordno: '42' }] } } as never), '42');
  assert.equal(recordNoOf({ status: 'success', function: 'create', controlId: 'c', key: 'LEGACY', errors: [], data: null } as never), 'LEGACY');
  for (const s of ['active', '', 'T', 'true', 'Active ']) assert.equal(intacctActive(s), true, s);
  for (const s of ['inactive', 'Inactive (since 2024)', 'F', 'false', ' FALSE ']) assert.equal(intacctActive(s), false, s);
  assert.deepEqual(rowsToReference('location', [{ LOCATIONID: 'L1', NAME: '' }]), [{ kind: 'dimension', dimensionType: 'location', code: 'L1', name: 'L1', active: true }]);
  assert.deepEqual(rowsToReference('account', [{ ACCOUNTNO: '6000', TITLE: 'Travel', STATUS: 'inactive' }]), [{ kind: 'account', dimensionType: '', code: '6000', name: 'Travel', active: false }]);
  assert.deepEqual(rowsToReference('vendor', [{ VENDORID: 'V1', NAME: 'Acme' }]), [{ kind: 'supplier', dimensionType: '', code: 'V1', name: 'Acme', active: true }]);
  assert.deepEqual(rowsToReference('employee', [{ EMPLOYEEID: 'E1', 'CONTACT.FIRSTNAME': 'Ada', 'CONTACT.LASTNAME': 'Lovelace' }, { EMPLOYEEID: 'E2' }]), [
    { kind: 'employee', dimensionType: '', code: 'E1', name: 'Ada Lovelace', active: true },
    { kind: 'employee', dimensionType: '', code: 'E2', name: 'E2', active: true },
  ]);
});
