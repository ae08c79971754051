// Simulator ESS management (shared/api/concur.md §3.1): client_credentials app tokens, GET topics, PUT/GET/
// DELETE webhook subscriptions with the five-per-application limit and read-back of applicationId/companyIds.
import { randomBytes } from 'node:crypto';
import { apiError } from './data';
import type { Datacenter } from './faults';
import type { SimState } from './state';
import { tokenErrorReply } from './token';
import type { SimReply } from './token';

export interface EssTopic { name: string; scope: string }
export const ESS_TOPICS: readonly EssTopic[] = [
  { name: 'public.concur.financialintegration', scope: 'FISVC' },
  { name: 'public.concur.expense.report', scope: 'expense.report.read' },
];
export const ESS_API_SCOPE = 'events.topic.read';
export const ESS_MAX_SUBSCRIPTIONS = 5;
const DEFAULT_SCOPES = [ESS_API_SCOPE, 'FISVC', 'expense.report.read'];
const SUBSCRIPTION_ID = /^[a-z0-9.-]+$/;
const SUBS = '/events/v4/subscriptions';

export interface EssSubscriptionRec { id: string; topic: string; filter: string; endpoint: string; applicationId: string }
interface AppToken { clientId: string; scopes: Set<string>; expiresAt: number }

/** ESS state of one simulator; reach it with essOf(sim.state). */
export class EssState {
  readonly subscriptions = new Map<string, EssSubscriptionRec>();
  readonly appTokens = new Map<string, AppToken>();
  /** One-shot faults for the next ESS API requests (not token calls). */
  readonly faults: Array<'429' | '503'> = [];
  private readonly scopes = new Map<string, string[]>();

  /** Scopes App Management granted to a client (default: ESS plus the FIS and expense report topics). */
  setAppScopes(clientId: string, scopes: string[]): void {
    this.scopes.set(clientId, scopes);
  }

  appScopes(clientId: string): string[] {
    return this.scopes.get(clientId) ?? DEFAULT_SCOPES;
  }
}

const states = new WeakMap<SimState, EssState>();

export function essOf(state: SimState): EssState {
  let s = states.get(state);
  if (!s) states.set(state, (s = new EssState()));
  return s;
}

export interface EssDeps {
  state: SimState;
  now: () => number;
  urls: Record<Datacenter, string>;
}

/** POST /oauth2/v0/token with grant_type=client_credentials: an app JWT, 1 h, no refresh token. */
export function handleAppToken(form: URLSearchParams, dc: Datacenter, deps: EssDeps): SimReply {
  const client = deps.state.clients.get(form.get('client_id') ?? '');
  if (!client || client.clientSecret !== form.get('client_secret')) return tokenErrorReply(64);
  const allowed = essOf(deps.state).appScopes(client.clientId);
  const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
  if (asked.some((s) => !allowed.includes(s))) return tokenErrorReply(54);
  const scopes = asked.length ? asked : allowed;
  const token = `sim-app-${randomBytes(18).toString('base64url')}`;
  essOf(deps.state).appTokens.set(token, { clientId: client.clientId, scopes: new Set(scopes), expiresAt: deps.now() + 3600_000 });
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: token, scope: scopes.join(' '), geolocation: deps.urls[dc] } };
}

export function isEssPath(path: string): boolean {
  return path === '/events/v4/topics' || path === SUBS || path.startsWith(`${SUBS}/`);
}

