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
