// Concur data-call client: JSON calls to the token's geolocation with a bearer token; retries, refreshes
// once on 401/403, waits the documented outage time after a 503 or a timeout, notes the correlation id of
// every failing call, validates the body, and follows NextPage on the geolocation only.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ConnectorError, isConnectorError } from '../../errors';
import { looksLikeHtml, send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import type { ConcurAuth, Session } from './auth';
import { SYSTEM, dataError, protocolError } from './errors';
import { describeIssues } from './schemas';

export interface ConcurClientOptions {
  timeoutMs: number;
  /** Floor of the wait after a 503 (maintenance) or a timeout; documented as 5 minutes. */
  outageWaitMs: number;
  /** Outage waits one call may take before giving up (the next run tries again). */
  outageRetries: number;
}

const DEFAULT_OPTIONS: ConcurClientOptions = { timeoutMs: 60_000, outageWaitMs: 300_000, outageRetries: 2 };

export interface ConcurClient {
  /** GET `pathOrUrl` (a path on the geolocation, or a NextPage URL on its origin) and validate it. */
  getJson<S extends z.ZodType>(pathOrUrl: string, schema: S, what: string, headers?: Record<string, string>): Promise<z.infer<S>>;
  /**
   * POST JSON and validate the answer. Only for calls Concur documents as safe to repeat (FIS acknowledge
   * and posting confirmation answer "already acknowledged/confirmed"), so they are retried like reads.
   */
  postJson<S extends z.ZodType>(path: string, body: unknown, schema: S, what: string): Promise<z.infer<S>>;
  /**
   * A write that is NOT safe to repeat blindly (list item and vendor pushes): retried only after a 429, which
   * Concur answers before doing anything; any other failure is thrown (uncertain when it may have landed), and
   * the caller re-reads before writing again. `schema` null: the body is ignored (204 No Content).
   */
  write<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, schema: S | null, what: string): Promise<z.infer<S> | undefined>;
  /** Every item of a v3 list, following NextPage until it is null. */
  getAllPages<T>(path: string, schema: z.ZodType<{ Items?: T[] | null; NextPage?: string | null }>, what: string): Promise<T[]>;
  /** GET returning the body as text (XML answers such as Image v1), retried like a read. */
  getText(pathOrUrl: string, what: string, headers?: Record<string, string>): Promise<string>;
}

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; pathOrUrl: string; body?: string; headers?: Record<string, string> };

