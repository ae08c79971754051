import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { authorizeUrl, createOAuth } from '../../../main/core/adapters/acumatica/oauth';
import { send } from '../../../main/core/adapters/http';
import { ACUMATICA_DEMO } from '../../../main/simulators/acumatica';
import { billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

test('cookie sessions: concurrent posts share one session, and sign-out always follows, even after failures', async (t) => {
  const f = await startAcumaticaFixture({ sim: { maxApiUsers: 1 } });
  t.after(() => f.stop());
  const outcomes = await Promise.all(Array.from({ length: 6 }, () => f.adapter.post(billPlan())));
  assert.ok(outcomes.every((o) => o.status === 'posted'));
  assert.equal(f.sim.stats.loginLimited, 0, 'one API-user slot was enough');
  assert.equal(f.sim.stats.logins, f.sim.stats.logouts);
  assert.equal(f.sim.state.activeSessions(), 0);
  // A rejected post and a dropped answer still end with a sign-out.
  await f.adapter.post(billPlan({ partner: 'V9999' }));
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.post(billPlan()));
  assert.equal(f.sim.stats.logins, f.sim.stats.logouts);
  assert.equal(f.sim.state.activeSessions(), 0);
});

test('an expired session (401) is renewed once by signing in again; the call is resent and nothing is doubled', async (t) => {
  const f = await startAcumaticaFixture({ settings: { pageSize: 2 } });
  t.after(() => f.stop());
  const pages = f.adapter.readReference()[Symbol.asyncIterator]();
  assert.equal((await pages.next()).done, false);
  f.sim.state.dropAllSessions();
  let items = 0;
  for (let r = await pages.next(); !r.done; r = await pages.next()) items += r.value.length;
  assert.ok(items > 0);
  assert.equal(f.sim.stats.unauthorized, 1);
  assert.equal(f.sim.stats.logins, 2);
  assert.ok(f.notes.some((n) => n.outcome === 'session_expired'));
  assert.equal(f.sim.state.activeSessions(), 0);
});

test('a wrong password is AUTH_FAILED with a plain reason and no secret; the licence limit is RATE_LIMITED and retried', async (t) => {
  const f = await startAcumaticaFixture({ secrets: { password: 'Wr0ng-Pa55word!' }, sim: { maxApiUsers: 1 } });
  t.after(() => f.stop());
  await assert.rejects(f.adapter.findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && !e.retryable && /user "mlc-api" in tenant "Northwind"/.test(e.message) && !e.message.includes('Wr0ng-Pa55word!'));
  assert.equal(f.sim.stats.loginFailures, 1, 'a refused sign-in is not repeated');

  await f.secrets.set('password', ACUMATICA_DEMO.password);
  const squatter = f.sim.state.openSession(ACUMATICA_DEMO.tenant, 'other-integration', '');
  await assert.rejects(f.adapter.findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'RATE_LIMITED' && e.retryable && /licence/.test(e.message));
  assert.equal(f.sim.stats.loginLimited, 5, 'backed off and retried up to the policy');
  f.sim.state.sessions.delete(squatter);
  assert.equal(await f.adapter.findExisting(billPlan()), null);
});

test('OAuth password grant: scopes api offline_access, token kept in the secret store, a rejected token refreshed once, no logout', async (t) => {
  const f = await startAcumaticaFixture({ settings: { auth: 'oauth_password', postingMode: 'journal' } });
  t.after(() => f.stop());
  assert.equal((await f.adapter.post(journalPlan())).status, 'posted');
  const stored = JSON.parse(f.secrets.values.get('tokenState')!) as { accessToken: string; refreshToken: string };
  assert.ok(stored.accessToken && stored.refreshToken);
  assert.deepEqual(f.sim.stats.tokenGrants, { password: 1 });
  // The server's clock runs past the token's hour while ours still trusts it: 401, refresh, resend.
  f.sim.state.advanceClock(3601_000);
  assert.equal((await f.fresh({ auth: 'oauth_password' }).post(journalPlan())).status, 'posted');
  assert.deepEqual(f.sim.stats.tokenGrants, { password: 1, refresh_token: 1 });
  assert.equal(f.sim.stats.logins + f.sim.stats.logouts, 0);
  assert.equal(f.sim.state.recordCount(), 2);
  assert.ok(!JSON.stringify(f.notes).includes(stored.accessToken));
});

test('OAuth authorization code: the refresh token from the sign-in is used and rotated; without one the reason says what to do', async (t) => {
  const f = await startAcumaticaFixture({ settings: { auth: 'oauth_code' }, secrets: { clientSecret: ACUMATICA_DEMO.clientSecret } });
  t.after(() => f.stop());
  await assert.rejects(f.adapter.findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /refresh token/.test(e.message));
  const { refresh } = f.sim.state.issueToken({ tenant: ACUMATICA_DEMO.tenant, user: ACUMATICA_DEMO.username, clientId: ACUMATICA_DEMO.clientId, scope: 'api offline_access' }, true);
  await f.secrets.set('refreshToken', refresh!);
  assert.equal((await f.adapter.post(billPlan())).status, 'posted');
  const stored = JSON.parse(f.secrets.values.get('tokenState')!) as { refreshToken: string };
  assert.notEqual(stored.refreshToken, refresh, 'the newest refresh token is kept');
  await f.secrets.set('clientSecret', 'not-the-secret');
  f.secrets.values.delete('tokenState');
  await assert.rejects(f.fresh({ auth: 'oauth_code' }).findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /connected application/.test(e.message));
});

