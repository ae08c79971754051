// Turns X3/Syracuse failure shapes (401, HTML pages, SOAP Faults, "No Web services accepted",
// status 0 for configuration reasons) into ConnectorErrors that say what to fix.
import { ConnectorError, isConnectorError } from '../../errors';
import { snippet } from '../http';
import { X3_SYSTEM, type X3Message } from './schemas';

const sys = { system: X3_SYSTEM };

export type X3AuthKind = 'basic' | 'oauth2' | 'connectedApp' | 'x3Services';

const BEARER_LABEL: Record<Exclude<X3AuthKind, 'basic'>, string> = {
  oauth2: 'OAuth2 access token',
  connectedApp: 'connected-application token',
  x3Services: 'Sage X3 Services access token',
};
const BEARER_FIX: Record<Exclude<X3AuthKind, 'basic'>, string> = {
  oauth2: 'check that Syracuse accepts bearer tokens (nodelocal.js session.auth lists "oauth2" and "bearer") and that the OAuth2 user is mapped to an X3 user',
  connectedApp: 'check the connected application (client ID, secret, allowed user, token validity) in Administration > Settings > Authentication',
  x3Services: 'check that the pairing still includes this folder and that the approving user keeps the thirdParties rights',
};

/** Non-2xx answers that `send` hands back (4xx other than 408/429). */
export function httpStatusError(status: number, body: string, what: string, username: string, correlationId?: string, mode: X3AuthKind = 'basic'): ConnectorError {
  const base = { ...sys, httpStatus: status, correlationId, retryable: false };
  if (status === 401 && mode !== 'basic') {
    return new ConnectorError('AUTH_FAILED', `Sage X3 refused a fresh ${BEARER_LABEL[mode]} for the ${what} (HTTP 401)${snippet(body)}: ${BEARER_FIX[mode]}`, base);
  }
  if (status === 401) {
    if (/expired/i.test(body)) {
      return new ConnectorError('AUTH_FAILED', `The password of Sage X3 user "${username}" has expired: change it in Syracuse, then store the new password here`, base);
    }
    return new ConnectorError('AUTH_FAILED', `Sage X3 refused the user name or password for "${username}" (HTTP 401): check both in the connection settings`, base);
  }
  if (status === 403) {
    return new ConnectorError('AUTH_FAILED', `Sage X3 user "${username}" may not use the ${what} (HTTP 403): check the user's role and web service rights in Syracuse`, base);
  }
  if (status === 404) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 has no ${what} at this address (HTTP 404): check the server URL and the endpoint/folder name`, base);
  }
  return new ConnectorError('REMOTE_PROTOCOL', `Sage X3 refused the ${what} (HTTP ${status})${snippet(body)}`, base);
}

/** A 200 answer that is an HTML page: a portal, login page or proxy in front of Syracuse. */
export function htmlPageError(what: string, uncertain: boolean): ConnectorError {
  return new ConnectorError(
    'CONFIG_INVALID',
    `The server answered the ${what} with an HTML page instead of Sage X3 data: check that the server URL points at Syracuse (e.g. https://host:8124) and not at a portal or proxy page`,
    { ...sys, retryable: false, uncertain },
  );
}

const NO_WS = /no web services? accepted/i;
const POOL_MISSING = /pool[^.]*?(not found|unknown|does not exist|not exist|no such|not (started|available|configured))|(unknown|invalid|no) (soap )?pool/i;
const WS_MISSING = /(web ?service|public name)[^.]*?(not found|unknown|does not exist|not published|not exist)|not published/i;

/** Refines errors thrown by `send` for HTTP 500 whose text says X3 refused before running anything. */
export function refineSendError(e: unknown, poolAlias: string): unknown {
  if (!isConnectorError(e) || e.code !== 'UNAVAILABLE') return e;
  const opts = { ...sys, httpStatus: e.httpStatus, correlationId: e.correlationId, retryable: false, cause: e };
  if (NO_WS.test(e.message)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 accepts no web service calls ("No Web services accepted"): raise "Number of Web services children" on the Syracuse host (Administration > Hosts)`, opts);
  }
  if (POOL_MISSING.test(e.message)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 has no usable SOAP pool "${poolAlias}": check the pool alias in the settings and that the pool is started in Syracuse`, opts);
  }
  return e;
}

