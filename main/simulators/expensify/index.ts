// Expensify Integration Server simulator on loopback: the one form-encoded endpoint, partner credential
// check, the documented rate limit per partner user, seeded faults, latency and per-job request counts.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seeded } from '../prng';
import { errorReply, handleDownload, handleExport, handleGet, jsonReply } from './jobs';
import type { JobDeps, SimReply } from './jobs';
import { ExpensifySimState } from './state';
import { readBody } from '../loopback';

export type { ExpenseInput, PolicyInput, ReportInput, ReportState, SimReport } from './state';
export { ExpensifySimState } from './state';
export { seedExpensifyDemo, EXPENSIFY_DEMO_PARTNER } from './demo-data';
export type { ExpensifyDemoOptions, ExpensifyDemoSummary } from './demo-data';

export const ENDPOINT = '/Integration-Server/ExpensifyIntegrations';
export const RATE_LIMIT_MESSAGE = 'You have been rate-limited. Please try again later or contact help@expensify.com for assistance.';

export interface RateWindowSpec {
  requests: number;
  windowMs: number;
}

export interface ExpensifySimulatorOptions {
  /** Clock in epoch ms for the rate limit; default Date.now (tests pass a virtual clock). */
  now?: () => number;
  seed?: number;
  /** Enforced per partner user; default the stricter documented limit (5/10 s and 20/60 s). [] = none. */
  rateLimits?: RateWindowSpec[];
}

export type SimFaultKind = '429' | '500' | 'html' | 'badjson' | 'auth';

export interface ExpensifySimFaults {
  latencyMs: number;
  /** Fraction (0..1) of requests answered as rate limited (PRNG seeded). */
  rate429: number;
  /** How a rate-limit answer looks: HTTP 429, HTTP 200 with responseCode 429 in the body, or HTTP 200 with the documented sentence as plain text. */
  rateLimitStyle: 'http429' | 'body' | 'text';
  /** One-shot faults for the next requests, in order. */
  queue: SimFaultKind[];
  /** The next n downloads answer "file not found" (still generating). */
  downloadNotReady: number;
  emptyExport: 'file' | 'error';
  extraColumn: string | null;
  dropColumn: string | null;
}

export interface SimLogEntry {
  type: string;
  inputType: string | null;
  filters: Record<string, unknown> | null;
  reportState: string | null;
  onFinish: unknown;
  status: number;
  responseCode: number | null;
}

export class ExpensifySimStats {
  readonly log: SimLogEntry[] = [];
  count(filter: { type?: string; status?: number; rateLimited?: boolean } = {}): number {
    return this.log.filter((e) => (filter.type === undefined || e.type === filter.type) && (filter.status === undefined || e.status === filter.status) && (filter.rateLimited === undefined || (e.responseCode === 429) === filter.rateLimited)).length;
  }
  reset(): void {
    this.log.length = 0;
  }
}

export interface ExpensifySimulator {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
  readonly state: ExpensifySimState;
  readonly faults: ExpensifySimFaults;
  readonly stats: ExpensifySimStats;
  readonly url: string;
}

