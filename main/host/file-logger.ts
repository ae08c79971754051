// JSON-lines logger for headless hosts. Every message and field is redacted before it is written.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/ports';
import { redact } from '../core/redact';

type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createFileLogger(path: string, opts: { level?: Level; echo?: (line: string) => void } = {}): Logger {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const min = ORDER[opts.level ?? 'info'];
  const write = (level: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const line = redact(JSON.stringify({ at: new Date().toISOString(), level, msg, ...fields }));
    appendFileSync(path, line + '\n', { mode: 0o600 });
    if (ORDER[level] >= ORDER.warn) opts.echo?.(`${level}: ${redact(msg)}`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}
