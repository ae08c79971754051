import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createEnvKeyCipher, parseKey, resolveHeadlessKey } from '../../../main/core/secrets/env-key-cipher';
import { tempDir } from '../../helpers/temp-dir';

test('AES-GCM envelopes round-trip, differ per call and fail on a wrong key', async () => {
  const c = createEnvKeyCipher(randomBytes(32));
  const a = await c.encrypt('s3cret-value');
  const b = await c.encrypt('s3cret-value');
  assert.notEqual(a, b);
  assert.match(a, /^v1:aes-gcm-env:/);
  assert.doesNotMatch(a, /s3cret/);
  assert.equal(await c.decrypt(a), 's3cret-value');
  await assert.rejects(createEnvKeyCipher(randomBytes(32)).decrypt(a), /cannot be decrypted/);
  const tampered = a.slice(0, -4) + (a.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  await assert.rejects(c.decrypt(tampered));
});

test('keys: hex or base64 of 32 bytes; anything else refused; generated key file is private', (t) => {
  assert.equal(parseKey('00'.repeat(32)).length, 32);
  assert.equal(parseKey(randomBytes(32).toString('base64')).length, 32);
  assert.throws(() => parseKey('short'), /32-byte key/);
  const dir = tempDir(t);
  const first = resolveHeadlessKey({}, dir);
  assert.equal(first.source, 'generated-file');
  assert.equal(statSync(first.path!).mode & 0o777, 0o600);
  const again = resolveHeadlessKey({}, dir);
  assert.equal(again.source, 'file');
  assert.ok(again.key.equals(first.key));
  assert.ok(readFileSync(first.path!, 'utf8').trim().length > 0);
  assert.equal(resolveHeadlessKey({ MLC_SECRET_KEY: 'ab'.repeat(32) }, dir).source, 'env');
});
