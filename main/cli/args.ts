// Argument parsing for the CLI (node:util parseArgs), with usage errors as data.
import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const OPTIONS = {
  'data-dir': { type: 'string' },
  connection: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  all: { type: 'boolean' },
  reason: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  port: { type: 'string' },
  status: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'client-ca': { type: 'string' },
  host: { type: 'string' },
  endpoint: { type: 'string' },
  topic: { type: 'string' },
  timeout: { type: 'string' },
  debug: { type: 'boolean' },
  period: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  date: { type: 'string' },
  mode: { type: 'string' },
} as const;

export type Flags = {
  'data-dir'?: string;
  connection?: string;
  'dry-run'?: boolean;
  json?: boolean;
  all?: boolean;
  reason?: string;
  since?: string;
  until?: string;
  format?: string;
  out?: string;
  port?: string;
  status?: string;
  cert?: string;
  key?: string;
  'client-ca'?: string;
  host?: string;
  endpoint?: string;
  topic?: string;
  timeout?: string;
  debug?: boolean;
  period?: string;
  help?: boolean;
  date?: string;
  mode?: string;
};

export function parseCli(argv: string[]): { positionals: string[]; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    return { positionals, flags: values as Flags };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** One of the allowed words, or a usage error naming them. */
export function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be ${allowed.join(' or ')}, not "${value}"`);
}

/** A calendar date (YYYY-MM-DD) or an ISO 8601 date-time that exists; anything else is a usage error. */
export function dateFlag(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?$/.exec(value);
  const [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (!m || day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`${name} must be a date like 2026-12-31 or 2026-12-31T08:00:00Z, not "${value}"`);
  }
  return value;
}

export const USAGE = `Usage: ml-connector [--data-dir DIR] <command>

Commands:
  demo [--json]                       start the simulated systems, set up the demo company, sync every demo connection
  sync [--connection ID] [--dry-run] [--json]
  held list [--connection ID] [--status held|failed] [--json]
  held replay <id> | held replay --all [--connection ID] [--json]
  held dismiss <id> --reason "why"
  held redate <id> --date YYYY-MM-DD   post a held document on another date (e.g. its period is closed); replay it next
  changes list [--connection ID] [--status open|adjusting|adjusted|accepted|all] [--json]
                                       documents changed at the source after they were posted
  changes show <id> [--json]           posted plan against the new version, the difference per account
  changes adjust <id> [--mode reverse|difference]
                                       post the adjustment (default: the connection's setting) exactly once
  changes accept <id> --reason "why"   keep the ledger as it is; nothing is posted
  mappings export [--connection ID] [--out FILE]
  mappings import <file.csv> [--connection ID]
  reference refresh|push [--connection ID]
  audit [--since DATE] [--until DATE] [--connection ID] [--format csv|json]
  reconcile --period YYYY-MM [--connection ID] [--format table|json|csv|xlsx] [--out FILE]
                                       source / posted / ERP totals of a month and every difference (read-only)
  connections list | connections test [ID]
  connections authorize <ID> [--port N] [--timeout SECONDS]
                                       Acumatica OAuth sign-in in the browser (loopback redirect on 127.0.0.1);
                                       register http://127.0.0.1:N/oauth/callback and use that fixed --port N
  config import <file.json>            connections for unattended installs; secrets from named env variables
  serve [--port N]                     the app's screens in a browser on 127.0.0.1 (the demo company on a fresh folder)
  webhooks listen --cert F --key F --client-ca F [--host H] [--port N]
                                       receive Concur events over mutual TLS; each posts its document at once
  webhooks list | subscribe <id> --endpoint URL [--topic T] | delete <id> [--connection ID]
  backup [FILE]                        a consistent copy of the database (default: <data-dir>/backups/manual-<time>.db)
  restore FILE                         replace the database with a backup (checked first; the current one is kept)

Global: --data-dir DIR (default: MLC_DATA_DIR or the per-user app-data folder); --debug prints stack traces
Exit codes: 0 ok, 1 failure, 2 usage error
Secrets are encrypted with MLC_SECRET_KEY (32 bytes, hex or base64); see README.`;
