// Acumatica sign-in by cookie session (../shared/api/acumatica.md §2a): POST /entity/auth/login opens a
// session shared by every call in flight; when the last one is done, POST /entity/auth/logout always
// closes it, so no licensed API-user slot is left occupied. A process killed before its sign-out leaves the
// session alive for the idle timeout (~20 min), holding a slot: so the session cookie is kept in the
// encrypted adapter state while it is open, and the next process adopts it (no new slot) and signs it out
// when done. Also the port both sign-in kinds implement (OAuth 2.0 lives in oauth.ts). A rejected session
// is renewed once by the client; a second refusal is final.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError, isConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { looksLikeHtml, type HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { htmlPageError, loginError, loginErrorFromThrown } from './errors';
import { ACUMATICA_SYSTEM } from './schemas';

export const ACUMATICA_SECRET_NAMES = ['password', 'clientSecret', 'refreshToken'] as const;
/** Adapter state (encrypted like the secrets): the cookies of the session open right now, if any. */
export const OPEN_SESSION_STATE = 'openSession';
export type AcumaticaSecretName = (typeof ACUMATICA_SECRET_NAMES)[number];

/** One raw call through the limiter (the client provides it). */
export type Transport = (req: { method: 'GET' | 'POST' | 'PUT'; url: string; headers: Record<string, string>; body?: string | Uint8Array; readServerErrorBody?: (text: string) => boolean }) => Promise<HttpResponse>;

export interface AuthLease {
  headers: Record<string, string>;
  /** Changes with every new session or token, so concurrent 401s renew only once. */
  generation: number;
}

export interface AcumaticaAuth {
  readonly kind: 'cookie' | 'oauth';
  /** Credentials for a unit of work; pair every acquire with one release. */
  acquire(): Promise<AuthLease>;
  release(): Promise<void>;
  /** After a 401: fresh credentials, unless a concurrent caller already replaced `stale`. */
  renew(stale: AuthLease): Promise<AuthLease>;
}

const LABEL: Record<AcumaticaSecretName, string> = { password: 'password of the Acumatica API user', clientSecret: 'client secret of the connected application', refreshToken: 'refresh token from the Acumatica sign-in' };

export async function readSecret(ctx: AdapterContext, name: AcumaticaSecretName): Promise<string> {
  const value = await ctx.secrets.get(name);
  if (!value) throw new ConnectorError('CONFIG_INVALID', `No ${LABEL[name]} is stored for Acumatica: enter it in the connection settings`, { system: ACUMATICA_SYSTEM, retryable: false, details: { secret: name } });
  registerSecret(value);
  return value;
}

export const siteBase = (s: Pick<AcumaticaTargetSettings, 'siteUrl'>): string => s.siteUrl.replace(/\/+$/, '');

