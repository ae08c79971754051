import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisToDocument } from '../../../main/core/adapters/concur/fis-from-remote';
import { nextOf, readFisItem, pageItems, fisPageSchema } from '../../../main/core/adapters/concur/fis-schemas';
import { paymentRequestToDocument } from '../../../main/core/adapters/concur/invoice-from-remote';
import { sourceDocumentSchema } from '../../../shared/schemas/document';

const settings = { dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP'] };

const expense = {
  employee: { employeeId: 'E42', employeeFirstName: 'Ada', employeeLastName: 'Lovelace', loginId: 'ada@x.example' },
  report: { reportId: 'R1', reportName: 'Berlin', employeeCurrencyAlphaCode: 'EUR', reportSubmitDate: '2026-10-03T10:00:00.000Z', revisionNumber: 2 },
  expenseEntry: [
    { entryId: 'E1', expenseTypeCode: 'HOTEL', expenseTypeName: 'Hotel', entryDate: '2026-10-01T00:00:00.000Z', entryApprovedAmount: 120.5, reportEntryTransactionAmount: 130, entryCurrAlphaCode: 'USD', entryExchangeRate: 0.92692, entryIsPersonal: 'N', reportEntryPatKey: 'IBCP', entryOrgUnit1Code: 'FR',
      allocation: [{ allocationId: 'A1', allocationPercentage: 60, allocationCustom1Code: 'CC1' }, { allocationId: 'A2', allocationPercentage: 40, allocationCustom1Value: 'CC2' }] },
    { entryId: 'E2', expenseTypeCode: 'MEALS', entryDate: 'yesterday', entryApprovedAmount: '12.345', entryIsPersonal: 'Y' },
  ],
};

const item = (id: string, docType: string, document: unknown) => readFisItem({ id, docType, companyId: 'p01', entityId: 'p01', docStatus: 'READY', document })!;

test('FIS expense: document as object or JSON string maps the same; problems instead of throws', () => {
  const a = fisToDocument(item('D1', 'expense', expense), 'expense', settings);
  const b = fisToDocument(item('D1', 'expense', JSON.stringify(expense)), 'expense', settings);
  assert.deepEqual(a, b);
  assert.equal(sourceDocumentSchema.safeParse(a).success, true);
  assert.equal(a.kind, 'expense_report');
  assert.equal(a.sourceId, 'D1');
  assert.deepEqual(a.meta, { fisDocId: 'D1', docType: 'expense', companyId: 'p01', entityId: 'p01', docStatus: 'READY', reportId: 'R1', ownerLoginId: 'ada@x.example' });
  assert.deepEqual(a.employee, { id: 'E42', name: 'Ada Lovelace', email: null });
  assert.equal(a.currency, 'EUR');
  assert.equal(a.documentDate, '2026-10-03');
  assert.equal(a.version, '2');
  const [l1, l2] = a.lines;
  assert.deepEqual(l1!.amount, { amountMinor: 12050, currency: 'EUR' });
  assert.deepEqual(l1!.transactionAmount, { amountMinor: 13000, currency: 'USD' });
  assert.equal(l1!.exchangeRate, '0.92692');
  assert.equal(l1!.paidBy, 'company');
  assert.deepEqual(l1!.allocations, [{ percentage: '60', dimensions: { costCenter: 'CC1' } }, { percentage: '40', dimensions: { costCenter: 'CC2' } }]);
  assert.equal(l2!.isPersonal, true);
  assert.equal(l2!.amount, null);
  assert.deepEqual(a.problems.map((p) => [p.code, p.lineId]), [['INVALID_DATE', 'E2'], ['INVALID_AMOUNT', 'E2']]);
});

test('FIS payroll uses the expense shape; unreadable documents become problems', () => {
  const p = fisToDocument(item('P1', 'payroll', expense), 'payroll', settings);
  assert.equal(p.kind, 'payroll');
  assert.equal(p.lines.length, 2);
  const broken = fisToDocument(item('X1', 'expense', '{"report": '), 'expense', settings);
  assert.equal(broken.lines.length, 0);
  assert.match(broken.problems[0]!.message, /not valid JSON/);
  assert.equal(readFisItem({ document: {} }), null, 'no id, no document');
});

test('FIS invoice: vendor, invoice number, gross line amounts, nested or flat allocations', () => {
  const doc = {
    requestHeader: { requestId: 'Q1', vendorInvoiceNumber: 'INV-7', invoiceDate: '2026-09-30', currencyAlphaCode: 'usd', requestTotal: 150, requestTitle: 'Paper' },
    vendor: { vendorCode: 'V9', vendorName: 'Paper Co', vendorRemitToAddressCode: 'V9-1' },
    lineItem: [
      { lineItemSequenceOrder: 1, expenseTypeCode: 'OFFSP', amountGross: 100, amountNet: 90, allocation: [{ allocationPercentage: 100, allocationCustom1Code: 'CC1' }] },
      { lineItemSequenceOrder: 2, expenseTypeCode: 'OFFSP', amountNet: '50.00', allocationPercentage: 100, allocationCustom1Code: 'CC2' },
    ],
  };
  const d = fisToDocument(item('I1', 'invoice', doc), 'invoice', settings);
  assert.equal(d.kind, 'invoice');
  assert.deepEqual(d.vendor, { code: 'V9', name: 'Paper Co' });
  assert.equal(d.invoiceNumber, 'INV-7');
  assert.equal(d.currency, 'USD');
  assert.equal(d.documentDate, '2026-09-30');
  assert.deepEqual(d.lines.map((l) => l.amount?.amountMinor), [10000, 5000]);
  assert.deepEqual(d.lines.map((l) => l.allocations[0]?.dimensions.costCenter), ['CC1', 'CC2']);
  assert.equal(d.meta.requestId, 'Q1');
  assert.deepEqual(d.problems, []);
});

test('FIS cash advance: one line with the requested amount and the debit account in meta', () => {
  const d = fisToDocument(item('C1', 'cashadvance', { employeeData: { employeeId: 'E1' }, cashAdvanceData: { cashAdvanceId: 'CA1', currencyAlphaCode: 'EUR', requestAmount: 500, issuedDate: '2026-10-01T08:00:00.000Z', name: 'Trip' }, journalData: [{ accountCode: '467100', debitOrCredit: 'DR' }] }), 'cashadvance', settings);
  assert.equal(d.kind, 'cash_advance');
  assert.deepEqual(d.lines[0]!.amount, { amountMinor: 50000, currency: 'EUR' });
  assert.equal(d.meta.journalAccountCode, '467100');
  assert.deepEqual(d.problems, []);
});

test('both listing envelopes: items and the next page', () => {
  const current = fisPageSchema.parse({ content: [{ id: 'a' }], page: { size: 1, totalElements: 3, totalPages: 3, number: 0 }, links: [{ rel: 'next', href: 'https://x/n' }] });
  assert.deepEqual(nextOf(current, 0), { url: 'https://x/n' });
  const noLinks = fisPageSchema.parse({ content: [{ id: 'a' }], page: { size: 1, totalElements: 3, totalPages: 3, number: 1 } });
  assert.deepEqual(nextOf(noLinks, 1), { page: 2 });
  assert.equal(nextOf(fisPageSchema.parse({ content: [], page: { totalPages: 3, number: 2 } }), 2), null);
  const legacy = fisPageSchema.parse({ fIDocuments: [{ id: 'b' }], offset: 0, nextPage: 'https://x/2', numberReturned: 1 });
  assert.deepEqual(pageItems(legacy), [{ id: 'b' }]);
  assert.deepEqual(nextOf(legacy, 0), { url: 'https://x/2' });
  assert.equal(nextOf(fisPageSchema.parse({ fIDocuments: [], nextPage: null }), 0), null);
});

test('v3 payment request: string amounts, vendor from VendorRemitToIdentifier, prefixed source id', () => {
  const pr = { ID: 'PR1', Name: 'Chairs', InvoiceNumber: 'S-1', InvoiceDate: '2026-10-02T00:00:00', CurrencyCode: 'JPY', LastModifiedDate: '2026-10-03T01:02:03',
    VendorRemitToIdentifier: { Name: 'Chair Co', VendorCode: 'V7', AddressCode: 'V7-A' },
    LineItems: { LineItem: [{ LineItemId: 'L1', ExpenseTypeCode: 'FURN', TotalPrice: '12000', Custom1: { Code: 'CC3' }, Allocations: { Allocation: [{ Percentage: '50', Custom1: { Code: 'CC3' } }, { Percentage: '50', Custom1: 'CC4' }] } }, { LineItemId: 'L2', ExpenseTypeCode: 'FURN', TotalPrice: '1.5' }] } };
  const d = paymentRequestToDocument(pr, 'PR1', settings);
  assert.equal(sourceDocumentSchema.safeParse(d).success, true);
  assert.equal(d.sourceId, 'invoice:PR1');
  assert.deepEqual(d.vendor, { code: 'V7', name: 'Chair Co' });
  assert.equal(d.invoiceNumber, 'S-1');
  assert.equal(d.documentDate, '2026-10-02');
  assert.deepEqual(d.lines[0]!.amount, { amountMinor: 12000, currency: 'JPY' });
  assert.deepEqual(d.lines[0]!.allocations.map((a) => a.dimensions.costCenter), ['CC3', 'CC4']);
  assert.equal(d.lines[1]!.amount, null, 'JPY has no decimals');
  assert.deepEqual(d.problems.map((p) => [p.code, p.lineId]), [['INVALID_AMOUNT', 'L2']]);
});
