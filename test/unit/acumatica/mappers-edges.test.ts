// Acumatica mappers at their edges (mutation testing, issue 19 item 10): which entity, dates and amounts at
// their limits, VendorRef's length and fallback, line branches and subaccounts, journal line descriptions,
// each refused field mapped to its own hold code, and reference rows in every documented shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { acuDate, actionBody, billEntity, billLines, cutText, decimalValue, entityBody, entityFor, journalEntity, queryString, vendorRefOf, VENDOR_REF_MAX } from '../../../main/core/adapters/acumatica/to-remote';
import { boolOf, duplicateVendorRef, erpIdOf, errorsToReasons, fieldErrors, rowsToReference, textOf } from '../../../main/core/adapters/acumatica/from-remote';
import { acuLine, billPlan, journalPlan } from '../../helpers/acumatica-context';

type Row = Record<string, { value: unknown }>;

test('the entity follows the plan kind; entityBody builds that entity', () => {
  assert.equal(entityFor(billPlan()), 'Bill');
  assert.equal(entityFor(journalPlan()), 'JournalTransaction');
  assert.deepEqual(entityBody(billPlan(), { branch: 'HQ' }).Type, { value: 'Bill' });
  assert.deepEqual(entityBody(journalPlan(), { branch: 'HQ' }).Module, { value: 'GL' });
  assert.equal(entityBody(journalPlan(), { branch: 'HQ' }).Type, undefined);
});

test('dates: a date-time keeps its day; anything not YYYY-MM-DD is refused as not retryable', () => {
  assert.equal(acuDate('2026-10-05T23:59:59Z'), '2026-10-05T00:00:00');
  for (const bad of ['2026-1-05', '26-10-05', 'x2026-10-05', '']) {
    assert.throws(() => acuDate(bad), (e) => isConnectorError(e) && e.code === 'VALIDATION_REJECTED' && e.retryable === false && e.message.includes(`"${bad}"`), bad);
  }
});

test('amounts: zero, whole units, negative and 3-decimal values are exact; a non-integer minor amount is refused', () => {
  assert.equal(decimalValue(0, 'EUR'), 0);
  assert.equal(decimalValue(100, 'EUR'), 1);
  assert.equal(decimalValue(-1, 'EUR'), -0.01);
  assert.equal(decimalValue(-1005, 'BHD'), -1.005);
  assert.equal(decimalValue(1000, 'BHD'), 1);
  assert.equal(decimalValue(12345678901234, 'EUR'), 123456789012.34);
  // A safe integer whose decimal text has no exact double: refused, not sent as a neighbour.
  assert.throws(() => decimalValue(9007199254740991, 'EUR'), /cannot be sent exactly/);
  assert.throws(() => decimalValue(1.5, 'EUR'), /cannot be sent exactly/);
  assert.throws(() => decimalValue(Number.MAX_SAFE_INTEGER + 2, 'JPY'), /cannot be sent exactly/);
});

test('VendorRef: the invoice number trimmed, else the source id; cut to 40 characters, never inside a character', () => {
  assert.equal(vendorRefOf(billPlan({ invoiceNumber: '  INV-9  ' })), 'INV-9');
  assert.equal(vendorRefOf(billPlan({ invoiceNumber: '   ', sourceId: 'RPT-1' })), 'RPT-1');
  assert.equal(vendorRefOf(billPlan({ invoiceNumber: 'A'.repeat(45) })), 'A'.repeat(VENDOR_REF_MAX));
  assert.equal(vendorRefOf(billPlan({ invoiceNumber: '🧾'.repeat(41) })), '🧾'.repeat(40));
});

test('bill lines: only the credit carrying the vendor itself is left out; without a vendor every credit goes out negative', () => {
  const lines = [acuLine(1, '62400', 'debit', 1000), acuLine(2, '62300', 'credit', 100, { partner: 'EMP1' }), acuLine(3, '20000', 'credit', 900, { partner: 'V1001' }), acuLine(4, '62500', 'debit', 50, { partner: 'V1001' })];
  assert.deepEqual(billLines(billPlan({ lines })).map((l) => [l.line.lineNo, l.signed]), [[1, 1000], [2, -100], [4, 50]]);
  assert.deepEqual(billLines(billPlan({ lines, partner: null })).map((l) => l.signed), [1000, -100, -900, 50]);
});

