// Reads the CSV our template renders: csv-parse does the parsing; this checks the header is exactly our
// columns (a different template or a changed server output is refused, never mapped into garbage).
import { parse } from 'csv-parse/sync';
import { ConnectorError } from '../../errors';
import { SYSTEM } from './errors';
import { EXPORT_COLUMNS } from './template';
import type { ExportColumn } from './template';

export type ExportRow = Record<ExportColumn, string>;

function templateError(what: string, problem: string): ConnectorError {
  return new ConnectorError('REMOTE_PROTOCOL', `The Expensify export for ${what} does not match the ml-connector template: ${problem}. Nothing was posted from it`, { system: SYSTEM, retryable: false });
}

/** Parses an exported file into rows keyed by column; throws REMOTE_PROTOCOL on any structural surprise. */
export function parseExport(text: string, what: string): ExportRow[] {
  if (text.trim() === '') return [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }) as string[][];
  } catch (e) {
    const detail = e instanceof Error ? e.message.replace(/\s+/g, ' ').slice(0, 160) : 'unreadable CSV';
    throw templateError(what, `the file is not valid CSV (${detail})`);
  }
  const [header, ...rows] = records;
  if (!header) return [];
  const names = header.map((h) => h.trim());
  const expected = new Set<string>(EXPORT_COLUMNS);
  const unexpected = names.filter((n) => !expected.has(n));
  const missing = EXPORT_COLUMNS.filter((c) => !names.includes(c));
  const duplicated = names.filter((n, i) => names.indexOf(n) !== i);
  if (unexpected.length || missing.length || duplicated.length) {
    const parts = [
      unexpected.length ? `unexpected column${unexpected.length > 1 ? 's' : ''} ${list(unexpected)}` : '',
      missing.length ? `missing column${missing.length > 1 ? 's' : ''} ${list(missing)}` : '',
      duplicated.length ? `repeated column${duplicated.length > 1 ? 's' : ''} ${list(duplicated)}` : '',
    ].filter(Boolean);
    throw templateError(what, parts.join('; '));
  }
  return rows.map((cells, i) => {
    const row = {} as ExportRow;
    names.forEach((name, c) => {
      row[name as ExportColumn] = (cells[c] ?? '').trim();
    });
    if (!row.reportID) throw templateError(what, `row ${i + 2} has no reportID`);
    return row;
  });
}

function list(names: string[]): string {
  const shown = names.slice(0, 5).map((n) => `"${n.slice(0, 40)}"`);
  return shown.join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
}
