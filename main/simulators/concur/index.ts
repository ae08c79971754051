// SAP Concur simulator: two loopback "datacenters" (us, eu) sharing one state, speaking the documented
// token and v3 expense wire formats, with injectable clock, seeded faults and request counts.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiError, handleData, isDataPath } from './data';
import { DATACENTERS, SimStats, createPrng, defaultFaults } from './faults';
import type { Datacenter, FaultKind, SimFaults } from './faults';
import { SimState } from './state';
import type { SimClient } from './state';
import { handleToken, tokenErrorReply } from './token';
import { handleAppToken, handleEss, isEssPath } from './ess';
import type { SimReply } from './token';
import { handleFis, isFisPath } from './fis';
import { handleInvoices, isInvoicePath } from './invoices';
import { readBody } from '../loopback';
import { handleLists, isListPath } from './lists';
import { handleVendors, isVendorPath } from './vendors';
import { handleImage, imagesOf, isImagePath } from './images';

export type { Datacenter, FaultKind, SimFaults } from './faults';
export type { AllocationInput, EntryInput, ReportInput, SimClient, SimState } from './state';
export { v3Date } from './state';
export { seedDemoCompany } from './demo-data';
export { fisOf } from './fis-state';
export type { FisState, SimFisDoc, SimFisDocType, SimFisStatus } from './fis-state';
export { invoicesOf } from './invoices';
export { imagesOf, IMAGE_TTL_MS } from './images';
export type { PaymentRequestInput } from './invoices';
export { seedFisDocuments, seedInvoices } from './fis-seed';
export type { FisSeedOptions, InvoiceSeedOptions } from './fis-seed';
export { SCENARIOS, seedFisScenarios } from './fis-scenarios';
export type { Scenario, ScenarioOptions } from './fis-scenarios';
export type { DemoSeedOptions } from './demo-data';
export { referenceOf } from './reference-store';
export type { ReferenceStore, SimList, SimListItem, SimVendor } from './reference-store';

export const SIM_CLIENT: SimClient = { clientId: 'a3f1c0de-0000-4000-8000-00000000c11e', clientSecret: 'sim-client-secret-7f3a9b' };

export interface ConcurSimulatorOptions {
  /** Clock in epoch ms (token expiry, LastModifiedDate stamps); default Date.now. */
  now?: () => number;
  /** Seed of the PRNG that decides rate-based faults. */
  seed?: number;
  /** OAuth clients allowed to call the token endpoint; default [SIM_CLIENT]. */
  clients?: SimClient[];
}

export interface ConcurSimulator {
  start(): Promise<{ urls: Record<Datacenter, string> }>;
  stop(): Promise<void>;
  readonly state: SimState;
  readonly faults: SimFaults;
  readonly stats: SimStats;
  /** Base URLs once started (empty strings before). */
  readonly urls: Record<Datacenter, string>;
}

