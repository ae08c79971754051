import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieHeader } from '../../../main/core/adapters/acumatica/auth';
import { httpErrorText, loginError } from '../../../main/core/adapters/acumatica/errors';
import { duplicateVendorRef, erpIdOf, errorsToReasons, fieldErrors, rowsToReference, textOf } from '../../../main/core/adapters/acumatica/from-remote';
import { bestVersion } from '../../../main/core/adapters/acumatica/probe';
import { parseFilter } from '../../../main/simulators/acumatica/odata';
import { toMinor } from '../../../main/simulators/acumatica/records';
import { acuLine, billPlan, journalPlan } from '../../helpers/acumatica-context';

// The 422 shape: the entity echoed with a summary `error` and an `error` on each bad value, also in detail rows.
const REJECTED = {
  id: '5f0c1b8e-2a7d-4c3e-9b1a-000000000001',
  error: "Inserting 'Bill' record raised at least one error. Please review the errors.",
  ReferenceNbr: { value: '<NEW>' },
  Vendor: { value: 'V9', error: "'Vendor' cannot be found in the system." },
  note: { value: '' },
  Details: [{ Account: { value: '62400' } }, { Account: { value: '99999', error: "'Account' cannot be found in the system." }, Subaccount: { value: 'CC900', error: "Subaccount 'CC900' is inactive." } }],
};

test('field errors are collected from the header and from each detail row', () => {
  assert.deepEqual(fieldErrors(REJECTED).map((e) => [e.field, e.collection ?? '', e.row ?? -1, e.value]), [['Vendor', '', -1, 'V9'], ['Account', 'Details', 1, '99999'], ['Subaccount', 'Details', 1, 'CC900']]);
});

test('a 422 becomes hold reasons that name the field, line and value; without field errors the summary is the reason', () => {
  const plan = billPlan({ lines: [acuLine(1, '62400', 'debit', 100), acuLine(2, '99999', 'debit', 100, { sourceLineId: 'E2' })] });
  const reasons = errorsToReasons(REJECTED, plan);
  assert.deepEqual(reasons.map((r) => [r.code, r.subject, r.lineId]), [['PARTNER_UNKNOWN', 'V9', undefined], ['ACCOUNT_UNKNOWN', '99999', 'E2'], ['DIMENSION_INACTIVE', 'subaccount:CC900', 'E2']]);
  assert.equal(reasons[1]!.message, `Acumatica refused line 2 Account "99999": 'Account' cannot be found in the system.`);
  assert.deepEqual(errorsToReasons({ error: 'Batch is out of balance, please review.' }, journalPlan()).map((r) => r.code), ['UNBALANCED']);
  assert.match(errorsToReasons({}, journalPlan())[0]!.message, /journal transaction: no reason given/);
  assert.equal(errorsToReasons({ Date: { value: '2026-10-05', error: 'The financial period 10-2026 is closed.' } }, journalPlan())[0]!.code, 'PERIOD_CLOSED');
});

test('saved records give their reference number; a 422 that only refuses a repeated VendorRef is recognised', () => {
  const bill = billPlan();
  assert.equal(erpIdOf({ ReferenceNbr: { value: '001234' } }, bill), '001234');
  assert.equal(erpIdOf({ ReferenceNbr: { value: '<NEW>' } }, bill), '');
  assert.equal(erpIdOf({ BatchNbr: { value: '005001' } }, journalPlan()), '005001');
  assert.match(duplicateVendorRef({ error: 'x', VendorRef: { value: 'INV-1', error: 'Document with Vendor Ref. INV-1 already exists for this vendor.' } }) ?? '', /already exists/);
  assert.equal(duplicateVendorRef({ VendorRef: { value: 'INV-1', error: 'already exists' }, Vendor: { value: 'V9', error: 'cannot be found' } }), null);
  assert.equal(duplicateVendorRef({ Vendor: { value: 'V9', error: 'cannot be found' } }), null);
  assert.equal(textOf({ X: { value: null } }, 'X'), '');
});

