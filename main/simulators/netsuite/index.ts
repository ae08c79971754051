// A NetSuite REST simulator on 127.0.0.1 (../shared/api/netsuite.md), plus the SOAP File Cabinet operations
// receipts use (soap.ts): the client-credentials token endpoint
// checking the JWT assertion, bearer/TBA checks on every call, SuiteQL with paging, record upserts by
// external id, and seeded faults (latency, the account's concurrency limit answered 429 with Retry-After,
// HTML error pages, SuiteQL errors, "commit then drop the response").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropAfterCommit, loopbackLifecycle, readBody, type ErpSimulator } from '../loopback';
import { seeded } from '../prng';
import { authorised, issueToken } from './auth';
import { notFound, readRecord, recordTypeOf, SUBLISTS, writeRecord } from './records';
import { NetSuiteSimState, type SimFeatures } from './state';
import { concurrencyFault, handleSoap, SOAP_PATH } from './soap';
import { errorBody, runSuiteql } from './suiteql';

export { NetSuiteSimState } from './state';
export type { SimAttachment, SimFeatures, SimFile, SimRecordType, SimTable, SimTransaction } from './state';
export { addDemoVendor, NETSUITE_DEMO, seedNetSuite, type NetSuiteSeed } from './seed';

export const REST_PREFIX = '/services/rest';

export interface NetSuiteSimFaults {
  latencyMs: number;
  /** Account concurrency limit: a request beyond it is answered 429 (null = unlimited). */
  concurrencyLimit: number | null;
  retryAfterSeconds: number;
  /** Upcoming writes that commit, then lose their socket without an answer. */
  dropAfterCommit: number;
  /** Upcoming REST calls (not the token endpoint) answered with an HTML page of status `htmlStatus`. */
  htmlPages: number;
  htmlStatus: number;
  /** Upcoming SuiteQL calls refused with a 400 search error. */
  suiteqlErrors: number;
  /** Upcoming committed writes answered 204 without the Location header. */
  noLocation: number;
  /** SOAP operations ('upsert', 'attach', 'update') whose next call commits, then loses its answer, in order. */
  soapDropAfter: string[];
}

export interface NetSuiteSimStats {
  requests: number;
  byRoute: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
  tokensIssued: number;
  tokenRefusals: string[];
  unauthorised: number;
  throttled: number;
  created: number;
  updated: number;
  rejected: number;
  dropped: number;
  /** SOAP calls by operation (and 'fault'). */
  soap: Record<string, number>;
}

export interface NetSuiteSimOptions {
  accountId?: string;
  seed?: number;
  now?: () => number;
  faults?: Partial<NetSuiteSimFaults>;
  /** Account features (default: all on); OneWorld or classes off removes their records and fields. */
  features?: Partial<SimFeatures>;
}

export type NetSuiteSimulator = ErpSimulator<NetSuiteSimState, NetSuiteSimFaults, NetSuiteSimStats>;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  if (status === 204 || body === null) res.writeHead(status, headers).end();
  else res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
};

