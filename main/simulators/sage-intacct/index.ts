// A Sage Intacct XML gateway simulator on 127.0.0.1: senders, users, API sessions with a sliding
// timeout on an injectable clock, uniqueid, GLBATCH / APBILL creates, reads with paging, and seeded
// faults (latency, 429, 5xx, a 524 after commit, commit-then-drop).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dropAfterCommit, loopbackLifecycle, type ErpSimulator } from '../loopback';
import { seeded } from '../prng';
import { handleGateway } from './gateway';
import { SageIntacctSimState, type SimEntityBooks, type SimMaster, type SimTaxDetail } from './state';
import { writeXml as buildXml } from './wire';

export { SageIntacctSimState } from './state';
export type { MasterKind, RecordObject, SimEntityBooks, SimMaster, StoredRecord } from './state';
export { intacctDemoSeed, INTACCT_DEMO, INTACCT_FRANCE } from './seed';

export const GATEWAY_PATH = '/ia/xml/xmlgw.phtml';
/** Where getAPISession sends callers: a different path, so tests see the endpoint being followed. */
export const SESSION_PATH = '/session/ia/xml/xmlgw.phtml';

export interface SageIntacctSimFaults {
  latencyMs: number;
  /** Share of requests (0..1) answered 429 with Retry-After: retryAfterSeconds. */
  rate429: number;
  retryAfterSeconds: number;
  /** Share of requests (0..1) answered 503 before doing anything. */
  rate5xx: number;
  /** Upcoming committing requests that are processed, then answered 524 (the CDN gave up waiting). */
  timeoutAfterCommit: number;
  /** Upcoming committing requests that are processed, then lose their socket without an answer. */
  dropAfterCommit: number;
  /**
   * A wrong user sign-in answered HTTP 401 with a control-level XMLGW_JPP0002 body, the other shape the
   * SDK fixtures show (RequestHandlerTest), instead of the 200 authentication failure.
   */
  signin401: boolean;
  /** Upcoming create_supdoc requests that are processed, then lose their socket (a receipt's lost answer). */
  dropSupdocAfterCommit?: number;
}

export interface SageIntacctSimOptions {
  seed?: number;
  /** The simulator's clock (sessions); `state.advanceClock` moves it further. */
  now?: () => Date;
  senders?: Record<string, { password: string; companies: string[] }>;
  /** Users as companyId -> userId -> password. */
  users?: Record<string, Record<string, string>>;
  departments?: SimMaster[];
  locations?: SimMaster[];
  accounts?: SimMaster[];
  /** A VAT company and its tax details (Intacct refuses tax entries on bills of a company without VAT). */
  vatEnabled?: boolean;
  taxDetails?: Array<Omit<SimTaxDetail, 'active' | 'taxType'> & { active?: boolean; taxType?: 'Purchase' | 'Sale' }>;
  /** Entities with books of their own: base currency and, for an entity that keeps VAT, its tax solution ('' for none). */
  entityBooks?: Record<string, SimEntityBooks>;
  vendors?: SimMaster[];
  employees?: SimMaster[];
  journals?: string[];
  closedPeriods?: string[];
  baseCurrency?: string;
  sessionDurationMs?: number;
  faults?: Partial<SageIntacctSimFaults>;
  /** Company setting: refuse a repeated GLBATCH REFERENCENO / APBILL DOCNUMBER (default off). */
  uniqueReferences?: boolean;
  /** Multi-entity company (default on): sign-in may name an entity, which must exist. */
  multiEntity?: boolean;
  /** Entities one may sign in to (default: every location). */
  entities?: string[];
  /** AP terms as TERMNAME -> days (added to N30, Net 45, Due on receipt). */
  terms?: Record<string, number>;
  /** Exchange-rate types (added to "Intacct Daily Rate"). */
  exchangeRateTypes?: string[];
  /** What getAPISession names as the session endpoint (default: this simulator's session path); tests spoof it. */
  sessionEndpointUrl?: string;
  /** Sees every request body as it arrived (contract tests compare what two clients sent). */
  onRequest?: (body: string) => void;
}

export interface SageIntacctSimStats {
  requests: number;
  byPath: Record<string, number>;
  functions: Record<string, number>;
  created: number;
  rejected: number;
  duplicatesRefused: number;
  invalidSessions: number;
  authFailures: number;
  /** Requests that mixed getAPISession with other functions (the docs forbid it; should stay 0). */
  mixedSession: number;
  injected429: number;
  injected5xx: number;
  injected524: number;
  dropped: number;
}

