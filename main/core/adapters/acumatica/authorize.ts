// The Acumatica authorization-code sign-in (../shared/api/acumatica.md §2b) over the loopback redirect:
// the authorize URL asks for "api offline_access", the code is exchanged at /identity/connect/token and the
// refresh token is kept encrypted as `refreshToken` (plus the fresh tokens in `tokenState`), exactly what
// the oauth_code sign-in reads. No PKCE: the notes leave Acumatica's support for it open ([U]), and the
// exchange is already bound to the connected application's client secret.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError } from '../../errors';
import { startLoopbackSignIn, type LoopbackSignIn } from '../../oauth/loopback';
import { send } from '../http';
import type { AdapterContext } from '../types';
import { readSecret } from './auth';
import { authorizeUrl, createOAuth } from './oauth';
import { ACUMATICA_SYSTEM } from './schemas';

export interface AcumaticaSignInOptions {
  port?: number;
  timeoutMs?: number;
}

export type AcumaticaSignIn = LoopbackSignIn & { authorizeUrl: string };

const config = (message: string) => new ConnectorError('CONFIG_INVALID', message, { system: ACUMATICA_SYSTEM, retryable: false });

export async function startAcumaticaSignIn(settings: AcumaticaTargetSettings, ctx: AdapterContext, opts: AcumaticaSignInOptions = {}): Promise<AcumaticaSignIn> {
  if (settings.auth !== 'oauth_code') throw config(`This connection signs in to Acumatica by ${settings.auth === 'cookie' ? 'cookie session' : 'OAuth password grant'}: set its sign-in to "OAuth authorization code" first`);
  if (!settings.clientId) throw config('The connected application\'s client id ("<GUID>@<Tenant>") is missing from the connection settings');
  // Before anyone signs in: the exchange needs the client secret.
  await readSecret(ctx, 'clientSecret');
  const oauth = createOAuth(settings, ctx, (req) => send(ctx.fetch, { system: ACUMATICA_SYSTEM, ...req, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal }));
  const session = await startLoopbackSignIn({
    provider: 'Acumatica',
    port: opts.port,
    timeoutMs: opts.timeoutMs,
    async onCode(code, redirectUri) {
      const { refreshToken } = await oauth.exchangeCode(code, redirectUri);
      if (!refreshToken) throw config('Acumatica signed in but issued no refresh token: allow refresh tokens (offline_access) on the connected application, then sign in again');
      await ctx.secrets.set('refreshToken', refreshToken);
    },
  });
  return { ...session, authorizeUrl: authorizeUrl(settings, session.redirectUri, session.state) };
}
