// The CLI's one error path: every command's failure becomes an exit code and one line on stderr
// (2 for usage, 1 for anything else); the stack only with --debug. No command prints "Unexpected error".
import { isConnectorError } from '../core/errors';
import { redact } from '../core/redact';
import { UsageError } from './args';
import { CliError } from './call';

export interface Reported {
  exitCode: 1 | 2;
  lines: string[];
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EBUSY: 'the file is in use',
};

/** SQLite's own codes for a damaged or foreign file: the store integrity check has the way out. */
const SQLITE_DAMAGE = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FULL|READONLY)/;

function oneLine(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim()) ?? text;
  return redact(first.trim());
}

export function describeCliError(e: unknown, debug: boolean, usageHint: string): Reported {
  const stack = debug && e instanceof Error && e.stack ? [redact(e.stack)] : [];
  if (e instanceof UsageError) return { exitCode: 2, lines: [`Usage error: ${oneLine(e.message)}`, usageHint] };
  if (e instanceof CliError) return { exitCode: 1, lines: [`Error (${e.payload.code}): ${oneLine(e.payload.message)}`, ...stack] };
  if (isConnectorError(e)) return { exitCode: 1, lines: [`Error (${e.code}): ${oneLine(e.message)}`, ...stack] };
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FS_REASONS[code]) {
    const path = (e as { path?: string }).path;
    return { exitCode: 1, lines: [`Error (${code}): cannot use ${path ? `"${path}"` : 'a file'}: ${FS_REASONS[code]}`, ...stack] };
  }
  if (typeof code === 'string' && SQLITE_DAMAGE.test(code)) {
    return { exitCode: 1, lines: [`Error (STORE_DAMAGED): the local database cannot be read (${code}): ${oneLine((e as Error).message)}. Restore a backup or move the data folder aside.`, ...stack] };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { exitCode: 1, lines: [`Error (INTERNAL): ${oneLine(message)}${debug ? '' : ' (run again with --debug for details)'}`, ...stack] };
}
