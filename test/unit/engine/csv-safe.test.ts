// Hardening item 6: exported CSV never carries a live formula, and Excel's "Unicode text" (UTF-16,
// tab-separated) imports like any other CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { decodeTextFile, neutralizeCell, restoreCell } from '../../../main/core/engine/csv-safe';
import { csvToMappings, mappingsToCsv } from '../../../main/core/engine/mapping-csv';

const row = (sourceCode: string, sourceName: string, target: string, dimensions: Record<string, string> = {}) => ({ kind: 'expense_type' as const, sourceCode, sourceName, target, dimensions });

test('formula cells (= + - @, tab, CR) are exported with a leading apostrophe and read back unchanged', () => {
  const rows = [row('=HYPERLINK("http://evil")', '+1+2', '-3', { costCenter: '@SUM(A1)' }), row('TAB', '\tcmd', '625100', { costCenter: 'CC1' })];
  const csv = mappingsToCsv(rows.map((r) => ({ ...r, connectionId: 'c', updatedAt: '', updatedBy: '', unmapped: false })), ['costCenter']);
  const cells = (parse(csv) as string[][]).slice(1).flat();
  for (const c of cells) assert.doesNotMatch(c, /^[=+\-@\t\r]/, `a live formula in the export: ${JSON.stringify(c)}`);
  assert.ok(cells.includes(`'=HYPERLINK("http://evil")`));
  assert.deepEqual(csvToMappings(csv), rows);
  assert.equal(neutralizeCell(-5), -5, 'numbers are values, not formulas');
  assert.equal(neutralizeCell('CC-1'), 'CC-1');
  assert.equal(restoreCell("'plain"), "'plain", 'only an apostrophe that guards a formula is removed');
});

test("UTF-16 LE and BE with a BOM (Excel's Unicode text, tab-separated) import like UTF-8", () => {
  const text = 'kind\tsource_code\tsource_name\ttarget\texpense_type\tMEALS\tRepas d’affaires\t625100\n'.replace('target\texpense', 'target\nexpense');
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const expected = [row('MEALS', 'Repas d’affaires', '625100')];
  assert.deepEqual(csvToMappings(decodeTextFile(le)), expected);
  assert.deepEqual(csvToMappings(decodeTextFile(be)), expected);
  assert.deepEqual(csvToMappings(decodeTextFile(Buffer.from(text, 'utf16le'))), expected, 'BOM-less UTF-16 LE');
  assert.deepEqual(csvToMappings(decodeTextFile(Buffer.from('\uFEFF' + text.replaceAll('\t', ','), 'utf8'))), expected);
});