export function createNetSuiteSimulator(opts: NetSuiteSimOptions = {}): NetSuiteSimulator {
  const state = new NetSuiteSimState(opts.now);
  Object.assign(state.features, opts.features);
  const realm = (opts.accountId ?? '1234567_SB1').toUpperCase().replace(/-/g, '_');
  const faults: NetSuiteSimFaults = { latencyMs: 0, concurrencyLimit: null, retryAfterSeconds: 1, dropAfterCommit: 0, htmlPages: 0, htmlStatus: 200, suiteqlErrors: 0, noLocation: 0, soapDropAfter: [], ...opts.faults };
  const stats: NetSuiteSimStats = { requests: 0, byRoute: {}, inFlight: 0, maxInFlight: 0, tokensIssued: 0, tokenRefusals: [], unauthorised: 0, throttled: 0, created: 0, updated: 0, rejected: 0, dropped: 0, soap: {} };
  const random = seeded(opts.seed ?? 9);
  const loop = loopbackLifecycle(handle, REST_PREFIX);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', loop.origin());
    const base = loop.origin() + REST_PREFIX;
    const path = url.pathname.startsWith(REST_PREFIX) ? url.pathname.slice(REST_PREFIX.length) : null;
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs * (0.5 + random())));
    const routeName = `${method} ${path?.replace(/\/eid:[^/]+|\/\d+$/, '/:id') ?? url.pathname}`;
    stats.byRoute[routeName] = (stats.byRoute[routeName] ?? 0) + 1;
    if (faults.concurrencyLimit !== null && stats.inFlight > faults.concurrencyLimit) {
      stats.throttled++;
      // SOAP answers a Fault (ExceededConcurrentRequestLimitFault, WS_REQUEST_BLOCKED for TBA; netsuite.md §3).
      const soapAt = SOAP_PATH.exec(url.pathname);
      if (soapAt) return void res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(concurrencyFault(soapAt[1]!));
      return json(res, 429, errorBody(429, 'Too Many Requests', 'The request could not be processed: the concurrency limit of the account was exceeded.', 'CONCURRENCY_LIMIT_EXCEEDED'), { 'retry-after': String(faults.retryAfterSeconds) });
    }
    if (path === '/auth/oauth2/v1/token' && method === 'POST') {
      const answer = await issueToken(state, new URLSearchParams(body), base + path);
      if (answer.status === 200) stats.tokensIssued++;
      else stats.tokenRefusals.push(answer.body.error_description);
      return json(res, answer.status, answer.body, { 'cache-control': 'no-store' });
    }
    const soap = SOAP_PATH.exec(url.pathname);
    if (soap && method === 'POST') {
      const reply = handleSoap(state, soap[1]!, String(req.headers.soapaction ?? ''), body, realm);
      const op = reply.op ?? 'fault';
      stats.soap[op] = (stats.soap[op] ?? 0) + 1;
      if (reply.committed && faults.soapDropAfter[0] === op) {
        faults.soapDropAfter.shift();
        stats.dropped++;
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'text/xml; charset=utf-8' }).end(reply.xml);
      return;
    }
    if (path === null) return json(res, 404, notFound(url.pathname).body);
    if (faults.htmlPages > 0) {
      faults.htmlPages--;
      res.writeHead(faults.htmlStatus, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Error</title></head><body><h1>An unexpected error occurred</h1></body></html>');
      return;
    }
    if (!authorised(state, req.headers.authorization, method, url, realm)) {
      stats.unauthorised++;
      return json(res, 401, errorBody(401, 'Unauthorized', 'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.', 'INVALID_LOGIN'));
    }
    if (path === '/query/v1/suiteql' && method === 'POST') {
      if (faults.suiteqlErrors > 0) {
        faults.suiteqlErrors--;
        return json(res, 400, errorBody(400, 'Bad Request', 'Invalid search query. Detailed unprocessed description follows. Search error occurred: An unexpected error occurred.', 'INVALID_PARAMETER'));
      }
      let q: unknown;
      try {
        q = (JSON.parse(body) as { q?: unknown }).q;
      } catch {
        q = undefined;
      }
      const answer = runSuiteql(state, q, url, base + path, String(req.headers.prefer ?? ''));
      return json(res, answer.status, answer.body);
    }
    const m = /^\/record\/v1\/([A-Za-z]+)(?:\/([^/]+))?$/.exec(path);
    const type = m ? recordTypeOf(m[1]!) : undefined;
    if (!m || !type) return json(res, 404, notFound(path).body);
    const key = m[2];
    if (method === 'GET' && key) {
      const answer = readRecord(state, type, key, base);
      return json(res, answer.status, answer.body);
    }
    const isUpsert = method === 'PUT' && key?.startsWith('eid:');
    if ((method === 'POST' && !key) || isUpsert) {
      // `replace=<sublists>`: those sublists are replaced on update; others get the sent lines added.
      const replace = new Set((url.searchParams.get('replace') ?? '').split(',').map((r) => r.trim()).filter(Boolean));
      const badSublist = [...replace].find((r) => !SUBLISTS[type].includes(r));
      if (badSublist !== undefined) {
        stats.rejected++;
        return json(res, 400, errorBody(400, 'Bad Request', `Invalid value for the parameter replace: '${badSublist}' is not a sublist of ${type}.`, 'INVALID_PARAMETER', { 'o:errorQueryParam': 'replace' }));
      }
      const w = writeRecord(state, type, isUpsert ? decodeURIComponent(key!.slice(4)) : null, body, base, replace);
      if (!w.committed) {
        stats.rejected++;
        return json(res, w.status, w.body);
      }
      stats[w.created ? 'created' : 'updated']++;
      if (dropAfterCommit(req, faults, stats)) return;
      if (faults.noLocation > 0) {
        faults.noLocation--;
        return json(res, 204, null);
      }
      return json(res, 204, null, { location: w.location! });
    }
    return json(res, 405, errorBody(405, 'Method Not Allowed', `${method} is not supported here; upserts need PUT with eid:<externalId>.`, 'INVALID_REQUEST'));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.setHeader('date', new Date(state.now()).toUTCString());
    try {
      await route(req, res);
    } finally {
      stats.inFlight--;
    }
  }

  return { state, faults, stats, start: loop.start, stop: loop.stop };
}