test('a bill: line branch from the line, else the connection; subaccount from the line, else the default, else left out', () => {
  const plan = billPlan();
  const withDefault = billEntity(plan, { branch: 'HQ', defaultSubaccount: '000000' });
  assert.deepEqual(withDefault.BranchID, { value: 'HQ' });
  assert.deepEqual(withDefault.CurrencyID, { value: 'EUR' });
  assert.deepEqual((withDefault.Details as Row[]).map((d) => [d.Branch?.value, d.Subaccount?.value]), [['HQ', 'CC300'], ['EU', 'CC100']]);
  const bare = billEntity(billPlan({ lines: [acuLine(1, '62400', 'debit', 100)] }), { branch: '' });
  assert.equal(bare.BranchID, undefined);
  assert.deepEqual(bare.Details, [{ Account: { value: '62400' }, ExtendedCost: { value: 1 }, TransactionDescription: { value: 'Line 1' } }]);
  assert.deepEqual(billEntity(billPlan({ lines: [acuLine(1, '62400', 'debit', 100)] }), { branch: 'HQ', defaultSubaccount: 'D1' }).Details, [
    { Branch: { value: 'HQ' }, Account: { value: '62400' }, Subaccount: { value: 'D1' }, ExtendedCost: { value: 1 }, TransactionDescription: { value: 'Line 1' } },
  ]);
  assert.throws(() => billEntity(billPlan({ partner: '' }), { branch: 'HQ' }), (e) => isConnectorError(e) && e.code === 'VALIDATION_REJECTED' && e.retryable === false);
});

test('a journal: header fields, the partner named in the line description, descriptions cut to 255', () => {
  const long = 'd'.repeat(300);
  const body = journalEntity(journalPlan({ lines: [acuLine(1, '62000', 'debit', 500, { description: long }), acuLine(2, '20100', 'credit', 500, { partner: 'EMP9', description: 'Due' })] }), { branch: 'HQ' });
  assert.deepEqual(body.CurrencyID, { value: 'EUR' });
  assert.deepEqual(body.BranchID, { value: 'HQ' });
  assert.deepEqual(body.Hold, { value: false });
  const lines = body.Details as Row[];
  assert.equal(String(lines[0]!.TransactionDescription!.value).length, 255);
  assert.equal(lines[1]!.TransactionDescription!.value, 'Due (EMP9)');
  assert.deepEqual(lines.map((l) => [l.BranchID?.value, l.Subaccount?.value, l.DebitAmount?.value, l.CreditAmount?.value]), [['HQ', undefined, 5, 0], ['HQ', undefined, 0, 5]]);
  assert.equal(cutText('a\r\nb'), 'a b');
  assert.equal(cutText('abcdef', 3).length, 3);
});

test('query strings leave out empty values; action bodies wrap each key', () => {
  assert.equal(queryString({}), '');
  assert.equal(queryString({ $filter: '', $top: 0 }), '?$top=0');
  assert.equal(queryString({ a: 'x&y', b: 'é' }), '?a=x%26y&b=%C3%A9');
  assert.deepEqual(actionBody({ Type: 'Bill', ReferenceNbr: '0012' }), { entity: { Type: { value: 'Bill' }, ReferenceNbr: { value: '0012' } }, parameters: {} });
});

test('wrapped values: text and booleans read in every form, absent ones fall back', () => {
  assert.equal(textOf({ X: { value: 12 } }, 'X'), '12');
  assert.equal(textOf({ X: 'raw' } as never, 'X'), '');
  assert.equal(textOf({}, 'X'), '');
  assert.equal(textOf({ X: { value: false } }, 'X'), 'false');
  assert.equal(boolOf({ A: { value: true } }, 'A', false), true);
  assert.equal(boolOf({ A: { value: 'True' } }, 'A', false), true);
  assert.equal(boolOf({ A: { value: false } }, 'A', true), false);
  assert.equal(boolOf({ A: { value: 'no' } }, 'A', true), false);
  assert.equal(boolOf({ A: { value: null } }, 'A', true), true);
  assert.equal(boolOf({}, 'A', false), false);
  assert.equal(boolOf({ A: [true] } as never, 'A', false), false);
});

