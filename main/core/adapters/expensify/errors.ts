// Expensify answers as plain ConnectorErrors: the body's responseCode/responseMessage (the HTTP status is
// often 200 even for errors, api/expensify.md §7), HTTP-level refusals, and the rate-limit text (§8).
import { ConnectorError } from '../../errors';
import { jsonOrNull } from '../http';

export const SYSTEM = 'Expensify';

const RATE_TEXT = /rate[- ]?limit/i;
const AUTH_TEXT = /authenticat|credential|partnerUser|not authori[sz]ed/i;
const POLICY_TEXT = /policy/i;
const NO_REPORTS_TEXT = /no (?:reports?|data) (?:to export|found|match)|no reports? (?:were )?found|nothing to export/i;

export interface ErrorBody {
  responseCode: number;
  responseMessage: string;
}

/** The `{responseCode, responseMessage}` of a body, or null when the body is not such JSON. */
export function readErrorBody(text: string): ErrorBody | null {
  const json = jsonOrNull(text);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const code = typeof o.responseCode === 'number' ? o.responseCode : typeof o.responseCode === 'string' ? Number(o.responseCode) : NaN;
  if (!Number.isFinite(code)) return null;
  return { responseCode: code, responseMessage: typeof o.responseMessage === 'string' ? o.responseMessage.trim().slice(0, 300) : '' };
}

/** True when an export job refused because no report matched the filters (treated as an empty export). */
export function isNoReportsMessage(body: ErrorBody): boolean {
  return body.responseCode !== 200 && NO_REPORTS_TEXT.test(body.responseMessage);
}

export function isRateLimitText(text: string): boolean {
  return RATE_TEXT.test(text);
}

/**
 * The documented refusal "You have been rate-limited. Please try again later…" may come as plain text with
 * HTTP 200 (§7-8). Short, not JSON and not our CSV (which starts with a quoted header): back off, never read it
 * as a file name or a file.
 */
export function isRateLimitedPlainText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 500 && !t.startsWith('"') && !t.startsWith('{') && /rate[- ]?limited/i.test(t);
}

/** A plain-language error for an Expensify error answer; `what` names the job ("the export job"). */
export function responseError(body: ErrorBody, what: string, partnerUserId: string, httpStatus?: number): ConnectorError {
  const code = body.responseCode;
  const said = body.responseMessage ? `: "${body.responseMessage}"` : '';
  const opts = { system: SYSTEM, httpStatus, details: { responseCode: code } };
  if (code === 429 || isRateLimitText(body.responseMessage)) {
    return new ConnectorError('RATE_LIMITED', `Expensify is rate limiting this partner user (${what})${said}`, opts);
  }
  if (code === 407 || code === 401 || code === 403 || AUTH_TEXT.test(body.responseMessage)) {
    return authError(partnerUserId, `${what}${said}`, httpStatus, code);
  }
  if (code === 404 && POLICY_TEXT.test(body.responseMessage)) {
    return new ConnectorError('NOT_FOUND', `Expensify has no such policy (workspace) for ${what}${said}: check the policy ids in the connection settings`, { ...opts, retryable: false });
  }
  if (code === 404) return new ConnectorError('NOT_FOUND', `Expensify found nothing for ${what}${said}`, { ...opts, retryable: false });
  if (code === 410) return new ConnectorError('BAD_REQUEST', `Expensify refused ${what} as invalid${said}`, { ...opts, retryable: false });
  if (code >= 500) return new ConnectorError('BAD_REQUEST', `Expensify could not run ${what} (code ${code})${said}`, { ...opts, retryable: false });
  return new ConnectorError('REMOTE_PROTOCOL', `Expensify answered ${what} with code ${code}${said}`, { ...opts, retryable: false });
}

export function authError(partnerUserId: string, detail: string, httpStatus?: number, responseCode?: number): ConnectorError {
  return new ConnectorError(
    'AUTH_FAILED',
    `Expensify refused the partner credentials of "${partnerUserId}" (${detail}). Check the partner user id and secret, or generate new ones at https://www.expensify.com/tools/integrations/`,
    { system: SYSTEM, httpStatus, retryable: false, details: responseCode !== undefined ? { responseCode } : undefined },
  );
}

/** An HTTP-level refusal (4xx outside the JSON protocol: INT's script sees 400/401/403/404 pages). */
export function httpError(status: number, what: string, partnerUserId: string, text: string): ConnectorError {
  if (status === 401 || status === 403) return authError(partnerUserId, `HTTP ${status} on ${what}`, status);
  if (isRateLimitText(text)) return new ConnectorError('RATE_LIMITED', `Expensify is rate limiting this partner user (${what})`, { system: SYSTEM, httpStatus: status });
  const hint = /requestJobDescription|JSONObject/.test(text) ? ': the job description was not accepted' : '';
  return new ConnectorError('BAD_REQUEST', `Expensify refused ${what} (HTTP ${status})${hint}`, { system: SYSTEM, httpStatus: status, retryable: false });
}

export function protocolError(what: string, problem: string, httpStatus?: number): ConnectorError {
  return new ConnectorError('REMOTE_PROTOCOL', `Expensify sent an unreadable answer to ${what}: ${problem}`, { system: SYSTEM, httpStatus, retryable: false });
}
