// OAuth for native apps (RFC 8252 §7.3): a one-shot redirect listener on 127.0.0.1 for an
// authorization-code sign-in in the system browser. A random port unless the provider needs the exact
// registered URI (Acumatica does: pass a fixed port), a random `state` compared on return, one callback
// and the listener closes, or it closes after the timeout. Plain Node: the CLI, the browser bridge and
// (later) Electron with shell.openExternal all use it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectorError, isConnectorError } from '../errors';
import { answerPage } from './answer-page';

export const CALLBACK_PATH = '/oauth/callback';
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackSignInOptions {
  /** Names the provider in messages ("Acumatica"). */
  provider: string;
  /** 0 (default) = a free port chosen by the system. */
  port?: number;
  path?: string;
  timeoutMs?: number;
  /** Turns the code into stored credentials; called at most once, with the redirect URI the code was issued for. */
  onCode(code: string, redirectUri: string): Promise<void>;
}

export interface LoopbackSignIn {
  redirectUri: string;
  state: string;
  expiresAt: Date;
  /** Settles once: the code was exchanged, or why not (access denied, state mismatch, timeout, exchange failure). */
  done: Promise<void>;
  /** Closes the listener now; `done` rejects unless it already settled. */
  cancel(reason?: string): void;
}

const fail = (message: string, code: 'AUTH_FAILED' | 'TIMEOUT' | 'CONFIG_INVALID' | 'REMOTE_PROTOCOL' = 'AUTH_FAILED') => new ConnectorError(code, message, { retryable: false });

function sameState(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What the browser came back with, as the code or a plain reason (the provider's own words only as a short code/description). */
function readCallback(url: URL, state: string, provider: string): string {
  // State first: an answer to somebody else's sign-in must not even report its error.
  if (!sameState(url.searchParams.get('state') ?? '', state)) {
    throw fail(`The answer from ${provider} did not carry this sign-in's state (an old or foreign sign-in link): nothing was stored; start the sign-in again`);
  }
  const error = url.searchParams.get('error');
  if (error === 'access_denied') throw fail(`Access was denied in ${provider} (the sign-in was cancelled or the user may not grant this application access): nothing was stored`);
  if (error) {
    const code = /^[A-Za-z0-9_.-]{1,64}$/.test(error) ? error : 'error';
    const desc = (url.searchParams.get('error_description') ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
    throw fail(`${provider} refused the sign-in (${code}${desc ? `: ${desc}` : ''}): nothing was stored`);
  }
  const code = url.searchParams.get('code');
  if (!code) throw fail(`${provider} sent the browser back without an authorization code: nothing was stored`, 'REMOTE_PROTOCOL');
  return code;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? fail(`Port ${port} on 127.0.0.1 cannot be used (${e.code === 'EADDRINUSE' ? 'already in use' : 'not permitted'}): choose another port and register its redirect URI`, 'CONFIG_INVALID') : e);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export async function startLoopbackSignIn(opts: LoopbackSignInOptions): Promise<LoopbackSignIn> {
  const path = opts.path ?? CALLBACK_PATH;
  const timeoutMs = opts.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
  const state = randomBytes(32).toString('base64url');
  let settle: (e?: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (e) => (e ? reject(e) : resolve());
  });
  // Callers await `done`; this only keeps an unobserved rejection (a cancel nobody waits for) from crashing the host.
  done.catch(() => undefined);
  let answered = false;
  let closed = false;

  const server = createServer((req, res) => void onRequest(req, res));
  await listen(server, opts.port ?? 0);
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

  function close(e?: Error): void {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
    settle(e);
  }

  const minutes = Math.max(1, Math.round(timeoutMs / 60_000));
  const timer = setTimeout(() => close(fail(`No answer from the ${opts.provider} sign-in within ${minutes} minute${minutes === 1 ? '' : 's'}: nothing was stored; start it again`, 'TIMEOUT')), timeoutMs);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', redirectUri);
    // Browsers also ask for /favicon.ico; only the one callback counts.
    if (req.method !== 'GET' || url.pathname !== path || answered) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    answered = true;
    let error: Error | undefined;
    try {
      await opts.onCode(readCallback(url, state, opts.provider), redirectUri);
    } catch (e) {
      error = isConnectorError(e) ? e : fail(`The ${opts.provider} sign-in could not be completed: ${e instanceof Error ? e.message : String(e)}`);
    }
    res.writeHead(error ? 400 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    res.end(answerPage(opts.provider, error?.message ?? null), () => close(error));
  }

  return { redirectUri, state, expiresAt: new Date(Date.now() + timeoutMs), done, cancel: (reason) => close(fail(reason ?? `The ${opts.provider} sign-in was cancelled: nothing was stored`)) };
}
