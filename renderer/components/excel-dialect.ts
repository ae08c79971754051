// The CSV dialect Excel uses on this PC: where the decimal separator is a comma (France, Germany…) Excel
// reads and writes ";" as the list separator, elsewhere ",". We write UTF-8 with a BOM, which every Excel
// since 2007 opens with accents intact, whatever the PC's ANSI code page.
import { separators, userLocale } from './format';

export const listSeparator = (locale = userLocale()): ';' | ',' => (separators(locale).decimal === ',' ? ';' : ',');

const quote = (v: string, sep: string): string => {
  // A leading = + - @ would make Excel run it as a formula: prefix a quote so it stays text.
  const safe = /^[=+\-@\t\r]/.test(v) && !/^-?\d+([.,]\d+)?$/.test(v) ? `'${v}` : v;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function toExcelCsv(rows: string[][], locale = userLocale()): string {
  const sep = listSeparator(locale);
  return '\ufeff' + rows.map((r) => r.map((v) => quote(v, sep)).join(sep)).join('\r\n') + '\r\n';
}

/**
 * A CSV file's text whatever Excel saved it as: UTF-8 (with or without BOM), UTF-16 with its BOM ("Unicode
 * text"), or the PC's ANSI code page, Windows-1252 in Western Europe ("CSV (separator: semicolon)").
 */
export function decodeCsvBytes(buf: ArrayBuffer): string {
  const b = new Uint8Array(buf);
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return new TextDecoder('windows-1252').decode(b);
  }
}
