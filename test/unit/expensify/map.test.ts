import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringify } from 'csv-stringify/sync';
import { parseExport } from '../../../main/core/adapters/expensify/parse';
import type { ExportRow } from '../../../main/core/adapters/expensify/parse';
import { centsToMinor, rowsToDocuments, splitTag, tagDimensions } from '../../../main/core/adapters/expensify/from-remote';
import { EXPORT_COLUMNS } from '../../../main/core/adapters/expensify/template';
import { isConnectorError } from '../../../main/core/errors';

const settings = { tagDimension: { tag: 'costCenter' } };

const report = { reportID: 'R001', reportName: 'Lyon trip', status: 'Approved', policyID: 'P1', policyName: 'Northwind', reportCurrency: 'EUR', reportTotalCents: '0', created: '2026-03-01 08:00:00', submitted: '2026-03-04 09:00:00', approved: '2026-03-05 10:00:00', submitterEmail: 'ana@example.com' };
const expense = { transactionID: 'T1', expenseDate: '2026-03-02', merchant: 'SNCF', amountCents: '4550', expenseCurrency: 'EUR', convertedCents: '4550', conversionRate: '1', category: 'Train', categoryGlCode: '625170', tag: 'CC100', tagGlCode: '', reimbursable: 'true', billable: 'false', comment: '' };

function csv(rows: Array<Partial<ExportRow>>, columns: readonly string[] = EXPORT_COLUMNS): string {
  return stringify([columns as string[], ...rows.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? ''))], { quoted: true });
}
const docsOf = (rows: Array<Partial<ExportRow>>) => rowsToDocuments(parseExport(csv(rows), 'test'), settings);

test('one report, two expenses on two dates: documentDate is the approval date, each line keeps its expense date', () => {
  const [doc, ...rest] = docsOf([
    { ...report, ...expense },
    { ...report, ...expense, transactionID: 'T2', expenseDate: '2026-03-03', amountCents: '12000', convertedCents: '12000', category: 'Hotel', tag: 'CC200', comment: 'Hotel "Le Royal", 1 night' },
  ]);
  assert.equal(rest.length, 0);
  assert.ok(doc);
  assert.equal(doc.sourceId, 'R001');
  assert.equal(doc.sourceSystem, 'expensify');
  assert.equal(doc.kind, 'expense_report');
  assert.equal(doc.documentDate, '2026-03-05');
  assert.equal(doc.meta.documentDateFrom, 'approved');
  assert.equal(doc.meta.expensifyReportId, 'R001');
  assert.deepEqual(doc.employee, { id: 'ana@example.com', name: 'ana@example.com', email: 'ana@example.com' });
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.lines.map((l) => [l.lineId, l.transactionDate, l.amount?.amountMinor, l.expenseType.code, l.dimensions.costCenter]), [
    ['T1', '2026-03-02', 4550, 'Train', 'CC100'],
    ['T2', '2026-03-03', 12000, 'Hotel', 'CC200'],
  ]);
  assert.equal(doc.lines[1]!.description, 'Hotel "Le Royal", 1 night');
  assert.match(doc.version, /^[0-9a-f]{16}$/);
});

test('cents become minor units of the currency exactly: JPY 0 decimals, BHD 3, fractional yen refused', () => {
  assert.deepEqual(centsToMinor('150000', 'JPY'), { ok: true, minor: 1500 });
  assert.deepEqual(centsToMinor('1234', 'BHD'), { ok: true, minor: 12340 });
  assert.deepEqual(centsToMinor('-250', 'EUR'), { ok: true, minor: -250 });
  assert.deepEqual(centsToMinor('7', 'USD'), { ok: true, minor: 7 });
  assert.equal(centsToMinor('150050', 'JPY').ok, false);
  assert.equal(centsToMinor('12.5', 'EUR').ok, false);
  assert.equal(centsToMinor('', 'EUR').ok, false);
  const [doc] = docsOf([{ ...report, reportCurrency: 'JPY', ...expense, expenseCurrency: 'JPY', amountCents: '150050', convertedCents: '150050' }]);
  assert.equal(doc!.lines[0]!.amount, null);
  assert.equal(doc!.problems[0]!.code, 'INVALID_AMOUNT');
  assert.equal(doc!.problems[0]!.lineId, 'T1');
});

