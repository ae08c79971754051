// OAuth 2.0 client credentials for NetSuite: mints a JWT assertion, trades it for a 60-minute access token,
// keeps the token (encrypted, as adapter state) and renews it before it expires. There is no refresh token,
// so renewal is a new assertion. Token requests are safe to repeat and go through withRetry.
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { jsonOrNull, looksLikeHtml, send, snippet } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { tokenUrl } from './account';
import { loadSigningKey, signAssertion } from './assertion';
import { oauthErrorSchema, NETSUITE_SYSTEM, tokenResponseSchema } from './schemas';

export const TOKEN_STATE = 'tokenState';
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const SKEW_NOTE_MS = 5 * 60_000;
const sys = { system: NETSUITE_SYSTEM };

interface TokenState {
  accessToken: string;
  expiresAt: string;
  /** Which credentials minted it: a changed client or certificate invalidates the cached token. */
  owner: string;
}

export interface TokenKeeper {
  /** A valid access token, renewed when it is within `tokenRenewSeconds` of expiry. */
  get(): Promise<{ token: string; expiresAt: string; renewed: boolean }>;
  /** Forgets the token (NetSuite answered 401 to it). */
  drop(): Promise<void>;
}

type Oauth2Settings = Pick<NetSuiteTargetSettings, 'accountId' | 'restUrl' | 'clientId' | 'certificateId' | 'scope' | 'tokenRenewSeconds' | 'requestTimeoutMs'>;

export function createTokenKeeper(settings: Oauth2Settings, ctx: AdapterContext, readPrivateKey: () => Promise<string>, throttle: <T>(fn: () => Promise<T>) => Promise<T>): TokenKeeper {
  const owner = `${settings.clientId}|${settings.certificateId}`;
  let cached: TokenState | null = null;
  let inflight: Promise<TokenState> | null = null;

  const fresh = (s: TokenState | null): s is TokenState => !!s && s.owner === owner && Date.parse(s.expiresAt) - settings.tokenRenewSeconds * 1000 > ctx.clock.now().getTime();

  async function mint(): Promise<TokenState> {
    const signing = loadSigningKey(await readPrivateKey());
    const url = tokenUrl(settings);
    const issuedAt = Math.floor(ctx.clock.now().getTime() / 1000);
    const assertion = await signAssertion(signing, { clientId: settings.clientId, certificateId: settings.certificateId, scope: settings.scope, audience: url, issuedAt });
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion }).toString();
    const res = await withRetry(
      () => throttle(() => send(ctx.fetch, { system: NETSUITE_SYSTEM, method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal })),
      ctx.retry,
      ctx.clock,
      ctx.signal,
    ).catch((e: unknown) => {
      // A token request changes nothing at NetSuite: never uncertain.
      if (e instanceof ConnectorError && e.uncertain) throw new ConnectorError(e.code, e.message, { ...sys, httpStatus: e.httpStatus, retryable: e.retryable, retryAfterMs: e.retryAfterMs, cause: e });
      throw e;
    });
    if (looksLikeHtml(res.text)) throw new ConnectorError('CONFIG_INVALID', `The NetSuite token endpoint ${url} answered with an HTML page (HTTP ${res.status}): check the account id and the REST URL`, { ...sys, httpStatus: res.status, retryable: false });
    const json = jsonOrNull(res.text);
    if (res.status >= 400) throw tokenRefused(res.status, json, res.text, skewOf(res.headers.get('date'), ctx.clock.now()), settings);
    const parsed = tokenResponseSchema.safeParse(json);
    if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', `NetSuite's token endpoint answered HTTP ${res.status} without an access token${snippet(res.text)}`, { ...sys, httpStatus: res.status, retryable: false });
    registerSecret(parsed.data.access_token);
    const state: TokenState = { accessToken: parsed.data.access_token, expiresAt: new Date(ctx.clock.now().getTime() + parsed.data.expires_in * 1000).toISOString(), owner };
    await ctx.secrets.set(TOKEN_STATE, JSON.stringify(state));
    ctx.note({ action: 'auth', outcome: 'token_issued', message: `NetSuite access token issued for client ${settings.clientId} (certificate ${settings.certificateId}), valid until ${state.expiresAt}` });
    return state;
  }

  return {
    async get() {
      if (!cached) {
        const raw = await ctx.secrets.get(TOKEN_STATE);
        if (raw) {
          try {
            cached = JSON.parse(raw) as TokenState;
            registerSecret(cached.accessToken);
          } catch {
            cached = null;
          }
        }
      }
      if (fresh(cached)) return { token: cached.accessToken, expiresAt: cached.expiresAt, renewed: false };
      inflight ??= mint().finally(() => (inflight = null));
      cached = await inflight;
      return { token: cached.accessToken, expiresAt: cached.expiresAt, renewed: true };
    },
    async drop() {
      cached = null;
      await ctx.secrets.delete(TOKEN_STATE);
    },
  };
}

/** Minutes between NetSuite's Date header and our clock, when it is large enough to break a JWT. */
function skewOf(dateHeader: string | null, now: Date): number | null {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(server)) return null;
  const diff = now.getTime() - server;
  return Math.abs(diff) >= SKEW_NOTE_MS ? Math.round(diff / 60_000) : null;
}

/** A refused assertion as a plain reason: which setting to check, and the clock when it is off. */
export function tokenRefused(status: number, json: unknown, text: string, skewMinutes: number | null, s: Pick<Oauth2Settings, 'clientId' | 'certificateId'>): ConnectorError {
  const oauth = oauthErrorSchema.safeParse(json);
  const code = oauth.success ? oauth.data.error : `HTTP ${status}`;
  const said = oauth.success && oauth.data.error_description ? ` ("${oauth.data.error_description}")` : oauth.success ? '' : snippet(text);
  const base = { ...sys, httpStatus: status, retryable: false, details: { problem: 'token', oauthError: code } };
  if (skewMinutes !== null) {
    return new ConnectorError('AUTH_FAILED', `NetSuite refused the signed client assertion (${code})${said}: this computer's clock is ${Math.abs(skewMinutes)} minutes ${skewMinutes > 0 ? 'ahead of' : 'behind'} NetSuite's, so the token's iat/exp look invalid — correct the system clock`, base);
  }
  if (code === 'invalid_scope') return new ConnectorError('AUTH_FAILED', `NetSuite refused the requested scope${said}: enable "REST web services" on the integration record or fix the scope setting`, base);
  if (status >= 500) return new ConnectorError('UNAVAILABLE', `NetSuite's token endpoint failed (HTTP ${status})${said}`, { ...base, retryable: true });
  return new ConnectorError('AUTH_FAILED', `NetSuite refused the signed client assertion (${code})${said}: check client ID "${s.clientId}", certificate ID "${s.certificateId}", that the stored private key belongs to that certificate, that the certificate has not expired or been revoked, and that the mapping's role and entity are active`, base);
}
