// SAP Concur error vocabulary: the token error code table and v3/v4 error bodies -> ConnectorErrors
// with plain-English messages that say what the user must do. Never echoes credentials.
import { ConnectorError } from '../../errors';
import { jsonOrNull } from '../http';
import type { ErrorCode } from '../../../../shared/errors';

export const SYSTEM = 'SAP Concur';

interface TokenErrorRule {
  code: ErrorCode;
  message: string;
  retryable?: boolean;
}

/** Documented /oauth2/v0/token error codes (shared/api/concur.md §1.5). 16 is handled by the token manager. */
const TOKEN_ERRORS: Record<number, TokenErrorRule> = {
  5: { code: 'AUTH_FAILED', message: 'SAP Concur rejected the credentials: check the client id, the client secret and the password or company request token' },
  19: { code: 'AUTH_FAILED', message: 'SAP Concur rejected the credentials: check the client id, the client secret and the password or company request token' },
  64: { code: 'AUTH_FAILED', message: 'SAP Concur rejected the app credentials: check the client id and client secret from App Management' },
  10: { code: 'AUTH_FAILED', message: 'The SAP Concur account is disabled: ask your Concur administrator to re-enable it, then reconnect' },
  11: { code: 'AUTH_FAILED', message: 'The SAP Concur account is locked: ask your Concur administrator to unlock it, then reconnect' },
  14: { code: 'AUTH_FAILED', message: 'The SAP Concur account is disabled or locked: ask your Concur administrator to re-enable it, then reconnect' },
  16: { code: 'REMOTE_PROTOCOL', message: 'SAP Concur said the account lives in another data center but did not say which one' },
  53: { code: 'CONFIG_INVALID', message: 'The company has not connected this app in SAP Concur: ask a Concur administrator to connect it in App Center, then reconnect' },
  54: { code: 'CONFIG_INVALID', message: 'SAP Concur refused the requested scopes: ask the app owner to grant the expense report scopes to this app' },
  59: { code: 'AUTH_FAILED', message: 'This app is disabled in SAP Concur: contact the app owner (the client id is no longer active)' },
  106: { code: 'AUTH_FAILED', message: 'No SAP Concur refresh token is stored: reconnect the app' },
  107: { code: 'CONFIG_INVALID', message: 'SAP Concur does not allow this app to refresh tokens: ask the app owner to enable the refresh_token grant' },
  108: { code: 'AUTH_FAILED', message: 'The SAP Concur connection expired or was revoked: reconnect the app (generate a new company request token or sign in again)' },
  120: { code: 'CONFIG_INVALID', message: 'SAP Concur refused the credential type: choose "password" or "authtoken" in the connection settings' },
  134: { code: 'UNAVAILABLE', message: 'The company is under scheduled maintenance in SAP Concur: the next run will try again', retryable: false },
  136: { code: 'CONFIG_INVALID', message: 'The company request token was generated for another app: generate a new one for this client id and reconnect' },
};

export interface TokenErrorBody {
  code?: number | string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
  geolocation?: string | undefined;
}

/** The ConnectorError for a failed token call (HTTP 4xx with the documented JSON body, or anything else). */
export function tokenError(body: TokenErrorBody | null, httpStatus: number, correlationId?: string): ConnectorError {
  const code = body?.code === undefined ? undefined : Number(body.code);
  const rule = code !== undefined && Number.isFinite(code) ? TOKEN_ERRORS[code] : undefined;
  const opts = { system: SYSTEM, httpStatus, correlationId, details: code !== undefined ? { concurCode: code } : undefined };
  if (rule) return new ConnectorError(rule.code, `${rule.message} (Concur code ${code})`, { ...opts, retryable: rule.retryable ?? false });
  const detail = [body?.error, body?.error_description].filter(Boolean).join(': ');
  const suffix = detail ? ` (${detail.slice(0, 200)}${code !== undefined ? `, code ${code}` : ''})` : '';
  if (httpStatus === 401 || httpStatus === 403) {
    return new ConnectorError('AUTH_FAILED', `SAP Concur refused the sign-in${suffix}: check the connection credentials`, { ...opts, retryable: false });
  }
  return new ConnectorError('REMOTE_PROTOCOL', `SAP Concur token endpoint answered HTTP ${httpStatus}${suffix}`, { ...opts, retryable: false });
}

/** True when the error means the stored refresh token is dead and the user must reconnect. */
export function isReconnectCode(code: number | undefined): boolean {
  return code === 108 || code === 106;
}

/** Best human text from a v4 ErrorMessage, a v3 error, the 429 body or an OAuth-style body. */
export function errorBodyMessage(text: string): string | undefined {
  const body = jsonOrNull(text);
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const nested = b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>).message : undefined;
  const pick = [b.errorMessage, b.Message, b.message, nested, b.error_description, b.error].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return pick?.trim().slice(0, 300);
}

/** ConnectorError for a 4xx data-call answer that is not an auth problem. */
export function dataError(httpStatus: number, what: string, text: string, correlationId?: string): ConnectorError {
  const msg = errorBodyMessage(text);
  const tail = msg ? `: ${msg}` : '';
  const opts = { system: SYSTEM, httpStatus, correlationId, retryable: false };
  if (httpStatus === 401 || httpStatus === 403) {
    return new ConnectorError('AUTH_FAILED', `SAP Concur refused access to ${what} (HTTP ${httpStatus})${tail}. The connected user needs the Web Services Admin role and the app the expense report scopes`, opts);
  }
  if (httpStatus === 404) return new ConnectorError('NOT_FOUND', `SAP Concur has no ${what} (HTTP 404)${tail}`, opts);
  return new ConnectorError('BAD_REQUEST', `SAP Concur refused the request for ${what} (HTTP ${httpStatus})${tail}`, opts);
}

export function protocolError(what: string, problem: string, httpStatus?: number, correlationId?: string): ConnectorError {
  return new ConnectorError('REMOTE_PROTOCOL', `SAP Concur sent an unreadable answer for ${what}: ${problem}`, { system: SYSTEM, httpStatus, correlationId, retryable: false });
}