test('other currencies: the converted amount is posted, the original and the rate are kept; none converted is a problem', () => {
  const [doc] = docsOf([
    { ...report, ...expense, expenseCurrency: 'USD', amountCents: '10000', convertedCents: '9200', conversionRate: '0.92' },
    { ...report, ...expense, transactionID: 'T2', expenseCurrency: 'GBP', amountCents: '5000', convertedCents: '', conversionRate: '' },
  ]);
  const [usd, gbp] = doc!.lines;
  assert.deepEqual(usd!.amount, { amountMinor: 9200, currency: 'EUR' });
  assert.deepEqual(usd!.transactionAmount, { amountMinor: 10000, currency: 'USD' });
  assert.equal(usd!.exchangeRate, '0.92');
  assert.equal(gbp!.amount, null);
  assert.deepEqual(doc!.problems.map((p) => [p.code, p.lineId]), [['CURRENCY_MISMATCH', 'T2']]);
  assert.match(doc!.problems[0]!.message, /GBP.*EUR/);
});

test('refunds stay negative; non-reimbursable expenses are company paid', () => {
  const [doc] = docsOf([
    { ...report, ...expense },
    { ...report, ...expense, transactionID: 'T2', amountCents: '-1500', convertedCents: '-1500', comment: 'refund' },
    { ...report, ...expense, transactionID: 'T3', reimbursable: 'false' },
  ]);
  assert.deepEqual(doc!.lines.map((l) => [l.amount?.amountMinor, l.paidBy]), [[4550, 'employee'], [-1500, 'employee'], [4550, 'company']]);
  assert.deepEqual(doc!.problems, []);
});

test('missing category, unknown currency, bad date and zero expenses become problems, never a crash', () => {
  const docs = docsOf([
    { ...report, ...expense, category: '' },
    { ...report, reportID: 'R002', reportCurrency: 'XYZ', ...expense },
    { ...report, reportID: 'R003', ...expense, expenseDate: '2026-02-30' },
    { ...report, reportID: 'R004' },
  ]);
  assert.deepEqual(docs.map((d) => d.problems.map((p) => p.code)), [['SOURCE_INVALID'], ['INVALID_CURRENCY'], ['INVALID_DATE'], ['EMPTY_DOCUMENT']]);
  assert.match(docs[0]!.problems[0]!.message, /no category/);
  assert.equal(docs[1]!.currency, null);
  assert.equal(docs[3]!.lines.length, 0);
});

test('unexpected, missing or repeated columns are refused with a clear REMOTE_PROTOCOL error', () => {
  const extra = csv([{ ...report, ...expense }], [...EXPORT_COLUMNS, 'surprise']);
  const missing = csv([{ ...report, ...expense }], EXPORT_COLUMNS.filter((c) => c !== 'amountCents'));
  for (const [text, re] of [
    [extra, /unexpected column "surprise"/],
    [missing, /missing column "amountCents"/],
    ['"reportID","reportID"\n"a","b"\n', /repeated column "reportID"/],
    ['"reportID,"x\n"unterminated', /not valid CSV/],
  ] as Array<[string, RegExp]>) {
    assert.throws(
      () => parseExport(text, 'test'),
      (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && re.test(e.message) && /Nothing was posted/.test(e.message),
    );
  }
  assert.throws(() => parseExport(csv([{ ...expense }]), 'test'), /no reportID/);
  assert.deepEqual(parseExport('', 'test'), []);
  assert.deepEqual(parseExport(csv([]), 'test'), []);
});

test('tags feed dimensions per the settings: whole tag, GL code or one level of a multi-level tag', () => {
  assert.deepEqual(splitTag('EMEA:Sales\\:Field'), ['EMEA', 'Sales:Field']);
  const row = { tag: 'EMEA:CC300', tagGlCode: 'G-7' };
  assert.deepEqual(tagDimensions(row, { tagDimension: { tag2: 'costCenter', tag1: 'region', tagGlCode: 'project' } }), { costCenter: 'CC300', region: 'EMEA', project: 'G-7' });
  assert.deepEqual(tagDimensions({ tag: '', tagGlCode: '' }, settings), {});
});
