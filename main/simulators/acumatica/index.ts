// An Acumatica contract-based REST API simulator on 127.0.0.1, installed under an instance path
// (<origin>/AcumaticaERP): cookie login/logout with the licence's API-user limit, OAuth tokens and the
// authorization-code page, GET /entity discovery, value-wrapped entities, 422 field errors, $filter paging, the ReleaseBill
// action, and seeded faults (latency, 429 with or without Retry-After, a cap on concurrent requests,
// 503, an HTML login page, and "commit then drop the response").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropAfterCommit, loopbackLifecycle, readBodyBytes, type ErpSimulator } from '../loopback';
import { DEFAULT_FILE_RULES, putFile, recordByKeys, recordWithFiles, type FileRules } from './files';
import { seeded } from '../prng';
import { httpError, json, login, logout, principal, token, type SimAnswer } from './auth';
import { authorizePage } from './authorize';
import { listEntities, putEntity, releaseBill, releaseStatus } from './entities';
import { AcumaticaSimState, type SimMaster, type SimTax, type SimTaxCategory, type SimVendor } from './state';

export { AcumaticaSimState } from './state';
export type { SimLine, SimMaster, SimRecord, SimVendor } from './state';
export { acumaticaDemoSeed, ACUMATICA_DEMO } from './seed';
export { filesOf } from './files';
export type { SimFile } from './files';

export const INSTANCE_PATH = '/AcumaticaERP';

export interface AcumaticaSimFaults {
  latencyMs: number;
  /** Share of entity requests (0..1) answered 429. */
  rate429: number;
  /** Retry-After seconds on injected 429s; 0 = no header (Acumatica does not document one). */
  retryAfterSeconds: number;
  /** Licence: concurrent API requests; more in flight are answered 429. 0 = no cap. */
  maxConcurrent: number;
  /** One-shot faults for the next entity requests, in order. */
  queue: Array<'429' | '503' | 'html'>;
  /** Upcoming successful creates that are committed, then lose their socket without an answer. */
  dropAfterCommit: number;
  /** One-shot faults for the next file uploads: '503' before storing, 'drop' = stored, then the socket lost. */
  fileQueue: Array<'503' | 'drop'>;
}

export interface AcumaticaSimOptions {
  seed?: number;
  now?: () => Date;
  users?: Record<string, Record<string, string>>;
  clients?: Record<string, string>;
  vendors?: SimVendor[];
  accounts?: SimMaster[];
  subaccounts?: SimMaster[];
  branches?: SimMaster[];
  /** Taxes and tax categories (Tax / TaxCategory entities) bills may name. */
  taxes?: SimTax[];
  taxCategories?: SimTaxCategory[];
  closedPeriods?: string[];
  maxApiUsers?: number;
  faults?: Partial<AcumaticaSimFaults>;
  /** File upload preferences (size limit, allowed extensions); default 25 MB and the usual document types. */
  files?: Partial<FileRules>;
}

export interface AcumaticaSimStats {
  requests: number;
  byRoute: Record<string, number>;
  logins: number;
  logouts: number;
  loginFailures: number;
  loginLimited: number;
  tokenGrants: Record<string, number>;
  unauthorized: number;
  created: number;
  rejected: number;
  injected429: number;
  concurrencyRefused: number;
  dropped: number;
  peakInFlight: number;
}

/** `start()` answers the site URL (instance root). */
export type AcumaticaSimulator = ErpSimulator<AcumaticaSimState, AcumaticaSimFaults, AcumaticaSimStats>;

const HTML_LOGIN = '<!DOCTYPE html><html><head><title>Sign In</title></head><body><form action="/AcumaticaERP/Frames/Login.aspx">Sign in</form></body></html>';

