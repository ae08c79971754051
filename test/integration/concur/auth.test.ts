import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import { isConnectorError } from '../../../main/core/errors';
import { SIM_CLIENT, seedDemoCompany } from '../../../main/simulators/concur';
import type { Datacenter } from '../../../main/simulators/concur';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import type { ConcurFixture } from '../../helpers/concur-context';

const COMPANY = '7d1e0c52-3a55-4bd5-9a11-0c9c6b1f2a10';

async function setup(dc: Datacenter, reports = 3): Promise<{ f: ConcurFixture; requestToken: string; source: ReturnType<typeof createConcurSource> }> {
  const f = await startConcurFixture();
  seedDemoCompany(f.sim.state, { companyId: COMPANY, datacenter: dc, reports, entriesPerReport: 2 });
  const requestToken = f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId);
  await f.secrets.set('password', requestToken);
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY }), f.ctx);
  return { f, requestToken, source };
}

async function drain(source: ReturnType<typeof createConcurSource>, cursor: string | null = null) {
  const pull = source.pull(cursor);
  const docs = [];
  for await (const batch of pull.batches) docs.push(...batch);
  return { docs, cursor: pull.finalCursor() };
}

test('authtoken connect, then refresh rotation is persisted with the geolocation', async (t) => {
  const { f, source } = await setup('us');
  t.after(() => f.stop());
  const steps = await source.test();
  assert.deepEqual(steps.map((s) => [s.step, s.ok]), [['token', true], ['geolocation', true], ['report access', true]]);
  const first = f.secrets.tokenState();
  assert.equal(first?.geolocation, f.urls.us);
  assert.equal(typeof first?.refreshToken, 'string');
  assert.ok((first?.refreshExpiresAt as number) > Date.now() + 100 * 24 * 3600 * 1000, 'refresh_expires_in read as absolute epoch');

  // Both clocks move one hour: the adapter refreshes before calling (no 401 needed).
  f.clock.offsetMs += 3600_000;
  f.sim.stats.reset();
  const { docs } = await drain(source);
  assert.equal(docs.length, 3);
  const second = f.secrets.tokenState();
  assert.notEqual(second?.refreshToken, first?.refreshToken, 'rotated refresh token overwrote the stored one');
  assert.notEqual(second?.accessToken, first?.accessToken);
  assert.equal(f.sim.stats.count({ status: 401 }), 0, 'refreshed before expiry, not after a 401');
  assert.equal(f.sim.stats.count({ path: '/oauth2/v0/token', status: 200 }), 1, 'one refresh for all concurrent calls');
  assert.ok(f.notes.some((n) => n.action === 'auth' && n.outcome === 'refreshed'));
  // The old refresh token died once the new one was used.
  f.clock.offsetMs += 3600_000;
  await drain(source);
  assert.equal(f.sim.state.refresh.has(first?.refreshToken as string), false);
  // The second stays valid until the third is first used (a lost refresh response can be retried).
  assert.equal(f.sim.state.refresh.has(second?.refreshToken as string), true);
  assert.notEqual(f.secrets.tokenState()?.refreshToken, second?.refreshToken);
});

test('calls follow the token geolocation: code 16 at us, signed in at eu, every data call at eu', async (t) => {
  const { f, source } = await setup('eu', 4);
  t.after(() => f.stop());
  const { docs } = await drain(source);
  assert.equal(docs.length, 4);
  assert.equal(f.sim.stats.count({ dc: 'us', path: '/oauth2/v0/token', status: 400 }), 1, 'us answered code 16 once');
  assert.equal(f.sim.stats.count({ dc: 'us', path: '/api' }), 0, 'no data call went to us');
  assert.ok(f.sim.stats.count({ dc: 'eu', path: '/api/v3.0/expense/reports' }) >= 1);
  assert.equal(f.sim.stats.count({ dc: 'eu', path: '/api/v3.0/expense/entries' }), 4);
  assert.equal(f.secrets.tokenState()?.geolocation, f.urls.eu);
  assert.ok(f.notes.some((n) => n.outcome === 'geolocation' && n.message.includes(f.urls.eu)));

  // The company moves back to us: the next refresh returns the new geolocation and calls follow it.
  f.sim.state.moveCompany(COMPANY, 'us');
  f.clock.offsetMs += 3600_000;
  f.sim.stats.reset();
  await drain(source);
  assert.equal(f.secrets.tokenState()?.geolocation, f.urls.us);
  assert.equal(f.sim.stats.count({ dc: 'eu', path: '/api' }), 0);
  assert.ok(f.sim.stats.count({ dc: 'us', path: '/api' }) > 0);
});

