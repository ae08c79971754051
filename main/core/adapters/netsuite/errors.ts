// NetSuite REST failures as ConnectorErrors with plain messages: the RFC 7807-like error body
// (`o:errorDetails` with code and path), concurrency refusals, sign-in refusals and HTML pages.
import { ConnectorError, isConnectorError } from '../../errors';
import { snippet } from '../http';
import { errorBodySchema, NETSUITE_SYSTEM, type NetSuiteErrorBody } from './schemas';

const sys = { system: NETSUITE_SYSTEM };

/** Error codes that mean "the account is at its concurrency or request limit": nothing ran, try later. */
const CONCURRENCY_CODES = new Set(['CONCURRENCY_LIMIT_EXCEEDED', 'SSS_REQUEST_LIMIT_EXCEEDED', 'WS_CONCUR_SESSION_DISALLWD', 'WS_REQUEST_BLOCKED', 'REQUEST_LIMIT_EXCEEDED']);
const CONCURRENCY_TEXT = /concurren(t|cy)[^.]*limit|request limit exceeded|too many requests/i;

/** The error body when the text is one; null for anything else (empty, HTML, other JSON). */
export function errorBodyOf(text: string): NetSuiteErrorBody | null {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success && (parsed.data['o:errorDetails'].length > 0 || parsed.data.title) ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "detail (CODE at path)" for each error detail; the title when there are none. */
export function detailsText(body: NetSuiteErrorBody): string {
  const parts = body['o:errorDetails'].map((d) => {
    const where = d['o:errorPath'] ?? d['o:errorQueryParam'] ?? d['o:errorHeader'];
    const tag = [d['o:errorCode'], where ? `at ${where}` : ''].filter(Boolean).join(' ');
    return `${d.detail.trim() || body.title || 'no detail given'}${tag ? ` (${tag})` : ''}`;
  });
  return parts.length ? parts.join('; ') : (body.title ?? 'no reason given');
}

export function isConcurrencyRefusal(body: NetSuiteErrorBody | null): boolean {
  if (!body) return false;
  return body['o:errorDetails'].some((d) => CONCURRENCY_CODES.has(d['o:errorCode']) || CONCURRENCY_TEXT.test(d.detail)) || CONCURRENCY_TEXT.test(body.title ?? '');
}

export function concurrencyError(status: number, body: NetSuiteErrorBody, retryAfterMs: number | undefined): ConnectorError {
  return new ConnectorError('RATE_LIMITED', `NetSuite refused the request: the account's concurrency limit is reached (${detailsText(body)})`, { ...sys, httpStatus: status, retryAfterMs });
}

/** 401/403 after the credentials were renewed once. */
export function signInError(status: number, body: NetSuiteErrorBody | null, who: string): ConnectorError {
  const said = body ? `: ${detailsText(body)}` : '';
  if (status === 403) return new ConnectorError('CONFIG_INVALID', `NetSuite refused access for ${who} (HTTP 403)${said}: give the mapped role the REST Web Services permission and access to the records`, { ...sys, httpStatus: status, retryable: false, details: { problem: 'permission' } });
  return new ConnectorError('AUTH_FAILED', `NetSuite refused the credentials of ${who} (HTTP 401)${said}: check the account id, the integration record and the stored keys`, { ...sys, httpStatus: status, retryable: false, details: { problem: 'signin' } });
}

/** A 2xx-4xx answer that is an HTML page: a login page, proxy or wrong host in front of NetSuite. */
export function htmlPageError(status: number, uncertain: boolean): ConnectorError {
  return new ConnectorError('CONFIG_INVALID', `The server answered with an HTML page (HTTP ${status}) instead of NetSuite JSON: check the account id and that the REST URL ends in /services/rest`, { ...sys, httpStatus: status, retryable: false, uncertain });
}

/** Any other refusal of a read or look-up, with NetSuite's own words. */
export function refusedError(what: string, status: number, body: NetSuiteErrorBody | null, text: string): ConnectorError {
  const said = body ? `: ${detailsText(body)}` : snippet(text);
  if (status === 404 && !body) return new ConnectorError('CONFIG_INVALID', `Nothing answers ${what} at this address (HTTP 404): check the REST URL`, { ...sys, httpStatus: status, retryable: false });
  return new ConnectorError('REMOTE_PROTOCOL', `NetSuite refused ${what} (HTTP ${status})${said}`, { ...sys, httpStatus: status, retryable: false });
}

/** A SuiteQL refusal saying the record type does not exist: the account lacks the feature (OneWorld, classes, …). */
export function isMissingRecordType(e: unknown, table: string): boolean {
  return isConnectorError(e) && e.httpStatus === 400 && new RegExp(`record '?${table}'? was not found|not enabled|feature`, 'i').test(e.message);
}
