// An adapter's context: secrets per connection and side (source.password is never target.password), every
// secret read or written is registered for redaction, a limiter sized by the connection, audit notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SecretCipher } from '../../../main/core/ports';
import { adapterContext, secretAccess } from '../../../main/core/engine/context';
import { redact } from '../../../main/core/redact';
import { fixedClock, recordingLogger, unitWorld } from '../../helpers/engine-unit';

// Reversible stand-in: the store only ever sees the envelope.
const cipher: SecretCipher = { backend: 'test', associatedData: true, encrypt: async (p, aad) => `enc:${aad}:${Buffer.from(p).toString('base64')}`, decrypt: async (e) => Buffer.from(e.split(':').at(-1)!, 'base64').toString() };

test('secrets are kept per side: source.password and target.password are two secrets; delete removes one', async (t) => {
  const w = unitWorld(t);
  const source = secretAccess(w.store, cipher, 'c1', 'source');
  const target = secretAccess(w.store, cipher, 'c1', 'target');
  await source.set('password', 'src-pass-1');
  await target.set('password', 'erp-pass-2');
  assert.equal(await source.get('password'), 'src-pass-1');
  assert.equal(await target.get('password'), 'erp-pass-2');
  assert.doesNotMatch(w.store.connections.getSecretEnvelope('c1', 'source.password')!, /src-pass-1/, 'stored sealed');
  assert.equal(w.store.connections.getSecretEnvelope('c1', 'password'), null, 'never stored without its side');
  await source.delete('password');
  assert.equal(await source.get('password'), null);
  assert.equal(await target.get('password'), 'erp-pass-2');
});

test('a secret read or written is redacted from logs from then on', async (t) => {
  const w = unitWorld(t);
  const s = secretAccess(w.store, cipher, 'c1', 'source');
  await s.set('clientSecret', 'written-secret-xyz');
  assert.doesNotMatch(redact('token written-secret-xyz'), /written-secret-xyz/);
  w.store.connections.putSecretEnvelope('c1', 'source.other', await cipher.encrypt('read-secret-abc', 'x'));
  assert.match(redact('read-secret-abc'), /read-secret-abc/, 'not yet seen');
  await s.get('other');
  assert.doesNotMatch(redact('read-secret-abc'), /read-secret-abc/);
});

test('the context carries the deps, a limiter of the connection concurrency, the retry policy, and notes into the audit', async (t) => {
  const w = unitWorld(t, { concurrency: 3 });
  const clock = fixedClock();
  const logger = recordingLogger();
  const fetchImpl = (async () => new Response('')) as typeof fetch;
  const signal = new AbortController().signal;
  const ctx = adapterContext({ store: w.store, cipher, fetch: fetchImpl, clock, logger }, w.conn(), 'target', 'tester', signal);
  assert.equal(ctx.fetch, fetchImpl);
  assert.equal(ctx.clock, clock);
  assert.equal(ctx.logger, logger);
  assert.equal(ctx.signal, signal);
  assert.equal(ctx.limiter.capacity, 3);
  assert.deepEqual(ctx.retry, w.conn().retry);
  await ctx.secrets.set('password', 'ctx-secret-1');
  assert.ok(w.store.connections.getSecretEnvelope('c1', 'target.password'));
  ctx.note({ action: 'auth', outcome: 'refreshed', message: 'token refreshed', correlationId: 'cid' } as never);
  ctx.note({ action: 'auth', outcome: 'ok', message: 'no id' } as never);
  const notes = w.store.audit.list({ limit: 5 }).filter((e) => e.action === 'auth').map((e) => [e.connectionId, e.actor, e.action, e.outcome, e.message, e.correlationId]).sort();
  assert.deepEqual(notes, [['c1', 'tester', 'auth', 'ok', 'no id', null], ['c1', 'tester', 'auth', 'refreshed', 'token refreshed', 'cid']]);
  const other = adapterContext({ store: w.store, cipher, fetch: fetchImpl, clock, logger }, w.conn(), 'target', 'tester');
  assert.notEqual(other.limiter, ctx.limiter, 'one limiter per context');
});