/** Session cookies from a login answer, as one Cookie header value. */
export function cookieHeader(setCookies: string[]): string {
  const jar = new Map<string, string>();
  for (const line of setCookies) {
    const [pair] = line.split(';');
    const at = pair?.indexOf('=') ?? -1;
    if (!pair || at <= 0) continue;
    jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

export function createCookieAuth(settings: AcumaticaTargetSettings, ctx: AdapterContext, transport: Transport): AcumaticaAuth {
  const base = siteBase(settings);
  const who = { username: settings.username, tenant: settings.tenant };
  let session: AuthLease | null = null;
  let generation = 0;
  let users = 0;
  let opening: Promise<AuthLease> | null = null;
  let closing: Promise<void> | null = null;

  async function loginAs(password: string, tenantKey: 'tenant' | 'company'): Promise<AuthLease> {
    const body = JSON.stringify({ name: settings.username, password, ...(settings.tenant ? { [tenantKey]: settings.tenant } : {}), ...(settings.branch ? { branch: settings.branch } : {}) });
    let res: HttpResponse;
    try {
      res = await transport({ method: 'POST', url: `${base}/entity/auth/login`, headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
    } catch (e) {
      throw loginErrorFromThrown(e, who);
    }
    if (looksLikeHtml(res.text)) throw htmlPageError(false);
    if (res.status >= 300) throw loginError(res.status, res.text, who);
    const cookies = cookieHeader(res.headers.getSetCookie());
    if (!cookies) throw new ConnectorError('REMOTE_PROTOCOL', 'Acumatica accepted the sign-in but sent no session cookie', { system: ACUMATICA_SYSTEM, retryable: false });
    for (const part of cookies.split('; ')) registerSecret(part.slice(part.indexOf('=') + 1));
    ctx.logger.info('Acumatica session opened', { user: settings.username, tenant: settings.tenant });
    // Written before any call uses it: a crash from here on leaves a session the next run can adopt.
    await ctx.secrets.set(OPEN_SESSION_STATE, cookies);
    return { headers: { cookie: cookies }, generation: ++generation };
  }

  /** A session an earlier process opened and never signed out (killed, power cut): used instead of a new slot. */
  async function adopt(): Promise<AuthLease | null> {
    const cookies = await ctx.secrets.get(OPEN_SESSION_STATE);
    if (!cookies) return null;
    for (const part of cookies.split('; ')) registerSecret(part.slice(part.indexOf('=') + 1));
    ctx.note({ action: 'auth', outcome: 'session_adopted', message: 'Reusing the Acumatica session an earlier run left open (it did not sign out), so no second API-user slot is taken; it is signed out when this run is done' });
    return { headers: { cookie: cookies }, generation: ++generation };
  }

  async function loginOnce(): Promise<AuthLease> {
    const password = await readSecret(ctx, 'password');
    try {
      return await loginAs(password, 'tenant');
    } catch (e) {
      // Older instances read the tenant under the earlier key `company` (§2a): one more try with it, only
      // when the refusal was about the request or the company, never after "Invalid credentials".
      if (!settings.tenant || !isConnectorError(e) || e.details?.tenantKeyRefused !== true) throw e;
      return loginAs(password, 'company');
    }
  }

  /** `adoptable`: an earlier run's open session may be taken over (not after it was just refused). */
  function open(adoptable: boolean): Promise<AuthLease> {
    opening ??= (async () => (adoptable ? await adopt() : null) ?? (await withRetry(loginOnce, ctx.retry, ctx.clock, ctx.signal)))()
      .then((s) => (session = s))
      .finally(() => {
        opening = null;
      });
    return opening;
  }

  async function logout(s: AuthLease): Promise<void> {
    // Forgotten first: a session whose sign-out fails frees itself at the idle timeout; adopting it later would only 401.
    await ctx.secrets.delete(OPEN_SESSION_STATE).catch(() => undefined);
    try {
      const res = await transport({ method: 'POST', url: `${base}/entity/auth/logout`, headers: { ...s.headers, accept: 'application/json' } });
      if (res.status >= 300 && res.status !== 401) ctx.note({ action: 'auth', outcome: 'logout_failed', message: `Acumatica answered the sign-out with HTTP ${res.status}; the API-user slot frees itself when the session times out` });
    } catch (e) {
      ctx.note({ action: 'auth', outcome: 'logout_failed', message: `Acumatica sign-out failed (${e instanceof Error ? e.message : String(e)}); the API-user slot frees itself when the session times out` });
    }
  }

  return {
    kind: 'cookie',
    async acquire() {
      users++;
      try {
        if (closing) await closing;
        return session ?? (await open(true));
      } catch (e) {
        await this.release();
        throw e;
      }
    },
    async release() {
      users--;
      if (users > 0 || !session) return;
      const s = session;
      session = null;
      closing = logout(s).finally(() => {
        closing = null;
      });
      await closing;
    },
    async renew(stale) {
      if (session && session.generation !== stale.generation) return session;
      if (session?.generation === stale.generation) session = null;
      await ctx.secrets.delete(OPEN_SESSION_STATE);
      ctx.note({ action: 'auth', outcome: 'session_expired', message: 'The Acumatica session expired; signing in again' });
      return open(false);
    },
  };
}
