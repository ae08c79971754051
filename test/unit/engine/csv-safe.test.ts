// Hardening item 6: exported CSV never carries a live formula, and Excel's "Unicode text" (UTF-16,
// tab-separated) imports like any other CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { decodeTextFile, detectDelimiter, neutralizeCell, restoreCell } from '../../../main/core/engine/csv-safe';
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

// Byte inputs as Excel and Windows tools write them.
const le = (s: string) => Buffer.from(s, 'utf16le');
const be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

test('decodeTextFile returns the exact text of each encoding, without its BOM', () => {
  // Mostly non-Latin text: with its BOM the file could not also pass for BOM-less UTF-16 LE.
  const text = 'kind\tsource_code\n日本\t€';
  assert.equal(decodeTextFile(withBom([0xff, 0xfe], le(text))), text, 'UTF-16 LE with BOM');
  assert.equal(decodeTextFile(withBom([0xfe, 0xff], be(text))), text, 'UTF-16 BE with BOM');
  assert.equal(decodeTextFile(withBom([0xff, 0xfe], le('ab'))), 'ab', 'the LE BOM is removed, not read as U+FEFF');
  assert.equal(decodeTextFile(Buffer.from('\uFEFFkind,Zoë €', 'utf8')), 'kind,Zoë €', 'UTF-8 with BOM');
  assert.equal(decodeTextFile(Buffer.from('kind,Zoë €', 'utf8')), 'kind,Zoë €', 'UTF-8 without BOM');
  assert.equal(decodeTextFile(new Uint8Array(0)), '');
});

test('an odd-length UTF-16 file with a BOM loses its stray last byte instead of failing', () => {
  assert.equal(decodeTextFile(withBom([0xfe, 0xff], Buffer.concat([be('a\n'), Buffer.from([0x00])]))), 'a\n', 'BE (swapping an odd length used to throw)');
  assert.equal(decodeTextFile(withBom([0xff, 0xfe], Buffer.concat([le('a\n'), Buffer.from([0x62])]))), 'a\n', 'LE');
});

test('Excel\'s plain "CSV" on a Western PC (Windows-1252) keeps its accents instead of U+FFFD', () => {
  // "Réception;Zoë;€" in Windows-1252: é E9, ë EB, € 80 — none of them valid UTF-8.
  const ansi = Buffer.from([0x52, 0xe9, 0x63, 0x65, 0x70, 0x74, 0x69, 0x6f, 0x6e, 0x3b, 0x5a, 0x6f, 0xeb, 0x3b, 0x80]);
  assert.equal(decodeTextFile(ansi), 'Réception;Zoë;€');
  // 0x80-0x9F are where Windows-1252 is not Latin-1; an unassigned byte (0x81) stays its C1 code point.
  assert.equal(decodeTextFile(Buffer.from([0x80, 0x92, 0x9c, 0x8c, 0x85, 0x96, 0x97, 0x93, 0x94, 0x9f, 0x81, 0xa0, 0xff])), '€’œŒ…–—“”Ÿ\u0081\u00a0ÿ');
  const csv = Buffer.from('kind;source_code;source_name;target\r\nexpense_type;R\xe9ception;Frais de r\xe9ception;625700\r\n', 'latin1');
  assert.deepEqual(csvToMappings(decodeTextFile(csv)), [row('Réception', 'Frais de réception', '625700')]);
});

test('only the two-byte mark is a BOM: BOM-less UTF-16 LE starting with FF, FE or either as a high byte keeps its first character', () => {
  const tail = ',source_code,source_name,target';
  for (const first of ['ÿ', 'þ', '\ufe59', '\uff08']) assert.equal(decodeTextFile(le(first + tail)), first + tail, `U+${first.charCodeAt(0).toString(16)}`);
});

test('BOM-less UTF-16 LE is guessed only from 4 bytes, an even length and 90% zero high bytes of non-zero characters', () => {
  assert.equal(decodeTextFile(le('ab')), 'ab', 'four bytes are enough');
  assert.equal(decodeTextFile(le('a')), 'a\u0000', 'two bytes are too few to guess: read as UTF-8');
  assert.equal(decodeTextFile(Buffer.concat([le('abcd'), Buffer.from([0x0a])])), 'a\u0000b\u0000c\u0000d\u0000\n', 'an odd length is not UTF-16');
  assert.equal(decodeTextFile(Buffer.alloc(8)), '\u0000'.repeat(8), 'zero bytes are not UTF-16 text');
  // One character in ten outside Latin-1 (一 is U+4E00, bytes 00 4E) is exactly the 90% threshold.
  assert.equal(decodeTextFile(le('abcdefghi一')), 'abcdefghi一');
  assert.notEqual(decodeTextFile(le('abcdefgh一一')), 'abcdefgh一一', 'below 90% the bytes are not guessed as UTF-16');
});

test('the header line decides the delimiter: tab or semicolon only when it has no comma', () => {
  assert.equal(detectDelimiter('kind;source_code;source_name;target\r\nexpense_type;A,B;x;1'), ';');
  assert.equal(detectDelimiter('kind;source_code\nexpense_type,A'), ';', 'a LF-only file: the second line does not count');
  assert.equal(detectDelimiter('kind\tsource_code\nexpense_type,A'), '\t');
  assert.equal(detectDelimiter('kind\tsource,code'), ',', 'a comma wins over a tab');
  assert.equal(detectDelimiter('kind;source,code'), ',', 'a comma wins over a semicolon');
  assert.equal(detectDelimiter('kind\tsource;code'), '\t');
  assert.equal(detectDelimiter('kind'), ',', 'one column: comma');
  assert.equal(detectDelimiter('\uFEFFkind;source'), ';');
  assert.equal(detectDelimiter(''), ',');
});

test('a semicolon mapping CSV (a French Excel) imports with commas inside its fields', () => {
  const csv = '\uFEFFkind;source_code;source_name;target\nexpense_type;MEALS;Repas, clients;625100\n';
  assert.deepEqual(csvToMappings(csv), [row('MEALS', 'Repas, clients', '625100')]);
});
