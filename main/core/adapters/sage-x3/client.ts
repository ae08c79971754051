// Transport to one Syracuse server: SOAP CAdxWebServiceXmlCC calls and api1 JSON GETs, each through
// the limiter and `send`. Reads retry with backoff; a save is sent exactly once (the outbox decides).
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError, isConnectorError } from '../../errors';
import { looksLikeHtml, send, type HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { createBasicAuth } from './auth';
import { buildSoapRequest, parseSoapResponse, type X3Operation, type X3RequestArgs } from './envelope';
import { configFailure, faultError, htmlPageError, httpStatusError, refineSendError } from './errors';
import { SOAP_PATH, X3_SYSTEM, type X3Result } from './schemas';

export interface X3Client {
  readonly baseUrl: string;
  /** One SOAP call. `write` = save: never retried, transport failures are uncertain. */
  soap(op: X3Operation, publicName: string, args: X3RequestArgs, write: boolean): Promise<X3Result>;
  /** One api1 GET with retries; `url` must be on the configured server. */
  getJson(url: string): Promise<unknown>;
  listUrl(resourceClass: string, representation: string): string;
  /** A bare GET on the server root (reachability only; any HTTP answer counts). */
  ping(): Promise<number>;
}

/** Reads are never uncertain, even over POST (a SOAP query changes nothing). */
function asRead(e: unknown): unknown {
  if (!isConnectorError(e) || !e.uncertain) return e;
  return new ConnectorError(e.code, e.message, { system: e.system, httpStatus: e.httpStatus, correlationId: e.correlationId, retryable: e.retryable, retryAfterMs: e.retryAfterMs, details: e.details, cause: e });
}

export function createX3Client(settings: SageX3TargetSettings, ctx: AdapterContext): X3Client {
  const baseUrl = settings.serverUrl.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  const auth = createBasicAuth(settings.username, ctx.secrets);
  const timeoutMs = settings.requestTimeoutMs;

  async function call(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body: string | undefined, what: string): Promise<HttpResponse> {
    const authorization = await auth.header();
    const res = await ctx.limiter.run(() =>
      send(ctx.fetch, { system: X3_SYSTEM, method, url, headers: { ...headers, authorization }, body, timeoutMs, signal: ctx.signal }),
    );
    if (res.status === 401) auth.reset();
    if (res.status >= 400) throw httpStatusError(res.status, res.text, what, settings.username, res.correlationId);
    return res;
  }

  async function soap(op: X3Operation, publicName: string, args: X3RequestArgs, write: boolean): Promise<X3Result> {
    const body = buildSoapRequest(op, { codeLang: settings.language, poolAlias: settings.poolAlias, poolId: '', requestConfig: 'adxwss.optreturn=XML' }, publicName, args);
    const what = 'SOAP web service';
    const once = async (): Promise<X3Result> => {
      let res: HttpResponse;
      try {
        res = await call('POST', baseUrl + SOAP_PATH, { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', accept: 'text/xml' }, body, what);
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
    soap,
    getJson,
    listUrl: (resourceClass, representation) =>
      `${baseUrl}/api1/x3/erp/${encodeURIComponent(settings.folder)}/${encodeURIComponent(resourceClass)}?representation=${encodeURIComponent(representation)}.$query&count=${settings.pageSize}`,
    async ping() {
      const res = await ctx.limiter.run(() => send(ctx.fetch, { system: X3_SYSTEM, method: 'GET', url: `${baseUrl}/`, timeoutMs: Math.min(timeoutMs, 15_000), signal: ctx.signal }));
      return res.status;
    },
  };
}
