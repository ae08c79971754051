// The reconciliation as files for the close: the CSV (one row per total, count and difference, formula-safe),
// the workbook (a summary sheet, one sheet of differences per connection) and the CLI table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import type { ConnectionReconciliation, Difference, Reconciliation } from '../../../../shared/schemas/reconcile';
import { RECONCILE_CATEGORIES } from '../../../../shared/schemas/reconcile';
import { reconciliationCsv, reconciliationText, reconciliationXlsx, totalLines } from '../../../../main/core/engine/reconcile/export';

const counts = (over: Partial<Record<string, number>> = {}) => Object.fromEntries(RECONCILE_CATEGORIES.map((c) => [c, over[c] ?? 0])) as ConnectionReconciliation['counts'];
const diff = (over: Partial<Difference>): Difference => ({ category: 'held', sourceId: 'R3', title: 'Trip', idempotencyKey: 'MLC-K3', postingId: 3, erpIds: [], erpUrl: null, date: '2026-10-05', source: { currency: 'EUR', amountMinor: 500 }, posted: { currency: 'EUR', amountMinor: 500 }, erp: [], detail: 'PERIOD_CLOSED: closed', action: 'Re-date it', ...over });

const conn = (over: Partial<ConnectionReconciliation> = {}): ConnectionReconciliation => ({
  connectionId: 'concur-x3', name: 'Concur to X3', sourceSystem: 'concur', targetSystem: 'sage-x3', partial: false, partialReasons: [], sourceBasis: 'read', erpBasis: 'read',
  totals: { source: [{ currency: 'EUR', amountMinor: 350000 }], posted: [{ currency: 'EUR', amountMinor: 300000 }, { currency: 'USD', amountMinor: 1234 }], erp: [{ currency: 'EUR', amountMinor: 299900 }] },
  outbox: { posted: [], held: [], failed: [], dismissed: [], waiting: [] }, erpAccounts: [],
  documents: { source: 4, outbox: 4, erp: 3, matched: 2 },
  counts: counts({ held: 1, amount_differs: 1 }),
  differences: [diff({}), diff({ category: 'amount_differs', sourceId: 'R2', erpIds: ['E-R2', 'E-R2b'], source: null, posted: { currency: 'EUR', amountMinor: 2000 }, erp: [{ currency: 'EUR', amountMinor: 1999 }, { currency: 'USD', amountMinor: 5 }], detail: '=SUM(A1)', action: 'Compare', date: null })],
  ...over,
});

const rec = (connections: ConnectionReconciliation[], partial = false): Reconciliation => ({ period: '2026-10', from: '2026-10-01', to: '2026-10-31', generatedAt: '2026-12-06T10:00:00Z', partial, connections });

test('totals: one line per connection and currency seen on any side, sorted; a missing side is 0', () => {
  const lines = totalLines(rec([conn()]));
  assert.deepEqual(lines.map((l) => [l.c.connectionId, l.currency, l.source, l.posted, l.erp]), [['concur-x3', 'EUR', 350000, 300000, 299900], ['concur-x3', 'USD', 0, 1234, 0]]);
  assert.deepEqual(totalLines(rec([conn({ totals: { source: [], posted: [], erp: [] } })])), []);
});

