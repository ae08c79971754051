// Sessions against the simulator: getAPISession alone with login, its endpoint followed, the sliding
// timeout renewed before it ends, "Invalid session" renewed and resent once, and sign-in / sender
// failures as plain AUTH_FAILED / CONFIG_INVALID errors that never carry a secret or session id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { GATEWAY_PATH, SESSION_PATH } from '../../../main/simulators/sage-intacct';
import { IA, IA_SECRETS, movableClock, plan, startIntacctFixture, type IntacctFixture } from '../../helpers/intacct-context';

const secretsIn = (f: IntacctFixture, text: string) => [IA.senderPassword, IA.userPassword, 'x-other-pw', ...f.sim.state.sessions.keys()].filter((s) => text.includes(s));

function assertNoSecrets(f: IntacctFixture, e: unknown) {
  const text = [e instanceof Error ? e.message : String(e), JSON.stringify(isConnectorError(e) ? e.toPayload() : {}), JSON.stringify(f.notes), f.logs.join('\n')].join('\n');
  assert.deepEqual(secretsIn(f, text), []);
}

test('one session serves several calls at the endpoint it names; getAPISession is never mixed with other functions', async () => {
  const f = await startIntacctFixture();
  try {
    await f.adapter.post(plan());
    await f.adapter.findExisting(plan());
    await f.adapter.postBatch!([plan(), plan()]);
    assert.equal(f.sim.stats.functions.getAPISession, 1);
    assert.equal(f.sim.stats.byPath[GATEWAY_PATH], 1);
    assert.equal(f.sim.stats.byPath[SESSION_PATH], 3);
    assert.equal(f.sim.stats.mixedSession, 0);
    assert.ok(f.notes.some((n) => n.action === 'auth' && n.outcome === 'session_opened'));
    assertNoSecrets(f, '');
  } finally {
    await f.stop();
  }
});

test('an expired session ("Invalid session") is renewed once and the write resent; one record', async () => {
  const f = await startIntacctFixture({ sim: { sessionDurationMs: 60_000 }, settings: { sessionRenewSeconds: 5 } });
  try {
    assert.equal((await f.adapter.post(plan())).status, 'posted');
    // The adapter's clock says the session is fresh; Intacct's says it timed out.
    f.sim.state.advanceClock(61_000);
    const p = plan();
    assert.equal((await f.adapter.post(p)).status, 'posted');
    assert.equal(f.sim.stats.invalidSessions, 1);
    assert.equal(f.sim.stats.functions.getAPISession, 2);
    assert.equal(f.sim.state.findByKey(p.idempotencyKey).length, 1);
    assert.ok(f.notes.some((n) => n.outcome === 'session_expired'));
  } finally {
    await f.stop();
  }
});

test('the sliding timeout read from each answer keeps the session; it is renewed shortly before it ends', async () => {
  const clock = movableClock();
  // Both sides share the clock here, as they share real time in production.
  const f = await startIntacctFixture({ sim: { sessionDurationMs: 600_000, now: clock.now }, clock });
  try {
    await f.adapter.post(plan());
    clock.advance(400_000);
    await f.adapter.post(plan()); // slides the timeout to +600 s from now
    clock.advance(400_000); // past the first announced timeout, within the slid one
    await f.adapter.findExisting(plan());
    assert.equal(f.sim.stats.functions.getAPISession, 1);
    clock.advance(500_000); // 100 s left < the 120 s renewal margin
    await f.adapter.post(plan());
    assert.equal(f.sim.stats.functions.getAPISession, 2);
    assert.equal(f.sim.stats.invalidSessions, 0);
  } finally {
    await f.stop();
  }
});

test('a wrong user password is a plain AUTH_FAILED, not retried, without secrets', async () => {
  const f = await startIntacctFixture({ secrets: { ...IA_SECRETS, userPassword: 'Wrong-pass-123' } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'AUTH_FAILED' && !e.retryable && !e.uncertain);
      assert.match(e.message, /sign-in of user "api_user" in company "ACME-CO"/);
      assert.ok(!e.message.includes('Wrong-pass-123'));
      assertNoSecrets(f, e);
      return true;
    });
    assert.equal(f.sim.stats.requests, 1);
    assert.equal(f.sim.stats.functions.create, undefined);
  } finally {
    await f.stop();
  }
});

test('a wrong user password answered HTTP 401 with an XMLGW_JPP0002 body is read as the same sign-in failure', async () => {
  const f = await startIntacctFixture({ secrets: { ...IA_SECRETS, userPassword: 'Wrong-pass-123' }, sim: { faults: { signin401: true } } });
  try {
    await assert.rejects(f.adapter.post(plan()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'AUTH_FAILED' && !e.retryable && !e.uncertain && e.details?.problem === 'signin', String(e));
      assertNoSecrets(f, e);
      return true;
    });
    assert.equal(f.sim.stats.requests, 1);
  } finally {
    await f.stop();
  }
});

test('a wrong sender password is AUTH_FAILED; a sender not authorised in the company is CONFIG_INVALID', async () => {
  const wrong = await startIntacctFixture({ secrets: { ...IA_SECRETS, senderPassword: 'Nope-sender-1' } });
  try {
    await assert.rejects(wrong.adapter.post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /sender ID "MLC_SENDER"/.test(e.message) && !e.message.includes('Nope-sender-1'));
  } finally {
    await wrong.stop();
  }
  const other = await startIntacctFixture({ settings: { senderId: 'OTHER_SENDER' }, secrets: { ...IA_SECRETS, senderPassword: 'x-other-pw' } });
  try {
    await assert.rejects(other.adapter.findExisting(plan()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'CONFIG_INVALID' && /not authorised in company "ACME-CO"/.test(e.message));
      assertNoSecrets(other, e);
      return true;
    });
  } finally {
    await other.stop();
  }
});

test('test() reports each step; a wrong password fails exactly the sign-in step', async () => {
  const good = await startIntacctFixture();
  try {
    const steps = await good.adapter.test();
    assert.deepEqual(steps.map((s) => [s.step, s.ok]), [['endpoint reachable', true], ['sender authorised', true], ['company/user sign-in', true], ['API session', true], ['read access', true]]);
  } finally {
    await good.stop();
  }
  const bad = await startIntacctFixture({ secrets: { ...IA_SECRETS, userPassword: 'Wrong-pass-123' } });
  try {
    const steps = await bad.adapter.test();
    assert.deepEqual(steps.map((s) => s.ok), [true, true, false, false, false]);
    assert.match(steps[2]!.message, /user ID, company ID and user password/);
    assert.ok(!JSON.stringify(steps).includes('Wrong-pass-123'));
  } finally {
    await bad.stop();
  }
  const down = await startIntacctFixture();
  await down.stop();
  const steps = await down.adapter.test();
  assert.deepEqual(steps.map((s) => s.ok), [false, false, false, false, false]);
  assert.match(steps[0]!.message, /Could not reach Sage Intacct/);
});
