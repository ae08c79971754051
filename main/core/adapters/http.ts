// One HTTP call with a timeout, classified into ConnectorErrors (429/5xx/timeouts/HTML pages).
import type { HttpFetch } from '../ports';
import { ConnectorError, isConnectorError } from '../errors';
import { AnswerTooLarge, readCappedText } from './http-body';
import { redact } from '../redact';

export interface HttpRequest {
  system: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Text, or bytes for file uploads (receipts). */
  body?: string | Uint8Array;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * A 5xx whose body this accepts is returned instead of thrown: SOAP 1.1 delivers Faults with HTTP 500,
   * and the Fault's text says what went wrong far better than "unavailable".
   */
  readServerErrorBody?: (text: string) => boolean;
  /** Largest answer accepted, in bytes (decompressed); default by content type (http-body.ts ANSWER_CAPS). */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  correlationId: string | undefined;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now.getTime());
}

const CORRELATION_HEADERS = ['concur-correlationid', 'x-correlation-id', 'x-request-id'];

/**
 * Sends the request and returns the response for 2xx-4xx (except 408/429). Throws ConnectorError for
 * 408/429 (RATE_LIMITED/TIMEOUT), 5xx (UNAVAILABLE) and transport failures. A failure after the
 * request may have reached the server is marked `uncertain` unless the method is a read.
 * `readServerErrorBody` lets a protocol keep 5xx answers it understands (SOAP Faults).
 */
export async function send(fetchImpl: HttpFetch, req: HttpRequest): Promise<HttpResponse> {
  const budgetReason: unknown = req.signal?.aborted ? req.signal.reason : undefined;
  // The run's budget is already spent: nothing is sent, so nothing is uncertain.
  if (isConnectorError(budgetReason)) throw new ConnectorError(budgetReason.code, budgetReason.message, { system: req.system, retryable: budgetReason.retryable });
  const timeout = AbortSignal.timeout(req.timeoutMs ?? 60_000);
  const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
  const isRead = req.method === 'GET';
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body, signal, redirect: 'manual' });
    text = await readCappedText(res, req.system, req.maxBytes, !isRead);
  } catch (e) {
    if (e instanceof AnswerTooLarge) throw e;
    if (req.signal?.aborted) {
      // The run's time budget (a ConnectorError reason) ends the call; a plain cancellation passes through.
      const reason: unknown = req.signal.reason;
      if (isConnectorError(reason)) throw new ConnectorError(reason.code, reason.message, { system: req.system, retryable: reason.retryable, uncertain: !isRead, cause: e });
      throw e;
    }
    const timedOut = timeout.aborted;
    throw new ConnectorError(
      timedOut ? 'TIMEOUT' : 'NETWORK',
      timedOut ? `${req.system} did not answer within ${duration(req.timeoutMs ?? 60_000)} (the request time budget, requestTimeoutMs)` : `Could not reach ${req.system} at ${safeOrigin(req.url)}: ${causeText(e)}`,
      { system: req.system, uncertain: !isRead, cause: e },
    );
  }
  const correlationId = CORRELATION_HEADERS.map((h) => res.headers.get(h)).find((v): v is string => !!v);
  const base = { system: req.system, httpStatus: res.status, correlationId };
  if (res.status === 429) {
    throw new ConnectorError('RATE_LIMITED', `${req.system} is rate limiting requests (HTTP 429)`, { ...base, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) });
  }
  if (res.status === 408) throw new ConnectorError('TIMEOUT', `${req.system} timed out the request (HTTP 408)`, { ...base, uncertain: !isRead });
  if (res.status >= 500 && !req.readServerErrorBody?.(text)) {
    throw new ConnectorError('UNAVAILABLE', `${req.system} answered HTTP ${res.status}${snippet(text)}`, {
      ...base,
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      uncertain: !isRead,
    });
  }
  if (res.status >= 300 && res.status < 400) {
    throw new ConnectorError('CONFIG_INVALID', `${req.system} redirected to ${res.headers.get('location') ?? 'another address'}: check the server URL`, { ...base, retryable: false });
  }
  return { status: res.status, headers: res.headers, text, correlationId };
}

/** The body as JSON, or null when it is not JSON: callers classify what they got instead of catching. */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** True when a body looks like an HTML page (login page, proxy error) rather than the API's format. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

export function snippet(text: string, max = 200): string {
  const t = text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return t ? `: ${redact(t.length > max ? `${t.slice(0, max)}…` : t)}` : '';
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an invalid URL';
  }
}

function causeText(e: unknown): string {
  const c = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = (c as { code?: string } | null)?.code;
  return code ?? (c instanceof Error ? c.message : String(c));
}
