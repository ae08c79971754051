import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { acuDate, billEntity, decimalValue, journalEntity, keyFilter, odataString, queryString } from '../../../main/core/adapters/acumatica/to-remote';
import { acuLine, billPlan, journalPlan } from '../../helpers/acumatica-context';

test('amounts go out as exact JSON numbers from minor units, per the currency, never rounded', () => {
  assert.equal(decimalValue(12345, 'EUR'), 123.45);
  assert.equal(decimalValue(10, 'EUR'), 0.1);
  assert.equal(decimalValue(-4550, 'USD'), -45.5);
  assert.equal(decimalValue(1500, 'JPY'), 1500);
  assert.equal(decimalValue(1234, 'BHD'), 1.234);
  assert.equal(JSON.stringify({ v: decimalValue(1, 'EUR') }), '{"v":0.01}');
  assert.throws(() => decimalValue(2 ** 60, 'EUR'), (e) => isConnectorError(e) && e.code === 'VALIDATION_REJECTED');
});

test('dates are business dates without a zone; bad dates are refused with a reason', () => {
  assert.equal(acuDate('2026-10-05'), '2026-10-05T00:00:00');
  assert.throws(() => acuDate('05/10/2026'), (e) => isConnectorError(e) && /not a date/.test(e.message));
});

test('a bill: every field value-wrapped, VendorRef = key, the payable credit left to Acumatica, refunds negative', () => {
  const plan = billPlan({
    lines: [acuLine(1, '62400', 'debit', 20000, { dimensions: { subaccount: 'CC300' } }), acuLine(2, '62300', 'credit', 500, { description: 'Refund\nline' }), acuLine(3, '20000', 'credit', 19500, { partner: 'V1001' })],
  });
  const body = billEntity(plan, { branch: 'HQ' });
  assert.deepEqual(body.Vendor, { value: 'V1001' });
  assert.deepEqual(body.VendorRef, { value: plan.idempotencyKey });
  assert.deepEqual(body.Type, { value: 'Bill' });
  assert.deepEqual(body.Hold, { value: false });
  assert.deepEqual(body.Date, { value: '2026-10-05T00:00:00' });
  assert.deepEqual(body.Details, [
    { Branch: { value: 'HQ' }, Account: { value: '62400' }, Subaccount: { value: 'CC300' }, ExtendedCost: { value: 200 }, TransactionDescription: { value: 'Line 1' } },
    { Branch: { value: 'HQ' }, Account: { value: '62300' }, ExtendedCost: { value: -5 }, TransactionDescription: { value: 'Refund line' } },
  ]);
  for (const [k, v] of Object.entries(body)) if (k !== 'Details') assert.ok(typeof v === 'object' && v !== null && 'value' in v, k);
  assert.throws(() => billEntity(billPlan({ partner: null }), { branch: '' }), /no vendor/);
});

test('a journal: module GL, Description = key, debit/credit columns, default subaccount on balancing lines', () => {
  const plan = journalPlan();
  const body = journalEntity(plan, { branch: 'HQ', defaultSubaccount: '000000' });
  assert.deepEqual(body.Module, { value: 'GL' });
  assert.deepEqual(body.Description, { value: plan.idempotencyKey });
  assert.deepEqual(body.TransactionDate, { value: '2026-10-05T00:00:00' });
  const lines = body.Details as Array<Record<string, { value: unknown }>>;
  assert.deepEqual(lines.map((l) => [l.BranchID!.value, l.Subaccount!.value, l.DebitAmount!.value, l.CreditAmount!.value]), [['EU', 'CC100', 123.45, 0], ['HQ', 'CC200', 45.5, 0], ['HQ', '000000', 0, 168.95]]);
});

test('the key look-up filter quotes literals the OData way (a quote doubled) and names the vendor for bills', () => {
  assert.equal(odataString("O'Brien"), "'O''Brien'");
  const bill = billPlan({ partner: "V'1" });
  assert.equal(keyFilter(bill), `Type eq 'Bill' and Vendor eq 'V''1' and VendorRef eq '${bill.idempotencyKey}'`);
  const j = journalPlan();
  assert.equal(keyFilter(j), `Module eq 'GL' and Description eq '${j.idempotencyKey}'`);
  assert.equal(queryString({ $filter: "A eq 'x y'", $top: 5, $skip: undefined }), "?$filter=A%20eq%20'x%20y'&$top=5");
});
