// GET /identity/connect/authorize: the simulated browser is already signed in to the site (as
// `state.authorizeUser`) and its person approves or cancels (`state.consent`). Unknown applications and
// unregistered redirect URIs get an error page, never a redirect (RFC 6749 §4.1.2.1); everything else goes
// back to the redirect URI with `code` or `error`, and the caller's `state`.
import type { SimAnswer } from './auth';
import type { AcumaticaSimState } from './state';

const page = (message: string): SimAnswer => ({ status: 400, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!DOCTYPE html><html><body><h1>Error</h1><p>${message}</p></body></html>` });

export function authorizePage(query: URLSearchParams, state: AcumaticaSimState): SimAnswer {
  const clientId = query.get('client_id') ?? '';
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!state.clients.has(clientId)) return page('The client application is unknown.');
  if (!state.redirectUris.get(clientId)?.has(redirectUri)) return page('The redirect URI is not registered for this client application.');
  const back = (params: Record<string, string>): SimAnswer => {
    const q = new URLSearchParams(params);
    if (query.has('state')) q.set('state', query.get('state') ?? '');
    return { status: 302, headers: { location: `${redirectUri}?${q.toString()}` } };
  };
  if (query.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  const scope = query.get('scope') ?? '';
  if (!scope.split(' ').includes('api')) return back({ error: 'invalid_scope' });
  if (state.consent === 'deny') return back({ error: 'access_denied' });
  const tenant = clientId.split('@')[1] ?? '';
  const user = state.authorizeUser || ([...state.users.keys()].find((k) => k.startsWith(`${tenant}|`))?.split('|')[1] ?? '');
  return back({ code: state.issueAuthorizationCode(clientId, tenant, user, redirectUri, scope) });
}
