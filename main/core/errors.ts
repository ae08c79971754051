// ConnectorError: the one error type the core throws for expected failures; bugs stay plain Errors.
import type { ErrorCode, ErrorPayload } from '../../shared/errors';
import { redact } from './redact';

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'UNAVAILABLE', 'NETWORK', 'TIMEOUT', 'AUTH_EXPIRED']);

export interface ConnectorErrorOptions {
  system?: string;
  httpStatus?: number;
  correlationId?: string;
  retryable?: boolean;
  /** Milliseconds the remote asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** True when the request may have reached the remote and been applied (timeout, dropped response). */
  uncertain?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly code: ErrorCode;
  readonly system: string | undefined;
  readonly httpStatus: number | undefined;
  readonly correlationId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly uncertain: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, opts: ConnectorErrorOptions = {}) {
    super(redact(message), { cause: opts.cause });
    this.name = 'ConnectorError';
    this.code = code;
    this.system = opts.system;
    this.httpStatus = opts.httpStatus;
    this.correlationId = opts.correlationId;
    this.retryable = opts.retryable ?? RETRYABLE.has(code);
    this.retryAfterMs = opts.retryAfterMs;
    this.uncertain = opts.uncertain ?? false;
    this.details = opts.details;
  }

  toPayload(): ErrorPayload {
    const p: ErrorPayload = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.system) p.system = this.system;
    if (this.httpStatus !== undefined) p.httpStatus = this.httpStatus;
    if (this.correlationId) p.correlationId = this.correlationId;
    if (this.details) p.details = this.details;
    return p;
  }
}

export const isConnectorError = (e: unknown): e is ConnectorError => e instanceof ConnectorError;

/** Any thrown value as a payload; unknown errors become INTERNAL with a redacted message. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isConnectorError(e)) return e.toPayload();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: redact(`Unexpected error: ${message}`), retryable: false };
}

const STORE_DAMAGE = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FULL|READONLY)/;

/**
 * A damaged, foreign or unwritable database file met by a query (not at open) as a ConnectorError with a plain
 * message, so every host reports it as one line instead of an unexpected error; null for anything else.
 */
export function storeFailure(e: unknown): ConnectorError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (!(e instanceof Error) || typeof code !== 'string' || !STORE_DAMAGE.test(code)) return null;
  const what = /^SQLITE_(FULL|READONLY|CANTOPEN)/.test(code) ? 'cannot be written' : 'is damaged';
  return new ConnectorError('INTERNAL', `The local database ${what} (${code}: ${e.message}). Restore a backup or move the data folder aside.`, { retryable: false, cause: e });
}
