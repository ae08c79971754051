// Concur token manager: first token by password grant (credtype password or authtoken), then the
// refresh_token grant; follows and persists the geolocation of every token response. Persists one
// JSON secret `tokenState` (times as epoch ms). Refreshes are single-flight across concurrent calls.
import { randomUUID } from 'node:crypto';
import type { ConcurSourceSettings } from '../../../../shared/schemas/systems/concur';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { SYSTEM, isReconnectCode, tokenError } from './errors';
import { tokenErrorSchema, tokenResponseSchema } from './schemas';

export interface TokenState {
  accessToken: string | null;
  accessExpiresAt: number | null;
  refreshToken: string | null;
  refreshExpiresAt: number | null;
  geolocation: string | null;
}

export interface Session {
  accessToken: string;
  /** Origin every data call goes to, as returned with the token. */
  geolocation: string;
}

/** Refresh this long before the access token expires, so no call goes out with a dying token. */
export const REFRESH_MARGIN_MS = 60_000;
const MAX_GEO_HOPS = 2;
const EMPTY: TokenState = { accessToken: null, accessExpiresAt: null, refreshToken: null, refreshExpiresAt: null, geolocation: null };

export class ConcurAuth {
  private state: TokenState | null = null;
  private inflight: Promise<Session> | null = null;

  constructor(
    private readonly settings: ConcurSourceSettings,
    private readonly ctx: AdapterContext,
  ) {}

  /** A usable access token and its geolocation, refreshing first when it is about to expire. */
  async session(): Promise<Session> {
    const st = await this.load();
    return this.usable(st) ?? this.renew();
  }

  /** After a 401/403 on a data call: renew, unless a concurrent caller already replaced that token. */
  async renewAfterReject(rejected: string): Promise<Session> {
    const st = await this.load();
    const current = this.usable(st);
    if (current && current.accessToken !== rejected) return current;
    if (st.accessToken === rejected) await this.save({ ...st, accessToken: null, accessExpiresAt: null });
    return this.renew();
  }

  private usable(st: TokenState): Session | null {
    const now = this.ctx.clock.now().getTime();
    if (st.accessToken && st.geolocation && st.accessExpiresAt !== null && st.accessExpiresAt - REFRESH_MARGIN_MS > now) {
      return { accessToken: st.accessToken, geolocation: st.geolocation };
    }
    return null;
  }

  private renew(): Promise<Session> {
    this.inflight ??= this.obtain().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async obtain(): Promise<Session> {
    const st = await this.load();
    const clientSecret = await this.secret('clientSecret', 'the client secret from SAP Concur App Management');
    const base = { client_id: this.settings.clientId, client_secret: clientSecret };
    const now = this.ctx.clock.now().getTime();
    if (st.refreshToken && (st.refreshExpiresAt === null || st.refreshExpiresAt > now)) {
      const host = st.geolocation ?? origin(this.settings.tokenUrl);
      return this.tokenCall(host, { ...base, grant_type: 'refresh_token', refresh_token: st.refreshToken }, 'refresh');
    }
    if (st.refreshToken && this.settings.grant === 'authtoken') {
      await this.save({ ...EMPTY, geolocation: st.geolocation });
      throw new ConnectorError('AUTH_FAILED', 'The SAP Concur refresh token has expired: reconnect the app with a new company request token', { system: SYSTEM, retryable: false });
    }
    const password = await this.secret('password', this.settings.grant === 'authtoken' ? 'the company request token' : 'the Concur password');
    // authtoken exchanges go to the GLZ/token host; a user's password login may go to its known geolocation.
    const host = this.settings.grant === 'authtoken' ? origin(this.settings.tokenUrl) : (st.geolocation ?? origin(this.settings.tokenUrl));
    const form = { ...base, grant_type: 'password', username: this.settings.username, password, credtype: this.settings.grant };
    return this.tokenCall(host, form, 'connect');
  }

  private async tokenCall(startHost: string, form: Record<string, string>, kind: 'refresh' | 'connect'): Promise<Session> {
    let host = startHost;
    for (let hop = 0; ; hop++) {
      const res = await withRetry(
        () =>
          this.ctx.limiter.run(() =>
            send(this.ctx.fetch, {
              system: SYSTEM,
              method: 'POST',
              url: `${host}/oauth2/v0/token`,
              headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'concur-correlationid': randomUUID() },
              body: new URLSearchParams(form).toString(),
              signal: this.ctx.signal,
            }),
          ),
        this.ctx.retry,
        this.ctx.clock,
        this.ctx.signal,
      );
      const json = parseJson(res.text);
      if (res.status >= 200 && res.status < 300) {
        const parsed = tokenResponseSchema.safeParse(json);
        if (!parsed.success) {
          throw new ConnectorError('REMOTE_PROTOCOL', 'SAP Concur token endpoint answered without a usable access token', { system: SYSTEM, httpStatus: res.status, correlationId: res.correlationId, retryable: false });
        }
        return this.accept(parsed.data, host, kind, res.correlationId);
      }
      const err = tokenErrorSchema.safeParse(json);
      const body = err.success ? err.data : null;
      const code = body?.code === undefined ? undefined : Number(body.code);
      if (code === 16 && body?.geolocation && hop < MAX_GEO_HOPS) {
        const next = this.checkGeolocation(body.geolocation);
        this.ctx.note({ action: 'auth', outcome: 'geolocation', message: `SAP Concur said this account lives at ${next}; signing in there`, correlationId: res.correlationId });
        host = next;
        continue;
      }
      if (isReconnectCode(code)) {
        const st = await this.load();
        await this.save({ ...st, accessToken: null, accessExpiresAt: null, refreshToken: null, refreshExpiresAt: null });
        this.ctx.note({ action: 'auth', outcome: 'reconnect-needed', message: 'SAP Concur refused the stored refresh token; the connection must be reconnected', correlationId: res.correlationId });
      }
      throw tokenError(body, res.status, res.correlationId);
    }
  }

