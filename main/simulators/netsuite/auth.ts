// The simulated account's sign-in: the client-credentials token endpoint verifies the JWT assertion with
// jose against the certificate registered under its kid (signature, alg, iss, aud, iat/exp, scope), and
// every REST call is checked for a live bearer token or a valid OAuth 1.0a (TBA) signature.
import { createHmac, randomBytes } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { NetSuiteSimState } from './state';

const ALGS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type TokenAnswer = { status: 200; body: { access_token: string; expires_in: number; token_type: string } } | { status: 400 | 401; body: { error: string; error_description: string } };

const refuse = (error: string, why: string, status: 400 | 401 = 400): TokenAnswer => ({ status, body: { error, error_description: why } });

export async function issueToken(state: NetSuiteSimState, form: URLSearchParams, audience: string): Promise<TokenAnswer> {
  if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'grant_type must be client_credentials');
  if (form.get('client_assertion_type') !== ASSERTION_TYPE) return refuse('invalid_request', 'client_assertion_type must be the jwt-bearer URN');
  const jwt = form.get('client_assertion') ?? '';
  let kid: string | undefined;
  let iss: string | undefined;
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.typ !== 'JWT') return refuse('invalid_request', 'JWT header typ must be JWT');
    if (!ALGS.includes(String(header.alg))) return refuse('invalid_request', `JWT alg ${String(header.alg)} is not accepted`);
    kid = header.kid;
    iss = decodeJwt(jwt).iss;
  } catch {
    return refuse('invalid_request', 'client_assertion is not a JWT');
  }
  const client = iss ? state.clients.get(iss) : undefined;
  if (!client) return refuse('invalid_client', 'unknown client id', 401);
  const cert = kid ? client.certificates.get(kid) : undefined;
  if (!cert || cert.revoked) return refuse('invalid_client', 'no active certificate with this kid for the client', 401);
  const now = state.now();
  if (now > cert.validUntilMs) return refuse('invalid_grant', 'the certificate has expired');
  try {
    const { payload } = await jwtVerify(jwt, cert.publicKey, { algorithms: ALGS, issuer: iss, audience, currentDate: new Date(now), requiredClaims: ['iat', 'exp', 'scope'] });
    const iat = payload.iat!;
    const exp = payload.exp!;
    if (iat * 1000 > now + 60_000) return refuse('invalid_grant', 'iat is in the future');
    // "Less than 60 minutes": an assertion living exactly 60 minutes is refused too.
    if (exp - iat >= 3600) return refuse('invalid_grant', 'exp must be less than 60 minutes after iat');
    const scopes = (Array.isArray(payload.scope) ? payload.scope.map(String) : String(payload.scope).split(',')).map((s) => s.trim());
    if (!scopes.some((s) => client.scopes.includes(s))) return refuse('invalid_scope', `scope ${scopes.join(',')} is not granted`);
  } catch (e) {
    return refuse('invalid_grant', `assertion rejected: ${(e as { code?: string }).code ?? 'invalid'}`);
  }
  const token = randomBytes(32).toString('base64url');
  state.accessTokens.set(token, { expiresAtMs: now + state.tokenLifetimeS * 1000, clientId: iss! });
  return { status: 200, body: { access_token: token, expires_in: state.tokenLifetimeS, token_type: 'bearer' } };
}

const enc = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Checks a TBA header independently of the connector's signer: params, realm, timestamp window, signature. */
function tbaValid(state: NetSuiteSimState, header: string, method: string, url: URL, realm: string): boolean {
  const params = new Map<string, string>();
  for (const m of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/gi)) params.set(m[1]!, decodeURIComponent(m[2]!));
  if (params.get('realm') !== realm || params.get('oauth_signature_method') !== 'HMAC-SHA256') return false;
  if (Math.abs(Number(params.get('oauth_timestamp')) * 1000 - state.now()) > 300_000) return false;
  const tok = state.tbaTokens.find((t) => t.consumerKey === params.get('oauth_consumer_key') && t.tokenId === params.get('oauth_token'));
  if (!tok) return false;
  const all: Array<[string, string]> = [];
  for (const [k, v] of url.searchParams) all.push([enc(k), enc(v)]);
  for (const [k, v] of params) if (k !== 'realm' && k !== 'oauth_signature') all.push([enc(k), enc(v)]);
  all.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  const base = `${method.toUpperCase()}&${enc(`${url.protocol}//${url.host}${url.pathname}`)}&${enc(all.map(([k, v]) => `${k}=${v}`).join('&'))}`;
  const expected = createHmac('sha256', `${enc(tok.consumerSecret)}&${enc(tok.tokenSecret)}`).update(base).digest('base64');
  return expected === params.get('oauth_signature');
}

/** True when the request carries a live bearer token or a valid TBA signature. */
export function authorised(state: NetSuiteSimState, authorization: string | undefined, method: string, url: URL, realm: string): boolean {
  if (!authorization) return false;
  if (authorization.startsWith('Bearer ')) {
    const t = state.accessTokens.get(authorization.slice(7));
    return !!t && t.expiresAtMs > state.now();
  }
  if (authorization.startsWith('OAuth ')) return tbaValid(state, authorization, method, url, realm);
  return false;
}
