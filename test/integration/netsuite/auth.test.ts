import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { NETSUITE_DEMO } from '../../../main/simulators/netsuite';
import { startNetSuiteFixture, testKeys, type NetSuiteFixture } from '../../helpers/netsuite-context';

const MIN = 60_000;

async function drain(f: NetSuiteFixture, adapter = f.adapter): Promise<number> {
  let n = 0;
  for await (const page of adapter.readReference()) n += page.length;
  return n;
}

test('OAuth 2.0: one token serves many calls and later runs, is renewed before its hour is up, and once after a 401', async (t) => {
  const f = await startNetSuiteFixture({ settings: { pageSize: 5 } });
  t.after(() => f.stop());
  const rows = await drain(f);
  assert.ok(rows > 60);
  assert.equal(f.sim.stats.tokensIssued, 1);
  assert.ok(f.sim.stats.requests > 10);
  await drain(f, f.newAdapter());
  assert.equal(f.sim.stats.tokensIssued, 1, 'a new run reuses the stored token');
  f.clock.offsetMs += 54 * MIN;
  await drain(f);
  assert.equal(f.sim.stats.tokensIssued, 1, 'still 6 minutes left: reused');
  f.clock.offsetMs += 2 * MIN;
  await drain(f);
  assert.equal(f.sim.stats.tokensIssued, 2, 'within 5 minutes of expiry: a new assertion, a new token');
  f.sim.state.accessTokens.clear();
  await drain(f);
  assert.equal(f.sim.stats.tokensIssued, 3);
  assert.equal(f.sim.stats.unauthorised, 1, 'one 401, then the renewed token');
  assert.ok(f.notes.some((n) => n.outcome === 'token_refused'));
  assert.deepEqual(f.sim.stats.tokenRefusals, []);
  const state = f.secrets.tokenState();
  assert.ok(state && typeof state.accessToken === 'string');
  const text = JSON.stringify(f.notes);
  assert.ok(!text.includes(state.accessToken as string) && !text.includes('PRIVATE KEY'), 'no token or key in notes');
});

test('ES256 keys work too; the connection test walks certificate, sign-in, read access and subsidiary', async (t) => {
  const f = await startNetSuiteFixture({ keys: 'ec', settings: { certificateValidUntil: '2099-12-31' } });
  t.after(() => f.stop());
  const steps = await f.adapter.test();
  assert.deepEqual(steps.map((s) => [s.step, s.ok]), [['certificate', true], ['sign-in', true], ['read access', true], ['subsidiary', true]]);
  assert.match(steps[3]!.message, /Northwind Europe/);
  const other = await f.newAdapter({ subsidiary: '3' }).test();
  assert.equal(other[3]!.ok, false);
  assert.match(other[3]!.message, /inactive/);
});

test('a wrong key, a certificate NetSuite expired and an unknown certificate id: clear reasons, no secret in them', async (t) => {
  const f = await startNetSuiteFixture({ storedKey: testKeys('rsa-other').privatePem });
  t.after(() => f.stop());
  const check = (e: unknown, re: RegExp) => isConnectorError(e) && e.code === 'AUTH_FAILED' && !e.retryable && re.test(e.message) && !e.message.includes('PRIVATE KEY');
  await assert.rejects(drain(f), (e) => check(e, /refused the signed client assertion \(invalid_grant\).*private key belongs to that certificate/));
  assert.match(f.sim.stats.tokenRefusals[0]!, /SIGNATURE_VERIFICATION_FAILED/);
  const steps = await f.adapter.test();
  assert.deepEqual(steps.map((s) => s.ok), [true, false, false, false]);
  assert.match(steps[2]!.message, /not checked/);

  f.secrets.values.set('privateKey', testKeys('rsa').privatePem);
  f.sim.state.clients.get(NETSUITE_DEMO.clientId)!.certificates.get(NETSUITE_DEMO.certificateId)!.validUntilMs = f.clock.epochMs() - 1;
  await assert.rejects(drain(f, f.newAdapter()), (e) => check(e, /invalid_grant.*certificate has expired/));
  await assert.rejects(drain(f, f.newAdapter({ certificateId: 'nope' })), (e) => check(e, /invalid_client.*certificate ID "nope"/));
  assert.equal(f.sim.stats.tokensIssued, 0);
});

test('the certificate date: expired locally means no call at all; expiring soon is noted once and shown in the test', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  const today = f.clock.now();
  const day = (d: number) => new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10);
  const before = f.sim.stats.requests;
  await assert.rejects(drain(f, f.newAdapter({ certificateValidUntil: day(-2) })), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /expired on/.test(e.message));
  assert.equal(f.sim.stats.requests, before);
  const soon = f.newAdapter({ certificateValidUntil: day(10) });
  await drain(f, soon);
  await drain(f, soon);
  assert.equal(f.notes.filter((n) => n.outcome === 'certificate_expiring').length, 1);
  const steps = await soon.test();
  assert.match(steps[0]!.message, /^WARNING: certificate .* expires on .* \(\d+ days left\)/);
});

test('a clock two hours off makes the JWT look expired: the reason names the clock, not the keys', async (t) => {
  const f = await startNetSuiteFixture({ sim: { now: () => Date.now() + 120 * MIN } });
  t.after(() => f.stop());
  await assert.rejects(drain(f), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /clock is 120 minutes behind NetSuite's/.test(e.message));
});

test('TBA (legacy): every request signed with HMAC-SHA256 and realm = account id; a wrong secret is refused once, clearly', async (t) => {
  const f = await startNetSuiteFixture({ settings: { auth: 'tba', consumerKey: NETSUITE_DEMO.tba.consumerKey, tokenId: NETSUITE_DEMO.tba.tokenId } });
  t.after(() => f.stop());
  assert.ok((await drain(f)) > 60);
  assert.equal(f.sim.stats.tokensIssued, 0);
  assert.equal(f.sim.stats.unauthorised, 0);
  f.secrets.values.set('tokenSecret', 'wrong-token-secret');
  const requests = f.sim.stats.requests;
  await assert.rejects(drain(f, f.newAdapter()), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /TBA token demo-token-id/.test(e.message) && !e.message.includes('wrong-token-secret'));
  assert.equal(f.sim.stats.requests - requests, 1, 'an auth refusal is not retried');
  await assert.rejects(drain(f, f.newAdapter({ consumerKey: '' })), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /consumer key/.test(e.message));
});
