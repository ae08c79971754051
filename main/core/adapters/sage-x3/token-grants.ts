// The token requests of the two bearer variants that talk to a token endpoint: OAuth2 client credentials
// against the provider Syracuse trusts (form-encoded, RFC 6749), and Sage X3 Services (JSON body to
// <api>/token: authorization_code once after pairing, then refresh_token; access 5 min, refresh 30 days).
import { decodeJwt } from 'jose';
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { jsonOrNull, send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { tokenEndpointError } from './errors';
import { tokenResponseSchema, X3_SYSTEM } from './schemas';
import type { TokenGrant, TokenState } from './token-keeper';

const SERVICES_ACCESS_MS = 5 * 60_000;
const SERVICES_REFRESH_MS = 30 * 86_400_000;

async function secret(ctx: AdapterContext, name: string, what: string): Promise<string> {
  const v = await ctx.secrets.get(name);
  if (!v) throw new ConnectorError('CONFIG_INVALID', `No ${what} is stored for this Sage X3 connection: enter it in the connection settings`, { system: X3_SYSTEM, retryable: false });
  registerSecret(v);
  return v;
}

/** Access-token life: expires_in when given, else the JWT's own exp, else the documented default. */
export function accessLifetimeMs(accessToken: string, expiresIn: number | undefined, nowMs: number, fallbackMs: number): number {
  if (expiresIn !== undefined && expiresIn > 0) return expiresIn * 1000;
  try {
    const exp = decodeJwt(accessToken).exp;
    if (typeof exp === 'number' && exp * 1000 > nowMs) return exp * 1000 - nowMs;
  } catch {
    // Opaque token: fall back.
  }
  return fallbackMs;
}

async function tokenCall(ctx: AdapterContext, url: string, body: string, contentType: string, what: string, settings: SageX3TargetSettings) {
  const res = await withRetry(
    () => ctx.limiter.run(() => send(ctx.fetch, { system: X3_SYSTEM, method: 'POST', url, headers: { 'content-type': contentType, accept: 'application/json' }, body, timeoutMs: Math.min(settings.requestTimeoutMs, 30_000), signal: ctx.signal })),
    ctx.retry,
    ctx.clock,
    ctx.signal,
  );
  const json = jsonOrNull(res.text);
  if (res.status < 200 || res.status >= 300) throw tokenEndpointError(res.status, json, res.text, what, res.correlationId);
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConnectorError('REMOTE_PROTOCOL', `The ${what} answered without a usable access token: check the token URL`, { system: X3_SYSTEM, httpStatus: res.status, retryable: false });
  }
  registerSecret(parsed.data.access_token);
  if (parsed.data.refresh_token) registerSecret(parsed.data.refresh_token);
  return parsed.data;
}

/** OAuth2 for Syracuse web services: client credentials (a refresh token is used when one was issued). */
export function oauth2Grant(settings: SageX3TargetSettings, ctx: AdapterContext): TokenGrant {
  return async (prev) => {
    const clientSecret = await secret(ctx, 'clientSecret', 'OAuth2 client secret');
    const now = ctx.clock.now().getTime();
    const canRefresh = prev?.refreshToken && (prev.refreshExpiresAt === null || prev.refreshExpiresAt > now);
    const form = new URLSearchParams(
      canRefresh
        ? { grant_type: 'refresh_token', refresh_token: prev.refreshToken!, client_id: settings.clientId, client_secret: clientSecret }
        : { grant_type: 'client_credentials', client_id: settings.clientId, client_secret: clientSecret, ...(settings.scope ? { scope: settings.scope } : {}) },
    );
    const t = await tokenCall(ctx, settings.tokenUrl, form.toString(), 'application/x-www-form-urlencoded', 'OAuth2 token endpoint', settings);
    const lifetimeMs = accessLifetimeMs(t.access_token, t.expires_in, now, 3_600_000);
    ctx.note({ action: 'auth', outcome: canRefresh ? 'refreshed' : 'connected', message: `Obtained a Sage X3 OAuth2 access token for client "${settings.clientId}", valid ${Math.round(lifetimeMs / 1000)} s` });
    return {
      accessToken: t.access_token,
      expiresAt: now + lifetimeMs,
      lifetimeMs,
      refreshToken: t.refresh_token ?? null,
      refreshExpiresAt: t.refresh_token && t.refresh_token_expires_in ? now + t.refresh_token_expires_in * 1000 : null,
    };
  };
}

/**
 * Sage X3 Services: the first call exchanges the pairing's authorization code (single use, deleted once
 * spent), later ones the newest refresh token, which rotates with every call and is kept in the state.
 */
export function servicesGrant(settings: SageX3TargetSettings, ctx: AdapterContext): TokenGrant {
  const url = `${settings.servicesApiUrl.replace(/\/+$/, '')}/token`;
  return async (prev) => {
    const clientSecret = await secret(ctx, 'servicesClientSecret', 'Sage X3 Services client secret');
    const now = ctx.clock.now().getTime();
    let refreshToken = prev?.refreshToken && (prev.refreshExpiresAt === null || prev.refreshExpiresAt > now) ? prev.refreshToken : null;
    refreshToken ??= await ctx.secrets.get('servicesRefreshToken');
    const code = refreshToken ? null : await ctx.secrets.get('servicesAuthCode');
    if (!refreshToken && !code) {
      throw new ConnectorError('AUTH_FAILED', 'Sage X3 Services is not paired (or the 30-day refresh token expired): pair the app again and store the new authorization code', { system: X3_SYSTEM, retryable: false });
    }
    const body = refreshToken
      ? { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: settings.servicesClientId, client_secret: clientSecret }
      : { grant_type: 'authorization_code', code: code!, client_id: settings.servicesClientId, client_secret: clientSecret, redirect_uri: settings.servicesRedirectUri };
    let t;
    try {
      t = await tokenCall(ctx, url, JSON.stringify(body), 'application/json', 'Sage X3 Services token API', settings);
    } catch (e) {
      // A refused refresh token is spent for good: forget it so the next attempt asks for a new pairing.
      if (refreshToken && e instanceof ConnectorError && e.code === 'AUTH_FAILED') await ctx.secrets.delete('servicesRefreshToken');
      throw e;
    }
    if (code) await ctx.secrets.delete('servicesAuthCode');
    if (!t.refresh_token) {
      throw new ConnectorError('REMOTE_PROTOCOL', 'Sage X3 Services answered without a refresh token', { system: X3_SYSTEM, retryable: false });
    }
    // The pairing's own refresh token is replaced by the rotated one kept in the state.
    if (!prev?.refreshToken) await ctx.secrets.delete('servicesRefreshToken');
    const lifetimeMs = accessLifetimeMs(t.access_token, t.expires_in, now, SERVICES_ACCESS_MS);
    ctx.note({ action: 'auth', outcome: code ? 'connected' : 'refreshed', message: code ? 'Paired with Sage X3 Services; stored the refresh token' : 'Refreshed the Sage X3 Services access token; stored the new refresh token' });
    const state: TokenState = {
      accessToken: t.access_token,
      expiresAt: now + lifetimeMs,
      lifetimeMs,
      refreshToken: t.refresh_token,
      refreshExpiresAt: now + (t.refresh_token_expires_in ? t.refresh_token_expires_in * 1000 : SERVICES_REFRESH_MS),
    };
    return state;
  };
}
