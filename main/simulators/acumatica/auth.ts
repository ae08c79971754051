// The simulator's sign-in side: POST /entity/auth/login (JSON: name, password, tenant — or the older
// `company` — branch) → 204 with session cookies, the licence's API-user limit, POST /entity/auth/logout
// → 204, and the OAuth token endpoint (password, refresh_token and authorization_code grants; the authorize
// page is in authorize.ts).
import type { IncomingMessage } from 'node:http';
import type { AcumaticaSimState, SimToken } from './state';

export interface SimAnswer {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

export const json = (status: number, value: unknown, headers: Record<string, string | string[]> = {}): SimAnswer => ({ status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) });

/** Acumatica's HttpError body. */
export const httpError = (status: number, exceptionMessage: string, exceptionType = 'PX.Api.ContractBased.OutcomeEntityHasErrorsException'): SimAnswer =>
  json(status, { message: 'An error has occurred.', exceptionMessage, exceptionType, stackTrace: null });

export const AUTH_COOKIE = '.ASPXAUTH';

export function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return out;
}

export interface LoginOutcome {
  answer: SimAnswer;
  ok: boolean;
  limited: boolean;
}

export function login(body: string, state: AcumaticaSimState): LoginOutcome {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { answer: httpError(400, 'The request body is not valid JSON.'), ok: false, limited: false };
  }
  const name = String(input.name ?? '');
  // An instance older than the `tenant` key reads only `company`; how it words the refusal is a guess.
  const given = state.legacyCompanyKey ? input.company : (input.tenant ?? input.company);
  if (given === undefined && state.tenants.size > 1) return { answer: httpError(500, 'Company must be specified.', 'PX.Data.PXException'), ok: false, limited: false };
  const tenant = String(given ?? (state.tenants.size === 1 ? [...state.tenants][0] : ''));
  const branch = String(input.branch ?? '');
  const known = state.users.get(`${tenant}|${name}`);
  if (!known || known !== String(input.password ?? '')) return { answer: httpError(500, 'Invalid credentials. Please try again.', 'PX.Data.PXException'), ok: false, limited: false };
  if (branch && !state.branches.get(branch)?.active) return { answer: httpError(500, `The branch '${branch}' cannot be found or is inactive.`, 'PX.Data.PXException'), ok: false, limited: false };
  if (state.activeSessions(tenant) >= state.maxApiUsers) {
    return { answer: httpError(429, 'API Login Limit: the number of API users signed in has reached the limit of your license.', 'PX.Data.PXException'), ok: false, limited: true };
  }
  const cookie = state.openSession(tenant, name, branch);
  const setCookie = [`${AUTH_COOKIE}=${cookie}; path=/; HttpOnly`, `ASP.NET_SessionId=${cookie.slice(0, 24)}; path=/; HttpOnly`, `UserBranch=${branch || 'MAIN'}; path=/`, 'Locale=Culture=en-US; path=/'];
  return { answer: { status: 204, headers: { 'set-cookie': setCookie } }, ok: true, limited: false };
}

/** Ends the caller's session (204 whether or not it was still alive). */
export function logout(req: IncomingMessage, state: AcumaticaSimState): { answer: SimAnswer; ended: boolean } {
  const c = cookiesOf(req).get(AUTH_COOKIE);
  const ended = !!c && state.sessions.delete(c);
  return { answer: { status: 204 }, ended };
}

/** Who is calling: a live cookie session or a valid bearer token; null answers 401. */
export function principal(req: IncomingMessage, state: AcumaticaSimState): { tenant: string; user: string } | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (bearer) {
    const t = state.tokens.get(bearer);
    return t && t.expiresAtMs > state.nowMs() && t.scope.split(' ').includes('api') ? { tenant: t.tenant, user: t.user } : null;
  }
  state.expireIdle();
  const c = cookiesOf(req).get(AUTH_COOKIE);
  const s = c ? state.sessions.get(c) : undefined;
  if (!s) return null;
  s.lastUsedMs = state.nowMs();
  return { tenant: s.tenant, user: s.user };
}

const oauthError = (error: string, description?: string): SimAnswer => json(400, description ? { error, error_description: description } : { error });

export function token(body: string, state: AcumaticaSimState): { answer: SimAnswer; granted: string | null } {
  const p = new URLSearchParams(body);
  const clientId = p.get('client_id') ?? '';
  if (!clientId || state.clients.get(clientId) !== p.get('client_secret')) return { answer: oauthError('invalid_client'), granted: null };
  const tenant = clientId.split('@')[1] ?? '';
  const grant = p.get('grant_type');
  let base: Omit<SimToken, 'expiresAtMs'>;
  if (grant === 'password') {
    const user = p.get('username') ?? '';
    if (state.users.get(`${tenant}|${user}`) !== p.get('password')) return { answer: oauthError('invalid_grant', 'invalid_username_or_password'), granted: null };
    const scope = p.get('scope') ?? '';
    if (!scope.split(' ').includes('api')) return { answer: oauthError('invalid_scope'), granted: null };
    base = { tenant, user, clientId, scope };
  } else if (grant === 'refresh_token') {
    const r = state.refreshTokens.get(p.get('refresh_token') ?? '');
    if (!r || r.clientId !== clientId || r.expiresAtMs <= state.nowMs()) return { answer: oauthError('invalid_grant'), granted: null };
    base = { tenant: r.tenant, user: r.user, clientId, scope: r.scope };
  } else if (grant === 'authorization_code') {
    const c = state.codes.get(p.get('code') ?? '');
    // Used once, and only by the application it was issued to, for the same redirect URI (RFC 6749 §4.1.3).
    state.codes.delete(p.get('code') ?? '');
    if (!c || c.clientId !== clientId || c.expiresAtMs <= state.nowMs()) return { answer: oauthError('invalid_grant'), granted: null };
    if (c.redirectUri && c.redirectUri !== p.get('redirect_uri')) return { answer: oauthError('invalid_grant', 'redirect_uri does not match'), granted: null };
    base = { tenant: c.tenant, user: c.user, clientId, scope: c.scope };
  } else return { answer: oauthError('unsupported_grant_type'), granted: null };
  const { access, refresh } = state.issueToken(base, base.scope.split(' ').includes('offline_access'));
  return { answer: json(200, { access_token: access, expires_in: state.accessTokenTtlS, token_type: 'Bearer', scope: base.scope, ...(refresh ? { refresh_token: refresh } : {}) }), granted: grant };
}
