// CSV that is safe to open in a spreadsheet, and text files as Excel saves them.
// Formula injection: a cell starting with = + - @ (or a tab / carriage return, which Excel strips before
// looking) is run as a formula when the export is opened, so it is written with a leading apostrophe (OWASP's
// advice); reading strips that apostrophe again, so export → import returns the same values.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string | number): string | number {
  if (typeof value !== 'string' || !FORMULA_START.test(value)) return value;
  return `'${value}`;
}

/** The inverse of neutralizeCell for text read back from our own exports (or a user who followed the advice). */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function safeCsv(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return stringify(rows.map((r) => r.map(neutralizeCell)));
}

/**
 * Bytes of a text file as a string: UTF-8 (with or without BOM) or UTF-16 LE/BE with its BOM — Excel's
 * "Unicode text" — and BOM-less UTF-16 LE recognised by its zero high bytes.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b.length >= 4 && b.length % 2 === 0 && looksUtf16le(b)) return b.toString('utf16le');
  return new TextDecoder('utf-8', { fatal: false }).decode(b);
}

function looksUtf16le(b: Buffer): boolean {
  const n = Math.min(b.length, 512) & ~1;
  let zeroHigh = 0;
  for (let i = 1; i < n; i += 2) if (b[i] === 0 && b[i - 1] !== 0) zeroHigh++;
  return zeroHigh >= (n / 2) * 0.9;
}

/** Excel's "Unicode text" is tab-separated: the header line decides the delimiter. */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (header.includes('\t') && !header.includes(',')) return '\t';
  if (header.includes(';') && !header.includes(',')) return ';';
  return ',';
}
