import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { ASSERTION_LIFETIME_S, loadSigningKey, signAssertion } from '../../../main/core/adapters/netsuite/assertion';
import { certificateStatus } from '../../../main/core/adapters/netsuite/auth';
import { isConnectorError } from '../../../main/core/errors';
import { testKeys } from '../../helpers/netsuite-context';

test('the client assertion carries the documented header and claims and verifies against the public key', async () => {
  for (const kind of ['rsa', 'ec'] as const) {
    const keys = testKeys(kind);
    const signing = loadSigningKey(keys.privatePem);
    assert.equal(signing.alg, kind === 'rsa' ? 'PS256' : 'ES256');
    const aud = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/auth/oauth2/v1/token';
    const jwt = await signAssertion(signing, { clientId: 'cid', certificateId: 'cert-7', scope: ' rest_webservices , restlets', audience: aud, issuedAt: 1_800_000_000 });
    assert.deepEqual(decodeProtectedHeader(jwt), { alg: signing.alg, typ: 'JWT', kid: 'cert-7' });
    const { payload } = await jwtVerify(jwt, keys.publicKey, { issuer: 'cid', audience: aud, currentDate: new Date(1_800_000_100_000) });
    assert.deepEqual(payload, { scope: 'rest_webservices,restlets', iss: 'cid', aud, iat: 1_800_000_000, exp: 1_800_000_000 + ASSERTION_LIFETIME_S });
    assert.ok(ASSERTION_LIFETIME_S < 3600);
  }
});

test('keys NetSuite cannot use are refused with a clear reason, never echoed', () => {
  const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  assert.throws(() => loadSigningKey(ed), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /ed25519/.test(e.message));
  assert.throws(() => loadSigningKey('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----'), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && !e.message.includes('not a key'));
});

test('certificate expiry: ok, expiring within the warning window, expired after the last day', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  assert.deepEqual(certificateStatus({ certificateValidUntil: null, certificateWarnDays: 30 }, now), { state: 'none' });
  assert.equal(certificateStatus({ certificateValidUntil: '2027-06-01', certificateWarnDays: 30 }, now).state, 'ok');
  assert.deepEqual(certificateStatus({ certificateValidUntil: '2026-12-10', certificateWarnDays: 30 }, now), { state: 'expiring', validUntil: '2026-12-10', daysLeft: 10 });
  assert.equal(certificateStatus({ certificateValidUntil: '2026-11-30', certificateWarnDays: 0 }, now).state, 'ok', 'the last day still counts');
  assert.equal(certificateStatus({ certificateValidUntil: '2026-11-29', certificateWarnDays: 30 }, now).state, 'expired');
});
