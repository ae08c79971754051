import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalText, reportToDocument } from '../../../main/core/adapters/concur/from-remote';
import type { MapSettings } from '../../../main/core/adapters/concur/from-remote';
import type { ConcurAllocation, ConcurEntry, ConcurReport } from '../../../main/core/adapters/concur/schemas';
import { sourceDocumentSchema } from '../../../shared/schemas/document';

const settings: MapSettings = { dimensionFields: { costCenter: 'Custom1', project: 'Custom2' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'] };
const cf = (Code: string | null, Value: string | null = null) => ({ Code, ListItemID: 'li', Type: 'List', Value });

function report(over: Record<string, unknown> = {}): ConcurReport {
  return { ID: 'R1', Name: 'Trip to Lyon', CurrencyCode: 'EUR', SubmitDate: '2025-03-04T10:11:12', CreateDate: '2025-03-01T08:00:00', LastModifiedDate: '2025-03-05T09:00:00', OwnerLoginID: 'ada@example.com', OwnerName: 'Ada Lovelace', PolicyID: 'P1', ApprovalStatusCode: 'A_APPR', ...over };
}
function entry(over: Record<string, unknown> = {}): ConcurEntry {
  return { ID: 'E1', ReportID: 'R1', ExpenseTypeCode: 'HOTEL', ExpenseTypeName: 'Hotel', TransactionDate: '2025-03-02T00:00:00', TransactionAmount: 120.5, TransactionCurrencyCode: 'EUR', ExchangeRate: 1, ApprovedAmount: 120.5, PostedAmount: 120.5, PaymentTypeID: 'CASH', VendorDescription: 'Hotel du Parc', IsPersonal: false, Description: 'Two nights', Custom1: cf('CC100'), ...over };
}
const alloc = (over: Record<string, unknown>): ConcurAllocation => ({ ID: 'A1', EntryID: 'E1', Percentage: 100, ...over });

test('maps a report header, one entry and its allocation', () => {
  const doc = reportToDocument(report(), [entry()], [alloc({ Custom1: cf('CC100') })], settings);
  assert.equal(sourceDocumentSchema.safeParse(doc).success, true);
  assert.equal(doc.kind, 'expense_report');
  assert.equal(doc.sourceSystem, 'concur');
  assert.equal(doc.sourceId, 'R1');
  assert.equal(doc.version, '2025-03-05T09:00:00');
  assert.equal(doc.currency, 'EUR');
  assert.equal(doc.documentDate, '2025-03-04');
  assert.deepEqual(doc.employee, { id: 'ada@example.com', name: 'Ada Lovelace', email: null });
  assert.deepEqual(doc.meta, { ownerLoginId: 'ada@example.com', lastModified: '2025-03-05T09:00:00', policy: 'P1', approvalStatus: 'A_APPR' });
  assert.deepEqual(doc.problems, []);
  const line = doc.lines[0];
  assert.ok(line);
  assert.deepEqual(line.amount, { amountMinor: 12050, currency: 'EUR' });
  assert.deepEqual(line.expenseType, { code: 'HOTEL', name: 'Hotel' });
  assert.equal(line.transactionDate, '2025-03-02');
  assert.equal(line.description, 'Two nights');
  assert.equal(line.vendorName, 'Hotel du Parc');
  assert.equal(line.paidBy, 'employee');
  assert.deepEqual(line.allocations, [{ percentage: '100', dimensions: { costCenter: 'CC100' } }]);
  assert.deepEqual(line.dimensions, { costCenter: 'CC100' });
});

test('split allocations keep decimal-string percentages and per-split dimensions (Code, else Value)', () => {
  const allocs = [alloc({ ID: 'A1', Percentage: 33.33, Custom1: cf('CC100'), Custom2: cf(null, 'PRJ-9') }), alloc({ ID: 'A2', Percentage: '66.67', Custom1: cf('CC200') })];
  const doc = reportToDocument(report(), [entry(), entry({ ID: 'E2' })], allocs, settings);
  assert.deepEqual(doc.lines[0]?.allocations, [
    { percentage: '33.33', dimensions: { costCenter: 'CC100', project: 'PRJ-9' } },
    { percentage: '66.67', dimensions: { costCenter: 'CC200' } },
  ]);
  assert.deepEqual(doc.lines[1]?.allocations, [], 'an entry without allocations gets an empty array');
});

test('multi-currency: amount in report currency, transaction amount in its own, rate as decimal text', () => {
  const e = entry({ TransactionAmount: 15000, TransactionCurrencyCode: 'JPY', ExchangeRate: 0.0000061, ApprovedAmount: 91.52 });
  const line = reportToDocument(report({ CurrencyCode: 'EUR' }), [e], [], settings).lines[0];
  assert.deepEqual(line?.amount, { amountMinor: 9152, currency: 'EUR' });
  assert.deepEqual(line?.transactionAmount, { amountMinor: 15000, currency: 'JPY' });
  assert.equal(line?.exchangeRate, '0.0000061');
  assert.equal(decimalText(1e21), '1000000000000000000000');
  assert.equal(decimalText(1.5e-7), '0.00000015');
  assert.equal(decimalText('abc'), null);
});

test('personal and company-paid lines; PostedAmount is the fallback', () => {
  const doc = reportToDocument(report(), [entry({ IsPersonal: true }), entry({ ID: 'E2', PaymentTypeID: 'IBCP', ApprovedAmount: null, PostedAmount: '45.10' })], [], settings);
  assert.equal(doc.lines[0]?.isPersonal, true);
  assert.equal(doc.lines[0]?.paidBy, 'employee');
  assert.equal(doc.lines[1]?.paidBy, 'company');
  assert.deepEqual(doc.lines[1]?.amount, { amountMinor: 4510, currency: 'EUR' });
  assert.deepEqual(doc.problems, []);
});

test('unicode and a 10,000-character description are kept whole', () => {
  const long = 'Ωmega 😀 déjà-vu '.repeat(700).slice(0, 10_000);
  const doc = reportToDocument(report({ OwnerName: 'Zoë Ångström' }), [entry({ Description: long }), entry({ ID: 'E2', Description: null, VendorDescription: '北京饭店' })], [], settings);
  assert.equal(doc.lines[0]?.description, long);
  assert.equal(doc.lines[0]?.description.length, 10_000);
  assert.equal(doc.lines[1]?.description, '北京饭店');
  assert.equal(doc.employee?.name, 'Zoë Ångström');
});

test('null, garbage and three-decimal amounts become problems naming the entry, never throws', () => {
  const entries = [
    entry({ ID: 'E1', ApprovedAmount: null, PostedAmount: null }),
    entry({ ID: 'E2', ApprovedAmount: '12.345' }),
    entry({ ID: 'E3', ApprovedAmount: 'twelve' }),
    entry({ ID: 'E4', ApprovedAmount: { v: 1 } }),
  ];
  const doc = reportToDocument(report(), entries, [], settings);
  assert.equal(sourceDocumentSchema.safeParse(doc).success, true);
  assert.deepEqual(doc.lines.map((l) => l.amount), [null, null, null, null]);
  assert.deepEqual(doc.problems.map((p) => [p.code, p.lineId]), [['INVALID_AMOUNT', 'E1'], ['INVALID_AMOUNT', 'E2'], ['INVALID_AMOUNT', 'E3'], ['INVALID_AMOUNT', 'E4']]);
  assert.match(doc.problems[1]?.message ?? '', /^Entry E2 \(Hotel\): .*more than 2 decimal places/);
});

test('missing fields: currency, expense type, dates, owner and allocation percentage', () => {
  const r = report({ CurrencyCode: 'XYZ', SubmitDate: null, CreateDate: '2025-13-45', OwnerLoginID: undefined, LastModifiedDate: undefined });
  const doc = reportToDocument(r, [entry({ ExpenseTypeCode: null, ExpenseTypeName: undefined, TransactionDate: 'yesterday' })], [alloc({ Percentage: null })], settings);
  assert.equal(sourceDocumentSchema.safeParse(doc).success, true);
  assert.equal(doc.currency, null);
  assert.equal(doc.documentDate, null);
  assert.equal(doc.employee, null);
  assert.equal(doc.version, '');
  const codes = doc.problems.map((p) => p.code).sort();
  assert.deepEqual(codes, ['INVALID_AMOUNT', 'INVALID_CURRENCY', 'INVALID_CURRENCY', 'INVALID_DATE', 'INVALID_DATE', 'SOURCE_INVALID', 'SOURCE_INVALID', 'SOURCE_INVALID']);
  assert.deepEqual(doc.lines[0]?.expenseType, { code: '', name: '' });
  assert.deepEqual(doc.lines[0]?.allocations, []);
  assert.ok(doc.problems.some((p) => /Entry E1: the expense type is missing/.test(p.message)));
});

test('a bad transaction currency is a problem but the posted amount survives', () => {
  const line = reportToDocument(report(), [entry({ TransactionCurrencyCode: 'ZZZ' })], [], settings);
  assert.deepEqual(line.lines[0]?.amount, { amountMinor: 12050, currency: 'EUR' });
  assert.equal(line.lines[0]?.transactionAmount, null);
  assert.deepEqual(line.problems.map((p) => p.code), ['INVALID_CURRENCY']);
});