test('field errors: blank errors ignored, values shown as text, nested collections not searched twice', () => {
  const e = { A: { value: 1, error: '  bad  ' }, B: { value: 'x', error: '  ' }, C: { value: null, error: 'missing' }, D: [{ E: { value: 'v', error: 'row' }, F: [{ G: { value: 'deep', error: 'deep' } }] }, 'text'] };
  assert.deepEqual(fieldErrors(e as never), [
    { field: 'A', value: '1', error: 'bad' },
    { field: 'C', value: '', error: 'missing' },
    { field: 'E', collection: 'D', row: 0, value: 'v', error: 'row' },
  ]);
});

test('each refused field maps to its own code and subject', () => {
  const plan = journalPlan();
  const one = (field: string, value: string, error: string) => errorsToReasons({ [field]: { value, error } }, plan)[0]!;
  const cases: Array<[string, string, string, string, string | undefined]> = [
    ['VendorID', 'V1', 'Vendor is inactive.', 'PARTNER_INACTIVE', 'V1'],
    ['VendorOrCustomer', 'V1', 'Cannot be found.', 'PARTNER_UNKNOWN', 'V1'],
    ['Vendor', 'V1', 'The vendor is on hold.', 'PARTNER_INACTIVE', 'V1'],
    ['AccountID', '6000', 'Account is disabled.', 'ACCOUNT_INACTIVE', '6000'],
    ['Account', '6000', 'Account is not active.', 'ACCOUNT_INACTIVE', '6000'],
    ['SubaccountID', 'S1', 'Cannot be found.', 'DIMENSION_UNKNOWN', 'subaccount:S1'],
    ['Branch', 'B1', 'Branch has hold status.', 'DIMENSION_INACTIVE', 'branch:B1'],
    ['BranchID', 'B1', 'Cannot be found.', 'DIMENSION_UNKNOWN', 'branch:B1'],
    ['PostPeriod', '10-2026', 'The period is locked.', 'PERIOD_CLOSED', undefined],
    ['FinancialPeriod', '10-2026', 'Period is not an open period.', 'PERIOD_CLOSED', undefined],
    ['TransactionDate', '2026-10-05', 'Inactive period.', 'PERIOD_CLOSED', undefined],
    ['Date', 'x', 'Invalid date.', 'INVALID_DATE', undefined],
    ['ExtendedCost', '1', 'Too big.', 'INVALID_AMOUNT', undefined],
    ['DebitAmount', '1', 'Too big.', 'INVALID_AMOUNT', undefined],
    ['Qty', '1', 'Too big.', 'INVALID_AMOUNT', undefined],
    ['CuryOrigDocTotal', '1', 'Too big.', 'INVALID_AMOUNT', undefined],
    ['CurrencyID', 'XYZ', 'Cannot be found.', 'INVALID_CURRENCY', undefined],
    ['Description', 'x', 'Too long.', 'ERP_REJECTED', undefined],
  ];
  for (const [field, value, error, code, subject] of cases) {
    const r = one(field, value, error);
    assert.equal(r.code, code, `${field}: ${error}`);
    assert.equal(r.subject, subject, field);
  }
  const noValue = one('Account', '', 'Account is required.');
  assert.deepEqual([noValue.code, noValue.subject, noValue.message], ['ACCOUNT_UNKNOWN', undefined, 'Acumatica refused Account: Account is required.']);
  assert.equal(one('Branch', '', 'Required.').subject, undefined);
});

test('detail rows name the plan line: a journal row is the plan line, a bill row skips the payable credit', () => {
  const journal = journalPlan();
  const [j] = errorsToReasons({ Details: [{}, {}, { Account: { value: '20100', error: 'Cannot be found.' } }] }, journal);
  assert.deepEqual([j!.lineId, j!.message], ['src-3', 'Acumatica refused line 3 Account "20100": Cannot be found.']);
  const bill = billPlan({ lines: [acuLine(1, '62400', 'debit', 100), acuLine(2, '20000', 'credit', 80, { partner: 'V1001' }), acuLine(3, '62300', 'credit', 20)] });
  const [b] = errorsToReasons({ Details: [{}, { Account: { value: '62300', error: 'Cannot be found.' } }] }, bill);
  assert.equal(b!.lineId, 'src-3');
  const [past] = errorsToReasons({ Details: [{}, {}, {}, { Account: { value: '1', error: 'x' } }] }, journal);
  assert.equal(past!.lineId, undefined);
});