export function handleEss(method: string, url: URL, authorization: string | undefined, body: string, deps: EssDeps): SimReply {
  const ess = essOf(deps.state);
  const path = url.pathname;
  const now = deps.now();
  const fail = (status: number, message: string) => apiError(status, message, path, now);
  const fault = ess.faults.shift();
  if (fault === '429') return { status: 429, headers: { 'retry-after': '0' }, body: { httpStatus: '429 - Too Many Requests', error: { id: 'security.rate.limit.reached', message: 'Rate limit reached' }, path } };
  if (fault === '503') return fail(503, 'Service unavailable');

  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return fail(401, 'Missing or malformed Authorization header');
  const app = ess.appTokens.get(token);
  if (!app) {
    if (deps.state.access.has(token)) return fail(403, 'The Event Subscription Service needs an application token (client_credentials grant)');
    return fail(401, 'Invalid or expired access token');
  }
  if (app.expiresAt <= now) return fail(401, 'Invalid or expired access token');
  if (!app.scopes.has(ESS_API_SCOPE)) return fail(403, `The token lacks the ${ESS_API_SCOPE} scope`);

  const own = () => [...ess.subscriptions.values()].filter((s) => s.applicationId === app.clientId);
  if (method === 'GET' && path === '/events/v4/topics') return { status: 200, body: ESS_TOPICS.filter((t) => app.scopes.has(t.scope)).map((t) => t.name) };
  if (method === 'GET' && path === SUBS) return { status: 200, body: own().map((s) => readBack(s, deps.state)) };
  if (method === 'PUT' && path === `${SUBS}/webhook`) return put(body, app, own().length, deps.state, fail);
  const id = decodeURIComponent(path.slice(SUBS.length + 1));
  if (path.startsWith(`${SUBS}/`) && id && !id.includes('/')) {
    const sub = ess.subscriptions.get(id);
    if (!sub || sub.applicationId !== app.clientId) return fail(404, `Subscription '${id}' not found`);
    if (method === 'GET') return { status: 200, body: [readBack(sub, deps.state)] };
    if (method === 'DELETE') {
      ess.subscriptions.delete(id);
      return { status: 200, body: { message: `Subscription '${id}' marked for deletion` } };
    }
  }
  return fail(405, `${method} is not supported on ${path}`);
}

function put(body: string, app: AppToken, ownCount: number, state: SimState, fail: (s: number, m: string) => SimReply): SimReply {
  let input: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(body);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return fail(400, 'Request body must be a JSON object');
    input = parsed as Record<string, unknown>;
  } catch {
    return fail(400, 'Request body is not valid JSON');
  }
  const { id, topic, filter } = input;
  const endpoint = (input.webHookConfig as { endpoint?: unknown } | undefined)?.endpoint;
  if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id)) return fail(400, 'id must contain only lowercase letters, numbers, "." and "-"');
  if (typeof filter !== 'string' || !validRegex(filter)) return fail(400, 'filter must be a regular expression');
  if (typeof endpoint !== 'string' || !/^https:\/\/[^\s/]+/i.test(endpoint)) return fail(400, 'webHookConfig.endpoint must be an https URL');
  const known = ESS_TOPICS.find((t) => t.name === topic);
  if (!known) return fail(400, `Unknown topic '${String(topic)}'`);
  if (!app.scopes.has(known.scope)) return fail(403, `The application has no access to topic '${known.name}'`);
  const ess = essOf(state);
  const existing = ess.subscriptions.get(id);
  if (existing && existing.applicationId !== app.clientId) return fail(409, `Subscription name '${id}' is already in use`);
  if (!existing && ownCount >= ESS_MAX_SUBSCRIPTIONS) return fail(400, `Maximum number of subscriptions (${ESS_MAX_SUBSCRIPTIONS}) reached for this application`);
  ess.subscriptions.set(id, { id, topic: known.name, filter, endpoint, applicationId: app.clientId });
  return { status: 200, body: { message: `Subscription '${id}' saved successfully` } };
}

/** Companies that connected the app = companies holding a company refresh token issued to it (the authtoken grant). */
function readBack(s: EssSubscriptionRec, state: SimState): Record<string, unknown> {
  const companyIds = new Set<string>();
  for (const r of state.refresh.values()) if (r.clientId === s.applicationId && r.principal.kind === 'company') companyIds.add(r.principal.companyId);
  return { id: s.id, topic: s.topic, filter: s.filter, webHookConfig: { endpoint: s.endpoint }, applicationId: s.applicationId, scope: '', groups: [], companyIds: [...companyIds].sort() };
}

function validRegex(s: string): boolean {
  try {
    new RegExp(s);
    return s.length > 0;
  } catch {
    return false;
  }
}
