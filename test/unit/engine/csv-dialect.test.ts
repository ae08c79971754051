// The mapping CSV from and to a PC's Excel: a French or German Excel writes ";" (or a tab), and a separator
// inside quotes or on a later line does not count; a BOM is kept; a rewrite quotes what needs quoting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSeparator, resep, toCommaCsv } from '../../../main/core/engine/csv-dialect';

test('the separator is the most used one on the header line, outside quotes; comma when none', () => {
  assert.equal(detectSeparator('kind;source;target\r\na,b;c;d'), ';');
  assert.equal(detectSeparator('kind\tsource\ttarget\n'), '\t');
  assert.equal(detectSeparator('kind,source,target'), ',');
  assert.equal(detectSeparator('"a;b;c",d,e\n'), ',', 'separators inside quotes do not count');
  assert.equal(detectSeparator('a;b,c;d'), ';');
  assert.equal(detectSeparator('only\na;b;c;d'), ',', 'only the first line counts');
  assert.equal(detectSeparator('only\ra;b;c;d'), ',', 'a lone CR ends the line too');
  assert.equal(detectSeparator('"x\ny";z\n'), ';', 'a line break inside quotes does not end the header');
  assert.equal(detectSeparator('\ufeffa;b'), ';');
  assert.equal(detectSeparator(''), ',');
});

test('resep rewrites fields, quoting those holding the new separator; same separator returns the text as is', () => {
  assert.equal(resep('a;b,c;d\r\n1;2;3\r\n', ';', ','), 'a,"b,c",d\r\n1,2,3\r\n');
  assert.equal(resep('a,b\n', ',', ';'), 'a;b\r\n');
  assert.equal(resep('a;b\n\n1;2\n', ';', ','), 'a,b\r\n1,2\r\n', 'empty lines dropped');
  assert.equal(resep('a;b;c\n1\n', ';', ','), 'a,b,c\r\n1\r\n', 'short rows kept');
  const same = 'a;b\n';
  assert.equal(resep(same, ';', ';'), same);
  assert.equal(resep('\ufeffa;b\n', ';', ','), '\ufeffa,b\r\n', 'the BOM is kept in front');
});

test('toCommaCsv: any Excel dialect in, comma out', () => {
  assert.equal(toCommaCsv('kind;source\r\nexpense_type;"Repas; client"\r\n'), 'kind,source\r\nexpense_type,Repas; client\r\n');
  assert.equal(toCommaCsv('a\tb\n1\t2\n'), 'a,b\r\n1,2\r\n');
  assert.equal(toCommaCsv('a,b\n'), 'a,b\n', 'already comma: untouched');
});

test('only the three separators count, and never inside quotes, however many letters the header has', () => {
  assert.equal(detectSeparator('expense_type;gl_account;department\r\nMEALS;6251;D10\r\n'), ';');
  assert.equal(detectSeparator('"Category, with commas, here";Account\n'), ';', 'commas inside quotes do not count');
  assert.equal(detectSeparator('aaaa\tbbbb\n'), '\t');
});

test('no BOM is added to a file that had none; one at the start is kept', () => {
  assert.equal(resep('a;b\r\nc;d\r\n', ';', ','), 'a,b\r\nc,d\r\n');
  assert.equal(resep('\ufeffa;b\r\n', ';', ','), '\ufeffa,b\r\n');
});

test('a BOM file whose first field is quoted (Excel quotes a header holding the separator) is rewritten, BOM kept', () => {
  assert.equal(resep('\ufeff"a;x";b\r\n1;2\r\n', ';', ','), '\ufeffa;x,b\r\n1,2\r\n');
  assert.equal(toCommaCsv('\ufeff"Catégorie; type";compte\r\n'), '\ufeffCatégorie; type,compte\r\n');
  assert.equal(resep('a;b\ufeff\n', ';', ','), 'a,b\ufeff\r\n', 'only a BOM at the start is one');
});
