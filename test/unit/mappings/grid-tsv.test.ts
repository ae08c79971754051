import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Column, GridRow } from '../../../renderer/features/mappings/grid-model';
import { columnsFor, parseTsv, toTsv } from '../../../renderer/features/mappings/grid-model';
import { blockValues, clearBlock, inRect, rectOf } from '../../../renderer/features/mappings/grid-selection';

test('toTsv writes what Excel puts on the clipboard', () => {
  assert.equal(toTsv([['625710', 'CC100'], ['625800', '']]), '625710\tCC100\r\n625800\t\r\n');
  assert.equal(toTsv([['a\tb', 'two\nlines', 'say "hi"', 'plain']]), '"a\tb"\t"two\nlines"\t"say ""hi"""\tplain\r\n');
  assert.equal(toTsv([['"quoted at start', 'cr\r\nlf']]), '"""quoted at start"\t"cr\r\nlf"\r\n');
});

test('parseTsv reads back exactly what toTsv wrote', () => {
  const blocks: string[][][] = [
    [['625710', 'CC100'], ['625800', 'CC500']],
    [['a\tb', 'two\nlines', 'say "hi"', ''], ['', '"', '""', 'x\r\ny']],
    [['Hôtel & repas', ' padded '], ['', 'last']],
    [['only']],
  ];
  for (const b of blocks) assert.deepEqual(parseTsv(toTsv(b)), b);
});

const row = (sourceCode: string, target: string, cc: string): GridRow => ({ kind: 'expense_type', sourceCode, sourceName: `${sourceCode} name`, target, dimensions: cc ? { costCenter: cc } : {}, unmapped: target === '' });
const cols: Column[] = columnsFor('expense_type', ['costCenter', 'department']);
const rows = [row('AIRFR', '625100', 'CC100'), row('HOTEL', '625200', ''), row('MEALS', '625300', 'CC300')];

test('a selection is the rectangle between anchor and active cell, whichever way it was dragged', () => {
  const s = rectOf({ r: 2, c: 3 }, { r: 1, c: 2 });
  assert.deepEqual(s, { r0: 1, r1: 2, c0: 2, c1: 3 });
  assert.equal(inRect(s, 1, 2), true);
  assert.equal(inRect(s, 0, 2), false);
  assert.deepEqual(blockValues(rows, cols, s), [['625200', ''], ['625300', 'CC300']]);
});

test('clearing a block changes only rows with something to clear and keeps read-only codes', () => {
  const changes = clearBlock(rows, cols, rectOf({ r: 0, c: 0 }, { r: 1, c: 3 }));
  assert.equal(changes.length, 2);
  assert.deepEqual(changes[0]!.after, { ...rows[0]!, sourceName: '', target: '', dimensions: {}, unmapped: true });
  assert.equal(changes[1]!.after.sourceCode, 'HOTEL');
  assert.equal(changes[1]!.before, rows[1]);
  // Only the empty department column of every row: nothing to save, so no empty undo step either.
  assert.deepEqual(clearBlock(rows, cols, rectOf({ r: 0, c: 4 }, { r: 2, c: 4 })), []);
});