test('CSV: header, a total row per currency, every count, every difference; decimals in the currency; formulas defused', () => {
  const rows = parse(reconciliationCsv(rec([conn()]))) as string[][];
  assert.deepEqual(rows[0], ['period', 'connection', 'record', 'category', 'currency', 'source', 'posted', 'erp', 'source_id', 'reference', 'erp_ids', 'detail', 'action']);
  assert.deepEqual(rows[1], ['2026-10', 'concur-x3', 'total', '', 'EUR', '3500.00', '3000.00', '2999.00', '', '', '', '', '']);
  assert.deepEqual(rows[2], ['2026-10', 'concur-x3', 'total', '', 'USD', '0.00', '12.34', '0.00', '', '', '', '', '']);
  const countRows = rows.filter((r) => r[2] === 'count');
  assert.deepEqual(countRows.map((r) => [r[3], r[11]]), RECONCILE_CATEGORIES.map((c) => [c, c === 'held' || c === 'amount_differs' ? '1' : '0']));
  const d = rows.filter((r) => r[2] === 'difference');
  assert.deepEqual(d[0], ['2026-10', 'concur-x3', 'difference', 'held', 'EUR', '5.00', '5.00', '', 'R3', 'MLC-K3', '', 'PERIOD_CLOSED: closed', 'Re-date it']);
  assert.deepEqual(d[1], ['2026-10', 'concur-x3', 'difference', 'amount_differs', 'EUR', '', '20.00', '19.99 + 0.05', 'R2', 'MLC-K3', 'E-R2 E-R2b', "'=SUM(A1)", 'Compare']);
});

test('CSV: an ERP not read leaves its total empty; a partial connection says why; a difference without amounts has no currency', () => {
  const rows = parse(reconciliationCsv(rec([conn({ erpBasis: 'not_read', partial: true, partialReasons: ['source refused', 'ERP down'], differences: [diff({ source: null, posted: null, erp: [{ currency: 'GBP', amountMinor: 1 }] }), diff({ source: null, posted: null, erp: [], sourceId: null, idempotencyKey: null })] })]))) as string[][];
  assert.deepEqual(rows[1]!.slice(5, 12), ['3500.00', '3000.00', '', '', '', '', 'partial: source refused | ERP down']);
  const d = rows.filter((r) => r[2] === 'difference');
  assert.equal(d[0]![4], 'GBP', 'the ERP currency when nothing else has one');
  assert.deepEqual([d[1]![4], d[1]![8], d[1]![9]], ['', '', '']);
  const src = parse(reconciliationCsv(rec([conn({ differences: [diff({ posted: null, source: { currency: 'CHF', amountMinor: 100 } })] })]))) as string[][];
  assert.equal(src.find((r) => r[2] === 'difference')![4], 'CHF');
});

test('workbook: a summary of totals and counts per connection and currency, and one differences sheet per connection', async () => {
  const two = rec([conn(), conn({ connectionId: 'expensify-ns', erpBasis: 'presence_only', partialReasons: ['no totals read back'], totals: { source: [], posted: [{ currency: 'EUR', amountMinor: 100 }], erp: [] }, differences: [] })]);
  const sheets = await readXlsxFile(await reconciliationXlsx(two));
  assert.deepEqual(sheets.map((s) => s.sheet), ['Summary 2026-10', 'concur-x3', 'expensify-ns']);
  const [header, eur, usd, ns] = sheets[0]!.data;
  assert.deepEqual(header, ['Connection', 'Currency', 'Source', 'Posted', 'ERP', ...RECONCILE_CATEGORIES, 'Partial']);
  assert.deepEqual(eur!.slice(0, 5), ['concur-x3', 'EUR', 3500, 3000, 2999]);
  assert.deepEqual(eur!.slice(5, 5 + RECONCILE_CATEGORIES.length), RECONCILE_CATEGORIES.map((c) => (c === 'held' || c === 'amount_differs' ? 1 : 0)));
  assert.equal(eur!.at(-1), null);
  assert.deepEqual(usd!.slice(0, 5), ['concur-x3', 'USD', 0, 12.34, 0]);
  assert.deepEqual([ns![0], ns![4], ns!.at(-1)], ['expensify-ns', 'not read back', 'no totals read back']);
  const [dh, d1, d2] = sheets[1]!.data;
  assert.deepEqual(dh, ['Category', 'Date', 'Source id', 'Title', 'Reference', 'Source', 'Posted', 'ERP', 'ERP document', 'Detail', 'Action']);
  assert.equal(d1![0], 'held');
  assert.ok(d1![1] instanceof Date && d1![1].toISOString().startsWith('2026-10-05'));
  assert.deepEqual(d1!.slice(2, 8), ['R3', 'Trip', 'MLC-K3', 5, 5, null]);
  assert.deepEqual([d2![1], d2![5], d2![6], d2![7], d2![8], d2![9]], [null, null, 20, 19.99, 'E-R2 E-R2b', '=SUM(A1)']);
  assert.equal(sheets[2]!.data.length, 1, 'no differences: the header only');
  const notRead = await readXlsxFile(await reconciliationXlsx(rec([conn({ erpBasis: 'not_read' })])));
  assert.equal(notRead[0]!.data[1]![4], 'not read');
});

