// The API session: opened with getAPISession (alone in its request, login credentials), then used at
// the endpoint it names. The timeout slides with every answer; we renew shortly before it.
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import type { AdapterContext } from '../types';
import { readSecret } from './auth';
import { buildRequest, fieldOf } from './envelope';
import { authError, authProblem, controlError, errorsText, type AuthSubject } from './errors';
import { apiSessionSchema, INTACCT_SYSTEM, type IntacctResponse } from './schemas';

export interface IntacctSession {
  id: string;
  /** Where calls with this session go. */
  url: string;
  /** Epoch ms of the announced session timeout. */
  expiresAt: number;
}

/** When an answer carries no sessiontimeout, assume a short life; an "Invalid session" still renews it. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;

export interface SessionKeeper {
  get(): Promise<IntacctSession>;
  /** Forget a session Intacct called invalid (only if it is still the current one). */
  drop(s: IntacctSession): void;
  /** Moves the timeout to what the latest answer announced. */
  slide(s: IntacctSession, sessionTimeout: string): void;
}

export type Transport = (url: string, body: string, write: boolean) => Promise<IntacctResponse>;

export function newControlId(): string {
  return `mlc-${crypto.randomUUID()}`;
}

/** Intacct's own hosts, as the official SDKs check them (a host ending in ".intacct.com"). */
export const isIntacctHost = (host: string): boolean => /(^|\.)intacct\.com\.?$/i.test(host);

/**
 * Where the session's calls may go. The session id is a credential: it only travels over https to an
 * Intacct host, or back to the configured gateway's own origin (which already received the sign-in). A
 * connection marked `testEndpoint` (simulators, tests) may follow any http(s) endpoint. An empty answer
 * keeps the configured gateway; anything else is refused, never followed.
 */
export function sessionEndpoint(raw: string, settings: Pick<SageIntacctTargetSettings, 'endpointUrl' | 'testEndpoint'>): string {
  if (!raw.trim()) return settings.endpointUrl;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw spoofed(raw, 'it is not a URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw spoofed(raw, `${u.protocol} is not http(s)`);
  if (u.protocol === 'https:' && isIntacctHost(u.hostname)) return u.toString();
  if (u.origin === new URL(settings.endpointUrl).origin) return u.toString();
  if (settings.testEndpoint) return u.toString();
  throw spoofed(raw, u.protocol === 'https:' ? `${u.hostname} is not an intacct.com host` : 'it is not https');
}

function spoofed(raw: string, why: string): ConnectorError {
  return new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct's sign-in answer named the session endpoint "${raw.slice(0, 200)}", which is refused (${why}): the session is only used over https on Intacct's hosts`, { system: INTACCT_SYSTEM, retryable: false });
}

export function createSessionKeeper(settings: SageIntacctTargetSettings, ctx: AdapterContext, transport: Transport, who: AuthSubject): SessionKeeper {
  let current: IntacctSession | null = null;
  let opening: Promise<IntacctSession> | null = null;
  const renewMs = settings.sessionRenewSeconds * 1000;

  const expiry = (text: string): number => {
    const t = Date.parse(text);
    return Number.isNaN(t) ? ctx.clock.now().getTime() + FALLBACK_LIFETIME_MS : t;
  };

  async function open(): Promise<IntacctSession> {
    const [senderPassword, password] = [await readSecret(ctx.secrets, 'senderPassword'), await readSecret(ctx.secrets, 'userPassword')];
    const body = buildRequest(
      { senderId: settings.senderId, senderPassword, controlId: newControlId(), uniqueId: false },
      { login: { userId: settings.userId, companyId: settings.companyId, password, locationId: settings.locationId } },
      [{ controlId: 'getAPISession', body: { getAPISession: settings.locationId ? { locationid: settings.locationId } : '' } }],
    );
    const resp = await transport(settings.endpointUrl, body, false);
    if (resp.control.status !== 'success') throw controlError(resp, who);
    if (resp.auth?.status === 'failure') {
      const problem = authProblem(resp.auth.errors);
      throw authError(problem === 'session' ? 'signin' : problem, who, resp.auth.errors);
    }
    const result = resp.results[0];
    if (!result || result.status !== 'success') {
      const text = result ? errorsText(result.errors) : 'no result';
      throw new ConnectorError('AUTH_FAILED', `Sage Intacct did not open an API session for user "${settings.userId}": ${text}`, { system: INTACCT_SYSTEM, retryable: false });
    }
    const row = result.data?.rows[0] ?? {};
    const api = apiSessionSchema.safeParse({ sessionid: fieldOf(row, 'sessionid'), endpoint: fieldOf(row, 'endpoint'), locationid: fieldOf(row, 'locationid') });
    if (!api.success) {
      throw new ConnectorError('REMOTE_PROTOCOL', 'Sage Intacct answered getAPISession without a session id', { system: INTACCT_SYSTEM, retryable: false });
    }
    registerSecret(api.data.sessionid);
    const session = { id: api.data.sessionid, url: sessionEndpoint(api.data.endpoint, settings), expiresAt: expiry(resp.auth?.sessionTimeout ?? '') };
    ctx.note({ action: 'auth', outcome: 'session_opened', message: `Opened a Sage Intacct API session for user "${settings.userId}" in company "${settings.companyId}", valid until ${new Date(session.expiresAt).toISOString()}` });
    return session;
  }

  return {
    async get() {
      if (current && ctx.clock.now().getTime() < current.expiresAt - renewMs) return current;
      // One sign-in at a time, shared by every caller waiting for it.
      opening ??= open()
        .then((s) => (current = s))
        .finally(() => {
          opening = null;
        });
      return opening;
    },
    drop(s) {
      if (current?.id === s.id) current = null;
    },
    slide(s, sessionTimeout) {
      if (current?.id === s.id && sessionTimeout && !Number.isNaN(Date.parse(sessionTimeout))) current.expiresAt = Date.parse(sessionTimeout);
    },
  };
}
