// HTTP Basic credentials for SOAP and api1 (same Syracuse user): read once from the secret store,
// registered with the redactor so neither the password nor the header can reach a log.
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import type { SecretAccess } from '../types';
import { X3_SYSTEM } from './schemas';

export interface BasicAuth {
  /** The Authorization header value; never log or throw it. */
  header(): Promise<string>;
  /** Forget the cached value (after a 401, the user may have stored a new password). */
  reset(): void;
}

export function createBasicAuth(username: string, secrets: SecretAccess): BasicAuth {
  let cached: string | null = null;
  return {
    async header() {
      if (cached) return cached;
      const password = await secrets.get('password');
      if (!password) {
        throw new ConnectorError('CONFIG_INVALID', `No password is stored for Sage X3 user "${username}": enter it in the connection settings`, {
          system: X3_SYSTEM,
          retryable: false,
        });
      }
      registerSecret(password);
      const token = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
      registerSecret(token);
      cached = `Basic ${token}`;
      return cached;
    },
    reset() {
      cached = null;
    },
  };
}
