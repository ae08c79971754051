// The one place error codes become words: every screen shows contract errors through this banner.
import type { ErrorCode, ErrorPayload } from '../../shared/errors';
import { errorPayload } from '../api/mlc';

const LEAD: Record<ErrorCode, string> = {
  BAD_REQUEST: 'Some values are not valid',
  NOT_FOUND: 'Not found',
  AUTH_FAILED: 'Sign-in was refused',
  AUTH_EXPIRED: 'The sign-in has expired',
  RATE_LIMITED: 'The service asked us to slow down',
  UNAVAILABLE: 'The service is unavailable',
  NETWORK: 'Could not reach the service',
  TIMEOUT: 'The service did not answer in time',
  REMOTE_PROTOCOL: 'The service sent an answer we could not read',
  VALIDATION_REJECTED: 'The ERP rejected the data',
  DUPLICATE: 'Already posted',
  MAPPING_MISSING: 'A mapping is missing',
  CONFIG_INVALID: 'The settings are incomplete',
  CONFLICT: 'Someone else changed this first',
  INTERNAL: 'Something went wrong in ml-connector',
};

export function describeError(p: ErrorPayload): string {
  return `${LEAD[p.code] ?? 'Error'}: ${p.message}`;
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const p = errorPayload(error);
  if (!p) return null;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{LEAD[p.code] ?? 'Error'}</strong>
      <span>{p.message}</span>
      {p.retryable && onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
