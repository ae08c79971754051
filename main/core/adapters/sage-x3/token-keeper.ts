// A bearer token cached in the connection's encrypted adapter state (ctx.secrets), renewed a margin
// before it expires, single-flight across concurrent calls, and dropped when the server answers 401.
import { registerSecret } from '../../redact';
import type { AdapterContext } from '../types';

export interface TokenState {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Full life of the access token when it was issued, for the renewal margin. */
  lifetimeMs: number;
  refreshToken: string | null;
  /** Epoch ms; null = unknown. */
  refreshExpiresAt: number | null;
}

/** Obtains a fresh token; `prev` is the stored state (its refresh token may be used). */
export type TokenGrant = (prev: TokenState | null) => Promise<TokenState>;

export interface TokenKeeper {
  /** A token valid for at least the renewal margin. */
  token(): Promise<string>;
  /** The server refused `token`: forget it, unless another call already replaced it. */
  drop(token: string): Promise<void>;
}

/** Renew a minute before expiry, or a fifth of the life for short tokens (X3 Services: 5 minutes → 60 s). */
export function renewMarginMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.floor(lifetimeMs / 5)));
}

function parseState(raw: string): TokenState | null {
  try {
    const st = JSON.parse(raw) as Partial<TokenState>;
    if (typeof st.accessToken !== 'string' || typeof st.expiresAt !== 'number') return null;
    return { accessToken: st.accessToken, expiresAt: st.expiresAt, lifetimeMs: st.lifetimeMs ?? 300_000, refreshToken: st.refreshToken ?? null, refreshExpiresAt: st.refreshExpiresAt ?? null };
  } catch {
    return null;
  }
}

export function createTokenKeeper(ctx: AdapterContext, stateName: string, grant: TokenGrant): TokenKeeper {
  let cached: TokenState | null | undefined;
  let inflight: Promise<TokenState> | null = null;

  async function load(): Promise<TokenState | null> {
    if (cached !== undefined) return cached;
    const raw = await ctx.secrets.get(stateName);
    cached = raw ? parseState(raw) : null;
    if (raw && !cached) ctx.logger.warn('sage-x3: stored token state is unreadable; signing in again');
    if (cached?.accessToken) registerSecret(cached.accessToken);
    if (cached?.refreshToken) registerSecret(cached.refreshToken);
    return cached;
  }

  async function save(st: TokenState): Promise<void> {
    if (st.accessToken) registerSecret(st.accessToken);
    if (st.refreshToken) registerSecret(st.refreshToken);
    cached = st;
    await ctx.secrets.set(stateName, JSON.stringify(st));
  }

  function renew(): Promise<TokenState> {
    inflight ??= (async () => {
      const next = await grant(await load());
      await save(next);
      return next;
    })().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    async token() {
      const st = await load();
      if (st?.accessToken && ctx.clock.now().getTime() < st.expiresAt - renewMarginMs(st.lifetimeMs)) return st.accessToken;
      return (await renew()).accessToken;
    },
    async drop(token) {
      const st = await load();
      if (st && st.accessToken === token) await save({ ...st, accessToken: '', expiresAt: 0 });
    },
  };
}
