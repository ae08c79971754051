// Acumatica failures as ConnectorErrors with plain messages: sign-in refusals ("Invalid credentials"),
// the licence's API-user and request limits (429), missing endpoints or versions (404), HTML pages where
// JSON was expected, HttpError bodies, and OAuth token errors.
import { ConnectorError, isConnectorError } from '../../errors';
import { snippet } from '../http';
import { ACUMATICA_SYSTEM, httpErrorSchema, tokenErrorSchema } from './schemas';

const sys = { system: ACUMATICA_SYSTEM };

/** The most useful text of an HttpError body, or a short snippet of whatever came back. */
export function httpErrorText(body: string): string {
  try {
    const parsed = httpErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) {
      const e = parsed.data;
      const model = e.modelState ? Object.entries(e.modelState).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : '';
      // The outer message is often generic ("An error has occurred."); the inner exception says what failed.
      const inner = e.innerException?.exceptionMessage ?? e.innerException?.message;
      const outer = e.exceptionMessage ?? e.message;
      const text = [outer, inner && inner !== outer ? inner : '', model].filter(Boolean).join(' ');
      if (text) return text;
    }
  } catch {
    // not JSON: fall through to the snippet
  }
  return snippet(body).replace(/^: /, '');
}

const LICENCE = /api login limit|exceeded the limit|license|licence|too many (concurrent )?requests|request limit/i;
const CREDENTIALS = /invalid credentials|user name or password|incorrect (user|password)|login failed|locked out|tenant|company/i;

export interface LoginWho {
  username: string;
  tenant: string;
}

/** A failed POST /entity/auth/login, from its status and body (or the error `send` threw for a 5xx). */
/** A refusal that may mean "this instance wants the tenant as `company`" (a 400, or words about the company). */
const TENANT_KEY = /\b(company|tenant)\b/i;
const BAD_CREDENTIALS = /invalid credentials|user name or password|incorrect (user|password)|locked out/i;

export function loginError(status: number, body: string, who: LoginWho): ConnectorError {
  const text = httpErrorText(body);
  const tenantKeyRefused = status === 400 || (TENANT_KEY.test(text) && !BAD_CREDENTIALS.test(text));
  if (status === 429 || LICENCE.test(text)) {
    return new ConnectorError('RATE_LIMITED', `Acumatica refused the sign-in: the licence's API users or request limit is reached (${text || `HTTP ${status}`}); retrying later`, { ...sys, httpStatus: status, retryable: true });
  }
  if (status === 401 || status === 403 || CREDENTIALS.test(text)) {
    const tenant = who.tenant ? ` in tenant "${who.tenant}"` : '';
    return new ConnectorError('AUTH_FAILED', `Acumatica refused the sign-in of user "${who.username}"${tenant}: ${text || `HTTP ${status}`} — check the user name, password, tenant and branch`, { ...sys, httpStatus: status, retryable: false, details: { step: 'signin', tenantKeyRefused } });
  }
  return new ConnectorError('REMOTE_PROTOCOL', `Acumatica answered the sign-in with HTTP ${status}${text ? `: ${text}` : ''}`, { ...sys, httpStatus: status, retryable: false, details: { step: 'signin', tenantKeyRefused } });
}

/** `send` throws 429 and 5xx before the body can be read; at sign-in they mean the licence or a refusal. */
export function loginErrorFromThrown(e: unknown, who: LoginWho): unknown {
  if (!isConnectorError(e)) return e;
  // 429 at sign-in is the licence (API users or request rate), as Acumatica's own client reads it.
  if (e.httpStatus === 429) return new ConnectorError('RATE_LIMITED', `Acumatica refused the sign-in: the licence's API users or request limit is reached; retrying later`, { ...sys, httpStatus: 429, retryable: true, retryAfterMs: e.retryAfterMs });
  if (e.httpStatus !== 500) return e;
  const body = e.message.replace(/^.*?HTTP 500:?\s*/, '');
  return LICENCE.test(body) || CREDENTIALS.test(body) ? loginError(500, body, who) : e;
}

/** An OAuth token endpoint refusal (RFC 6749 error codes). */
export function tokenError(status: number, body: string, clientId: string): ConnectorError {
  let code = '';
  let description = '';
  try {
    const parsed = tokenErrorSchema.safeParse(JSON.parse(body));
    if (parsed.success) [code, description] = [parsed.data.error, parsed.data.error_description ?? ''];
  } catch {
    // not JSON
  }
  const base = { ...sys, httpStatus: status, retryable: false, details: { step: 'token', oauthError: code } };
  if (code === 'invalid_client' || code === 'unauthorized_client') return new ConnectorError('AUTH_FAILED', `Acumatica refused the connected application "${clientId}" (${code}): check the client id (<GUID>@<Tenant>) and client secret`, base);
  if (code === 'invalid_grant') return new ConnectorError('AUTH_FAILED', `Acumatica refused the OAuth grant (${description || 'invalid_grant'}): the password is wrong or the refresh token expired — sign in again`, base);
  if (code === 'invalid_scope') return new ConnectorError('CONFIG_INVALID', `The connected application "${clientId}" may not ask for the requested scopes (api offline_access): allow them on form SM303010`, base);
  return new ConnectorError('AUTH_FAILED', `Acumatica's token endpoint answered HTTP ${status}${code ? ` (${code}${description ? `: ${description}` : ''})` : httpErrorText(body) ? `: ${httpErrorText(body)}` : ''}`, base);
}

/** A 200 HTML page (a login or SSO page, a proxy) where the contract-based API answers JSON. */
export function htmlPageError(uncertain: boolean): ConnectorError {
  return new ConnectorError('CONFIG_INVALID', 'Acumatica answered with an HTML page instead of JSON: check that the site URL is the instance root (https://host/Instance, without /Main.aspx or a login page) and that the API user signs in without single sign-on', { ...sys, retryable: false, uncertain });
}

/** 404 on an entity path: the endpoint name or version does not exist on this instance. */
export function endpointMissingError(endpoint: string, offered: string[]): ConnectorError {
  const list = offered.length ? `; this instance offers ${offered.join(', ')}` : '';
  return new ConnectorError('CONFIG_INVALID', `Acumatica has no endpoint ${endpoint}${list}: pick one of those in the connection settings`, { ...sys, httpStatus: 404, retryable: false, details: { offered } });
}

/** Any other 4xx that is not an entity with field errors. */
export function statusError(status: number, body: string, what: string, uncertain = false): ConnectorError {
  const text = httpErrorText(body);
  if (status === 401) return new ConnectorError('AUTH_FAILED', `Acumatica refused ${what} although we had just signed in (HTTP 401): check the API user's access rights`, { ...sys, httpStatus: status, retryable: false });
  if (status === 403) return new ConnectorError('CONFIG_INVALID', `The Acumatica user may not ${what} (HTTP 403)${text ? `: ${text}` : ''}: grant access to the screen in the user's roles`, { ...sys, httpStatus: status, retryable: false });
  return new ConnectorError('REMOTE_PROTOCOL', `Acumatica refused ${what} (HTTP ${status})${text ? `: ${text}` : ''}`, { ...sys, httpStatus: status, retryable: false, uncertain });
}