export function createAcumaticaSimulator(opts: AcumaticaSimOptions = {}): AcumaticaSimulator {
  const state = new AcumaticaSimState(opts.now);
  for (const [tenant, users] of Object.entries(opts.users ?? {})) for (const [u, p] of Object.entries(users)) state.addUser(tenant, u, p);
  for (const [id, secret] of Object.entries(opts.clients ?? {})) state.clients.set(id, secret);
  state.addVendors(opts.vendors ?? []).add('accounts', opts.accounts ?? []).add('subaccounts', opts.subaccounts ?? []).add('branches', opts.branches ?? []);
  state.addTaxes(opts.taxes ?? [], opts.taxCategories ?? []);
  for (const p of opts.closedPeriods ?? []) state.closePeriod(p);
  if (opts.maxApiUsers) state.maxApiUsers = opts.maxApiUsers;
  const faults: AcumaticaSimFaults = { latencyMs: 0, rate429: 0, retryAfterSeconds: 1, maxConcurrent: 0, queue: [], dropAfterCommit: 0, fileQueue: [], ...opts.faults };
  const stats: AcumaticaSimStats = { requests: 0, byRoute: {}, logins: 0, logouts: 0, loginFailures: 0, loginLimited: 0, tokenGrants: {}, unauthorized: 0, created: 0, rejected: 0, injected429: 0, concurrencyRefused: 0, dropped: 0, peakInFlight: 0 };
  const random = seeded(opts.seed ?? 17);
  const loop = loopbackLifecycle(handle, INSTANCE_PATH);
  let inFlight = 0;

  const send = (res: ServerResponse, a: SimAnswer) => {
    res.writeHead(a.status, a.headers ?? {}).end(a.body ?? '');
  };

  /** Entity calls: faults first, then who is calling, then the route. */
  const fileRules: FileRules = { ...DEFAULT_FILE_RULES, ...opts.files };

  async function entityRoute(req: IncomingMessage, res: ServerResponse, rest: string, query: URLSearchParams, body: string, bytes: Buffer): Promise<void> {
    const fault = faults.queue.shift();
    if (fault === '503') return send(res, { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' });
    if (fault === 'html') return send(res, { status: 200, headers: { 'content-type': 'text/html' }, body: HTML_LOGIN });
    if (fault === '429' || (faults.rate429 > 0 && random() < faults.rate429)) {
      stats.injected429++;
      const limited = httpError(429, 'The number of requests has exceeded the limit imposed by the license.', 'PX.Data.PXException');
      return send(res, faults.retryAfterSeconds > 0 ? { ...limited, headers: { ...limited.headers, 'retry-after': String(faults.retryAfterSeconds) } } : limited);
    }
    if (!principal(req, state)) {
      stats.unauthorized++;
      return send(res, json(401, { message: 'You are not logged in.' }));
    }
    const [name = '', version = '', entity = '', action = '', statusWord = '', opId = ''] = rest.split('/');
    if (!state.endpoints.some((e) => e.name === name && e.version === version)) return send(res, httpError(404, `The endpoint ${name}/${version} is not found.`, 'System.Web.HttpException'));
    const endpointPath = `${INSTANCE_PATH}/entity/${name}/${version}`;
    // A record by its key fields (Bill/<Type>/<Nbr>, JournalTransaction/GL/<Nbr>): read with its files, or a file PUT to it.
    const segs = rest.split('/').slice(2);
    const filesAt = segs.indexOf('files');
    if (segs.length >= 3 && (segs[0] === 'Bill' || segs[0] === 'JournalTransaction') && action !== 'ReleaseBill') {
      const keys = filesAt > 0 ? segs.slice(1, filesAt) : segs.slice(1);
      const rec = recordByKeys(state, segs[0], keys);
      if (!rec) return send(res, httpError(404, `No ${segs[0]} with the keys ${keys.map(decodeURIComponent).join(', ')}.`, 'PX.Api.ContractBased.NoEntitySatisfiesTheConditionException'));
      if (req.method === 'GET' && filesAt < 0) return send(res, recordWithFiles(state, rec, `${endpointPath}/${segs.slice(0, 1 + keys.length).join('/')}`));
      if (req.method === 'PUT' && filesAt > 0 && segs.length === filesAt + 2) {
        const type = req.headers['content-type'];
        const fileFault = faults.fileQueue.shift();
        if (fileFault === '503') return send(res, { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable' });
        const stored = putFile(state, rec, segs[filesAt + 1] ?? '', bytes, (Array.isArray(type) ? type[0] : type) ?? 'application/octet-stream', fileRules);
        if (fileFault === 'drop' && stored.status < 300) return void req.socket.destroy();
        return send(res, stored);
      }
      return send(res, httpError(405, `${req.method ?? ''} is not supported here.`));
    }
    if (req.method === 'GET' && entity === 'Bill' && action === 'ReleaseBill' && statusWord === 'status') return send(res, releaseStatus(opId, state));
    if (req.method === 'POST' && entity === 'Bill' && action === 'ReleaseBill') return send(res, releaseBill(body, state, endpointPath));
    if (action) return send(res, httpError(404, `No route for ${rest}.`, 'System.Web.HttpException'));
    if (req.method === 'GET') return send(res, listEntities(entity, query, state));
    if (req.method === 'PUT') {
      const header = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.trim();
      const out = putEntity(entity, body, state, query, { ifMatch: header(req.headers['if-match']), ifNoneMatch: header(req.headers['if-none-match']) });
      if (out.committed) stats.created++;
      if (out.rejected) stats.rejected++;
      if (out.committed && dropAfterCommit(req, faults, stats)) return;
      return send(res, out.answer);
    }
    return send(res, httpError(405, `${req.method ?? ''} is not supported here.`));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    try {
      const bytes = await readBodyBytes(req);
      const body = bytes.toString('utf8');
      if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
      const url = new URL(req.url ?? '/', loop.origin());
      if (!url.pathname.startsWith(`${INSTANCE_PATH}/`)) return send(res, { status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>404 - Not Found</body></html>' });
      const path = url.pathname.slice(INSTANCE_PATH.length);
      const route = `${req.method} ${path.replace(/\/status\/.*$/, '/status/:id')}`;
      stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
      if (faults.maxConcurrent > 0 && inFlight > faults.maxConcurrent) {
        stats.concurrencyRefused++;
        return send(res, httpError(429, 'The number of concurrent API requests has exceeded the limit imposed by the license.', 'PX.Data.PXException'));
      }
      if (req.method === 'POST' && path === '/entity/auth/login') {
        const out = login(body, state);
        if (out.ok) stats.logins++;
        else if (out.limited) stats.loginLimited++;
        else stats.loginFailures++;
        return send(res, out.answer);
      }
      if (req.method === 'POST' && path === '/entity/auth/logout') {
        const out = logout(req, state);
        if (out.ended) stats.logouts++;
        return send(res, out.answer);
      }
      if (req.method === 'POST' && path === '/identity/connect/token') {
        const out = token(body, state);
        if (out.granted) stats.tokenGrants[out.granted] = (stats.tokenGrants[out.granted] ?? 0) + 1;
        return send(res, out.answer);
      }
      if (req.method === 'GET' && path === '/identity/connect/authorize') return send(res, authorizePage(url.searchParams, state));
      if (req.method === 'GET' && (path === '/entity' || path === '/entity/')) {
        return send(res, json(200, { version: { acumaticaBuildVersion: state.buildVersion, databaseVersion: state.buildVersion }, endpoints: state.endpoints.map((e) => ({ ...e, href: `${INSTANCE_PATH}/entity/${e.name}/${e.version}/` })) }));
      }
      if (path.startsWith('/entity/')) return await entityRoute(req, res, path.slice('/entity/'.length), url.searchParams, body, bytes);
      return send(res, { status: 404, headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body>404 - Not Found</body></html>' });
    } finally {
      inFlight--;
    }
  }

  return { state, faults, stats, start: loop.start, stop: loop.stop };
}
