// HTTPS receiver for SAP Concur ESS webhooks over mutual TLS: refuses unknown callers, validates the
// envelope, answers 2xx before any processing and hands each new event to onEvent exactly once per process.
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../ports';
import { redact } from '../redact';
import { readLimitedBody } from './body';
import { envelopeProblem, essEventSchema } from './envelope';
import type { EssEvent } from './envelope';
import { ESS_SUBJECT_CN, checkPeer } from './peer';
import type { PeerRule } from './peer';

export interface ReceivedInfo {
  correlationId: string | null;
  receivedAt: Date;
}

export interface WebhookReceiverOptions {
  /** Server certificate and key (PEM), and the CA certificate(s) that sign Concur's client certificate. */
  tls: { cert: string; key: string; clientCa: string | string[] };
  host?: string;
  port?: number;
  /** The only path events are accepted on. */
  path?: string;
  /** Accepted client certificate subject CNs; default webhook.api.concursolutions.com. */
  clientSubjectCN?: string | string[];
  /** When set, the client certificate's issuer CN must be one of these. */
  clientIssuerCN?: string | string[];
  maxBodyBytes?: number;
  /** A sender that has not finished its body in this time is cut off (slow-loris guard). */
  bodyTimeoutMs?: number;
  /** Was this event id already received (SQLite-backed in the app)? A throw answers 503 so ESS retries. */
  isDuplicate(eventId: string): boolean | Promise<boolean>;
  /** Called after the 2xx went out, once per new event; failures are logged, never reported to ESS. */
  onEvent(event: EssEvent, info: ReceivedInfo): void | Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export interface WebhookReceiver {
  start(): Promise<{ url: string }>;
  /** Stops accepting connections and waits for events already handed to onEvent. */
  stop(): Promise<void>;
}

export const DEFAULT_WEBHOOK_PATH = '/concur/events';
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Ids handed to onEvent recently, so concurrent redeliveries in this process are not processed twice. */
const RECENT_IDS = 10_000;

const list = (v: string | string[] | undefined, fallback: string[]): string[] => (v === undefined ? fallback : Array.isArray(v) ? v : [v]);

export function createWebhookReceiver(opts: WebhookReceiverOptions): WebhookReceiver {
  const path = opts.path ?? DEFAULT_WEBHOOK_PATH;
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const bodyTimeout = opts.bodyTimeoutMs ?? 10_000;
  const rule: PeerRule = { subjectCNs: list(opts.clientSubjectCN, [ESS_SUBJECT_CN]), issuerCNs: list(opts.clientIssuerCN, []) };
  const now = opts.now ?? (() => new Date());
  const log = opts.logger;
  const recent = new Set<string>();
  const pending = new Set<Promise<void>>();
  let server: Server | null = null;

  function reply(res: ServerResponse, status: number, body: Record<string, unknown>, close = false, extra: Record<string, string> = {}): void {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', ...extra };
    if (close) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
    // Stop reading an unwanted body: give the answer a moment to leave, then drop the connection.
    if (close) res.once('finish', () => setTimeout(() => res.socket?.destroy(), 1000).unref());
  }

  function remember(id: string): void {
    recent.add(id);
    if (recent.size > RECENT_IDS) recent.delete(recent.values().next().value as string);
  }

  function dispatch(event: EssEvent, info: ReceivedInfo): void {
    const p = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => opts.onEvent(event, info))
      .catch((e: unknown) => log.error(`Webhook: processing event ${event.id} failed: ${redact(e instanceof Error ? e.message : String(e))}`, { eventId: event.id }))
      .finally(() => pending.delete(p));
    pending.add(p);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const peer = checkPeer(req.socket as TLSSocket, rule);
    if (!peer.ok) {
      log.warn(`Webhook: refused a caller from ${req.socket.remoteAddress ?? 'an unknown address'}: ${peer.reason}`);
      return reply(res, 403, { error: 'client certificate not accepted' }, true);
    }
    const url = new URL(req.url ?? '/', 'https://receiver.invalid');
    if (url.pathname !== path) return reply(res, 404, { error: 'not found' }, true);
    if (req.method !== 'POST') return reply(res, 405, { error: 'only POST is accepted' }, true, { allow: 'POST' });
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
      log.warn(`Webhook: dropped a request whose content type is ${type || '(none)'}, not JSON`);
      return reply(res, 415, { error: 'content type must be application/json' }, true);
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBody) {
      log.warn(`Webhook: refused a ${declared}-byte event, over the ${maxBody}-byte limit`);
      return reply(res, 413, { error: `body over ${maxBody} bytes` }, true);
    }
    const body = await readLimitedBody(req, maxBody, bodyTimeout);
    if (!body.ok) {
      if (body.reason === 'too-large') {
        log.warn(`Webhook: stopped reading an event over the ${maxBody}-byte limit`);
        return reply(res, 413, { error: `body over ${maxBody} bytes` }, true);
      }
      log.warn(`Webhook: the sender ${body.reason === 'timeout' ? 'did not finish its body in time' : 'aborted the request'}`);
      if (!res.headersSent && !res.socket?.destroyed) reply(res, 408, { error: 'request body incomplete' }, true);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch {
      log.warn('Webhook: dropped an event that is not valid JSON');
      return reply(res, 400, { error: 'body is not valid JSON' });
    }
    const parsed = essEventSchema.safeParse(json);
    if (!parsed.success) {
      // ESS does not retry other 4xx: the event is dropped for good, so say why in the log.
      log.warn(`Webhook: dropped a malformed event (${envelopeProblem(parsed.error)})`);
      return reply(res, 400, { error: 'not an event envelope', problem: envelopeProblem(parsed.error) });
    }
    const event = parsed.data;
    const header = req.headers['concur-correlationid'];
    const correlationId = (Array.isArray(header) ? header[0] : header) ?? event.correlationId ?? null;
    let duplicate = recent.has(event.id);
    if (!duplicate) {
      try {
        duplicate = await opts.isDuplicate(event.id);
      } catch (e) {
        log.error(`Webhook: could not check event ${event.id} against the received events; asking ESS to retry: ${redact(e instanceof Error ? e.message : String(e))}`);
        return reply(res, 503, { error: 'try again later' }, false, { 'retry-after': '30' });
      }
    }
    // A second delivery of a handled event must still be 2xx, or ESS keeps retrying it for 72 h.
    if (duplicate) {
      log.info(`Webhook: event ${event.id} (${event.eventType}) was already received; acknowledged again, not processed`, { eventId: event.id, correlationId });
      return reply(res, 200, { status: 'duplicate', id: event.id });
    }
    remember(event.id);
    reply(res, 202, { status: 'accepted', id: event.id });
    log.info(`Webhook: accepted event ${event.id} (${event.topic} ${event.eventType})`, { eventId: event.id, correlationId });
    dispatch(event, { correlationId, receivedAt: now() });
  }