test('an access token refused with 401 is refreshed once and the call retried once', async (t) => {
  const { f, source } = await setup('us', 2);
  t.after(() => f.stop());
  await source.test();
  // Only the simulator's clock moves: the adapter still believes its token is fresh.
  f.simAhead(3600_000 + 1000);
  f.sim.stats.reset();
  const { docs } = await drain(source);
  assert.equal(docs.length, 2);
  assert.equal(f.sim.stats.count({ status: 401 }), 1, 'one 401, then a fresh token for everybody');
  assert.equal(f.sim.stats.count({ path: '/oauth2/v0/token' }), 1);
});

test('a data call still refused after the refresh surfaces as AUTH_FAILED', async (t) => {
  const { f, source } = await setup('us', 1);
  t.after(() => f.stop());
  await source.test();
  f.sim.faults.queue.push('401', '401');
  await assert.rejects(drain(source), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /Web Services Admin/.test(e.message));
  assert.equal(f.sim.stats.count({ path: '/oauth2/v0/token' }), 2, 'connect + exactly one refresh');
});

test('code 108 on refresh: AUTH_FAILED asking to reconnect, refresh token cleared', async (t) => {
  const { f, source } = await setup('us', 1);
  t.after(() => f.stop());
  await source.test();
  f.sim.state.refresh.clear();
  f.clock.offsetMs += 3600_000;
  await assert.rejects(drain(source), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /reconnect/.test(e.message) && e.retryable === false);
  const st = f.secrets.tokenState();
  assert.equal(st?.refreshToken, null);
  assert.equal(st?.accessToken, null);
  assert.ok(f.notes.some((n) => n.outcome === 'reconnect-needed'));
});

test('documented token failures map to precise test() messages', async (t) => {
  const { f, source } = await setup('us', 1);
  t.after(() => f.stop());
  f.sim.faults.failNextTokenWith = 53;
  const steps = await source.test();
  assert.equal(steps[0]?.ok, false);
  assert.match(steps[0]?.message ?? '', /App Center/);
  assert.deepEqual(steps.map((s) => s.ok), [false, false, false]);
  f.sim.faults.failNextTokenWith = 134;
  const again = await source.test();
  assert.match(again[0]?.message ?? '', /maintenance/);
});

test('secrets never appear in thrown error messages or notes', async (t) => {
  const { f, source, requestToken } = await setup('us', 1);
  t.after(() => f.stop());
  const errors: string[] = [];
  const collect = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      errors.push(e instanceof Error ? `${e.message} ${String((e as { cause?: unknown }).cause ?? '')}` : String(e));
    }
  };
  await source.test();
  const st = f.secrets.tokenState();
  f.sim.faults.queue.push('html');
  await collect(drain(source));
  f.sim.faults.queue.push('badjson');
  await collect(drain(source));
  f.sim.state.refresh.clear();
  f.clock.offsetMs += 3600_000;
  await collect(drain(source));
  await f.secrets.set('clientSecret', 'wrong-secret-value-123');
  await collect(drain(source));
  assert.equal(errors.length, 4);
  const secrets = [SIM_CLIENT.clientSecret, requestToken, st?.accessToken, st?.refreshToken, 'wrong-secret-value-123'].filter((s): s is string => typeof s === 'string');
  const notes = f.notes.map((n) => JSON.stringify(n));
  for (const text of [...errors, ...notes]) for (const s of secrets) assert.ok(!text.includes(s), `secret leaked into: ${text}`);
});

test('password grant (credtype=password) signs a user in at its own datacenter', async (t) => {
  const f = await startConcurFixture();
  t.after(() => f.stop());
  seedDemoCompany(f.sim.state, { companyId: COMPANY, datacenter: 'eu', reports: 2, users: 1 });
  const login = `user1@${COMPANY.slice(0, 8)}.example`;
  await f.secrets.set('password', `pw-${login}`);
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: login, grant: 'password' }), f.ctx);
  const { docs } = await drain(source);
  assert.equal(docs.length, 2);
  assert.equal(f.secrets.tokenState()?.geolocation, f.urls.eu);
  await f.secrets.set('password', 'not-the-password');
  await f.secrets.set('tokenState', '');
  const fresh = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: login, grant: 'password' }), f.ctx);
  const steps = await fresh.test();
  assert.equal(steps[0]?.ok, false);
  assert.match(steps[0]?.message ?? '', /rejected the credentials/);
  assert.doesNotMatch(steps[0]?.message ?? '', /not-the-password/);
});
