// Transport to NetSuite's REST services: every call signed (bearer token or TBA), throttled by the
// connection's limiter and the account's concurrency share, a 401 answered by renewing the token once,
// reads retried with backoff (Retry-After honoured), writes sent once. SuiteQL is read page by page to the end,
// by offsets inside NetSuite's window or by keyset (id order) for tables of any size.
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError, isConnectorError } from '../../errors';
import { looksLikeHtml, parseRetryAfter, send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { restBase } from './account';
import { accountLimiter } from './account-limiter';
import { createAuthorizer, type Authorizer } from './auth';
import { keysetPages, type SuiteqlRows } from './keyset';
import { concurrencyError, errorBodyOf, htmlPageError, isConcurrencyRefusal, refusedError, signInError } from './errors';
import { NETSUITE_SYSTEM, suiteqlPageSchema, type NetSuiteErrorBody, type SuiteqlPage } from './schemas';

/** NetSuite answers at most 100,000 rows, in at most 1,000 pages, per SuiteQL query through REST. */
export const SUITEQL_MAX_ROWS = 100_000;
export const SUITEQL_MAX_PAGES = 1_000;

export interface RestCall {
  method: 'GET' | 'POST' | 'PUT';
  /** Below the REST base, e.g. `/record/v1/journalEntry/eid:K`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Writes are sent once and may end uncertain; reads are retried and never uncertain. */
  write: boolean;
  prefer?: string;
}

export interface RestAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The error body of a 3xx/4xx answer, when it is one. */
  error: NetSuiteErrorBody | null;
}

export interface NetSuiteClient {
  readonly base: string;
  readonly auth: Authorizer;
  call(c: RestCall): Promise<RestAnswer>;
  /** Every row of a SuiteQL query (give it a unique ORDER BY), page by page, within the offset window. */
  suiteql(q: string): AsyncGenerator<SuiteqlRows>;
  /** Every row of a table of any size: `query(lastId)` must select `WHERE id > lastId ORDER BY id` (no WHERE for null). */
  suiteqlByKeyset(query: (afterId: string | null) => string): AsyncGenerator<SuiteqlRows>;
}

/** A read that failed in transport changed nothing: drop the `uncertain` that POST (SuiteQL) carries. */
function asRead(e: unknown): unknown {
  if (!isConnectorError(e) || !e.uncertain) return e;
  return new ConnectorError(e.code, e.message, { system: e.system, httpStatus: e.httpStatus, correlationId: e.correlationId, retryable: e.retryable, retryAfterMs: e.retryAfterMs, details: e.details, cause: e });
}

export function createNetSuiteClient(settings: NetSuiteTargetSettings, ctx: AdapterContext): NetSuiteClient {
  const base = restBase(settings);
  const account = accountLimiter(base, settings.concurrencyLimit);
  const throttle = <T>(fn: () => Promise<T>) => ctx.limiter.run(() => account.run(fn));
  const auth = createAuthorizer(settings, ctx, throttle);

  async function once(c: RestCall, url: string): Promise<RestAnswer> {
    // Signed before taking a slot: minting a token takes a slot of its own.
    const headers: Record<string, string> = { authorization: await auth.header(c.method, url), accept: 'application/json' };
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    if (c.prefer) headers.prefer = c.prefer;
    let res;
    try {
      res = await throttle(() => send(ctx.fetch, { system: NETSUITE_SYSTEM, method: c.method, url, headers, body: c.body === undefined ? undefined : JSON.stringify(c.body), timeoutMs: settings.requestTimeoutMs, signal: ctx.signal }));
    } catch (e) {
      throw c.write ? e : asRead(e);
    }
    if (looksLikeHtml(res.text)) throw htmlPageError(res.status, c.write && res.status < 300);
    const error = res.status >= 300 ? errorBodyOf(res.text) : null;
    if (res.status >= 400 && isConcurrencyRefusal(error)) throw concurrencyError(res.status, error!, parseRetryAfter(res.headers.get('retry-after'), ctx.clock.now()));
    return { status: res.status, headers: res.headers, text: res.text, error };
  }

  async function signedCall(c: RestCall): Promise<RestAnswer> {
    const qs = c.query ? `?${new URLSearchParams(c.query).toString()}` : '';
    const url = `${base}${c.path}${qs}`;
    for (let attempt = 1; ; attempt++) {
      const a = await once(c, url);
      if (a.status !== 401 && a.status !== 403) return a;
      // A refused sign-in ran nothing, so even a write may be sent again with a new token.
      if (a.status === 401 && attempt === 1 && (await auth.reset())) {
        ctx.note({ action: 'auth', outcome: 'token_refused', message: 'NetSuite refused the access token; requesting a new one' });
        continue;
      }
      throw signInError(a.status, a.error, auth.who);
    }
  }

  const call = (c: RestCall) => (c.write ? signedCall(c) : withRetry(() => signedCall(c), ctx.retry, ctx.clock, ctx.signal));

  async function page(q: string, limit: number, offset: number): Promise<SuiteqlPage> {
    const a = await call({ method: 'POST', path: '/query/v1/suiteql', query: { limit: String(limit), offset: String(offset) }, body: { q }, prefer: 'transient', write: false });
    if (a.status !== 200) throw refusedError(`the SuiteQL query "${q}"`, a.status, a.error, a.text);
    try {
      return suiteqlPageSchema.parse(JSON.parse(a.text));
    } catch {
      throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite answered the SuiteQL query "${q}" with something that is not a result page`, { system: NETSUITE_SYSTEM, retryable: false });
    }
  }

  async function* suiteql(q: string): AsyncGenerator<SuiteqlRows> {
    const limit = settings.pageSize;
    const windowRows = Math.min(SUITEQL_MAX_ROWS, SUITEQL_MAX_PAGES * limit);
    for (let offset = 0; ; offset += limit) {
      if (offset >= windowRows) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite holds more than ${windowRows} rows for "${q}", the most SuiteQL answers by offset`, { system: NETSUITE_SYSTEM, retryable: false });
      const p = await page(q, limit, offset);
      if (p.items.length) yield p.items;
      if (!p.hasMore) return;
      if (p.items.length === 0) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite said more rows follow for "${q}" but sent an empty page at offset ${offset}`, { system: NETSUITE_SYSTEM, retryable: false });
    }
  }

  const suiteqlByKeyset = (query: (afterId: string | null) => string) => keysetPages((q) => page(q, settings.pageSize, 0), query, settings.pageSize);

  return { base, auth, call, suiteql, suiteqlByKeyset };
}