export function createExpensifySimulator(opts: ExpensifySimulatorOptions = {}): ExpensifySimulator {
  const now = opts.now ?? Date.now;
  const windows = opts.rateLimits ?? [{ requests: 5, windowMs: 10_000 }, { requests: 20, windowMs: 60_000 }];
  const random = seeded(opts.seed ?? 1);
  const state = new ExpensifySimState();
  const stats = new ExpensifySimStats();
  const faults: ExpensifySimFaults = { latencyMs: 0, rate429: 0, rateLimitStyle: 'http429', queue: [], downloadNotReady: 0, emptyExport: 'file', extraColumn: null, dropColumn: null };
  const starts = new Map<string, number[]>();
  let server: Server | null = null;
  let url = '';
  const deps: JobDeps = {
    state,
    get tweaks() {
      return { extraColumn: faults.extraColumn, dropColumn: faults.dropColumn };
    },
    get emptyExport() {
      return faults.emptyExport;
    },
    takeNotReady: () => (faults.downloadNotReady > 0 ? (faults.downloadNotReady--, true) : false),
  };

  const rateLimited = (): SimReply =>
    faults.rateLimitStyle === 'text' ? { status: 200, type: 'text/plain', body: RATE_LIMIT_MESSAGE } : errorReply(429, RATE_LIMIT_MESSAGE, faults.rateLimitStyle === 'http429' ? 429 : 200);

  /** Sliding windows per partner user; only accepted requests count (the bucket drains while refused). */
  function admit(partner: string): boolean {
    const t = now();
    const list = (starts.get(partner) ?? []).filter((s) => s > t - Math.max(0, ...windows.map((w) => w.windowMs)));
    const full = windows.some((w) => list.filter((s) => s > t - w.windowMs).length >= w.requests);
    if (!full) list.push(t);
    starts.set(partner, list);
    return !full;
  }

  function route(form: URLSearchParams): SimReply {
    const fault = faults.queue.shift() ?? (faults.rate429 > 0 && random() < faults.rate429 ? '429' : null);
    if (fault === '429') return rateLimited();
    if (fault === '500') return { status: 500, type: 'text/html', body: '<html><body><h1>500 Internal Server Error</h1></body></html>' };
    if (fault === 'html') return { status: 200, type: 'text/html', body: '<!DOCTYPE html><html><body>Maintenance</body></html>' };
    if (fault === 'badjson') return { status: 200, type: 'application/json', body: '{"responseCode": 20' };
    let job: Record<string, unknown>;
    try {
      job = JSON.parse(form.get('requestJobDescription') ?? '') as Record<string, unknown>;
    } catch {
      return errorReply(410, "Argument 'requestJobDescription' is missing or malformed");
    }
    if (!job || typeof job !== 'object') return errorReply(410, "Argument 'requestJobDescription' is missing or malformed");
    const creds = (job.credentials ?? {}) as Record<string, unknown>;
    const partner = typeof creds.partnerUserID === 'string' ? creds.partnerUserID : '';
    if (fault === 'auth' || !partner || state.partners.get(partner) !== creds.partnerUserSecret) return errorReply(407, 'Authentication error');
    if (!admit(partner)) return rateLimited();
    switch (job.type) {
      case 'file':
        return handleExport(job, form.get('template'), deps);
      case 'download':
        return handleDownload(job, deps);
      case 'get':
        return handleGet(job, deps);
      default:
        return errorReply(410, "Argument 'type' is missing or malformed");
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    // Receipt links (receiptObject.url): binary files, with expiry and redirect behaviours for tests.
    if (req.method === 'GET' && state.receiptFiles.serve(path, url, now(), res)) return;
    let reply: SimReply;
    let form = new URLSearchParams();
    try {
      if (req.method !== 'POST' || path !== ENDPOINT) reply = { status: 404, type: 'text/html', body: '<html><body>Not found</body></html>' };
      else {
        form = new URLSearchParams(await readBody(req));
        reply = route(form);
      }
    } catch (e) {
      reply = jsonReply({ responseCode: 500, responseMessage: `simulator error: ${e instanceof Error ? e.message : String(e)}` });
    }
    record(form, reply);
    res.writeHead(reply.status, { 'content-type': reply.type });
    res.end(reply.body);
  }

  function record(form: URLSearchParams, reply: SimReply): void {
    let job: Record<string, unknown> = {};
    try {
      job = JSON.parse(form.get('requestJobDescription') ?? '{}') as Record<string, unknown>;
    } catch {
      /* logged with type "?" */
    }
    const input = (job.inputSettings ?? null) as Record<string, unknown> | null;
    let responseCode: number | null = null;
    try {
      const b = JSON.parse(reply.body) as { responseCode?: number };
      responseCode = typeof b.responseCode === 'number' ? b.responseCode : null;
    } catch {
      // The plain-text rate-limit sentence counts as a 429 too.
      responseCode = reply.body === RATE_LIMIT_MESSAGE ? 429 : null;
    }
    stats.log.push({
      type: typeof job.type === 'string' ? job.type : '?',
      inputType: typeof input?.type === 'string' ? input.type : null,
      filters: (input?.filters as Record<string, unknown> | undefined) ?? null,
      reportState: typeof input?.reportState === 'string' ? input.reportState : null,
      onFinish: job.onFinish,
      status: reply.status,
      responseCode,
    });
  }

  async function start(): Promise<{ url: string }> {
    const s = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve());
    });
    server = s;
    url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    state.receiptOrigin = url;
    return { url };
  }

  async function stop(): Promise<void> {
    const s = server;
    server = null;
    if (!s) return;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }

  return {
    start,
    stop,
    state,
    faults,
    stats,
    get url() {
      return url;
    },
  };
}
