// NetSuite credentials in the connection form: with OAuth 2.0, a consumer key means token-based credentials
// for receipts (SOAP uploads), so their secrets are asked for; without one, only the private key is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secretInUse } from '../../../renderer/features/connections/secrets-in-use';
import type { ConnectionInput } from '../../../shared/schemas/connection';

const conn = (target: Record<string, unknown>) => ({ source: { system: 'concur' }, target: { system: 'netsuite', ...target } }) as unknown as Pick<ConnectionInput, 'source' | 'target'>;

test('NetSuite: TBA secrets are used by TBA, and by OAuth 2.0 only when a consumer key is set for receipts', () => {
  assert.deepEqual(['privateKey', 'consumerSecret', 'tokenSecret'].map((s) => secretInUse(conn({ auth: 'oauth2', consumerKey: '' }), `target.${s}`)), [true, false, false]);
  assert.deepEqual(['privateKey', 'consumerSecret', 'tokenSecret'].map((s) => secretInUse(conn({ auth: 'oauth2', consumerKey: 'ck' }), `target.${s}`)), [true, true, true]);
  assert.deepEqual(['privateKey', 'consumerSecret', 'tokenSecret'].map((s) => secretInUse(conn({ auth: 'tba', consumerKey: 'ck' }), `target.${s}`)), [false, true, true]);
});
