// A Sage X3 (Syracuse) simulator on 127.0.0.1: the SOAP CAdxWebServiceXmlCC endpoint, api1 lists, GraphQL
// reads (self-hosted /xtrem/api and the X3 Services gateway /v1), every sign-in variant (Basic, OAuth2
// provider, connected-app JWT, X3 Services tokens), and injectable faults (latency, 429, 5xx,
// commit-then-drop, HTML pages) from a seeded PRNG.
import { seeded } from '../prng';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropAfterCommit, loopbackLifecycle, type ErpSimulator } from '../loopback';
import { SIM_JOURNAL_FIELDS, SIM_SUPPLIER_INVOICE_FIELDS, type SimJournalFields, type SimSupplierInvoiceFields } from './published';
import { SimAuth, type SimAuthOptions, type Surface } from './auth';
import { handleGraphql } from './graphql';
import { handleRest } from './rest';

import { handleSoap } from './soap';
import { SageX3SimState, type SimDimension, type SimDimensionType, type SimRecord } from './state';

export { SageX3SimState } from './state';
export { SimAuth } from './auth';
export type { SimClient, SimConnectedApp } from './auth';
export type { SimDimension, SimDimensionType, SimRecord, StoredDocument } from './state';
export type { SimJournalFields, SimSupplierInvoiceFields } from './published';

/** Where Syracuse serves the SOAP web services (Sage's soap-tester-client App.config); any other path is a 404. */
export const SIM_SOAP_PATH = '/soap-generic/syracuse/collaboration/syracuse/CAdxWebServiceXmlCC';
/** Self-hosted GraphQL (connected application), per Sage's PHP sample. */
export const SIM_GRAPHQL_PATH = '/xtrem/api';

/** X3 Services serves each folder's GraphQL under this path on its gateway (per /v1/folders). */
export const servicesGraphqlPath = (folder: string) => `/v1/service/X3CLOUDV2_${folder}/graphQL`;

export interface SageX3SimFaults {
  latencyMs: number;
  /** Share of requests (0..1) answered 429 with Retry-After: retryAfterSeconds. */
  rate429: number;
  retryAfterSeconds: number;
  /** Share of requests (0..1) answered 503 before doing anything. */
  rate5xx: number;
  /** Number of upcoming successful saves that commit, then destroy the socket without answering. */
  dropAfterCommit: number;
  /** Committed saves wait for an answer until this is switched off: the window a crash test kills the client in. */
  stallAfterCommit: boolean;
  /** Every request answered with an HTML page (status htmlStatus), like a misconfigured proxy. */
  htmlErrorPage: boolean;
  htmlStatus: number;
  /** Every SOAP call answered HTTP 500 "No Web services accepted" (no web service children). */
  noWebServices: boolean;
  /** A type-2 message added to each successful save. */
  warnOnSave: string | null;
  /** The customer's control refusing a second document with the same reference ("Record already exists"). */
  uniqueReference: boolean;
  /** Every SOAP query answered status 0 with this message (a look-up that failed, whatever it says). */
  failQueries: string | null;
}

export interface SageX3SimOptions {
  seed?: number;
  folder?: string;
  poolAlias?: string;
  users?: Record<string, string>;
  accounts?: SimRecord[];
  costCenters?: SimDimension[];
  /** The ledger's dimension types in order (CCE1, CCE2 ...); types of the values are appended. */
  dimensionTypes?: SimDimensionType[];
  suppliers?: SimRecord[];
  /** The folder's tax codes (French VAT by default: FRS 20 %, FRI 10 %, FRR 5.5 %, FRN not recoverable, FRO retired). */
  taxCodes?: Array<SimRecord & { rate: string }>;
  /** OAuth2 clients, connected applications, X3 Services apps, token lives and the server clock. */
  auth?: SimAuthOptions;
  closedPeriods?: string[];
  /** Companies with a fiscal calendar in the GraphQL `period` node (default C01). */
  companies?: string[];
  journalPublicName?: string;
  supplierInvoicePublicName?: string;
  journalFields?: Partial<SimJournalFields>;
  supplierInvoiceFields?: Partial<SimSupplierInvoiceFields>;
  representations?: { account: string; supplier: string; costCenter: string };
  /** api1 page size when `count` is absent, and the server's cap on `count`. */
  defaultCount?: number;
  maxCount?: number;
  /** false: GraphQL offers only `query(first)` (no after / cursor / pageInfo), as Sage's samples use it. */
  graphqlCursorPaging?: boolean;
  /** HTTP status of GraphQL validation errors (200, or 400 as GraphQL over HTTP allows). */
  graphqlValidationStatus?: number;
  /** `<package>.<node>` names this release's schema lacks (node lists change per release), e.g. x3InvoicingData.tax. */
  graphqlMissingNodes?: string[];
  faults?: Partial<SageX3SimFaults>;
}