test('a 422 without field errors: the bill or journal summary, trimmed; unbalanced wording is UNBALANCED', () => {
  assert.deepEqual(errorsToReasons({ error: '  Something failed.  ' }, billPlan()), [{ code: 'ERP_REJECTED', message: 'Acumatica refused the bill: Something failed.' }]);
  assert.equal(errorsToReasons({ error: '   ' }, billPlan())[0]!.message, 'Acumatica refused the bill: no reason given');
  assert.equal(errorsToReasons({ error: 42 } as never, journalPlan())[0]!.message, 'Acumatica refused the journal transaction: no reason given');
  for (const s of ['Document is not balanced.', 'Unbalanced batch.', 'OUT OF BALANCE']) assert.equal(errorsToReasons({ error: s }, journalPlan())[0]!.code, 'UNBALANCED', s);
  assert.equal(errorsToReasons({ error: 'Balanced fine but refused.' }, journalPlan())[0]!.code, 'ERP_REJECTED');
});

test('saved record numbers: a journal reads BatchNbr, a bill ReferenceNbr, never the other', () => {
  assert.equal(erpIdOf({ BatchNbr: { value: '005001' } }, billPlan()), '');
  assert.equal(erpIdOf({ ReferenceNbr: { value: '001234' } }, journalPlan()), '');
  assert.equal(erpIdOf({ BatchNbr: { value: '<NEW>' } }, journalPlan()), '');
});

test("Acumatica's own duplicate check: only a header VendorRef error in its documented wordings", () => {
  for (const text of ['Vendor Ref. already used.', 'The number was already entered.', 'Duplicate reference.']) assert.equal(duplicateVendorRef({ VendorRef: { value: 'I', error: text } }), text);
  assert.equal(duplicateVendorRef({ VendorRef: { value: 'I', error: 'Too long.' } }), null);
  assert.equal(duplicateVendorRef({ Details: [{ VendorRef: { value: 'I', error: 'already exists' } }] } as never), null);
  assert.equal(duplicateVendorRef({ Description: { value: 'I', error: 'duplicate' } }), null);
});

test('reference rows: vendor statuses, names falling back to codes, inactive subaccounts, branches across ledgers', () => {
  const status = (s: string | undefined) => rowsToReference('vendor', [{ VendorID: { value: ' V1 ' }, ...(s === undefined ? {} : { Status: { value: s } }) }])[0]!.active;
  assert.deepEqual(['Active', 'One-Time', 'Hold Payments', undefined, ' active '].map(status), [true, true, true, true, true]);
  assert.deepEqual(['Hold', 'Inactive'].map(status), [false, false]);
  assert.equal(rowsToReference('vendor', [{ VendorID: { value: ' V1 ' } }])[0]!.code, 'V1');
  assert.deepEqual(rowsToReference('account', [{ AccountCD: { value: '6000' } }, { AccountCD: { value: ' ' } }, { AccountCD: { value: '6100' }, Description: { value: 'Travel' }, Active: { value: true } }]), [
    { kind: 'account', dimensionType: '', code: '6000', name: '6000', active: true },
    { kind: 'account', dimensionType: '', code: '6100', name: 'Travel', active: true },
  ]);
  assert.deepEqual(rowsToReference('subaccount', [{ SubaccountCD: { value: 'CC1' }, Active: { value: false } }, { SubaccountCD: { value: 'CC2' }, Description: { value: 'Sales' } }, { Description: { value: 'none' } }]), [
    { kind: 'dimension', dimensionType: 'subaccount', code: 'CC1', name: 'CC1', active: false },
    { kind: 'dimension', dimensionType: 'subaccount', code: 'CC2', name: 'Sales', active: true },
  ]);
  assert.deepEqual(
    rowsToReference('branch', [{ Branches: [{ BranchID: { value: 'HQ' }, Active: { value: false } }, { BranchID: { value: '' } }] }, { Branches: [{ BranchID: { value: 'EU' }, BranchName: { value: 'Europe' } }, { BranchID: { value: 'HQ' } }] }, { Branches: 'none' } as never, {}]),
    [
      { kind: 'dimension', dimensionType: 'branch', code: 'HQ', name: 'HQ', active: false },
      { kind: 'dimension', dimensionType: 'branch', code: 'EU', name: 'Europe', active: true },
    ],
  );
});
