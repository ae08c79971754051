// Acumatica sign-in by OAuth 2.0 (../shared/api/acumatica.md §2b): password grant, or a refresh token from
// the authorization-code flow; scopes "api offline_access" (+ extra ones such as api:concurrent_access).
// Tokens are kept encrypted in the `tokenState` secret and refreshed single-flight; no logout is needed.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { jsonOrNull, looksLikeHtml } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { readSecret, siteBase, type AcumaticaAuth, type AuthLease, type Transport } from './auth';
import { htmlPageError, tokenError } from './errors';
import { ACUMATICA_SYSTEM, tokenResponseSchema } from './schemas';

interface TokenState {
  accessToken: string;
  expiresAt: number;
  refreshToken: string | null;
}

/** Renew this long before the access token's announced end. */
const TOKEN_MARGIN_MS = 60_000;
/** When the answer has no expires_in (Acumatica's usual lifetime is an hour). */
const DEFAULT_TOKEN_LIFETIME_S = 3600;

export const oauthScope = (s: Pick<AcumaticaTargetSettings, 'extraScopes'>): string => ['api', 'offline_access', ...s.extraScopes].join(' ');

/** The URL a person opens to start the authorization-code flow (the desktop app's loopback redirect). */
export function authorizeUrl(settings: AcumaticaTargetSettings, redirectUri: string, state: string): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: settings.clientId, redirect_uri: redirectUri, scope: oauthScope(settings), state });
  return `${siteBase(settings)}/identity/connect/authorize?${q.toString()}`;
}

export function createOAuth(settings: AcumaticaTargetSettings, ctx: AdapterContext, transport: Transport): AcumaticaAuth & { exchangeCode(code: string, redirectUri: string): Promise<{ refreshToken: string | null }> } {
  const tokenUrl = `${siteBase(settings)}/identity/connect/token`;
  let state: TokenState | null = null;
  let generation = 0;
  let inflight: Promise<AuthLease> | null = null;

  const lease = (st: TokenState): AuthLease => ({ headers: { authorization: `Bearer ${st.accessToken}` }, generation });

  async function load(): Promise<TokenState | null> {
    if (state) return state;
    const raw = await ctx.secrets.get('tokenState');
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as TokenState;
      if (typeof parsed.accessToken === 'string') registerSecret(parsed.accessToken);
      if (parsed.refreshToken) registerSecret(parsed.refreshToken);
      state = parsed;
    } catch {
      state = null;
    }
    return state;
  }

  async function grant(params: Record<string, string>): Promise<TokenState> {
    const clientSecret = await readSecret(ctx, 'clientSecret');
    const body = new URLSearchParams({ ...params, client_id: settings.clientId, client_secret: clientSecret }).toString();
    const res = await withRetry(() => transport({ method: 'POST', url: tokenUrl, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body }), ctx.retry, ctx.clock, ctx.signal);
    if (looksLikeHtml(res.text)) throw htmlPageError(false);
    if (res.status >= 300) throw tokenError(res.status, res.text, settings.clientId);
    const parsed = tokenResponseSchema.safeParse(jsonOrNull(res.text));
    if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', "Acumatica's token endpoint answered without an access token", { system: ACUMATICA_SYSTEM, retryable: false });
    registerSecret(parsed.data.access_token);
    if (parsed.data.refresh_token) registerSecret(parsed.data.refresh_token);
    const next: TokenState = {
      accessToken: parsed.data.access_token,
      expiresAt: ctx.clock.now().getTime() + (parsed.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
      // Keep the old refresh token when the answer brings no new one.
      refreshToken: parsed.data.refresh_token ?? params.refresh_token ?? null,
    };
    await ctx.secrets.set('tokenState', JSON.stringify(next));
    state = next;
    generation++;
    return next;
  }

  const passwordGrant = async () => grant({ grant_type: 'password', username: settings.username, password: await readSecret(ctx, 'password'), scope: oauthScope(settings) });

  async function obtain(): Promise<AuthLease> {
    const st = await load();
    const refresh = st?.refreshToken ?? (settings.auth === 'oauth_code' ? await readSecret(ctx, 'refreshToken') : null);
    if (refresh) {
      try {
        return lease(await grant({ grant_type: 'refresh_token', refresh_token: refresh }));
      } catch (e) {
        // A refresh token past its 30 days: the password grant can start over; the code flow needs a person.
        if (settings.auth !== 'oauth_password') throw e;
      }
    }
    if (settings.auth === 'oauth_password') return lease(await passwordGrant());
    throw new ConnectorError('CONFIG_INVALID', 'Acumatica has no OAuth refresh token for this connection: complete the sign-in (authorization code) again', { system: ACUMATICA_SYSTEM, retryable: false });
  }

  const renewNow = (): Promise<AuthLease> => {
    inflight ??= obtain().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    kind: 'oauth',
    async acquire() {
      const st = await load();
      if (st && st.expiresAt - TOKEN_MARGIN_MS > ctx.clock.now().getTime()) return lease(st);
      return renewNow();
    },
    async release() {},
    async renew(stale) {
      if (stale.generation !== generation && state) return lease(state);
      if (state) state = { ...state, accessToken: '', expiresAt: 0 };
      ctx.note({ action: 'auth', outcome: 'token_rejected', message: 'Acumatica refused the access token; renewing it' });
      return renewNow();
    },
    async exchangeCode(code, redirectUri) {
      const st = await grant({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
      return { refreshToken: st.refreshToken };
    },
  };
}
