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

// Windows-1252 differs from Latin-1 only at 0x80-0x9F (€ ‚ ƒ „ … ’ œ –…); Node 20's TextDecoder('windows-1252')
// decodes as Latin-1, so those are mapped here. The five unassigned bytes stay as their C1 code point (WHATWG).
const CP1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Bytes of a text file as a string: UTF-8 (with or without BOM) or UTF-16 LE/BE with its BOM — Excel's
 * "Unicode text" — and BOM-less UTF-16 LE recognised by its zero high bytes. Bytes that are not UTF-8 are
 * the PC's ANSI code page, Windows-1252 in Western Europe (Excel's plain "CSV"), as the app's import reads them.
 */
export function decodeTextFile(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  // swap16 throws on an odd length: a stray last byte is dropped, as the LE decoder above does.
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2, b.length - (b.length % 2))).swap16().toString('utf16le');
  if (b.length >= 4 && b.length % 2 === 0 && looksUtf16le(b)) return b.toString('utf16le');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    // Not UTF-8: decoding it as UTF-8 would turn every accent into U+FFFD and no source code would match.
    return b.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
  }
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
