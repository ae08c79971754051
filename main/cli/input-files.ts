// Files the CLI reads on the user's behalf (mapping CSV, config JSON, certificates): every failure becomes a
// one-line CliError naming the file and what is wrong, never a stack trace.
import { readFileSync, statSync } from 'node:fs';
import { decodeTextFile } from '../core/engine/csv-safe';
import { CliError } from './call';

/** Larger inputs are refused before they are read: a mapping CSV or config is kilobytes, not gigabytes. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function fail(what: string, path: string, why: string): never {
  throw new CliError({ code: 'BAD_REQUEST', message: `Cannot read the ${what} "${path}": ${why}`, retryable: false });
}

export function readInputBytes(path: string, what: string): Buffer {
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail(what, path, REASONS.EISDIR!);
    if (st.size > MAX_INPUT_BYTES) fail(what, path, `it is ${Math.round(st.size / 1024 / 1024)} MB, more than the ${MAX_INPUT_BYTES / 1024 / 1024} MB allowed`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? '';
    return fail(what, path, REASONS[code] ?? (e as Error).message);
  }
}

/** A text file in UTF-8 or UTF-16 (Excel's "Unicode text"), BOM removed by the decoder. */
export function readInputText(path: string, what: string): string {
  return decodeTextFile(readInputBytes(path, what));
}

/** A PEM file (certificate, key, CA chain): refused when it holds no PEM block at all. */
export function readPem(path: string, what: string): string {
  const text = readInputBytes(path, what).toString('utf8');
  if (!/-----BEGIN [A-Z0-9 ]+-----[\s\S]+?-----END [A-Z0-9 ]+-----/.test(text)) fail(what, path, 'it is not a PEM file (expected "-----BEGIN …-----")');
  return text;
}
