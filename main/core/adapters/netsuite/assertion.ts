// The signed JWT client assertion of the OAuth 2.0 client-credentials flow (../shared/api/netsuite.md §1a):
// header alg PS256/ES256 (by key type), typ JWT, kid = certificate id; claims iss = client id, scope,
// aud = the token endpoint, iat, exp under 60 minutes later. Signed by jose, never by hand.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { ConnectorError } from '../../errors';
import { NETSUITE_SYSTEM } from './schemas';

/** NetSuite refuses exp ≥ iat + 60 min; 30 minutes leaves room for a clock that is a little behind. */
export const ASSERTION_LIFETIME_S = 30 * 60;

export type AssertionAlg = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

export interface SigningKey {
  key: KeyObject;
  alg: AssertionAlg;
}

const CURVE_ALG: Record<string, AssertionAlg> = { prime256v1: 'ES256', 'P-256': 'ES256', secp384r1: 'ES384', 'P-384': 'ES384', secp521r1: 'ES512', 'P-521': 'ES512' };

/** Reads a PEM private key; RSA keys sign with PS256 (RS256 is not accepted any more), EC keys with ES256/384/512. */
export function loadSigningKey(pem: string): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConnectorError('CONFIG_INVALID', 'The stored NetSuite private key is not a readable PEM private key: paste the PKCS#8 key that belongs to the uploaded certificate', { system: NETSUITE_SYSTEM, retryable: false, details: { secret: 'privateKey' } });
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa' || type === 'rsa-pss') return { key, alg: 'PS256' };
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  if (type === 'ec' && CURVE_ALG[curve]) return { key, alg: CURVE_ALG[curve] };
  throw new ConnectorError('CONFIG_INVALID', `NetSuite accepts RSA or EC (P-256, P-384, P-521) certificates; the stored private key is ${type ?? 'of an unknown type'}${curve ? ` (${curve})` : ''}`, { system: NETSUITE_SYSTEM, retryable: false, details: { secret: 'privateKey' } });
}

export interface AssertionClaims {
  clientId: string;
  certificateId: string;
  /** Comma-separated scopes, e.g. "rest_webservices". */
  scope: string;
  audience: string;
  /** Epoch seconds. */
  issuedAt: number;
}

export function normaliseScope(scope: string): string {
  return scope.split(',').map((s) => s.trim()).filter(Boolean).join(',');
}

export async function signAssertion(signing: SigningKey, c: AssertionClaims): Promise<string> {
  return new SignJWT({ scope: normaliseScope(c.scope) })
    .setProtectedHeader({ alg: signing.alg, typ: 'JWT', kid: c.certificateId })
    .setIssuer(c.clientId)
    .setAudience(c.audience)
    .setIssuedAt(c.issuedAt)
    .setExpirationTime(c.issuedAt + ASSERTION_LIFETIME_S)
    .sign(signing.key);
}