/** A SOAP Fault, whether X3 sent it with HTTP 500 (SOAP 1.1) or with a 2xx status. */
export function faultError(message: string, poolAlias: string, uncertain: boolean): ConnectorError {
  const refined = refineSendError(new ConnectorError('UNAVAILABLE', message, sys), poolAlias);
  if (refined instanceof ConnectorError && refined.code === 'CONFIG_INVALID') return refined;
  return new ConnectorError('REMOTE_PROTOCOL', `Sage X3 answered with a SOAP Fault: ${message}`, { ...sys, retryable: false, uncertain });
}

/**
 * A status-0 answer caused by setup rather than the document (unknown public name, pool, licence):
 * nothing was saved, so it is thrown (not uncertain) instead of holding the document.
 */
export function configFailure(messages: X3Message[], publicName: string, poolAlias: string): ConnectorError | null {
  const text = messages.map((m) => m.message).join(' / ');
  if (WS_MISSING.test(text)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 does not know the published web service "${publicName}" (${text}): publish it in GESAWE or fix the public name in the settings`, { ...sys, retryable: false });
  }
  if (POOL_MISSING.test(text) || NO_WS.test(text)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 SOAP pool "${poolAlias}" is not usable (${text}): check the pool alias and the pool in Syracuse`, { ...sys, retryable: false });
  }
  if (/licen[cs]e|WSSIZELIMIT|size limit/i.test(text)) {
    return new ConnectorError('UNAVAILABLE', `Sage X3 refused the call for licence reasons (${text}): the web service data quota may be used up`, { ...sys, retryable: true });
  }
  return null;
}

/** A token endpoint's refusal (OAuth2 `error` / `error_description`, or X3 Services' own text). */
export function tokenEndpointError(status: number, json: unknown, text: string, what: string, correlationId?: string): ConnectorError {
  const o = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const code = typeof o.error === 'string' ? o.error : '';
  const desc = typeof o.error_description === 'string' ? o.error_description : typeof o.message === 'string' ? o.message : '';
  const base = { ...sys, httpStatus: status, correlationId, retryable: false };
  const detail = [code, desc].filter(Boolean).join(': ') || snippet(text).replace(/^: /, '');
  if (code === 'invalid_client' || status === 401) {
    return new ConnectorError('AUTH_FAILED', `The ${what} refused the client ID or secret (${detail || `HTTP ${status}`}): check both in the connection settings`, base);
  }
  if (code === 'invalid_grant') {
    return new ConnectorError('AUTH_FAILED', `The ${what} refused the authorization (${detail}): the pairing or refresh token is no longer valid; pair the app again`, base);
  }
  if (status === 404) return new ConnectorError('CONFIG_INVALID', `There is no ${what} at this address (HTTP 404): check the token URL`, base);
  return new ConnectorError('AUTH_FAILED', `The ${what} refused the token request (HTTP ${status}${detail ? `, ${detail}` : ''})`, base);
}

/** The GraphQL errors array as one clear error; unknown fields or nodes point at the schema version. */
export function graphqlErrors(messages: string[], what: string): ConnectorError {
  const text = messages.filter(Boolean).join(' / ') || 'no message';
  if (/cannot query field|unknown (field|type|argument)|is not defined|not found in schema/i.test(text)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 GraphQL does not know part of the ${what} query (${text}): the folder's API version may lack this node; switch reads to REST api1 or upgrade`, { ...sys, retryable: false });
  }
  if (/endpoint[^.]*not found|unknown endpoint|folder[^.]*not found/i.test(text)) {
    return new ConnectorError('CONFIG_INVALID', `Sage X3 GraphQL does not know the endpoint (${text}): check the folder (endpoint) name in the connection settings`, { ...sys, retryable: false });
  }
  if (/unauthori[sz]ed|not authori[sz]ed|forbidden|access denied|permission/i.test(text)) {
    return new ConnectorError('AUTH_FAILED', `Sage X3 GraphQL refused the ${what} query (${text}): check the user's rights in the connected application or pairing`, { ...sys, retryable: false });
  }
  return new ConnectorError('REMOTE_PROTOCOL', `Sage X3 GraphQL answered the ${what} query with errors: ${text}`, { ...sys, retryable: false });
}