const SIGNIN_401_BODY = buildXml({ response: { control: { status: 'failure' }, errormessage: { error: { errorno: 'XMLGW_JPP0002', description: 'Sign-in information is incorrect. Please check your request.' } } } });

export type SageIntacctSimulator = ErpSimulator<SageIntacctSimState, SageIntacctSimFaults, SageIntacctSimStats>;

export function createSageIntacctSimulator(opts: SageIntacctSimOptions = {}): SageIntacctSimulator {
  const state = new SageIntacctSimState(opts.now);
  for (const [id, s] of Object.entries(opts.senders ?? {})) state.addSender(id, s.password, s.companies);
  for (const [company, users] of Object.entries(opts.users ?? {})) for (const [u, p] of Object.entries(users)) state.addUser(company, u, p);
  state.add('department', opts.departments ?? []).add('location', opts.locations ?? []).add('account', opts.accounts ?? []).add('vendor', opts.vendors ?? []).add('employee', opts.employees ?? []);
  for (const j of opts.journals ?? []) state.journals.add(j);
  for (const p of opts.closedPeriods ?? []) state.closePeriod(p);
  if (opts.baseCurrency) state.baseCurrency = opts.baseCurrency;
  if (opts.sessionDurationMs) state.sessionDurationMs = opts.sessionDurationMs;
  if (opts.uniqueReferences !== undefined) state.uniqueReferences = opts.uniqueReferences;
  if (opts.multiEntity !== undefined) state.multiEntity = opts.multiEntity;
  for (const e of opts.entities ?? []) state.entities.add(e);
  for (const [t, days] of Object.entries(opts.terms ?? {})) state.terms.set(t, days);
  for (const r of opts.exchangeRateTypes ?? []) state.exchangeRateTypes.add(r);
  if (opts.vatEnabled !== undefined) state.vatEnabled = opts.vatEnabled;
  for (const d of opts.taxDetails ?? []) state.taxDetails.set(d.id, { ...d, taxType: d.taxType ?? 'Purchase', active: d.active ?? true });
  for (const [id, books] of Object.entries(opts.entityBooks ?? {})) state.entityBooks.set(id, books);

  const faults: SageIntacctSimFaults = { latencyMs: 0, rate429: 0, retryAfterSeconds: 1, rate5xx: 0, timeoutAfterCommit: 0, dropAfterCommit: 0, signin401: false, ...opts.faults };
  const stats: SageIntacctSimStats = {
    requests: 0, byPath: {}, functions: {}, created: 0, rejected: 0, duplicatesRefused: 0, invalidSessions: 0, authFailures: 0, mixedSession: 0, injected429: 0, injected5xx: 0, injected524: 0, dropped: 0,
  };
  const random = seeded(opts.seed ?? 7);
  const loop = loopbackLifecycle(handle, GATEWAY_PATH);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    opts.onRequest?.(body);
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const path = new URL(req.url ?? '/', loop.origin()).pathname;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    if (req.method !== 'POST' || (path !== GATEWAY_PATH && path !== SESSION_PATH)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
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
    const reply = handleGateway(body, state, opts.sessionEndpointUrl ?? loop.origin() + SESSION_PATH);
    for (const v of reply.verbs) stats.functions[v] = (stats.functions[v] ?? 0) + 1;
    stats.created += reply.created;
    stats.rejected += reply.rejected;
    stats.duplicatesRefused += reply.duplicates;
    if (reply.invalidSession) stats.invalidSessions++;
    if (reply.authFailed) stats.authFailures++;
    if (reply.mixedSession) stats.mixedSession++;
    if (reply.signinFailed && faults.signin401) {
      res.writeHead(401, { 'content-type': 'text/xml; encoding="UTF-8"' }).end(SIGNIN_401_BODY);
      return;
    }
    if (reply.committed && reply.verbs.includes('create_supdoc') && (faults.dropSupdocAfterCommit ?? 0) > 0) {
      faults.dropSupdocAfterCommit = (faults.dropSupdocAfterCommit ?? 0) - 1;
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    if (reply.committed && dropAfterCommit(req, faults, stats)) return;
    if (reply.committed && faults.timeoutAfterCommit > 0) {
      faults.timeoutAfterCommit--;
      stats.injected524++;
      res.writeHead(524, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>A timeout occurred</body></html>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(reply.body);
  }

  return { state, faults, stats, start: loop.start, stop: loop.stop };
}
