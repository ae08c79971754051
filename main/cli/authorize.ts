// `ml-connector connections authorize <id> [--port N] [--timeout SECONDS]`: the Acumatica browser sign-in from
// a terminal. Prints the redirect URI to register and the URL to open, then waits for the one callback.
// The browser is not opened for you: on a headless server there is none, and printing works everywhere.
import type { Core } from '../core/create-core';
import { isConnectorError, toErrorPayload } from '../core/errors';
import { beginAuthorization } from '../core/handlers/authorize';
import { SIGN_IN_TIMEOUT_MS } from '../core/oauth/loopback';
import type { Flags } from './args';
import { UsageError } from './args';
import { CliError } from './call';

type Out = (s: string) => void;

function numberFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

export async function runAuthorize(core: Core, connectionId: string, flags: Flags, out: Out): Promise<number> {
  const port = numberFlag(flags.port, '--port', 1, 65535);
  const seconds = numberFlag(flags.timeout, '--timeout', 1, 3600);
  try {
    const s = await beginAuthorization(core.runtime, connectionId, 'cli', { port, timeoutMs: seconds === undefined ? SIGN_IN_TIMEOUT_MS : seconds * 1000 });
    out(`Redirect URI: ${s.redirectUri}`);
    out(
      port
        ? 'It must be registered exactly like this on the connected application in Acumatica (Connected Applications, SM303010, Redirect URIs).'
        : 'Acumatica accepts only a redirect URI registered exactly on the connected application (SM303010, Redirect URIs), and this port is new on every run: register a fixed one and use --port N (redirect URI http://127.0.0.1:N/oauth/callback).',
    );
    out(`Open this address in a browser on this computer and sign in (waiting until ${s.expiresAt.toLocaleTimeString()}):`);
    out(s.authorizeUrl);
    await s.done;
    out(`Signed in: the refresh token is stored encrypted. Check it with "ml-connector connections test ${connectionId}".`);
    return 0;
  } catch (e) {
    if (isConnectorError(e)) throw new CliError(toErrorPayload(e));
    throw e;
  }
}
