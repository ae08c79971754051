// The CSV dialect of the PC's Excel, on the way in and out of the mapping CSV (which is read and written
// with ","): Excel on a PC whose decimal separator is a comma (France, Germany…) uses ";" as the list
// separator. Import: the separator is detected on the header line (outside quotes) and the file rewritten
// with ","; export: rewritten with the separator asked for. Encodings are decoded by the caller (bytes).
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

export type CsvSeparator = ',' | ';' | '\t';

/** The separator used on the first line, counting only characters outside quotes. */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text.replace(/^\ufeff/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as CsvSeparator]++;
  }
  const [best, n] = (Object.entries(counts) as Array<[CsvSeparator, number]>).sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ',';
}

/** Rewrites `text` from separator `from` to `to`, quoting as needed; a BOM at the start is kept. */
export function resep(text: string, from: CsvSeparator, to: CsvSeparator): string {
  if (from === to) return text;
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const records = parse(text.slice(bom.length), { delimiter: from, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return bom + stringify(records, { delimiter: to, record_delimiter: '\r\n' });
}

/** Any Excel dialect in, the comma CSV the mapping reader expects out. */
export const toCommaCsv = (text: string): string => resep(text, detectSeparator(text), ',');
