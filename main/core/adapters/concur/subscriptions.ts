// SAP Concur Event Subscription Service management: an application token (client_credentials, separate from
// the company token), topics, and webhook subscriptions with the five-per-application limit checked up front.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { looksLikeHtml, send } from '../http';
import type { HttpRequest } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { SYSTEM, errorBodyMessage, protocolError, tokenError } from './errors';
import { messageSchema, subscriptionListSchema, toSubscription, topicListSchema, topicName } from './ess-schemas';
import type { EssSubscription } from './ess-schemas';
import { describeIssues, tokenErrorSchema, tokenResponseSchema } from './schemas';

export type { EssSubscription } from './ess-schemas';

export const ESS_API_SCOPE = 'events.topic.read';
export const MAX_SUBSCRIPTIONS_PER_APP = 5;
const SUBSCRIPTION_ID = /^[a-z0-9.-]+$/;
const SUBS = '/events/v4/subscriptions';
const MARGIN_MS = 60_000;

export interface EssSettings {
  /** Host for the client_credentials call (any production base URI); ESS calls follow the returned geolocation. */
  tokenUrl: string;
  clientId: string;
  /** Topic scopes to ask for with events.topic.read, e.g. ['FISVC']; empty = what App Management granted. */
  topicScopes?: string[];
}

export interface SubscriptionInput {
  /** Globally unique name: lowercase letters, digits, '.' and '-', e.g. `acme.fis.prod`. */
  id: string;
  topic: string;
  /** Regular expression on the event type; default `.*` (every event of the topic). */
  filter?: string;
  /** Public https URL of the webhook receiver. */
  endpoint: string;
}

export interface EssManager {
  listTopics(): Promise<string[]>;
  listSubscriptions(): Promise<EssSubscription[]>;
  getSubscription(id: string): Promise<EssSubscription | null>;
  createOrUpdate(input: SubscriptionInput): Promise<{ created: boolean; message: string }>;
  /** Deletes the subscription; `removed: false` when SAP Concur no longer had it. */
  remove(id: string): Promise<{ removed: boolean }>;
}

/** Checks a subscription before any call, so the user learns what to fix in plain words. */
export function validateSubscriptionInput(input: SubscriptionInput): Required<SubscriptionInput> {
  const bad = (m: string) => new ConnectorError('CONFIG_INVALID', m, { system: SYSTEM, retryable: false });
  const id = input.id.trim();
  if (!id || id.length > 200 || !SUBSCRIPTION_ID.test(id)) throw bad(`The subscription name "${id}" is not allowed: use only lowercase letters, digits, "." and "-" (for example acme.fis.prod)`);
  const topic = input.topic.trim();
  if (!topic) throw bad('Choose the event topic to subscribe to (for example public.concur.financialintegration)');
  const filter = input.filter?.trim() || '.*';
  try {
    new RegExp(filter);
  } catch {
    throw bad(`The event filter "${filter}" is not a valid regular expression (use .* for every event)`);
  }
  let url: URL | null = null;
  try {
    url = new URL(input.endpoint);
  } catch {
    url = null;
  }
  if (!url || url.protocol !== 'https:') throw bad('The webhook endpoint must be a public https:// address with a CA-signed certificate');
  return { id, topic, filter, endpoint: url.toString() };
}