export function createConcurSimulator(opts: ConcurSimulatorOptions = {}): ConcurSimulator {
  const now = opts.now ?? Date.now;
  const state = new SimState(now);
  for (const c of opts.clients ?? [SIM_CLIENT]) state.addClient(c);
  const faults = defaultFaults();
  const stats = new SimStats();
  const random = createPrng(opts.seed ?? 1);
  const urls: Record<Datacenter, string> = { us: '', eu: '' };
  const servers: Server[] = [];
  let serial = 0;
  const deps = { state, now, urls, nextSerial: () => serial++ };

  function dataFault(): FaultKind | null {
    const queued = faults.queue.shift();
    if (queued) return queued;
    if (faults.rate429 > 0 && random() < faults.rate429) return '429';
    if (faults.rate5xx > 0 && random() < faults.rate5xx) return '503';
    return null;
  }

  async function route(dc: Datacenter, req: IncomingMessage, url: URL): Promise<SimReply | { raw: string; status: number; type: string }> {
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/oauth2/v0/token') {
      const body = await readBody(req);
      if (faults.failNextTokenWith !== null) {
        const code = faults.failNextTokenWith;
        faults.failNextTokenWith = null;
        return tokenErrorReply(code, code === 16 ? urls[dc === 'us' ? 'eu' : 'us'] : undefined);
      }
      if (new URLSearchParams(body).get('grant_type') === 'client_credentials') return handleAppToken(new URLSearchParams(body), dc, deps);
      return handleToken(new URLSearchParams(body), dc, deps);
    }
    if (isEssPath(url.pathname)) return handleEss(method, url, req.headers.authorization, await readBody(req), deps);
    const isReference = isListPath(url.pathname) || isVendorPath(url.pathname);
    const fisOrInvoice = isFisPath(url.pathname) || isInvoicePath(url.pathname) || isImagePath(url.pathname) || isReference;
    if ((method === 'GET' && isDataPath(url.pathname)) || fisOrInvoice) {
      const body = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
      const fault = dataFault();
      // A hung answer: the client times out, the request is still processed (like a slow Concur).
      if (fault === 'timeout') await new Promise((r) => setTimeout(r, faults.hangMs));
      if (fault === '429') {
        return {
          status: 429,
          headers: { 'retry-after': String(faults.retryAfterSeconds) },
          body: { timestamp: new Date(now()).toISOString(), httpStatus: '429 - Too Many Requests', error: { id: 'security.rate.limit.reached', message: 'Rate limit reached, please retry later' }, path: url.pathname },
        };
      }
      if (fault === '500' || fault === '503') return apiError(Number(fault), fault === '503' ? 'Service unavailable' : 'Internal server error', url.pathname, now());
      if (fault === '401') return apiError(401, 'Invalid or expired access token', url.pathname, now());
      if (fault === 'html') return { status: 200, type: 'text/html; charset=utf-8', raw: '<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>' };
      if (fault === 'badjson') return { status: 200, type: 'application/json', raw: '{"Items": [{"ID": "tr' };
      if (isListPath(url.pathname)) return handleLists(method, url, req.headers.authorization, body, dc, deps);
      if (isVendorPath(url.pathname)) return handleVendors(method, url, req.headers.authorization, body, dc, deps);
      if (isFisPath(url.pathname)) return handleFis(method, url, req.headers.authorization, body, dc, deps);
      if (isInvoicePath(url.pathname)) return handleInvoices(url, req.headers.authorization, dc, deps);
      if (isImagePath(url.pathname)) return handleImage(method, url, req.headers.authorization, dc, deps);
      return handleData(url, req.headers.authorization, dc, deps);
    }
    return apiError(404, `No route for ${method} ${url.pathname}`, url.pathname, now());
  }

  async function handle(dc: Datacenter, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', urls[dc]);
    const header = req.headers['concur-correlationid'];
    const correlationId = (Array.isArray(header) ? header[0] : header) || randomUUID();
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    let status = 500;
    try {
      // Receipt bytes behind Image v1 links: binary, so served straight from the file store.
      if (req.method === 'GET' && imagesOf(state).files.serve(url.pathname, urls[dc], now(), res)) return void (status = res.statusCode);
      const reply = await route(dc, req, url);
      status = reply.status;
      const isRaw = 'raw' in reply;
      const headers: Record<string, string> = { 'concur-correlationid': correlationId, 'content-type': isRaw ? reply.type : 'application/json; charset=utf-8', ...(isRaw ? {} : reply.headers) };
      res.writeHead(status, headers);
      res.end(isRaw ? reply.raw : JSON.stringify(reply.body));
    } catch (e) {
      res.writeHead(500, { 'content-type': 'application/json', 'concur-correlationid': correlationId });
      res.end(JSON.stringify({ errorMessage: `simulator error: ${e instanceof Error ? e.message : String(e)}` }));
    } finally {
      stats.record(dc, req.method ?? 'GET', url.pathname, status);
    }
  }

  async function start(): Promise<{ urls: Record<Datacenter, string> }> {
    for (const dc of DATACENTERS) {
      const server = createServer((req, res) => void handle(dc, req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      urls[dc] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      servers.push(server);
    }
    return { urls: { ...urls } };
  }

  async function stop(): Promise<void> {
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  }

  return { start, stop, state, faults, stats, urls };
}
