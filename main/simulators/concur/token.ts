// Simulator token endpoint POST /oauth2/v0/token: password grant (credtype password | authtoken) and
// refresh_token grant with rotation, answering the documented error JSON {code, error, error_description[, geolocation]}.
import type { Datacenter } from './faults';
import type { Principal, SimState } from './state';

export interface SimReply { status: number; body: unknown; headers?: Record<string, string> }

/** Documented codes: HTTP status, `error` and a description. */
const ERRORS: Record<number, [number, string, string]> = {
  5: [400, 'invalid_grant', 'Invalid credentials'],
  10: [400, 'invalid_grant', 'Account disabled'],
  11: [400, 'invalid_grant', 'Account locked'],
  14: [400, 'invalid_grant', 'Account disabled or locked'],
  16: [400, 'invalid_request', 'User lives elsewhere'],
  19: [400, 'invalid_grant', 'Invalid username or password'],
  53: [401, 'invalid_client', 'Company not enabled for this client'],
  54: [400, 'invalid_scope', 'Requested scope exceeds grant'],
  59: [403, 'access_denied', 'Client disabled'],
  64: [401, 'invalid_client', 'Invalid client credentials'],
  106: [400, 'invalid_request', 'refresh_token missing'],
  107: [400, 'invalid_request', 'Refresh not allowed for this client'],
  108: [400, 'invalid_grant', 'Invalid or expired refresh token'],
  120: [400, 'invalid_request', 'Invalid credtype'],
  134: [400, 'invalid_request', 'Company is under scheduled maintenance'],
  136: [400, 'invalid_request', 'Authtoken was not issued for this client'],
};

export function tokenErrorReply(code: number, geolocation?: string): SimReply {
  const [status, error, description] = ERRORS[code] ?? [400, 'invalid_request', 'Request refused'];
  const body: Record<string, unknown> = { code, error, error_description: description };
  if (geolocation) body.geolocation = geolocation;
  return { status, body };
}

export interface TokenDeps {
  state: SimState;
  now: () => number;
  urls: Record<Datacenter, string>;
  /** Counter used to alternate `expires_in` between number and string, as the docs show both. */
  nextSerial: () => number;
}

export function handleToken(form: URLSearchParams, dc: Datacenter, deps: TokenDeps): SimReply {
  const { state } = deps;
  const client = state.clients.get(form.get('client_id') ?? '');
  if (!client || client.clientSecret !== form.get('client_secret')) return tokenErrorReply(64);
  const grant = form.get('grant_type');
  if (grant === 'password') return passwordGrant(form, dc, client.clientId, deps);
  if (grant === 'refresh_token') return refreshGrant(form, client.clientId, deps);
  return { status: 400, body: { code: 0, error: 'unsupported_grant_type', error_description: `grant_type ${grant ?? '(missing)'} is not supported` } };
}

function passwordGrant(form: URLSearchParams, dc: Datacenter, clientId: string, deps: TokenDeps): SimReply {
  const { state } = deps;
  const credtype = form.get('credtype') ?? 'password';
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  let principal: Principal;
  if (credtype === 'authtoken') {
    const rt = state.requestToken(password);
    if (!rt || rt.companyId !== username || rt.expiresAt <= deps.now()) return tokenErrorReply(5);
    if (rt.clientId !== clientId) return tokenErrorReply(136);
    principal = { kind: 'company', companyId: username, loginId: null };
  } else if (credtype === 'password') {
    const user = state.users.get(username);
    if (!user || user.password !== password) return tokenErrorReply(19);
    if (user.status === 'disabled') return tokenErrorReply(10);
    if (user.status === 'locked') return tokenErrorReply(11);
    principal = { kind: 'user', companyId: user.companyId, loginId: user.loginId };
  } else {
    return tokenErrorReply(120);
  }
  const company = state.companies.get(principal.companyId);
  if (!company) return tokenErrorReply(5);
  if (!company.connected) return tokenErrorReply(53);
  if (company.maintenance) return tokenErrorReply(134);
  // A principal can only sign in at its own datacenter; elsewhere the answer names the right one.
  if (company.datacenter !== dc) return tokenErrorReply(16, deps.urls[company.datacenter]);
  return issue(principal, clientId, null, deps);
}

/**
 * Rotation: each refresh returns a new refresh token. The previous one stays valid until the new one
 * is first used, so a client whose response got lost can retry; after that only the newest works.
 */
function refreshGrant(form: URLSearchParams, clientId: string, deps: TokenDeps): SimReply {
  const { state } = deps;
  const token = form.get('refresh_token');
  if (!token) return tokenErrorReply(106);
  const rec = state.refresh.get(token);
  if (!rec || rec.clientId !== clientId || rec.expiresAt <= deps.now()) return tokenErrorReply(108);
  const company = state.companies.get(rec.principal.companyId);
  if (!company || !company.connected) return tokenErrorReply(108);
  if (company.maintenance) return tokenErrorReply(134);
  if (rec.predecessor) state.refresh.delete(rec.predecessor);
  // A refresh may be answered by any datacenter; the response carries the principal's current geolocation.
  return issue(rec.principal, clientId, token, deps);
}

function issue(principal: Principal, clientId: string, predecessor: string | null, deps: TokenDeps): SimReply {
  const { state } = deps;
  const company = state.companies.get(principal.companyId);
  const home = company?.datacenter ?? 'us';
  const access = state.issueAccess(principal, home, clientId);
  const refresh = state.issueRefresh(principal, clientId, predecessor);
  const serial = deps.nextSerial();
  const claims = { sub: principal.kind === 'company' ? principal.companyId : principal.loginId, 'concur.type': principal.kind };
  const idToken = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: serial % 2 === 0 ? 3600 : '3600',
      access_token: access,
      refresh_token: refresh.token,
      refresh_expires_in: Math.floor(refresh.expiresAt / 1000),
      scope: 'openid EXPRPT expense.report.read',
      id_token: idToken,
      geolocation: deps.urls[home],
    },
  };
}

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}
