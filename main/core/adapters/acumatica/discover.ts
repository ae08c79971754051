// The endpoints (name/version) an instance offers, for the settings form: GET /entity (../shared/api/acumatica.md §1).
// Whether that call needs a session is not documented, so it goes out without credentials first (no licensed
// API-user slot taken, works for a connection not saved yet); only a refusal (401/403, a redirect or an HTML
// login page) makes it sign in with the stored secrets, through the client, which always signs out again.
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError, isConnectorError } from '../../errors';
import { jsonOrNull, looksLikeHtml, send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext, EndpointDiscovery } from '../types';
import { siteBase } from './auth';
import type { AcumaticaClient } from './client';
import { ACUMATICA_SYSTEM, discoverySchema, type Discovery } from './schemas';

const sys = { system: ACUMATICA_SYSTEM };

/** Null when the instance wants a signed-in session for GET /entity. */
async function anonymous(settings: AcumaticaTargetSettings, ctx: AdapterContext): Promise<Discovery | null> {
  const url = `${siteBase(settings)}/entity`;
  let res;
  try {
    res = await withRetry(() => ctx.limiter.run(() => send(ctx.fetch, { ...sys, method: 'GET', url, headers: { accept: 'application/json' }, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal })), ctx.retry, ctx.clock, ctx.signal);
  } catch (e) {
    // send() reports any 3xx as a configuration error; for this call it is most likely the login page.
    if (isConnectorError(e) && e.httpStatus !== undefined && e.httpStatus >= 300 && e.httpStatus < 400) return null;
    throw e;
  }
  if (res.status === 401 || res.status === 403 || looksLikeHtml(res.text)) return null;
  if (res.status === 404) throw new ConnectorError('CONFIG_INVALID', `${siteBase(settings)} does not list endpoints (GET /entity answered 404): check the site URL (the instance root); instances older than 2019 R2 cannot list them, type the version instead`, { ...sys, httpStatus: 404, retryable: false });
  if (res.status >= 300) throw new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered HTTP ${res.status} to GET /entity`, { ...sys, httpStatus: res.status, retryable: false });
  const parsed = discoverySchema.safeParse(jsonOrNull(res.text));
  if (!parsed.success) throw new ConnectorError('REMOTE_PROTOCOL', 'Acumatica answered GET /entity without an endpoint list', { ...sys, retryable: false });
  return parsed.data;
}

/** Newest version first within each endpoint name, "Default" first among names. */
function ordered(d: Discovery): EndpointDiscovery['endpoints'] {
  const rank = (n: string) => (n === 'Default' ? 0 : 1);
  return d.endpoints
    .map((e) => ({ name: e.name, version: e.version }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name) || b.version.localeCompare(a.version, 'en', { numeric: true }));
}

export async function discoverEndpoints(settings: AcumaticaTargetSettings, ctx: AdapterContext, client: AcumaticaClient): Promise<EndpointDiscovery> {
  const open = await anonymous(settings, ctx);
  const d = open ?? (await client.discover());
  return { build: d.version?.acumaticaBuildVersion ?? null, endpoints: ordered(d), signedIn: open === null };
}