export function createConcurClient(ctx: AdapterContext, auth: ConcurAuth, options: Partial<ConcurClientOptions> = {}): ConcurClient {
  const opts = { ...DEFAULT_OPTIONS, ...options };

  async function once(call: Call, session: Session): Promise<{ status: number; text: string; correlationId: string | undefined }> {
    const url = resolveUrl(call.pathOrUrl, session.geolocation);
    const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}`, accept: 'application/json', 'concur-correlationid': randomUUID(), ...call.headers };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const res = await ctx.limiter.run(() => send(ctx.fetch, { system: SYSTEM, method: call.method, url, headers, body: call.body, timeoutMs: opts.timeoutMs, signal: ctx.signal }));
    return { status: res.status, text: res.text, correlationId: res.correlationId };
  }

  /**
   * One call with the current token. A refused token (401, or 403 = header present but not valid) means
   * nothing was done, so one refresh and resend is safe, for reads and writes alike. The token is fetched
   * outside the limiter slot so a refresh never waits behind its own callers.
   */
  async function authorized(c: Call): Promise<{ status: number; text: string; correlationId: string | undefined }> {
    const session = await auth.session();
    const res = await once(c, session);
    if (res.status !== 401 && res.status !== 403) return res;
    ctx.logger.info('concur: access token refused, refreshing once', { status: res.status, correlationId: res.correlationId });
    return once(c, await auth.renewAfterReject(session.accessToken));
  }

  /** An authorized call whose non-2xx answer is noted (with its correlation id) and thrown as a ConnectorError. */
  async function succeeded(c: Call, what: string): Promise<{ status: number; text: string; correlationId: string | undefined }> {
    const res = await authorized(c);
    if (res.status >= 200 && res.status < 300) return res;
    noteFailure(res.status, what, res.correlationId);
    throw dataError(res.status, what, res.text, res.correlationId);
  }

  async function call<S extends z.ZodType>(c: Call, schema: S, what: string): Promise<z.infer<S>> {
    let outages = 0;
    return withRetry(
      async () => {
        try {
          const res = await succeeded(c, what);
          return decode(res.text, schema, what, res.status, res.correlationId);
        } catch (e) {
          // 408/429/5xx are thrown by send() (other 4xx were noted above).
          if (isConnectorError(e) && (e.httpStatus === 408 || e.httpStatus === 429 || (e.httpStatus ?? 0) >= 500)) noteFailure(e.httpStatus, what, e.correlationId);
          if (!isOutage(e)) throw e;
          outages++;
          // Documented: on a timeout or a 503 (maintenance) wait 5 minutes, then retry a few times.
          if (outages > opts.outageRetries) throw rebuild(e, { retryable: false });
          ctx.logger.warn('concur: outage, waiting before the next try', { what, waitMs: opts.outageWaitMs, correlationId: e.correlationId });
          throw rebuild(e, { retryAfterMs: Math.max(e.retryAfterMs ?? 0, opts.outageWaitMs) });
        }
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  function noteFailure(status: number | undefined, what: string, correlationId: string | undefined): void {
    if (!correlationId) return;
    ctx.note({ action: 'fetch', outcome: status ? `http-${status}` : 'failed', message: `SAP Concur ${status ? `answered HTTP ${status}` : 'failed'} for ${what}`, correlationId });
  }

  const getJson = <S extends z.ZodType>(pathOrUrl: string, schema: S, what: string, headers?: Record<string, string>) => call({ method: 'GET', pathOrUrl, headers }, schema, what);
  const getText = (pathOrUrl: string, what: string, headers?: Record<string, string>) => withRetry(async () => (await succeeded({ method: 'GET', pathOrUrl, headers }, what)).text, ctx.retry, ctx.clock, ctx.signal);
  const postJson = <S extends z.ZodType>(path: string, body: unknown, schema: S, what: string) => call({ method: 'POST', pathOrUrl: path, body: JSON.stringify(body) }, schema, what);

  async function write<S extends z.ZodType>(method: 'POST' | 'PUT' | 'DELETE', path: string, body: unknown, schema: S | null, what: string): Promise<z.infer<S> | undefined> {
    const c: Call = { method, pathOrUrl: path, body: body === undefined ? undefined : JSON.stringify(body) };
    return withRetry(
      async () => {
        try {
          const res = await succeeded(c, what);
          return schema ? decode(res.text, schema, what, res.status, res.correlationId) : undefined;
        } catch (e) {
          if (isConnectorError(e) && e.code !== 'RATE_LIMITED' && e.retryable) throw rebuild(e, { retryable: false });
          throw e;
        }
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  async function getAllPages<T>(path: string, schema: z.ZodType<{ Items?: T[] | null; NextPage?: string | null }>, what: string): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let next: string | null | undefined = path;
    while (next) {
      if (seen.has(next)) throw protocolError(what, 'the next-page link points back to a page already read');
      seen.add(next);
      const page: { Items?: T[] | null; NextPage?: string | null } = await getJson(next, schema, what);
      out.push(...(page.Items ?? []));
      next = page.NextPage || null;
    }
    return out;
  }

  return { getJson, postJson, write, getAllPages, getText };
}

/** A 503 (maintenance) or a timeout: the documented answer is a long wait, not a quick retry. */
export function isOutage(e: unknown): e is ConnectorError {
  return isConnectorError(e) && ((e.code === 'UNAVAILABLE' && e.httpStatus === 503) || e.code === 'TIMEOUT');
}

function rebuild(e: ConnectorError, change: { retryable?: boolean; retryAfterMs?: number }): ConnectorError {
  return new ConnectorError(e.code, e.message, {
    system: e.system,
    httpStatus: e.httpStatus,
    correlationId: e.correlationId,
    retryable: change.retryable ?? e.retryable,
    retryAfterMs: change.retryAfterMs ?? e.retryAfterMs,
    uncertain: e.uncertain,
    details: e.details,
    cause: e,
  });
}

/**
 * Paths resolve against the geolocation. An absolute link (NextPage, FIS rel=next) on another origin — v3
 * examples still print legacy hosts such as www.concursolutions.com — keeps its path and query but is sent
 * to the geolocation: every API call goes to the token's geolocation and the token never leaves it.
 */
export function resolveUrl(pathOrUrl: string, geolocation: string): string {
  const base = new URL(geolocation);
  let url: URL;
  try {
    url = new URL(pathOrUrl, base);
  } catch {
    throw protocolError('a next-page link', 'it is not a URL');
  }
  if (url.origin === base.origin) return url.toString();
  return new URL(`${url.pathname}${url.search}`, base).toString();
}

function decode<S extends z.ZodType>(text: string, schema: S, what: string, status: number, correlationId: string | undefined): z.infer<S> {
  if (looksLikeHtml(text)) throw protocolError(what, 'an HTML page instead of JSON (a proxy or login page is in the way?)', status, correlationId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw protocolError(what, text.trim() === '' ? 'an empty body instead of JSON' : 'malformed JSON', status, correlationId);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw protocolError(what, `unexpected shape (${describeIssues(parsed.error)})`, status, correlationId);
  return parsed.data;
}
