// How every NetSuite request is signed: a bearer token from the client-credentials flow (OAuth 2.0, the
// default), or a per-request OAuth 1.0a signature (TBA, legacy). Secrets are read on use and registered
// with the redactor; the certificate's expiry is checked before it is used and warned about ahead of time.
import { randomBytes } from 'node:crypto';
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import type { AdapterContext, SecretAccess } from '../types';
import { netsuiteRealm } from './account';
import { tbaAuthorization } from './oauth1';
import { NETSUITE_SYSTEM } from './schemas';
import { createTokenKeeper } from './token';

export const NETSUITE_SECRET_NAMES = ['privateKey', 'consumerSecret', 'tokenSecret'] as const;
export type NetSuiteSecretName = (typeof NETSUITE_SECRET_NAMES)[number];

const LABEL: Record<NetSuiteSecretName, string> = {
  privateKey: 'private key of the OAuth 2.0 certificate',
  consumerSecret: 'TBA consumer secret',
  tokenSecret: 'TBA token secret',
};

export async function readSecret(secrets: SecretAccess, name: NetSuiteSecretName): Promise<string> {
  const value = await secrets.get(name);
  if (!value) throw new ConnectorError('CONFIG_INVALID', `No ${LABEL[name]} is stored for NetSuite: enter it in the connection settings`, { system: NETSUITE_SYSTEM, retryable: false, details: { secret: name } });
  registerSecret(value);
  return value;
}

export interface Authorizer {
  /** The Authorization header for one request. */
  header(method: string, url: string): Promise<string>;
  /** After a 401: forget what was used; true when a second try with new credentials makes sense. */
  reset(): Promise<boolean>;
  /** Who signs, for messages ("client X, certificate Y" / "TBA token Z"). */
  readonly who: string;
}

export type CertificateStatus = { state: 'none' } | { state: 'ok' | 'expiring' | 'expired'; validUntil: string; daysLeft: number };

/** Days left on the certificate (the expiry day itself still counts as valid). */
export function certificateStatus(s: Pick<NetSuiteTargetSettings, 'certificateValidUntil' | 'certificateWarnDays'>, now: Date): CertificateStatus {
  if (!s.certificateValidUntil) return { state: 'none' };
  const end = Date.parse(`${s.certificateValidUntil}T23:59:59Z`);
  const daysLeft = Math.floor((end - now.getTime()) / 86_400_000);
  const state = end < now.getTime() ? 'expired' : daysLeft < s.certificateWarnDays ? 'expiring' : 'ok';
  return { state, validUntil: s.certificateValidUntil, daysLeft };
}

function missing(what: string): ConnectorError {
  return new ConnectorError('CONFIG_INVALID', `NetSuite ${what} is not set: enter it in the connection settings`, { system: NETSUITE_SYSTEM, retryable: false, details: { problem: 'settings' } });
}

export function createAuthorizer(settings: NetSuiteTargetSettings, ctx: AdapterContext, throttle: <T>(fn: () => Promise<T>) => Promise<T>): Authorizer {
  if (settings.auth === 'tba') return tbaAuthorizer(settings, ctx);
  const tokens = createTokenKeeper(settings, ctx, () => readSecret(ctx.secrets, 'privateKey'), throttle);
  let warned = false;
  return {
    who: `client ${settings.clientId || '(none)'}, certificate ${settings.certificateId || '(none)'}`,
    async header() {
      if (!settings.clientId) throw missing('client ID (OAuth 2.0 integration record)');
      if (!settings.certificateId) throw missing('certificate ID (OAuth 2.0 client credentials mapping)');
      const cert = certificateStatus(settings, ctx.clock.now());
      if (cert.state === 'expired') {
        throw new ConnectorError('AUTH_FAILED', `The NetSuite certificate ${settings.certificateId} expired on ${cert.validUntil}: create a new key pair, upload its certificate in OAuth 2.0 Client Credentials Setup, then store the new private key and certificate ID here`, { system: NETSUITE_SYSTEM, retryable: false, details: { problem: 'certificate_expired' } });
      }
      if (cert.state === 'expiring' && !warned) {
        warned = true;
        ctx.note({ action: 'auth', outcome: 'certificate_expiring', message: `The NetSuite certificate ${settings.certificateId} expires on ${cert.validUntil} (${cert.daysLeft} days left): upload a new one before then` });
      }
      return `Bearer ${(await tokens.get()).token}`;
    },
    async reset() {
      await tokens.drop();
      return true;
    },
  };
}

function tbaAuthorizer(settings: NetSuiteTargetSettings, ctx: AdapterContext): Authorizer {
  let secrets: { consumerSecret: string; tokenSecret: string } | null = null;
  return {
    who: `TBA token ${settings.tokenId || '(none)'}`,
    async header(method, url) {
      if (!settings.consumerKey) throw missing('consumer key (TBA)');
      if (!settings.tokenId) throw missing('token id (TBA)');
      secrets ??= { consumerSecret: await readSecret(ctx.secrets, 'consumerSecret'), tokenSecret: await readSecret(ctx.secrets, 'tokenSecret') };
      return tbaAuthorization({
        method,
        url,
        realm: netsuiteRealm(settings.accountId),
        consumerKey: settings.consumerKey,
        consumerSecret: secrets.consumerSecret,
        tokenId: settings.tokenId,
        tokenSecret: secrets.tokenSecret,
        timestamp: Math.floor(ctx.clock.now().getTime() / 1000),
        nonce: randomBytes(16).toString('hex'),
      });
    },
    async reset() {
      // Signatures are per request: a 401 means the token or secrets are wrong (or, reportedly, a busy account).
      secrets = null;
      return false;
    },
  };
}