test('the CLI table: the period, PARTIAL when partial, totals, then per connection its counts, reasons and differences', () => {
  const table = (rows: string[][], right?: number[]) => `${rows.map((r) => r.join('|')).join('\n')}\n[right ${right?.join(',')}]`;
  const text = reconciliationText(rec([conn({ partialReasons: ['ERP down'] }), conn({ connectionId: 'quiet', counts: counts(), differences: [], erpBasis: 'presence_only', totals: { source: [], posted: [{ currency: 'EUR', amountMinor: 1 }], erp: [] } })], true), table);
  const lines = text.split('\n');
  assert.equal(lines[0], 'Reconciliation 2026-10 (2026-10-01 – 2026-10-31) — PARTIAL, see the notes below');
  assert.equal(lines[1], 'CONNECTION|CURRENCY|SOURCE|POSTED|ERP|UNEXPLAINED');
  assert.equal(lines[2], 'concur-x3|EUR|3500.00|3000.00|2999.00|0');
  assert.equal(lines[4], 'quiet|EUR|0.00|0.01|not read back|0');
  assert.equal(lines[5], '[right 2,3,4,5]');
  assert.deepEqual(lines.slice(6), [
    '',
    'concur-x3: 2 matched, held 1, amount_differs 1',
    '  partial: ERP down',
    `  ${'held'.padEnd(22)} ${'R3'.padEnd(16)} PERIOD_CLOSED: closed → Re-date it`,
    `  ${'amount_differs'.padEnd(22)} ${'R2'.padEnd(16)} =SUM(A1) → Compare`,
    '',
    'quiet: 2 matched, no differences',
  ]);
  const whole = reconciliationText(rec([conn({ differences: [diff({ sourceId: null, erpIds: ['HAND-1'] })] })]), table);
  assert.doesNotMatch(whole.split('\n')[0]!, /PARTIAL/);
  assert.match(whole, / HAND-1 {10}/);
});

test('exact rows: currencies sorted across sides, count rows empty but for their number, partial reasons joined, unexplained shown', async () => {
  const c = conn({ totals: { source: [{ currency: 'USD', amountMinor: 1 }], posted: [{ currency: 'EUR', amountMinor: 2 }], erp: [] }, counts: counts({ unexplained: 2 }), partialReasons: ['a', 'b'], differences: [diff({ sourceId: null, erpIds: ['H1', 'H2'] })] });
  assert.deepEqual(totalLines(rec([c])).map((l) => l.currency), ['EUR', 'USD']);
  const rows = parse(reconciliationCsv(rec([c]))) as string[][];
  assert.deepEqual(rows.find((r) => r[3] === 'unexplained'), ['2026-10', 'concur-x3', 'count', 'unexplained', '', '', '', '', '', '', '', '2', '']);
  const sheets = await readXlsxFile(await reconciliationXlsx(rec([c])));
  assert.equal(sheets[0]!.data[1]!.at(-1), 'a | b');
  const table = (t: string[][]) => t.map((r) => r.join('|')).join('\n');
  const lines = reconciliationText(rec([c]), table).split('\n');
  assert.equal(lines[0], 'Reconciliation 2026-10 (2026-10-01 – 2026-10-31)');
  assert.equal(lines[2], 'concur-x3|EUR|0.00|0.02|0.00|2');
  assert.equal(lines.at(-1), `  ${'held'.padEnd(22)} ${'H1 H2'.padEnd(16)} PERIOD_CLOSED: closed → Re-date it`);
});
