// The simulator's sign-in: Basic users (with expired passwords), an OAuth2 provider Syracuse trusts
// (client credentials + refresh, opaque tokens), connected applications (HS256 JWTs the client mints,
// checked with jose: iss, sub = allowed user, lifetime within the app's validity) and Sage X3 Services
// (authorization code → 5-minute JWT access tokens + rotating 30-day refresh tokens).
import { randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import type { SimUser } from './state';

export interface SimClient {
  clientId: string;
  secret: string;
  /** X3 user the client acts as. */
  user: string;
}

export interface SimConnectedApp extends SimClient {
  /** "Tokens validity" in seconds: the longest life a JWT may claim. */
  validitySeconds: number;
}

export interface SimAuthOptions {
  oauthClients?: SimClient[];
  connectedApps?: SimConnectedApp[];
  servicesClients?: SimClient[];
  oauthTokenSeconds?: number;
  servicesTokenSeconds?: number;
  /** Server time (ms) for token expiry; tests move it forward. */
  now?: () => number;
}

export type Surface = 'syracuse' | 'xtrem' | 'services';
export type AuthCheck = { ok: true; user: string } | { ok: false; body: string };

interface Issued {
  user: string;
  expiresAt: number;
}

const SERVICES_ISSUER = 'api.sim-sagex3.test';

export class SimAuth {
  readonly grants: Record<string, number> = {};
  /** Bearer tokens refused (expired, revoked, unknown). */
  rejectedBearer = 0;
  private readonly oauthTokens = new Map<string, Issued>();
  private readonly oauthRefresh = new Map<string, Issued & { clientId: string }>();
  private readonly servicesTokens = new Map<string, Issued>();
  private readonly servicesRefresh = new Map<string, Issued & { clientId: string }>();
  private readonly authCodes = new Map<string, string>();
  private readonly signingKey = randomBytes(32);
  readonly now: () => number;

  constructor(
    private readonly users: Map<string, SimUser>,
    private readonly opts: SimAuthOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** A pairing approved by an X3 user: the code the client exchanges once. */
  addAuthCode(clientId: string, code: string): void {
    this.authCodes.set(code, clientId);
  }

  /** Every access token issued so far stops working (a restart, a revocation): clients must renew. */
  revokeAccessTokens(): void {
    this.oauthTokens.clear();
    this.servicesTokens.clear();
  }

  async check(header: string | undefined, surface: Surface): Promise<AuthCheck> {
    const basic = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (basic && surface === 'syracuse') {
      const [user = '', ...rest] = Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':');
      const known = this.users.get(user);
      if (known && known.password === rest.join(':')) {
        return known.expired ? { ok: false, body: 'Your password has expired. Change it before signing in.' } : { ok: true, user };
      }
      return { ok: false, body: 'Authentication failed: invalid user or password' };
    }
    const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
    if (!token) return { ok: false, body: 'Authentication required' };
    const fromMap = (m: Map<string, Issued>) => {
      const t = m.get(token);
      return t && t.expiresAt > this.now() ? t.user : null;
    };
    const user = surface === 'services' ? fromMap(this.servicesTokens) : (surface === 'syracuse' ? fromMap(this.oauthTokens) : null) ?? (await this.connectedAppUser(token));
    if (user) return { ok: true, user };
    this.rejectedBearer++;
    return { ok: false, body: 'Invalid or expired bearer token' };
  }

  private async connectedAppUser(token: string): Promise<string | null> {
    try {
      const iss = decodeJwt(token).iss;
      const app = this.opts.connectedApps?.find((a) => a.clientId === iss);
      if (!app) return null;
      const { payload } = await jwtVerify(token, new TextEncoder().encode(app.secret), { algorithms: ['HS256'], issuer: app.clientId, currentDate: new Date(this.now()) });
      const life = (payload.exp ?? 0) - (payload.iat ?? 0);
      if (payload.sub !== app.user || !this.users.has(app.user) || life <= 0 || life > app.validitySeconds) return null;
      return app.user;
    } catch {
      return null;
    }
  }

  /** POST <provider>/oauth2/token, form-encoded (RFC 6749 §4.4 and §6). */
  oauthToken(form: URLSearchParams): { status: number; json: unknown } {
    const client = this.opts.oauthClients?.find((c) => c.clientId === form.get('client_id'));
    if (!client || client.secret !== form.get('client_secret')) return { status: 401, json: { error: 'invalid_client', error_description: 'Unknown client or wrong secret' } };
    const grant = form.get('grant_type') ?? '';
    this.grants[grant] = (this.grants[grant] ?? 0) + 1;
    if (grant === 'refresh_token') {
      const r = this.oauthRefresh.get(form.get('refresh_token') ?? '');
      if (!r || r.clientId !== client.clientId || r.expiresAt <= this.now()) return { status: 400, json: { error: 'invalid_grant', error_description: 'Refresh token expired or unknown' } };
    } else if (grant !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };
    const seconds = this.opts.oauthTokenSeconds ?? 3600;
    const access = randomBytes(24).toString('base64url');
    const refresh = randomBytes(24).toString('base64url');
    this.oauthTokens.set(access, { user: client.user, expiresAt: this.now() + seconds * 1000 });
    this.oauthRefresh.set(refresh, { user: client.user, clientId: client.clientId, expiresAt: this.now() + 86_400_000 });
    return { status: 200, json: { access_token: access, token_type: 'Bearer', expires_in: seconds, refresh_token: refresh } };
  }

  /** POST /v1/token, JSON: authorization_code once, then refresh_token (which rotates). */
  async servicesToken(body: Record<string, unknown>): Promise<{ status: number; json: unknown }> {
    const client = this.opts.servicesClients?.find((c) => c.clientId === body.client_id);
    if (!client || client.secret !== body.client_secret) return { status: 401, json: { error: 'invalid_client', error_description: 'Unknown application or wrong secret' } };
    const grant = String(body.grant_type ?? '');
    this.grants[grant] = (this.grants[grant] ?? 0) + 1;
    if (grant === 'authorization_code') {
      const code = String(body.code ?? '');
      if (this.authCodes.get(code) !== client.clientId) return { status: 400, json: { error: 'invalid_grant', error_description: 'Authorization code unknown or already used' } };
      this.authCodes.delete(code);
    } else if (grant === 'refresh_token') {
      const token = String(body.refresh_token ?? '');
      const r = this.servicesRefresh.get(token);
      if (!r || r.clientId !== client.clientId || r.expiresAt <= this.now()) return { status: 400, json: { error: 'invalid_grant', error_description: 'Refresh token expired or revoked: pair again' } };
      this.servicesRefresh.delete(token);
    } else return { status: 400, json: { error: 'unsupported_grant_type' } };
    const seconds = this.opts.servicesTokenSeconds ?? 300;
    const iat = Math.floor(this.now() / 1000);
    const access = await new SignJWT({ region: 'sim', azp: client.clientId, scopes: 'api.graphQL' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SERVICES_ISSUER)
      .setAudience(SERVICES_ISSUER)
      .setSubject(client.user)
      .setIssuedAt(iat)
      .setExpirationTime(iat + seconds)
      .sign(this.signingKey);
    const refresh = randomBytes(24).toString('base64url');
    this.servicesTokens.set(access, { user: client.user, expiresAt: (iat + seconds) * 1000 });
    this.servicesRefresh.set(refresh, { user: client.user, clientId: client.clientId, expiresAt: this.now() + 30 * 86_400_000 });
    return { status: 200, json: { access_token: access, refresh_token: refresh } };
  }
}
