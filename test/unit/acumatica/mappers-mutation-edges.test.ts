// Acumatica mapper edges the first mutation run (issue 19 item 10) found untested: errors that name the
// system, empty value objects, a period "not open", a bill row past its lines, Tax reference rows and codes with
// spaces around them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { acuDate, billEntity, billLines, decimalValue } from '../../../main/core/adapters/acumatica/to-remote';
import { boolOf, duplicateVendorRef, errorsToReasons, fieldErrors, rowsToReference, textOf } from '../../../main/core/adapters/acumatica/from-remote';
import { acuLine, billPlan, journalPlan } from '../../helpers/acumatica-context';

test('refusals before sending name Acumatica and are not retried', () => {
  const refused = (f: () => unknown) => assert.throws(f, (e) => isConnectorError(e) && e.code === 'VALIDATION_REJECTED' && e.system === 'Acumatica' && e.retryable === false);
  refused(() => acuDate('05/10/2026'));
  refused(() => decimalValue(1.5, 'EUR'));
  refused(() => billEntity(billPlan({ partner: null }), { branch: 'HQ' }));
});

test('value objects: a null field, an empty value object and an error without a value read as empty', () => {
  assert.equal(textOf({ X: null } as never, 'X'), '');
  assert.equal(boolOf({ A: {} } as never, 'A', true), true);
  assert.equal(boolOf({ A: {} } as never, 'A', false), false);
  assert.deepEqual(fieldErrors({ Vendor: { error: 'Vendor cannot be empty.' } } as never), [{ field: 'Vendor', value: '', error: 'Vendor cannot be empty.' }]);
  // A detail "row" that is itself an array is not a row: nothing in it is read as a field error.
  assert.deepEqual(fieldErrors({ Details: [[{ value: 'x', error: 'e' }]] } as never), []);
});

test('a period "not open" is closed; a bill row past its lines names no line', () => {
  assert.equal(errorsToReasons({ PostPeriod: { value: '10-2026', error: 'The financial period is not open.' } }, journalPlan())[0]!.code, 'PERIOD_CLOSED');
  const [past] = errorsToReasons({ Details: [{}, {}, { Account: { value: '1', error: 'Cannot be found.' } }] }, billPlan());
  assert.deepEqual([past!.code, past!.lineId, past!.message], ['ACCOUNT_UNKNOWN', undefined, 'Acumatica refused line 3 Account "1": Cannot be found.']);
});

test('an unbalanced journal says so in the words Acumatica used', () => {
  assert.deepEqual(errorsToReasons({ error: ' Batch is out of balance. ' }, journalPlan()), [{ code: 'UNBALANCED', message: 'Acumatica refused the journal transaction: Batch is out of balance.' }]);
});

test('a 422 with no field error at all is never a duplicate VendorRef', () => {
  assert.equal(duplicateVendorRef({ error: 'Vendor Ref. already used.' }), null);
  assert.equal(duplicateVendorRef({}), null);
});

test('bill lines without a vendor on the plan: a credit without a partner still goes out negative', () => {
  assert.deepEqual(billLines(billPlan({ partner: null, lines: [acuLine(1, '62400', 'debit', 1000), acuLine(2, '62300', 'credit', 100)] })).map((l) => l.signed), [1000, -100]);
});

test('reference rows: Tax rows (code trimmed, name falling back to the code, TaxDisabled inactive); codes trimmed everywhere', () => {
  assert.deepEqual(rowsToReference('tax', [{ TaxID: { value: ' FRVAT20 ' }, Description: { value: 'TVA 20 %' } }, { TaxID: { value: 'FRVAT196' }, TaxDisabled: { value: true } }, { TaxID: { value: 'EXEMPT' }, TaxDisabled: { value: false } }, { TaxID: { value: '  ' } }, { Description: { value: 'no id' } }]), [
    { kind: 'tax_code', dimensionType: '', code: 'FRVAT20', name: 'TVA 20 %', active: true },
    { kind: 'tax_code', dimensionType: '', code: 'FRVAT196', name: 'FRVAT196', active: false },
    { kind: 'tax_code', dimensionType: '', code: 'EXEMPT', name: 'EXEMPT', active: true },
  ]);
  assert.equal(rowsToReference('subaccount', [{ SubaccountCD: { value: ' CC1 ' } }])[0]!.code, 'CC1');
  assert.equal(rowsToReference('account', [{ AccountCD: { value: ' 6000 ' } }])[0]!.code, '6000');
  assert.equal(rowsToReference('branch', [{ Branches: [{ BranchID: { value: ' HQ ' } }] }])[0]!.code, 'HQ');
});
