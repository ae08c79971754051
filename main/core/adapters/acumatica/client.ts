// Transport to the contract-based REST API: every call through the connection's limiter and our own cap
// on requests in flight, signed in by cookie session or OAuth token (a 401 renews once and resends: a
// refused request did nothing), reads retried with backoff, writes sent once, answers parsed as JSON.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError, isConnectorError } from '../../errors';
import { Limiter } from '../limiter';
import { looksLikeHtml, send, type HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { createCookieAuth, siteBase, type AcumaticaAuth, type Transport } from './auth';
import { createOAuth } from './oauth';
import { endpointMissingError, htmlPageError, statusError } from './errors';
import { ACUMATICA_SYSTEM, acuEntityListSchema, acuEntitySchema, discoverySchema, type AcuEntity, type Discovery } from './schemas';
import { queryString } from './to-remote';

export interface WriteAnswer {
  status: number;
  /** The entity the server sent back (saved record, or the 422 echo with errors); null when none. */
  entity: AcuEntity | null;
  text: string;
  location: string | null;
}

export interface AcumaticaClient {
  readonly auth: AcumaticaAuth;
  /** https://host/Instance/entity/<name>/<version> */
  readonly endpointUrl: string;
  /** Keeps one signed-in session for several calls; the cookie session is closed when the last holder is done. */
  withSession<T>(fn: () => Promise<T>): Promise<T>;
  /** GET of an entity list, retried on 429/5xx/network. */
  list(entity: string, query: Record<string, string | number | undefined>): Promise<AcuEntity[]>;
  /**
   * PUT (create only: If-None-Match: *), sent once: 200, 412 (a record matching the URL's `$filter` or the body's
   * keys exists) and 422 come back as answers, anything unclear is thrown `uncertain`.
   */
  put(entity: string, body: AcuEntity, query?: Record<string, string>): Promise<WriteAnswer>;
  /** POST of an action (e.g. Bill/ReleaseBill), sent once. */
  action(entity: string, action: string, body: unknown): Promise<WriteAnswer>;
  /** GET of an absolute or site-relative URL on the instance (an action's Location); its HTTP status, errors included. */
  poll(location: string): Promise<number>;
  /** GET /entity: the ERP version and the endpoints this instance offers. */
  discover(): Promise<Discovery>;
  /** GET of one record by its key path (e.g. "Bill/Bill/000123") with query options; null on 404. Retried like a read. */
  getRecord(keyPath: string, query: Record<string, string>): Promise<AcuEntity | null>;
  /** PUT of a file's bytes to <record>/files/<name>, sent once; the HTTP status and text come back. */
  putFile(keyPath: string, fileName: string, bytes: Uint8Array, mime: string): Promise<{ status: number; text: string }>;
}

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

function parseJson(res: HttpResponse, write: boolean): unknown {
  const ok = res.status < 300;
  if (looksLikeHtml(res.text)) throw htmlPageError(write && ok);
  try {
    return JSON.parse(res.text);
  } catch {
    throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered HTTP ${res.status} with something that is not JSON`, { system: ACUMATICA_SYSTEM, httpStatus: res.status, retryable: false, uncertain: write && ok });
  }
}

export function createAcumaticaClient(settings: AcumaticaTargetSettings, ctx: AdapterContext): AcumaticaClient {
  const base = siteBase(settings);
  const endpointUrl = `${base}/entity/${encodeURIComponent(settings.endpointName)}/${encodeURIComponent(settings.endpointVersion)}`;
  const endpointName = `${settings.endpointName}/${settings.endpointVersion}`;
  const own = new Limiter(settings.maxConcurrentRequests);
  const transport: Transport = (req) =>
    ctx.limiter.run(() => own.run(() => send(ctx.fetch, { system: ACUMATICA_SYSTEM, ...req, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal })));
  const auth: AcumaticaAuth = settings.auth === 'cookie' ? createCookieAuth(settings, ctx, transport) : createOAuth(settings, ctx, transport);

  /** One call with credentials; a 401 renews them once and resends. */
  async function call(method: 'GET' | 'PUT' | 'POST', url: string, body?: string | Uint8Array, extra: Record<string, string> = {}, readServerErrorBody?: (text: string) => boolean): Promise<HttpResponse> {
    let lease = await auth.acquire();
    try {
      for (let attempt = 1; ; attempt++) {
        const res = await transport({ method, url, headers: { ...JSON_HEADERS, ...extra, ...lease.headers }, body, ...(readServerErrorBody ? { readServerErrorBody } : {}) });
        if (res.status !== 401 || attempt > 1) return res;
        lease = await auth.renew(lease);
      }
    } finally {
      await auth.release();
    }
  }

  async function discover(): Promise<Discovery> {
    const res = await withRetry(() => call('GET', `${base}/entity`), ctx.retry, ctx.clock, ctx.signal);
    if (res.status >= 300) throw statusError(res.status, res.text, 'to list its endpoints (GET /entity)');
    const parsed = discoverySchema.safeParse(parseJson(res, false));
    if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', 'Acumatica answered GET /entity without an endpoint list', { system: ACUMATICA_SYSTEM, retryable: false });
    return parsed.data;
  }

  /** A 404 on an entity path: say which endpoints exist instead (best effort). */
  async function missingEndpoint(): Promise<ConnectorError> {
    const offered = await discover().then(
      (d) => d.endpoints.map((e) => `${e.name}/${e.version}`),
      () => [],
    );
    return endpointMissingError(endpointName, offered);
  }

  async function write(method: 'PUT' | 'POST', url: string, body: string, what: string, extra: Record<string, string> = {}): Promise<WriteAnswer> {
    const res = await call(method, url, body, extra);
    const location = res.headers.get('location');
    if (res.status === 404) throw await missingEndpoint();
    if (res.status === 401 || res.status === 403) throw statusError(res.status, res.text, what);
    // An insert-only PUT refused because the record is there: a definite answer, not an error.
    if (res.status === 412 && method === 'PUT') return { status: 412, entity: null, text: res.text, location };
    if (res.status === 412) throw new ConnectorError('DUPLICATE', `Acumatica says the record to ${what} exists already (HTTP 412); looking it up before anything else`, { system: ACUMATICA_SYSTEM, httpStatus: 412, retryable: true, uncertain: true });
    if (res.status === 202 || res.status === 204 || (res.status < 300 && !res.text.trim())) return { status: res.status, entity: null, text: res.text, location };
    if (res.status < 300 || res.status === 422) {
      const parsed = acuEntitySchema.safeParse(parseJson(res, true));
      if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered HTTP ${res.status} to ${what} without an entity`, { system: ACUMATICA_SYSTEM, httpStatus: res.status, retryable: false, uncertain: res.status < 300 });
      return { status: res.status, entity: parsed.data, text: res.text, location };
    }
    if (looksLikeHtml(res.text)) throw htmlPageError(false);
    return { status: res.status, entity: null, text: res.text, location };
  }

  return {
    auth,
    endpointUrl,
    async withSession(fn) {
      await auth.acquire();
      try {
        return await fn();
      } finally {
        await auth.release();
      }
    },
    async list(entity, query) {
      const url = `${endpointUrl}/${entity}${queryString(query)}`;
      const res = await withRetry(() => call('GET', url), ctx.retry, ctx.clock, ctx.signal);
      if (res.status === 404) throw await missingEndpoint();
      if (res.status >= 300) throw statusError(res.status, res.text, `to list ${entity} records`);
      const parsed = acuEntityListSchema.safeParse(parseJson(res, false));
      if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered the ${entity} list with something other than an array of records`, { system: ACUMATICA_SYSTEM, retryable: false });
      return parsed.data;
    },
    put(entity, body, query = {}) {
      // If-None-Match: * = insert only; a PUT never updates a record we did not create in this call.
      return write('PUT', `${endpointUrl}/${entity}${queryString(query)}`, JSON.stringify(body), `create a ${entity}`, { 'if-none-match': '*' });
    },
    action(entity, action, body) {
      return write('POST', `${endpointUrl}/${entity}/${action}`, JSON.stringify(body), `run ${entity}/${action}`);
    },
    async poll(location) {
      const url = new URL(location, `${base}/`);
      // Credentials only ever go to the instance itself.
      if (url.origin !== new URL(base).origin) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica pointed an action's status at another host (${url.origin})`, { system: ACUMATICA_SYSTEM, retryable: false });
      // The status as it is, errors included: the release loop decides what a 5xx or 429 means.
      try {
        return (await call('GET', url.toString())).status;
      } catch (e) {
        if (isConnectorError(e) && e.httpStatus) return e.httpStatus;
        throw e;
      }
    },
    discover,
    async getRecord(keyPath, query) {
      const res = await withRetry(() => call('GET', `${endpointUrl}/${keyPath}${queryString(query)}`), ctx.retry, ctx.clock, ctx.signal);
      if (res.status === 404) return null;
      if (res.status >= 300) throw statusError(res.status, res.text, `to read ${keyPath}`);
      const parsed = acuEntitySchema.safeParse(parseJson(res, false));
      if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered ${keyPath} without a record`, { system: ACUMATICA_SYSTEM, retryable: false });
      return parsed.data;
    },
    async putFile(keyPath, fileName, bytes, mime) {
      // A file Acumatica refuses (size, type) comes back as HTTP 500 with a PXException: a definite answer, kept.
      const refusal = (text: string) => /"exceptionType"\s*:\s*"PX\.Data\.PXException"/.test(text);
      const res = await call('PUT', `${endpointUrl}/${keyPath}/files/${encodeURIComponent(fileName)}`, bytes, { 'content-type': mime }, refusal);
      return { status: res.status, text: res.text };
    },
  };
}
