// Tax on Expensify export rows (template v2 columns taxAmountCents, taxName, taxRate, taxCode) and on Concur v3
// payment-request lines (VatAmount / VatRate): read as the source computed it, never from the rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import { paymentRequestToDocument } from '../../../main/core/adapters/concur/invoice-from-remote';
import { rowsToDocuments } from '../../../main/core/adapters/expensify/from-remote';
import { parseExport } from '../../../main/core/adapters/expensify/parse';
import type { ExportRow } from '../../../main/core/adapters/expensify/parse';
import { EXPORT_COLUMNS } from '../../../main/core/adapters/expensify/template';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { planDocument } from '../../../main/core/engine/plan';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import { rules } from '../../helpers/docs';

const report = { reportID: 'R001', reportName: 'Lyon trip', status: 'Approved', policyID: 'P1', policyName: 'Northwind', reportCurrency: 'EUR', reportTotalCents: '0', created: '2026-03-01 08:00:00', submitted: '2026-03-04 09:00:00', approved: '2026-03-05 10:00:00', submitterEmail: 'ana@example.com' };
const expense = { transactionID: 'T1', expenseDate: '2026-03-02', merchant: 'Brasserie', amountCents: '2200', expenseCurrency: 'EUR', convertedCents: '2200', conversionRate: '1', category: 'Meals', categoryGlCode: '625100', tag: '', tagGlCode: '', reimbursable: 'true', billable: 'false', comment: '', taxAmountCents: '200', taxName: 'TVA 10%', taxRate: '10%', taxCode: 'id_FR10' };
const csv = (rows: Array<Partial<ExportRow>>) => stringify([[...EXPORT_COLUMNS], ...rows.map((r) => EXPORT_COLUMNS.map((c) => (r as Record<string, string>)[c] ?? ''))], { quoted: true });
const docOf = (rows: Array<Partial<ExportRow>>) => rowsToDocuments(parseExport(csv(rows), 'test'), { tagDimension: {} })[0]!;
const row = (kind: MappingKind, sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({ connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: false });
const lookup = createMappingLookup([row('expense_type', '*', '625100'), row('employee', '*', 'V1'), row('tax_code', 'id_FR10', 'FRI', { vatAccount: '445661' }), row('tax_code', 'id_HOTEL_ES', 'ESX', { recoverable: 'no' })]);
const plan = (doc: SourceDocument, kind: 'journal' | 'supplier_invoice' = 'journal') => planDocument({ doc, key: 'K', kind, rules: rules({ requiredDimensions: [] }), lookup, maxDescriptionLength: 250 });

test('Expensify: taxAmount, taxName, taxRate and taxCode land on the line; the recoverable VAT posts apart', () => {
  const doc = docOf([{ ...report, ...expense }]);
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.lines[0]!.tax, { netMinor: 2000, recoverableMinor: 200, nonRecoverableMinor: 0, components: [{ code: 'id_FR10', name: 'TVA 10%', rate: '10', currency: 'EUR', amountMinor: 200, recoverableMinor: 200 }] });
  const r = plan(doc);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.taxCode ?? null]), [['625100', 'debit', 2000, 'FRI'], ['445661', 'debit', 200, 'FRI'], ['421000', 'credit', 2200, null]]);
});

test('Expensify: a tax code the mapping marks never reclaimed stays in the expense (a hotel abroad)', () => {
  const doc = docOf([{ ...report, ...expense, category: 'Hotel', amountCents: '11000', convertedCents: '11000', taxAmountCents: '1000', taxName: 'IVA hotel', taxRate: '10', taxCode: 'id_HOTEL_ES' }]);
  const r = plan(doc);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.amountMinor, l.taxCode ?? null]), [['625100', 11000, 'ESX'], ['421000', 11000, null]]);
  assert.ok(r.plan.notes.some((n) => /10\.00 EUR of tax is not recoverable/.test(n)));
});

test('Expensify bad tax: in the expense currency on a converted line, larger than the line, garbage, rate off: held, never posted', () => {
  const converted = docOf([{ ...report, ...expense, expenseCurrency: 'USD', amountCents: '2400', convertedCents: '2200', conversionRate: '0.9167', taxAmountCents: '218' }]);
  assert.match(plan(converted).reasons[0]!.message, /is in USD, the line in EUR/);
  assert.deepEqual(plan(docOf([{ ...report, ...expense, taxAmountCents: '2500', taxRate: '' }])).reasons.map((r) => r.code), ['TAX_INVALID']);
  const garbage = docOf([{ ...report, ...expense, taxAmountCents: 'lots' }]);
  assert.deepEqual(garbage.problems.map((p) => p.code), ['TAX_INVALID']);
  assert.equal(plan(garbage).plan, null);
  assert.match(plan(docOf([{ ...report, ...expense, taxRate: '20%' }])).reasons[0]!.message, /is not 20 % of the net 20\.00 EUR/);
  const negative = docOf([{ ...report, ...expense, taxAmountCents: '-200' }]);
  assert.match(plan(negative).reasons[0]!.message, /opposite sign/);
});

test('Expensify: no tax columns filled = an untaxed line, posted gross as before', () => {
  const doc = docOf([{ ...report, ...expense, taxAmountCents: '', taxName: '', taxRate: '', taxCode: '' }]);
  assert.equal(doc.lines[0]!.tax, undefined);
  assert.deepEqual(plan(doc).plan?.lines.map((l) => l.amountMinor), [2200, 2200]);
});

test('Concur v3 invoice: VatAmount / VatRate per line item, keyed by the rate when there is no code', () => {
  const pr = { ID: 'PR9', Name: 'Paper', InvoiceNumber: 'F-9', InvoiceDate: '2026-10-02', CurrencyCode: 'EUR', VendorRemitToIdentifier: { Name: 'Papeterie', VendorCode: 'V9' },
    LineItems: { LineItem: [{ LineItemId: 'L1', ExpenseTypeCode: 'OFFICE', TotalPrice: '120.00', VatAmount: '20.00', VatRate: '20' }, { LineItemId: 'L2', ExpenseTypeCode: 'OFFICE', TotalPrice: '10.55', VatAmount: '0.55', VatRate: '5.5' }] } };
  const d = paymentRequestToDocument(pr, 'PR9', { dimensionFields: {}, companyPaidPaymentTypes: [] } as never);
  assert.deepEqual(d.problems, []);
  assert.deepEqual(d.lines.map((l) => [l.tax?.netMinor, l.tax?.recoverableMinor, l.tax?.components[0]?.rate]), [[10000, 2000, '20'], [1000, 55, '5.5']]);
  const byRate = createMappingLookup([row('expense_type', '*', '606400'), row('tax_code', '20%', 'FRS', { vatAccount: '445660' }), row('tax_code', '5.5%', 'FRR', { vatAccount: '445662' })]);
  const r = planDocument({ doc: d, key: 'K', kind: 'supplier_invoice', rules: rules({ requiredDimensions: [] }), lookup: byRate, maxDescriptionLength: 250 });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.amountMinor, l.taxCode]), [['606400', 10000, 'FRS'], ['445660', 2000, 'FRS'], ['606400', 1000, 'FRR'], ['445662', 55, 'FRR']]);
  assert.equal(r.plan.totalMinor, 13055);
});