test('bad settings get clear reasons: a wrong endpoint version lists what the instance offers; an HTML login page is named', async (t) => {
  const f = await startAcumaticaFixture({ settings: { endpointVersion: '24.200.001' } });
  t.after(() => f.stop());
  await assert.rejects(f.adapter.post(billPlan()), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && !e.uncertain && /no endpoint Default\/24\.200\.001; this instance offers Default\/20\.200\.001, Default\/22\.200\.001, Default\/23\.200\.001/.test(e.message));
  const steps = await f.adapter.test();
  const version = steps.find((s) => s.step === 'endpoint version')!;
  assert.equal(version.ok, false);
  assert.match(version.message, /pick one of: .*Default\/23\.200\.001/);
  assert.ok(steps.find((s) => s.step === 'sign-in')!.ok);

  const good = f.fresh({ endpointVersion: '23.200.001' });
  const okSteps = await good.test();
  assert.ok(okSteps.every((s) => s.ok), JSON.stringify(okSteps));
  f.sim.faults.queue.push('html');
  await assert.rejects(good.findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /HTML page instead of JSON/.test(e.message));
  assert.equal(f.sim.state.activeSessions(), 0);
});

test('429s are backed off and retried on reads; requests in flight stay under the configured cap', async (t) => {
  const f = await startAcumaticaFixture({ settings: { maxConcurrentRequests: 1 }, sim: { faults: { maxConcurrent: 1 } } });
  t.after(() => f.stop());
  // One 429 with Retry-After (honoured), one without (Acumatica documents none): exponential backoff.
  f.sim.faults.retryAfterSeconds = 3;
  f.sim.faults.queue.push('429');
  let items = 0;
  for await (const batch of f.adapter.readReference()) items += batch.length;
  f.sim.faults.retryAfterSeconds = 0;
  f.sim.faults.queue.push('429');
  for await (const batch of f.adapter.readReference()) items -= batch.length;
  assert.equal(items, 0, 'both reads complete and agree');
  assert.equal(f.sim.stats.injected429, 2);
  assert.equal(f.clock.sleeps.length, 2, 'backed off before each retry');
  assert.ok(f.clock.sleeps[0]! >= 3000, `Retry-After honoured (${f.clock.sleeps[0]} ms)`);
  assert.ok(f.clock.sleeps[1]! < 3000);
  await Promise.all(Array.from({ length: 5 }, () => f.adapter.post(billPlan())));
  assert.equal(f.sim.stats.concurrencyRefused, 0);
  assert.equal(f.sim.stats.peakInFlight, 1);
  assert.equal(f.sim.state.recordCount('Bill'), 5);
});

test('OAuth authorization code exchange: the authorize URL asks for api offline_access; the code becomes stored tokens', async (t) => {
  const f = await startAcumaticaFixture({ settings: { auth: 'oauth_code' }, secrets: { clientSecret: ACUMATICA_DEMO.clientSecret } });
  t.after(() => f.stop());
  const url = new URL(authorizeUrl(f.settings, 'http://127.0.0.1:53682/callback', 'st-1'));
  assert.equal(url.pathname, '/AcumaticaERP/identity/connect/authorize');
  assert.equal(url.searchParams.get('scope'), 'api offline_access');
  assert.equal(url.searchParams.get('client_id'), ACUMATICA_DEMO.clientId);
  const code = f.sim.state.issueAuthorizationCode(ACUMATICA_DEMO.clientId, ACUMATICA_DEMO.tenant, ACUMATICA_DEMO.username);
  const oauth = createOAuth(f.settings, f.ctx, (req) => send(f.ctx.fetch, { system: 'Acumatica', ...req }));
  await oauth.exchangeCode(code, 'http://127.0.0.1:53682/callback');
  assert.deepEqual(f.sim.stats.tokenGrants, { authorization_code: 1 });
  assert.equal((await f.adapter.post(billPlan())).status, 'posted', 'the stored tokens sign the next calls');
  await assert.rejects(oauth.exchangeCode(code, 'http://127.0.0.1:53682/callback'), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED', 'a code is used once');
});

test('an older instance that reads the tenant only as `company`: tenant is sent first, company once after a refusal naming it', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  f.sim.state.legacyCompanyKey = true;
  f.sim.state.addUser('Contoso', 'someone', 'x');
  assert.equal(await f.adapter.findExisting(billPlan()), null);
  assert.deepEqual([f.sim.stats.loginFailures, f.sim.stats.logins, f.sim.stats.logouts], [1, 1, 1]);
  // A plain wrong password is never repeated under the other key.
  f.sim.state.legacyCompanyKey = false;
  await f.secrets.set('password', 'Wr0ng-Pa55word!');
  await assert.rejects(f.fresh().findExisting(billPlan()), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED');
  assert.equal(f.sim.stats.loginFailures, 2);
});
