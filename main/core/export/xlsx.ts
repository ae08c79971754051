// Real .xlsx workbooks (write-excel-file; read back in tests with read-excel-file), so a reconciliation or a
// held list can be filed with the close: amounts are numbers with a currency format, not text, and text that
// looks like a formula stays text (write-excel-file writes strings as shared strings, never as formulas).
import writeXlsxFile from 'write-excel-file/node';
import type { Cell, SheetData } from 'write-excel-file/node';
import { minorUnits } from '../money/currency';
import { formatMinor } from '../money/parse';

/** One cell: text, an amount in minor units of a currency, a plain number, a date (YYYY-MM-DD) or empty. */
export type XlsxCell =
  | { text: string }
  | { money: number; currency: string }
  | { number: number }
  | { date: string }
  | null;

export interface XlsxSheet {
  /** Excel allows 31 characters and no : \ / ? * [ ]; longer or odd names are cleaned, then made unique. */
  name: string;
  columns: ReadonlyArray<{ header: string; width?: number }>;
  rows: ReadonlyArray<ReadonlyArray<XlsxCell>>;
}

/** The Excel number format of a currency: its own decimals, negatives with a minus, the code after the figure. */
export function currencyFormat(currency: string): string {
  const d = minorUnits(currency);
  return `#,##0${d > 0 ? `.${'0'.repeat(d)}` : ''} "${currency}";-#,##0${d > 0 ? `.${'0'.repeat(d)}` : ''} "${currency}"`;
}

/** Minor units as the number Excel stores, through the exact decimal text (never minor / 100 in floating point). */
export function moneyNumber(minor: number, currency: string): number {
  return Number(formatMinor(minor, currency));
}

function toCell(c: XlsxCell): Cell {
  if (c === null) return null;
  if ('text' in c) return { value: c.text, type: String };
  if ('money' in c) return { value: moneyNumber(c.money, c.currency), type: Number, format: currencyFormat(c.currency) };
  if ('number' in c) return { value: c.number, type: Number };
  const [y, m, d] = c.date.split('-').map(Number);
  if (!y || !m || !d) return { value: c.date, type: String };
  return { value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'yyyy-mm-dd' };
}

export function sheetNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    const base = (raw.replace(/[:\\/?*[\]]/g, ' ').trim() || 'Sheet').slice(0, 31);
    let name = base;
    for (let i = 2; seen.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** The workbook as bytes. */
export async function workbookBuffer(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  if (sheets.length === 0) throw new Error('A workbook needs at least one sheet');
  const names = sheetNames(sheets.map((s) => s.name));
  return writeXlsxFile(
    sheets.map((s, i) => {
      const header: Cell[] = s.columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' as const }));
      const data: SheetData = [header, ...s.rows.map((r) => r.map(toCell))];
      return { data, sheet: names[i], columns: s.columns.map((c) => ({ width: c.width ?? 16 })), stickyRowsCount: 1 };
    }),
  ).toBuffer();
}