  private async accept(t: ReturnType<typeof tokenResponseSchema.parse>, host: string, kind: 'refresh' | 'connect', correlationId: string | undefined): Promise<Session> {
    const prev = await this.load();
    const now = this.ctx.clock.now().getTime();
    const expiresIn = toNumber(t.expires_in);
    const refreshAt = toNumber(t.refresh_expires_in);
    const geolocation = t.geolocation ? this.checkGeolocation(t.geolocation) : host;
    registerSecret(t.access_token);
    if (t.refresh_token) registerSecret(t.refresh_token);
    const next: TokenState = {
      accessToken: t.access_token,
      accessExpiresAt: now + (expiresIn !== null && expiresIn > 0 ? expiresIn : 3600) * 1000,
      // Every refresh may rotate the refresh token: always keep the newest one.
      refreshToken: t.refresh_token ?? prev.refreshToken,
      // Documented as absolute epoch seconds; a small number can only be a duration.
      refreshExpiresAt: refreshAt === null ? (t.refresh_token ? null : prev.refreshExpiresAt) : refreshAt > 1e9 ? refreshAt * 1000 : now + refreshAt * 1000,
      geolocation,
    };
    await this.save(next);
    if (prev.geolocation && prev.geolocation !== geolocation) {
      this.ctx.note({ action: 'auth', outcome: 'geolocation', message: `SAP Concur moved this connection from ${prev.geolocation} to ${geolocation}`, correlationId });
    }
    this.ctx.note({
      action: 'auth',
      outcome: kind === 'refresh' ? 'refreshed' : 'connected',
      message: kind === 'refresh' ? `Refreshed the SAP Concur access token (${geolocation}); stored the new refresh token` : `Signed in to SAP Concur at ${geolocation}`,
      correlationId,
    });
    return { accessToken: next.accessToken as string, geolocation };
  }

  /** A geolocation must be an http(s) origin; plain http only when the configured token host is http (simulator). */
  private checkGeolocation(value: string): string {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConnectorError('REMOTE_PROTOCOL', 'SAP Concur returned a geolocation that is not a URL', { system: SYSTEM, retryable: false });
    }
    const allowHttp = this.settings.tokenUrl.startsWith('http:');
    if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) {
      throw new ConnectorError('REMOTE_PROTOCOL', `SAP Concur returned a geolocation that is not https (${url.origin})`, { system: SYSTEM, retryable: false });
    }
    return url.origin;
  }

  private async secret(name: string, what: string): Promise<string> {
    const v = await this.ctx.secrets.get(name);
    if (!v) throw new ConnectorError('CONFIG_INVALID', `No ${what} is stored for this connection: enter it in the connection settings`, { system: SYSTEM, retryable: false });
    registerSecret(v);
    return v;
  }

  private async load(): Promise<TokenState> {
    if (this.state) return this.state;
    const raw = await this.ctx.secrets.get('tokenState');
    let st: TokenState = { ...EMPTY };
    if (raw) {
      try {
        const o = JSON.parse(raw) as Partial<TokenState>;
        st = { ...EMPTY, ...o };
      } catch {
        this.ctx.logger.warn('concur: stored token state is unreadable; signing in again');
      }
    }
    if (st.accessToken) registerSecret(st.accessToken);
    if (st.refreshToken) registerSecret(st.refreshToken);
    this.state = st;
    return st;
  }

  private async save(st: TokenState): Promise<void> {
    this.state = st;
    await this.ctx.secrets.set('tokenState', JSON.stringify(st));
  }
}

function origin(url: string): string {
  return new URL(url).origin;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
