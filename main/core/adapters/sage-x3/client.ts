// Transport to one Syracuse server: SOAP CAdxWebServiceXmlCC calls, api1 JSON GETs and GraphQL POSTs, each
// through the limiter and `send`. Reads retry with backoff; a save is sent exactly once (the outbox
// decides). A 401 on a bearer token renews it and repeats the call once: X3 ran nothing, so even a save may.
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError, isConnectorError } from '../../errors';
import { looksLikeHtml, send, type HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { createGraphqlAuth, createPostingAuth, type X3Auth } from './auth';
import { buildSoapRequest, parseSoapResponse, type X3Operation, type X3RequestArgs } from './envelope';
import { configFailure, faultError, graphqlErrors, htmlPageError, httpStatusError, refineSendError } from './errors';
import { GRAPHQL_PATH, graphqlResponseSchema, SOAP_PATH, X3_SYSTEM, type X3Result } from './schemas';

export interface X3Client {
  readonly baseUrl: string;
  /** One SOAP call. `write` = save: never retried, transport failures are uncertain. */
  soap(op: X3Operation, publicName: string, args: X3RequestArgs, write: boolean): Promise<X3Result>;
  /** One api1 GET with retries; `url` must be on the configured server. */
  getJson(url: string): Promise<unknown>;
  listUrl(resourceClass: string, representation: string): string;
  /** A bare GET on the server root (reachability only; any HTTP answer counts). */
  ping(): Promise<number>;
  /** One GraphQL query (reads only, retried); returns `data`. */
  graphql(query: string, variables: Record<string, unknown>, what: string): Promise<unknown>;
  readonly graphqlUrl: string;
}

/** Reads are never uncertain, even over POST (a SOAP query changes nothing). */
function asRead(e: unknown): unknown {
  if (!isConnectorError(e) || !e.uncertain) return e;
  return new ConnectorError(e.code, e.message, { system: e.system, httpStatus: e.httpStatus, correlationId: e.correlationId, retryable: e.retryable, retryAfterMs: e.retryAfterMs, details: e.details, cause: e });
}

export function createX3Client(settings: SageX3TargetSettings, ctx: AdapterContext): X3Client {
  const baseUrl = settings.serverUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  // Built on first use, so incomplete auth settings surface as a clear error of that call (or test step).
  let postingAuth: X3Auth | null = null;
  const auth = (): X3Auth => (postingAuth ??= createPostingAuth(settings, ctx));
  let gqlAuth: X3Auth | null = null;
  const graphqlUrl = settings.graphqlUrl.trim() || baseUrl + GRAPHQL_PATH;
  const timeoutMs = settings.requestTimeoutMs;

  /**
   * `graphqlBody`: a 400 is handed back (GraphQL servers may answer validation errors with 400 + `errors`).
   * `soapFault`: a 500 carrying a SOAP Fault is handed back (SOAP 1.1 sends Faults with HTTP 500).
   */
  async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body: string | undefined, what: string, via: X3Auth = auth(), graphqlBody = false, soapFault = false): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const authorization = await via.header();
      const res = await ctx.limiter.run(() =>
        send(ctx.fetch, { system: X3_SYSTEM, method, url, headers: { ...headers, authorization }, body, timeoutMs, signal: ctx.signal, ...(soapFault ? { readServerErrorBody: isSoapFault } : {}) }),
      );
      if (res.status === 401 && (await via.rejected(authorization)) && attempt === 1) {
        ctx.note({ action: 'auth', outcome: 'renewed_after_401', message: `Sage X3 refused the ${via.kind} token for the ${what}; obtained a new one and repeated the call once` });
        continue;
      }
      if (res.status >= 400 && !(graphqlBody && res.status === 400) && !(soapFault && res.status >= 500)) throw httpStatusError(res.status, res.text, what, settings.username, res.correlationId, via.kind);
      return res;
    }
  }

  async function graphql(query: string, variables: Record<string, unknown>, what: string): Promise<unknown> {
    gqlAuth ??= createGraphqlAuth(settings, ctx, settings.authMode === 'connectedApp' ? auth() : null);
    const via = gqlAuth;
    // Self-hosted Syracuse routes by endpoint header; the X3 Services URL already names the folder.
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', ...(via.kind === 'x3Services' ? {} : { 'x-xtrem-endpoint': settings.folder }) };
    return withRetry(
      async () => {
        const res = await call('POST', graphqlUrl, headers, JSON.stringify({ query, variables }), `GraphQL ${what} query`, via, true).catch((e: unknown) => {
          throw asRead(e);
        });
        const refused = () => httpStatusError(res.status, res.text, `GraphQL ${what} query`, settings.username, res.correlationId, via.kind);
        if (looksLikeHtml(res.text)) throw res.status === 400 ? refused() : htmlPageError('GraphQL request', false);
        let json: unknown;
        try {
          json = JSON.parse(res.text);
        } catch {
          if (res.status === 400) throw refused();
          throw new ConnectorError('REMOTE_PROTOCOL', 'Sage X3 GraphQL answered with something other than JSON: check the GraphQL URL', { system: X3_SYSTEM, retryable: false });
        }
        const parsed = graphqlResponseSchema.safeParse(json);
        if (res.status === 400 && !parsed.data?.errors?.length) throw refused();
        if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', 'Sage X3 GraphQL answered without data or errors: check the GraphQL URL', { system: X3_SYSTEM, retryable: false });
        if (parsed.data.errors?.length) throw graphqlErrors(parsed.data.errors.map((e) => e.message), what);
        if (parsed.data.data === undefined || parsed.data.data === null) throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL answered the ${what} query without data`, { system: X3_SYSTEM, retryable: false });
        return parsed.data.data;
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  async function soap(op: X3Operation, publicName: string, args: X3RequestArgs, write: boolean): Promise<X3Result> {
    const body = buildSoapRequest(op, { codeLang: settings.language, poolAlias: settings.poolAlias, poolId: '', requestConfig: 'adxwss.optreturn=XML' }, publicName, args);
    const what = 'SOAP web service';
    const once = async (): Promise<X3Result> => {
      let res: HttpResponse;
      try {
        res = await call('POST', baseUrl + SOAP_PATH, { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', accept: 'text/xml' }, body, what, auth(), false, true);
      } catch (e) {
        const refined = refineSendError(e, settings.poolAlias);
        throw write ? refined : asRead(refined);
      }
      // An HTML page after a save may come from a proxy that did forward it: keep it uncertain.
      if (looksLikeHtml(res.text)) throw htmlPageError(what, write);
      let answer;
      try {
        answer = parseSoapResponse(res.text, op);
      } catch (e) {
        // A 2xx we cannot read after a save: X3 may have committed it.
        if (write && isConnectorError(e)) throw new ConnectorError(e.code, e.message, { system: X3_SYSTEM, retryable: false, uncertain: true, cause: e });
        throw e;
      }
      if (answer.kind === 'fault') throw faultError(answer.message, settings.poolAlias, write);
      if (answer.result.status !== 1) {
        const config = configFailure(answer.result.messages, publicName, settings.poolAlias);
        if (config) throw config;
      }
      return answer.result;
    };
    return write ? once() : withRetry(once, ctx.retry, ctx.clock, ctx.signal);
  }

  async function getJson(url: string): Promise<unknown> {
    if (new URL(url, baseUrl).origin !== origin) {
      throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 sent a paging link to another server (${new URL(url, baseUrl).origin}); it was not followed`, { system: X3_SYSTEM, retryable: false });
    }
    const what = 'REST api1 request';
    return withRetry(
      async () => {
        let res: HttpResponse;
        try {
          res = await call('GET', new URL(url, baseUrl).toString(), { accept: 'application/json' }, undefined, what);
        } catch (e) {
          throw refineSendError(e, settings.poolAlias);
        }
        if (looksLikeHtml(res.text)) throw htmlPageError(what, false);
        try {
          return JSON.parse(res.text) as unknown;
        } catch {
          throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 api1 answered with something other than JSON: check the server URL`, { system: X3_SYSTEM, retryable: false });
        }
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  return {
    baseUrl,
    graphqlUrl,
    soap,
    getJson,
    graphql,
    listUrl: (resourceClass, representation) =>
      `${baseUrl}/api1/x3/erp/${encodeURIComponent(settings.folder)}/${encodeURIComponent(resourceClass)}?representation=${encodeURIComponent(representation)}.$query&count=${settings.pageSize}`,
    async ping() {
      const res = await ctx.limiter.run(() => send(ctx.fetch, { system: X3_SYSTEM, method: 'GET', url: `${baseUrl}/`, timeoutMs: Math.min(timeoutMs, 15_000), signal: ctx.signal }));
      return res.status;
    },
  };
}

/** A SOAP 1.1 Fault element in any namespace prefix. */
function isSoapFault(text: string): boolean {
  return /<(?:[\w-]+:)?Fault[\s>]/.test(text);
}
