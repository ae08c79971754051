import assert from 'node:assert/strict';
import { test } from 'node:test';
import readXlsxFile from 'read-excel-file/node';
import { currencyFormat, moneyNumber, sheetNames, workbookBuffer } from '../../../main/core/export/xlsx';

test('a workbook reads back with amounts as numbers, text as text and one sheet per entry', async () => {
  const buf = await workbookBuffer([
    { name: 'Summary', columns: [{ header: 'Connection' }, { header: 'Posted' }, { header: 'Count' }, { header: 'Date' }], rows: [[{ text: 'concur→x3' }, { money: 101820, currency: 'EUR' }, { number: 3 }, { date: '2026-11-30' }]] },
    { name: 'Differences: x3/concur?', columns: [{ header: 'Text' }], rows: [[{ text: '=1+1' }], [null]] },
  ]);
  const sheets = await readXlsxFile(buf);
  assert.deepEqual(sheets.map((s) => s.sheet), ['Summary', 'Differences  x3 concur']);
  const [header, row] = sheets[0]!.data;
  assert.deepEqual(header, ['Connection', 'Posted', 'Count', 'Date']);
  assert.equal(row![0], 'concur→x3');
  assert.equal(row![1], 1018.2);
  assert.equal(row![2], 3);
  assert.ok(row![3] instanceof Date && row![3].toISOString().startsWith('2026-11-30'));
  assert.equal(sheets[1]!.data[1]![0], '=1+1');
});

test('currency formats follow the currency decimals and money goes through its exact decimal text', () => {
  assert.equal(currencyFormat('EUR'), '#,##0.00 "EUR";-#,##0.00 "EUR"');
  assert.equal(currencyFormat('JPY'), '#,##0 "JPY";-#,##0 "JPY"');
  assert.equal(currencyFormat('BHD'), '#,##0.000 "BHD";-#,##0.000 "BHD"');
  assert.equal(moneyNumber(-1, 'EUR'), -0.01);
  assert.equal(moneyNumber(1234, 'JPY'), 1234);
});

test('sheet names are cleaned, cut to 31 characters and made unique; no sheet is refused', async () => {
  assert.deepEqual(sheetNames(['a/b', 'A b', 'x'.repeat(40), 'x'.repeat(40), '']), ['a b', 'A b 2', 'x'.repeat(31), `${'x'.repeat(29)} 2`, 'Sheet']);
  await assert.rejects(workbookBuffer([]), /at least one sheet/);
});
