import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { acuDate, billEntity, decimalValue, entityBody, journalEntity, odataString, queryString } from '../../../main/core/adapters/acumatica/to-remote';
import { keyedDescription, keyOfRow, keysFilter } from '../../../main/core/adapters/acumatica/keys';
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

test('a bill: every field value-wrapped, VendorRef = the vendor invoice number, key opening the Description, the payable credit left to Acumatica, refunds negative', () => {
  const plan = billPlan({
    lines: [acuLine(1, '62400', 'debit', 20000, { dimensions: { subaccount: 'CC300' } }), acuLine(2, '62300', 'credit', 500, { description: 'Refund\nline' }), acuLine(3, '20000', 'credit', 19500, { partner: 'V1001' })],
  });
  const body = billEntity(plan, { branch: 'HQ' });
  assert.deepEqual(body.Vendor, { value: 'V1001' });
  // What Acumatica's duplicate-vendor-invoice check, the AP clerk and the remittance advice see.
  assert.deepEqual(body.VendorRef, { value: 'INV-2026-00001' });
  assert.deepEqual(body.Description, { value: `${plan.idempotencyKey} · Acme Office Supply 1` });
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

test('an expense report as a bill: VendorRef is the report id; a long description is cut, never the key', () => {
  const plan = billPlan({ invoiceNumber: null, sourceKind: 'expense_report', sourceId: 'RPT-8842', description: 'x'.repeat(400) });
  const body = billEntity(plan, { branch: 'HQ' });
  assert.deepEqual(body.VendorRef, { value: 'RPT-8842' });
  const d = String((body.Description as { value: string }).value);
  assert.equal(Array.from(d).length, 255);
  assert.ok(d.startsWith(`${plan.idempotencyKey} · xxx`));
  assert.equal(keyedDescription('MLC-K', '  ', 255), 'MLC-K');
});

test('a journal: module GL, Description opening with the key, debit/credit columns, default subaccount on balancing lines', () => {
  const plan = journalPlan();
  const body = journalEntity(plan, { branch: 'HQ', defaultSubaccount: '000000' });
  assert.deepEqual(body.Module, { value: 'GL' });
  assert.deepEqual(body.Description, { value: `${plan.idempotencyKey} · Trip to Lyon` });
  assert.deepEqual(body.TransactionDate, { value: '2026-10-05T00:00:00' });
  const lines = body.Details as Array<Record<string, { value: unknown }>>;
  assert.deepEqual(lines.map((l) => [l.BranchID!.value, l.Subaccount!.value, l.DebitAmount!.value, l.CreditAmount!.value]), [['EU', 'CC100', 123.45, 0], ['HQ', 'CC200', 45.5, 0], ['HQ', '000000', 0, 168.95]]);
});

test('the key look-up: documented startswith on Description, or-joined; bills also find the older VendorRef form', () => {
  assert.equal(odataString("O'Brien"), "'O''Brien'");
  assert.equal(keysFilter('Bill', ['K1', "K'2"]), "startswith(Description,'K1') or VendorRef eq 'K1' or startswith(Description,'K''2') or VendorRef eq 'K''2'");
  assert.equal(keysFilter('JournalTransaction', ['K1', 'K2']), "startswith(Description,'K1') or startswith(Description,'K2')");
  const keys = new Set(['MLC-A', 'MLC-B']);
  assert.equal(keyOfRow({ Description: { value: 'MLC-A · Trip' } }, 'Bill', keys), 'MLC-A');
  assert.equal(keyOfRow({ Description: { value: 'MLC-B' } }, 'JournalTransaction', keys), 'MLC-B');
  assert.equal(keyOfRow({ Description: { value: 'Other' }, VendorRef: { value: 'MLC-B' } }, 'Bill', keys), 'MLC-B');
  assert.equal(keyOfRow({ Description: { value: 'MLC-AB · x' } }, 'Bill', keys), '', 'a longer key that merely starts the same is not ours');
  assert.equal(queryString({ $filter: "A eq 'x y'", $top: 5, $skip: undefined }), "?$filter=A%20eq%20'x%20y'&$top=5");
});

test('an invoice posted as a journal is a GL journal whose payables line names the vendor in its text', () => {
  const plan = journalPlan({ sourceKind: 'invoice', partner: 'V100', lines: [acuLine(1, '62000', 'debit', 34550, { dimensions: { subaccount: 'CC100' }, description: 'Paper' }), acuLine(2, '20000', 'credit', 34550, { partner: 'V100', partnerRole: 'vendor', description: 'Due to Acme: Invoice 7' })] });
  const body = entityBody(plan, { branch: 'HQ', defaultSubaccount: '000000' });
  assert.deepEqual(body, journalEntity(plan, { branch: 'HQ', defaultSubaccount: '000000' }));
  assert.deepEqual(body.Module, { value: 'GL' });
  const details = body.Details as Array<Record<string, { value: unknown }>>;
  assert.deepEqual(details.map((d) => [d.Account?.value, d.DebitAmount?.value, d.CreditAmount?.value, d.TransactionDescription?.value]), [
    ['62000', 345.5, 0, 'Paper'],
    ['20000', 0, 345.5, 'Due to Acme: Invoice 7 (V100)'],
  ]);
});
