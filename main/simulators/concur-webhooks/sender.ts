// Simulated ESS webhook sender: POSTs events over mutual TLS with the test client certificates, retries
// like ESS (5xx, 401, 403, 429, I/O errors; not other 4xx) and can deliver an event twice (at-least-once).
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { seeded } from '../prng';
import { testCertificates } from './certs';
import type { KeyPair } from './certs';

/** Which client certificate to present: the real ESS one, a wrong CN, another CA, none, or explicit PEMs. */
export type ClientIdentity = 'ess' | 'wrong-cn' | 'other-ca' | 'none' | KeyPair;

export interface RawRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  identity?: ClientIdentity;
  timeoutMs?: number;
}

export type RawResult = { status: number; body: string; headers: Record<string, string | string[] | undefined> } | { error: string };

export interface Attempt { status?: number; error?: string }

export interface DeliveryResult {
  /** True once the receiver answered 2xx. */
  delivered: boolean;
  /** True when ESS would give up at once (a 4xx other than 401/403/429). */
  droppedByReceiver: boolean;
  attempts: Attempt[];
}

export interface WebhookSenderOptions {
  url: string;
  identity?: ClientIdentity;
  /** CA the receiver's server certificate must chain to (default: the test CA). */
  serverCa?: string;
  /** Attempts per delivery before giving up (stands in for ESS's 72 h retention). */
  maxAttempts?: number;
  /** Base of the exponential backoff between attempts, in ms. */
  retryDelayMs?: number;
  /** Chance (0..1, seeded) that a delivered event is delivered once more, as ESS may do. */
  duplicateRate?: number;
  seed?: number;
  timeoutMs?: number;
}

export interface SenderStats { requests: number; delivered: number; duplicatesSent: number; refusedConnections: number }

export interface WebhookSender {
  /** Delivers one event with retries; `twice` sends it again after it was accepted. */
  deliver(event: object, opts?: { twice?: boolean; correlationId?: string }): Promise<DeliveryResult>;
  readonly stats: SenderStats;
}

function identityPair(identity: ClientIdentity): KeyPair | null {
  const c = testCertificates();
  if (identity === 'none') return null;
  if (identity === 'ess') return c.client;
  if (identity === 'wrong-cn') return c.wrongCnClient;
  if (identity === 'other-ca') return c.otherCaClient;
  return identity;
}

/** One HTTPS request with a chosen client certificate; transport failures come back as `{ error }`. */
export function sendRaw(req: RawRequest, serverCa: string = testCertificates().ca): Promise<RawResult> {
  const pair = identityPair(req.identity ?? 'ess');
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: RawResult) => {
      if (!settled) {
        settled = true;
        resolve(r);
      }
    };
    const r = request(req.url, {
      method: req.method ?? 'POST',
      headers: req.headers,
      ca: serverCa,
      ...(pair ? { cert: pair.cert, key: pair.key } : {}),
      agent: false,
      timeout: req.timeoutMs ?? 10_000,
    });
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', (e) => done({ error: errorText(e) }));
    });
    r.on('timeout', () => r.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    r.on('error', (e) => done({ error: errorText(e) }));
    r.end(req.body);
  });
}

/** ESS retries these (shared/api/concur.md §3.2); any other 4xx drops the event. */
export function essWouldRetry(status: number): boolean {
  return status >= 500 || status === 401 || status === 403 || status === 429;
}

export function createWebhookSender(opts: WebhookSenderOptions): WebhookSender {
  const random = seeded(opts.seed ?? 7);
  const maxAttempts = opts.maxAttempts ?? 5;
  const delay = opts.retryDelayMs ?? 5;
  const stats: SenderStats = { requests: 0, delivered: 0, duplicatesSent: 0, refusedConnections: 0 };

  async function once(body: string, correlationId: string): Promise<DeliveryResult> {
    const attempts: Attempt[] = [];
    for (let i = 1; i <= maxAttempts; i++) {
      stats.requests++;
      const res = await sendRaw(
        {
          url: opts.url,
          identity: opts.identity ?? 'ess',
          headers: { 'content-type': 'application/json', 'concur-correlationid': correlationId, 'content-length': String(Buffer.byteLength(body)) },
          body,
          timeoutMs: opts.timeoutMs ?? 10_000,
        },
        opts.serverCa,
      );
      if ('error' in res) {
        stats.refusedConnections++;
        attempts.push({ error: res.error });
      } else {
        attempts.push({ status: res.status });
        if (res.status >= 200 && res.status < 300) {
          stats.delivered++;
          return { delivered: true, droppedByReceiver: false, attempts };
        }
        if (!essWouldRetry(res.status)) return { delivered: false, droppedByReceiver: true, attempts };
      }
      if (i < maxAttempts) await new Promise((r) => setTimeout(r, delay * 2 ** (i - 1)));
    }
    return { delivered: false, droppedByReceiver: false, attempts };
  }

  async function deliver(event: object, o: { twice?: boolean; correlationId?: string } = {}): Promise<DeliveryResult> {
    const body = JSON.stringify(event);
    const correlationId = o.correlationId ?? randomUUID();
    const first = await once(body, correlationId);
    const again = first.delivered && (o.twice === true || ((opts.duplicateRate ?? 0) > 0 && random() < (opts.duplicateRate ?? 0)));
    if (!again) return first;
    stats.duplicatesSent++;
    const second = await once(body, correlationId);
    return { delivered: true, droppedByReceiver: false, attempts: [...first.attempts, ...second.attempts] };
  }

  return { deliver, stats };
}

function errorText(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return code ? `${code}: ${msg}` : msg;
}