  async function start(): Promise<{ url: string }> {
    if (server) throw new Error('webhook receiver already started');
    const s = createServer(
      { cert: opts.tls.cert, key: opts.tls.key, ca: opts.tls.clientCa, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
      (req, res) => {
        handle(req, res).catch((e: unknown) => {
          log.error(`Webhook: unexpected failure: ${redact(e instanceof Error ? e.message : String(e))}`);
          if (!res.headersSent) reply(res, 500, { error: 'internal error' }, true);
        });
      },
    );
    // Without a client certificate from a trusted CA the TLS handshake itself fails: the handler never runs.
    s.on('tlsClientError', (err: Error & { code?: string }, socket: TLSSocket) => {
      log.warn(`Webhook: refused a TLS connection from ${socket.remoteAddress ?? 'an unknown address'} (${err.code ?? 'handshake failed'}): no trusted client certificate`);
    });
    s.headersTimeout = bodyTimeout;
    s.requestTimeout = bodyTimeout * 2;
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        s.off('error', reject);
        resolve();
      });
    });
    server = s;
    const addr = s.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    log.info(`Webhook: listening for SAP Concur events at https://${host}:${addr.port}${path}`);
    return { url: `https://${host}:${addr.port}${path}` };
  }

  async function stop(): Promise<void> {
    const s = server;
    server = null;
    if (s) {
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    }
    await Promise.allSettled([...pending]);
  }

  return { start, stop };
}
