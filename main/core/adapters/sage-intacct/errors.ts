// Envelope-level failures as ConnectorErrors with plain messages: sender and sign-in problems (all
// XL03000006, told apart by their text), expired sessions, rate limits, and unreadable requests.
import { ConnectorError } from '../../errors';
import { snippet } from '../http';
import { INTACCT_SYSTEM, type IntacctError, type IntacctResponse } from './schemas';

const sys = { system: INTACCT_SYSTEM };

export type AuthProblem = 'session' | 'sender' | 'sender_unauthorized' | 'signin' | 'other';

export const errorText = (e: IntacctError): string => [e.errorno, e.description, e.description2, e.correction].filter(Boolean).join(' ');
export const errorsText = (list: IntacctError[]): string => list.map(errorText).join(' / ');

const SESSION = /invalid session|session (has )?(expired|timed out)|session[^.]*(not valid|invalid)/i;
const SENDER_UNAUTHORIZED = /not authori[sz]ed to make web services? requests|sender[^.]*not authori[sz]ed/i;
const SENDER = /partner id|sender id|sender password|senderid|web services? (sender|credentials)/i;

/** What an XL03000006-style failure is about, by its text (the code alone is shared by all of them). */
export function authProblem(errors: IntacctError[]): AuthProblem {
  const text = errorsText(errors);
  if (SESSION.test(text)) return 'session';
  if (SENDER_UNAUTHORIZED.test(text)) return 'sender_unauthorized';
  if (SENDER.test(text)) return 'sender';
  if (/sign-?in|log-?in|user ?id|password|credentials|XMLGW_JPP0002|XL03000006/i.test(text)) return 'signin';
  return 'other';
}

export interface AuthSubject {
  senderId: string;
  companyId: string;
  userId: string;
  locationId: string;
}

/** Never retried: a person has to fix the settings or the stored passwords. */
export function authError(problem: AuthProblem, who: AuthSubject, errors: IntacctError[], httpStatus?: number): ConnectorError {
  const base = { ...sys, httpStatus, retryable: false, details: { problem } };
  const where = `company "${who.companyId}"${who.locationId ? ` (entity "${who.locationId}")` : ''}`;
  switch (problem) {
    case 'sender':
      return new ConnectorError('AUTH_FAILED', `Sage Intacct refused the Web Services sender ID "${who.senderId}" or its sender password: check both in the connection settings`, base);
    case 'sender_unauthorized':
      return new ConnectorError('CONFIG_INVALID', `Web Services sender "${who.senderId}" is not authorised in ${where}: add it under Company > Setup > Security > Web Services authorizations`, base);
    case 'session':
      return new ConnectorError('AUTH_FAILED', `Sage Intacct refused a freshly opened API session for user "${who.userId}" in ${where}: check the user's Web Services permissions`, base);
    case 'signin':
      return new ConnectorError('AUTH_FAILED', `Sage Intacct refused the sign-in of user "${who.userId}" in ${where}: check the user ID, company ID and user password`, base);
    default:
      return new ConnectorError('AUTH_FAILED', `Sage Intacct refused the authentication of user "${who.userId}" in ${where}${errors.length ? `: ${errorsText(errors)}` : ''}`, base);
  }
}

const RATE = /api rate limit exceeded|too many (concurrent )?requests|concurren(t|cy) (request )?limit/i;
const OFFLINE = /temporarily off-?line|service (is )?unavailable|under maintenance/i;

/** Gateway texts that mean "try later" although HTTP said 200; after a write the outcome is unknown. */
export function busyError(text: string, write: boolean): ConnectorError | null {
  if (RATE.test(text)) return new ConnectorError('RATE_LIMITED', 'Sage Intacct is limiting API requests for this company (rate or concurrency limit)', { ...sys, uncertain: write });
  if (OFFLINE.test(text)) return new ConnectorError('UNAVAILABLE', 'Sage Intacct is temporarily off-line', { ...sys, uncertain: write });
  return null;
}

/** A failed control block: nothing in the request ran. */
export function controlError(resp: IntacctResponse, who: AuthSubject): ConnectorError {
  const errors = resp.control.errors;
  const problem = authProblem(errors);
  if (problem === 'sender' || problem === 'sender_unauthorized') return authError(problem, who, errors);
  const text = errorsText(errors) || 'no reason given';
  if (/PL04000055|demo company[^.]*expired/i.test(text)) return new ConnectorError('CONFIG_INVALID', `The Sage Intacct company "${who.companyId}" has expired: ${text}`, { ...sys, retryable: false });
  if (problem === 'signin') return authError(problem, who, errors);
  return new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct could not accept the request: ${text}`, { ...sys, retryable: false });
}

/** A 4xx answer without a readable gateway body. */
export function httpStatusError(status: number, body: string, who: AuthSubject): ConnectorError {
  if (status === 401 || status === 403) return authError('signin', who, [], status);
  if (status === 404) return new ConnectorError('CONFIG_INVALID', `There is no Sage Intacct XML gateway at this address (HTTP 404): check the endpoint URL`, { ...sys, httpStatus: status, retryable: false });
  return new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct refused the request (HTTP ${status})${snippet(body)}`, { ...sys, httpStatus: status, retryable: false });
}

/** A 200 HTML page: a portal, proxy or login page in front of the gateway. */
export function htmlPageError(uncertain: boolean): ConnectorError {
  return new ConnectorError('CONFIG_INVALID', 'The server answered with an HTML page instead of Sage Intacct XML: check that the endpoint URL points at the XML gateway (…/ia/xml/xmlgw.phtml)', { ...sys, retryable: false, uncertain });
}