test('reference rows: vendor status, account and subaccount Active flags, branches from ledgers', () => {
  assert.deepEqual(rowsToReference('vendor', [{ VendorID: { value: 'V1' }, VendorName: { value: 'One' }, Status: { value: 'Hold' } }, { VendorID: { value: 'V2' }, Status: { value: 'Active' } }, { VendorName: { value: 'no id' } }]), [
    { kind: 'supplier', dimensionType: '', code: 'V1', name: 'One', active: false },
    { kind: 'supplier', dimensionType: '', code: 'V2', name: 'V2', active: true },
  ]);
  assert.equal(rowsToReference('account', [{ AccountCD: { value: '6000' }, Active: { value: false } }])[0]!.active, false);
  assert.deepEqual(rowsToReference('branch', [{ LedgerID: { value: 'ACTUAL' }, Branches: [{ BranchID: { value: 'HQ' }, BranchName: { value: 'Head' } }, { BranchID: { value: 'HQ' } }] }]), [{ kind: 'dimension', dimensionType: 'branch', code: 'HQ', name: 'Head', active: true }]);
});

test('session cookies are joined from Set-Cookie lines; the highest offered version is found numerically', () => {
  assert.equal(cookieHeader(['.ASPXAUTH=abc; path=/; HttpOnly', 'Locale=Culture=en-US; path=/', 'broken']), '.ASPXAUTH=abc; Locale=Culture=en-US');
  assert.equal(bestVersion([{ name: 'Default', version: '9.200.001' }, { name: 'Default', version: '23.200.001' }, { name: 'Custom', version: '99.000.001' }], 'Default'), '23.200.001');
  assert.equal(bestVersion([], 'Default'), null);
});

test('simulator: $filter with doubled quotes, and/or, parentheses and the documented functions; amounts with too many decimals are refused', () => {
  const row = { Type: 'Bill', VendorRef: "O'Brien", Active: true, Description: 'MLC-1 · Trip' };
  assert.equal(parseFilter("Type eq 'Bill' and VendorRef eq 'O''Brien' and Active eq true")(row), true);
  assert.equal(parseFilter("Type eq 'Bill' and VendorRef eq 'X'")(row), false);
  assert.equal(parseFilter("VendorRef eq 'X' or startswith(Description,'MLC-1')")(row), true);
  assert.equal(parseFilter("Type eq 'Memo' and (VendorRef eq 'X' or startswith(Description,'MLC-1'))")(row), false);
  assert.equal(parseFilter("substringof('Trip',Description) and endswith(Description,'Trip')")(row), true);
  assert.equal(parseFilter("startswith(Description,'Z') eq false")(row), true);
  assert.throws(() => parseFilter("tolower(Description) eq 'x'"), /not supported/);
  // Ordering operators only against a datetimeoffset'…' (the documented date form); a bare number is refused.
  assert.throws(() => parseFilter("Amount gt 5"), /"gt" needs a datetimeoffset/);
  assert.throws(() => parseFilter("Amount lt 5"), /"lt" needs a datetimeoffset/);
  assert.throws(() => parseFilter("Type eq 'Bill' and"), /cannot read/);
  assert.equal(toMinor(123.45, 'EUR'), 12345);
  assert.equal(toMinor(-0.5, 'USD'), -50);
  assert.match(String(toMinor(1.005, 'EUR')), /more than 2 decimal places/);
  assert.match(String(toMinor(10.5, 'JPY')), /more than 0 decimal places/);
  // The simulator's own ISO 4217 table: ISK has no minor unit (a shared 2-decimal mistake would pass 15.5 ISK).
  assert.match(String(toMinor(15.5, 'ISK')), /more than 0 decimal places/);
  assert.equal(toMinor(1500, 'ISK'), 1500);
  assert.equal(toMinor(1.234, 'KWD'), 1234);
});

test('HttpError bodies: the inner exception is read when the outer message is generic; only a refusal naming the tenant key allows the `company` retry', () => {
  const body = JSON.stringify({ message: 'An error has occurred.', exceptionMessage: 'Error: Inserting record raised an error.', exceptionType: 'PX.Data.PXException', stackTrace: null, innerException: { message: 'An error has occurred.', exceptionMessage: "The financial period '10-2026' is closed." } });
  assert.equal(httpErrorText(body), "Error: Inserting record raised an error. The financial period '10-2026' is closed.");
  assert.equal(httpErrorText(JSON.stringify({ message: 'An error has occurred.', innerException: null })), 'An error has occurred.');
  const who = { username: 'u', tenant: 'Company' };
  const refusedKey = (status: number, exceptionMessage: string) => loginError(status, JSON.stringify({ message: 'An error has occurred.', exceptionMessage }), who).details?.tenantKeyRefused;
  assert.equal(refusedKey(500, 'Company must be specified.'), true);
  assert.equal(refusedKey(400, 'The request is invalid.'), true);
  assert.equal(refusedKey(500, 'Invalid credentials. Please try again.'), false);
  assert.equal(refusedKey(500, 'Invalid credentials for tenant Company.'), false);
});
