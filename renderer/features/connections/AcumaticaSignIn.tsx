// Acumatica OAuth 2.0 authorization code: the core opens a one-shot loopback listener and returns the
// sign-in page's address; the accountant signs in there and the refresh token is stored encrypted.
import type { Connection } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';

export function AcumaticaSignIn({ connection }: { connection: Connection }) {
  const authorize = useMlcMutation('connections.authorize');
  const target = connection.target as { system: string; auth?: string };
  if (target.system !== 'acumatica' || target.auth !== 'oauth_code') return null;
  const start = () => authorize.mutate({ connectionId: connection.id, port: 0, timeoutMs: 300_000 });
  const started = authorize.data;
  return (
    <div className="field oauth-sign-in">
      <label>Acumatica sign-in (authorization code)</label>
      <div className="inline-field">
        <button type="button" className="btn" disabled={authorize.isPending} onClick={start}>
          {authorize.isPending ? 'Preparing…' : connection.secretNames.includes('target.refreshToken') ? 'Sign in again' : 'Sign in with Acumatica'}
        </button>
        {started ? (
          <a href={started.authorizeUrl} target="_blank" rel="noopener noreferrer">
            Open the Acumatica sign-in page
          </a>
        ) : null}
      </div>
      {started ? (
        <small className="muted">
          Waiting for Acumatica until {new Date(started.expiresAt).toLocaleTimeString()}. The connected application must list the redirect URI {started.redirectUri} exactly;
          for a fixed address use the CLI: ml-connector connections authorize {connection.id} --port N.
        </small>
      ) : null}
      <ErrorBanner error={authorize.error} onRetry={start} />
    </div>
  );
}
