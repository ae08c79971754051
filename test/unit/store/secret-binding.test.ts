// Item 9 (hardening): an envelope opens only for the connection and secret name it was sealed for, on both
// backends (AES-GCM associated data; a cipher without it, like safeStorage, through the sealed binding), and
// envelopes from before binding are re-sealed. Item 7: a garbage key file is named as the culprit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretCipher } from '../../../main/core/ports';
import { bindingText, openSecret, sealSecret } from '../../../main/core/secrets/bound';
import { createEnvKeyCipher, resolveHeadlessKey } from '../../../main/core/secrets/env-key-cipher';
import { formatEnvelope, parseEnvelope } from '../../../main/core/secrets/envelope';
import { readSecret, rebindSecrets, writeSecret } from '../../../main/core/secrets/secret-store';
import { openStore } from '../../../main/core/store/store';
import { tempDir } from '../../helpers/temp-dir';

/** A reversible backend without associated data, standing in for Electron's safeStorage. */
function plainBackend(): SecretCipher {
  const key = randomBytes(1)[0]! | 1;
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ key));
  return {
    backend: 'safe-storage',
    async encrypt(plain) {
      return formatEnvelope('safe-storage', xor(Buffer.from(plain, 'utf8')));
    },
    async decrypt(envelope) {
      return xor(parseEnvelope(envelope).payload).toString('utf8');
    },
  };
}

const A = { connectionId: 'conn-a', name: 'target.password' };

for (const [label, make] of [['AES-GCM (associated data)', () => createEnvKeyCipher(randomBytes(32))], ['a backend without associated data', plainBackend]] as const) {
  test(`${label}: an envelope copied onto another connection or secret name does not open`, async () => {
    const c = make();
    const sealed = await sealSecret(c, A, 'hunter2');
    assert.deepEqual(await openSecret(c, A, sealed), { value: 'hunter2', legacy: false });
    await assert.rejects(openSecret(c, { ...A, connectionId: 'conn-b' }, sealed));
    await assert.rejects(openSecret(c, { ...A, name: 'source.password' }, sealed));
    // Boundaries are length-prefixed: moving a dot between the two parts is another binding.
    assert.notEqual(bindingText({ connectionId: 'a.b', name: 'c' }), bindingText({ connectionId: 'a', name: 'b.c' }));
  });
}

test('AES-GCM: bound envelopes are v2, and a v2 envelope does not open without its binding', async () => {
  const c = createEnvKeyCipher(randomBytes(32));
  const sealed = await sealSecret(c, A, 'x');
  assert.match(sealed, /^v2:aes-gcm-env:/);
  await assert.rejects(c.decrypt(sealed));
});

test('stored secrets: written bound, copied rows refused, unbound (v1) rows re-sealed on read and by the migration step', async (t) => {
  const dir = tempDir(t);
  const store = openStore(join(dir, 'db.sqlite'), () => new Date('2026-12-06T00:00:00Z'));
  t.after(() => store.close());
  const c = createEnvKeyCipher(randomBytes(32));
  for (const id of ['conn-a', 'conn-b']) store.db.prepare(`INSERT INTO connections (id, name, config_json, status, created_at, updated_at) VALUES (?, ?, '{}', 'active', '', '')`).run(id, id);
  await writeSecret(store, c, 'conn-a', 'target.password', 'pw-a');
  assert.equal(await readSecret(store, c, 'conn-a', 'target.password'), 'pw-a');
  // An attacker with write access to the database copies conn-a's envelope onto conn-b.
  store.connections.putSecretEnvelope('conn-b', 'target.password', store.connections.getSecretEnvelope('conn-a', 'target.password')!);
  await assert.rejects(readSecret(store, c, 'conn-b', 'target.password'));
  // A v1 envelope from before binding: read once, then stored bound.
  store.connections.putSecretEnvelope('conn-b', 'target.password', await c.encrypt('pw-b'));
  assert.equal(await readSecret(store, c, 'conn-b', 'target.password'), 'pw-b');
  assert.match(store.connections.getSecretEnvelope('conn-b', 'target.password')!, /^v2:/);
  // The migration step re-seals every v1 envelope it can open and leaves unreadable ones in place.
  store.connections.putSecretEnvelope('conn-a', 'source.password', await c.encrypt('pw-src'));
  store.connections.putSecretEnvelope('conn-b', 'source.password', await createEnvKeyCipher(randomBytes(32)).encrypt('other key'));
  assert.deepEqual(await rebindSecrets(store, c), { rebound: 1, unreadable: 1 });
  assert.match(store.connections.getSecretEnvelope('conn-a', 'source.password')!, /^v2:/);
  assert.equal(await readSecret(store, c, 'conn-a', 'source.password'), 'pw-src');
  assert.deepEqual(await rebindSecrets(store, c), { rebound: 0, unreadable: 1 });
});

test('a garbage secret.key is named as the culprit, not MLC_SECRET_KEY', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'secret.key'), 'this is not a key\n');
  assert.throws(() => resolveHeadlessKey({}, dir), (e: Error) => e.message.includes(join(dir, 'secret.key')) && !e.message.includes('MLC_SECRET_KEY'));
  const file = join(dir, 'other.key');
  writeFileSync(file, 'zz');
  assert.throws(() => resolveHeadlessKey({ MLC_SECRET_KEY_FILE: file }, dir), /other\.key \(MLC_SECRET_KEY_FILE\)/);
  assert.throws(() => resolveHeadlessKey({ MLC_SECRET_KEY: 'short' }, dir), /MLC_SECRET_KEY must/);
});