export interface SageX3SimStats {
  requests: number;
  soap: Record<string, number>;
  rest: number;
  graphql: number;
  saved: number;
  rejected: number;
  unauthorized: number;
  injected429: number;
  injected5xx: number;
  dropped: number;
}

export type SageX3Simulator = ErpSimulator<SageX3SimState, SageX3SimFaults, SageX3SimStats> & {
  /** Token grants seen, pairing codes, and revocation of every access token issued. */
  readonly auth: SimAuth;
};

/** A French folder's purchase VAT codes (inferred from a standard FRA folder's TABVAT naming). */
export const X3_FRENCH_TAX_CODES: Array<SimRecord & { rate: string }> = [
  { code: 'FRS', name: 'Deductible VAT standard rate', rate: '20' },
  { code: 'FRI', name: 'Deductible VAT intermediate rate', rate: '10' },
  { code: 'FRR', name: 'Deductible VAT reduced rate', rate: '5.5' },
  { code: 'FRN', name: 'VAT not deductible', rate: '0' },
  { code: 'FRO', name: 'Standard rate before 2014', rate: '19.6', active: false },
];

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>';

export function createSageX3Simulator(opts: SageX3SimOptions = {}): SageX3Simulator {
  const state = new SageX3SimState(opts.folder ?? 'SEED', opts.poolAlias ?? 'SEED');
  for (const [u, p] of Object.entries(opts.users ?? { admin: 'admin' })) state.addUser(u, p);
  state.addDimensionTypes(opts.dimensionTypes ?? []);
  state.addAccounts(opts.accounts ?? []).addCostCenters(opts.costCenters ?? []).addSuppliers(opts.suppliers ?? []);
  state.addTaxCodes(opts.taxCodes ?? X3_FRENCH_TAX_CODES);
  for (const p of opts.closedPeriods ?? []) state.closePeriod(p);
  if (opts.companies) {
    state.companies.clear();
    for (const c of opts.companies) state.companies.add(c);
  }

  const faults: SageX3SimFaults = {
    latencyMs: 0, rate429: 0, retryAfterSeconds: 1, rate5xx: 0, dropAfterCommit: 0, stallAfterCommit: false, htmlErrorPage: false, htmlStatus: 200, noWebServices: false, warnOnSave: null, uniqueReference: false, failQueries: null,
    ...opts.faults,
  };
  const stats: SageX3SimStats = { requests: 0, soap: {}, rest: 0, graphql: 0, saved: 0, rejected: 0, unauthorized: 0, injected429: 0, injected5xx: 0, dropped: 0 };
  const random = seeded(opts.seed ?? 42);
  const soapCfg = {
    journalPublicName: opts.journalPublicName ?? 'YGAS',
    supplierInvoicePublicName: opts.supplierInvoicePublicName ?? 'YBIS',
    journal: { ...SIM_JOURNAL_FIELDS, ...opts.journalFields },
    supplierInvoice: { ...SIM_SUPPLIER_INVOICE_FIELDS, ...opts.supplierInvoiceFields },
    get warnOnSave() {
      return faults.warnOnSave;
    },
    get uniqueReference() {
      return faults.uniqueReference;
    },
    get failQueries() {
      return faults.failQueries;
    },
  };
  const restCfg = {
    representations: opts.representations ?? { account: 'GACCOUNT', supplier: 'BPSUPPLIER', costCenter: 'CACCE' },
    defaultCount: opts.defaultCount ?? 20,
    maxCount: opts.maxCount ?? 200,
  };
  const loop = loopbackLifecycle(handle);

  const auth = new SimAuth(state.users, opts.auth ?? {});

  async function authorized(req: IncomingMessage, res: ServerResponse, surface: Surface): Promise<boolean> {
    const check = await auth.check(req.headers.authorization, surface);
    if (check.ok) return true;
    stats.unauthorized++;
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': surface === 'syracuse' ? 'Basic realm="Syracuse", Bearer' : 'Bearer' });
    res.end(check.body);
    return false;
  }

  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const url = new URL(req.url ?? '/', loop.origin());
    if (faults.htmlErrorPage) {
      res.writeHead(faults.htmlStatus, { 'content-type': 'text/html' }).end(HTML_PAGE);
      return;
    }
    if (faults.rate429 > 0 && random() < faults.rate429) {
      stats.injected429++;
      res.writeHead(429, { 'retry-after': String(faults.retryAfterSeconds), 'content-type': 'text/plain' }).end('Too many requests');
      return;
    }
    if (faults.rate5xx > 0 && random() < faults.rate5xx) {
      stats.injected5xx++;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service temporarily unavailable');
      return;
    }
    if (url.pathname === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('Sage X3 simulator');
      return;
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      const r = auth.oauthToken(new URLSearchParams(body));
      return json(res, r.status, r.json);
    }
    if (req.method === 'POST' && url.pathname === '/v1/token') {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return json(res, 400, { error: 'invalid_request', error_description: 'JSON body expected' });
      }
      const r = await auth.servicesToken(parsed);
      return json(res, r.status, r.json);
    }
    const gqlSurface: Surface | null = url.pathname === SIM_GRAPHQL_PATH ? 'xtrem' : url.pathname === servicesGraphqlPath(state.folder) ? 'services' : null;
    if (gqlSurface && req.method === 'POST') {
      if (!(await authorized(req, res, gqlSurface))) return;
      // Self-hosted Syracuse routes GraphQL by the x-xtrem-endpoint header.
      if (gqlSurface === 'xtrem' && req.headers['x-xtrem-endpoint'] !== state.folder) return json(res, 200, { errors: [{ message: `Endpoint "${String(req.headers['x-xtrem-endpoint'] ?? '')}" not found` }] });
      stats.graphql++;
      const r = handleGraphql(body, state, restCfg.maxCount, opts.graphqlCursorPaging ?? true, opts.graphqlValidationStatus ?? 200, opts.graphqlMissingNodes);
      return json(res, r.status, r.json);
    }
    if (!(await authorized(req, res, 'syracuse'))) return;
    if (url.pathname === SIM_SOAP_PATH && req.method === 'POST') {
      if (faults.noWebServices) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('No Web services accepted');
        return;
      }
      const reply = handleSoap(body, state, soapCfg, new Date());
      if (reply.op) stats.soap[reply.op] = (stats.soap[reply.op] ?? 0) + 1;
      if (reply.op === 'save') {
        if (reply.committed) stats.saved++;
        else stats.rejected++;
      }
      if (reply.committed && dropAfterCommit(req, faults, stats)) return;
      while (reply.committed && faults.stallAfterCommit && !req.socket.destroyed) await new Promise((r) => setTimeout(r, 20));
      if (req.socket.destroyed) return;
      res.writeHead(reply.status, { 'content-type': 'text/xml; charset=utf-8' }).end(reply.body);
      return;
    }
    if (url.pathname.startsWith('/api1/') && req.method === 'GET') {
      stats.rest++;
      const reply = handleRest(url, loop.origin(), state, restCfg);
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply.json));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
  }

  return {
    state,
    faults,
    stats,
    auth,
    start: loop.start,
    stop: loop.stop,
  };
}