export function createEssManager(settings: EssSettings, ctx: AdapterContext): EssManager {
  let app: { token: string; expiresAt: number; base: string } | null = null;
  let inflight: Promise<{ token: string; base: string }> | null = null;

  async function appToken(): Promise<{ token: string; base: string }> {
    if (app && app.expiresAt - MARGIN_MS > ctx.clock.now().getTime()) return app;
    inflight ??= obtain().finally(() => (inflight = null));
    return inflight;
  }

  async function obtain(): Promise<{ token: string; base: string }> {
    const secret = await ctx.secrets.get('clientSecret');
    if (!secret) throw new ConnectorError('CONFIG_INVALID', 'No client secret is stored for this connection: enter the one from SAP Concur App Management', { system: SYSTEM, retryable: false });
    registerSecret(secret);
    const form: Record<string, string> = { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: secret };
    if (settings.topicScopes?.length) form.scope = [ESS_API_SCOPE, ...settings.topicScopes].join(' ');
    const host = new URL(settings.tokenUrl).origin;
    const res = await withRetry(
      () => ctx.limiter.run(() => send(ctx.fetch, request('POST', `${host}/oauth2/v0/token`, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams(form).toString()))),
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
    const json = parse(res.text);
    if (res.status < 200 || res.status >= 300) {
      const err = tokenErrorSchema.safeParse(json);
      throw tokenError(err.success ? err.data : null, res.status, res.correlationId);
    }
    const t = tokenResponseSchema.safeParse(json);
    if (!t.success) throw protocolError('the application token', 'no usable access token', res.status, res.correlationId);
    registerSecret(t.data.access_token);
    const seconds = Number(t.data.expires_in);
    const base = t.data.geolocation ? checkBase(t.data.geolocation, host) : host;
    app = { token: t.data.access_token, expiresAt: ctx.clock.now().getTime() + (seconds > 0 ? seconds : 3600) * 1000, base };
    ctx.note({ action: 'auth', outcome: 'app-token', message: `Got a SAP Concur application token for event subscriptions (${base})`, correlationId: res.correlationId });
    return app;
  }

  function request(method: HttpRequest['method'], url: string, headers: Record<string, string>, body?: string): HttpRequest {
    return { system: SYSTEM, method, url, headers: { accept: 'application/json', 'concur-correlationid': randomUUID(), ...headers }, body, signal: ctx.signal };
  }

  /** Every ESS call is idempotent (GET, PUT by id, DELETE by id), so each may be retried; 401 renews the app token once. */
  async function call(method: HttpRequest['method'], path: string, body?: string): Promise<{ status: number; text: string; correlationId: string | undefined }> {
    return withRetry(
      async () => {
        const go = async (tok: { token: string; base: string }) => {
          const headers: Record<string, string> = { authorization: `Bearer ${tok.token}` };
          if (body !== undefined) headers['content-type'] = 'application/json';
          return ctx.limiter.run(() => send(ctx.fetch, request(method, `${tok.base}${path}`, headers, body)));
        };
        const first = await appToken();
        let res = await go(first);
        if (res.status === 401) {
          if (app?.token === first.token) app = null;
          res = await go(await appToken());
        }
        return res;
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  async function json<S extends z.ZodType>(method: HttpRequest['method'], path: string, schema: S, what: string, body?: string): Promise<z.infer<S>> {
    const res = await call(method, path, body);
    if (res.status < 200 || res.status >= 300) throw essError(res.status, what, res.text, res.correlationId);
    if (looksLikeHtml(res.text)) throw protocolError(what, 'an HTML page instead of JSON', res.status, res.correlationId);
    // PUT and DELETE answer a message, but an empty body (204) is an answer too.
    const parsed = schema.safeParse(res.text.trim() === '' && method !== 'GET' ? {} : parse(res.text));
    if (!parsed.success) throw protocolError(what, `unexpected shape (${describeIssues(parsed.error)})`, res.status, res.correlationId);
    return parsed.data;
  }

  async function listSubscriptions(): Promise<EssSubscription[]> {
    return (await json('GET', SUBS, subscriptionListSchema, 'the event subscriptions')).map(toSubscription);
  }

  async function getSubscription(id: string): Promise<EssSubscription | null> {
    try {
      const list = await json('GET', `${SUBS}/${encodeURIComponent(id)}`, subscriptionListSchema, `event subscription ${id}`);
      return list[0] ? toSubscription(list[0]) : null;
    } catch (e) {
      if (e instanceof ConnectorError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  async function createOrUpdate(input: SubscriptionInput): Promise<{ created: boolean; message: string }> {
    const sub = validateSubscriptionInput(input);
    const existing = await listSubscriptions();
    const created = !existing.some((s) => s.id === sub.id);
    if (created && existing.length >= MAX_SUBSCRIPTIONS_PER_APP) throw limitError(existing.map((s) => s.id));
    const body = JSON.stringify({ id: sub.id, filter: sub.filter, topic: sub.topic, webHookConfig: { endpoint: sub.endpoint } });
    const res = await json('PUT', `${SUBS}/webhook`, messageSchema, `event subscription ${sub.id}`, body);
    ctx.logger.info(`concur: ${created ? 'created' : 'updated'} event subscription ${sub.id} (${sub.topic})`);
    return { created, message: res.message ?? `Subscription '${sub.id}' saved` };
  }

  async function remove(id: string): Promise<{ removed: boolean }> {
    try {
      await json('DELETE', `${SUBS}/${encodeURIComponent(id)}`, messageSchema, `event subscription ${id}`);
    } catch (e) {
      if (e instanceof ConnectorError && e.code === 'NOT_FOUND') return { removed: false };
      throw e;
    }
    ctx.logger.info(`concur: deleted event subscription ${id}`);
    return { removed: true };
  }

  async function listTopics(): Promise<string[]> {
    return (await json('GET', '/events/v4/topics', topicListSchema, 'the event topics')).map(topicName);
  }

  return { listTopics, listSubscriptions, getSubscription, createOrUpdate, remove };
}

function limitError(ids: string[]): ConnectorError {
  return new ConnectorError(
    'CONFLICT',
    `SAP Concur allows at most ${MAX_SUBSCRIPTIONS_PER_APP} event subscriptions per application and this app already has ${ids.length} (${ids.join(', ')}). Delete one that is no longer used, or update an existing one by reusing its name`,
    { system: SYSTEM, retryable: false, details: { subscriptionIds: ids } },
  );
}

/** Plain-English ConnectorError for a refused ESS management call. */
export function essError(status: number, what: string, text: string, correlationId?: string): ConnectorError {
  const said = errorBodyMessage(text);
  const tail = said ? ` (SAP Concur said: ${said})` : '';
  const opts = { system: SYSTEM, httpStatus: status, correlationId, retryable: false };
  if (status === 401) return new ConnectorError('AUTH_FAILED', `SAP Concur refused the application token for ${what}${tail}: check the client id and secret`, opts);
  if (status === 403) return new ConnectorError('CONFIG_INVALID', `SAP Concur refused access to ${what}${tail}: the app needs the ${ESS_API_SCOPE} scope and the topic's own scope (ask SAP Concur partner enablement)`, opts);
  if (status === 404) return new ConnectorError('NOT_FOUND', `SAP Concur has no ${what}${tail}`, opts);
  if (status === 409) return new ConnectorError('CONFLICT', `The name of ${what} is already used by another application: subscription names are global, choose another${tail}`, opts);
  if (status === 400 && /maximum|limit/i.test(said ?? '')) return limitError([]);
  return new ConnectorError('BAD_REQUEST', `SAP Concur refused ${what} (HTTP ${status})${tail}`, opts);
}

function checkBase(geolocation: string, tokenHost: string): string {
  let url: URL;
  try {
    url = new URL(geolocation);
  } catch {
    throw protocolError('the application token', 'its geolocation is not a URL');
  }
  const httpAllowed = tokenHost.startsWith('http:');
  if (url.protocol !== 'https:' && !(httpAllowed && url.protocol === 'http:')) throw protocolError('the application token', `its geolocation ${url.origin} is not https`);
  return url.origin;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
