// Range selection of the mappings grid: the anchor and the active cell span a rectangle. Only those two
// coordinates are state, so selecting all 10,000 rows costs nothing until the block is copied or cleared.
import type { Change, Column, GridRow } from './grid-model';
import { cellValue, withCell } from './grid-model';

export interface Pos {
  r: number;
  c: number;
}

export interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

export const rectOf = (a: Pos, b: Pos): Rect => ({ r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) });

export const inRect = (s: Rect, r: number, c: number): boolean => r >= s.r0 && r <= s.r1 && c >= s.c0 && c <= s.c1;

export const isSingleCell = (s: Rect): boolean => s.r0 === s.r1 && s.c0 === s.c1;

/** The text of the selected cells, row by row, as the clipboard gets it. */
export function blockValues(rows: GridRow[], cols: Column[], s: Rect): string[][] {
  const sel = cols.slice(s.c0, s.c1 + 1);
  return rows.slice(s.r0, s.r1 + 1).map((row) => sel.map((col) => cellValue(row, col)));
}

/** Clearing a block: one change per row that had a non-empty editable cell in it; read-only cells are kept. */
export function clearBlock(rows: GridRow[], cols: Column[], s: Rect): Change[] {
  const sel = cols.slice(s.c0, s.c1 + 1).filter((col) => col.editable);
  const changes: Change[] = [];
  for (const row of rows.slice(s.r0, s.r1 + 1)) {
    const after = sel.reduce((acc, col) => (cellValue(acc, col) === '' ? acc : withCell(acc, col, '')), row);
    if (after !== row) changes.push({ before: row, after });
  }
  return changes;
}
