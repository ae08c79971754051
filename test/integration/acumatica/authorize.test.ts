// The Acumatica browser sign-in end to end against the simulator: the test plays the browser (follows the
// authorize page's redirect to the loopback listener), then checks the refresh token is stored encrypted
// and the adapter posts with it; a foreign state, a cancelled sign-in, a timeout and a failed exchange.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runCommand } from '../../../main/cli/commands';
import { CliError } from '../../../main/cli/call';
import type { Core } from '../../../main/core/create-core';
import { dispatch } from '../../../main/core/dispatch';
import { isConnectorError } from '../../../main/core/errors';
import { beginAuthorization } from '../../../main/core/handlers/authorize';
import { buildAdapters } from '../../../main/core/runtime';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { acumaticaDemoSeed, ACUMATICA_DEMO, createAcumaticaSimulator, type AcumaticaSimulator } from '../../../main/simulators/acumatica';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { billPlan } from '../../helpers/acumatica-context';
import { tempDir } from '../../helpers/temp-dir';
import { testEnv } from '../../helpers/world';
import { readSecret } from '../../../main/core/secrets/secret-store';

const ID = 'acu-code';

function connection(siteUrl: string): ConnectionInput {
  return {
    id: ID,
    name: 'Acumatica (browser sign-in)',
    source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] } as never,
    target: { system: 'acumatica', siteUrl, tenant: ACUMATICA_DEMO.tenant, branch: ACUMATICA_DEMO.branch, auth: 'oauth_code', clientId: ACUMATICA_DEMO.clientId } as never,
    rules: { liabilityAccount: '20100', cardClearingAccount: '20200', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['subaccount'], postingModes: {}, maxDescriptionLength: 250 },
    schedule: { mode: 'manual' },
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 },
    concurrency: 2,
  };
}

interface Setup {
  sim: AcumaticaSimulator;
  core: Core;
  dataDir: string;
}

async function setup(t: { after(fn: () => void | Promise<void>): void }, clientSecret: string = ACUMATICA_DEMO.clientSecret): Promise<Setup> {
  const sim = createAcumaticaSimulator(acumaticaDemoSeed({ employees: 2 }));
  const { url } = await sim.start();
  t.after(() => sim.stop());
  const dataDir = tempDir(t);
  const { core } = createHeadlessCore({ dataDir, env: testEnv() });
  t.after(() => core.close());
  for (const [method, input] of [['connections.save', connection(url)], ['connections.setSecret', { connectionId: ID, name: 'target.clientSecret', value: clientSecret }]] as const) {
    const r = await dispatch(core, method, input, 'test');
    assert.ok(r.ok, JSON.stringify(r));
  }
  return { sim, core, dataDir };
}

/** What a browser does with the authorize URL: the site answers 302 to the loopback redirect URI. */
async function authorizeRedirect(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(res.status, 302, await res.text());
  return new URL(res.headers.get('location')!);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

const secretOf = (s: Setup, name: string) => s.core.runtime.store.connections.getSecretEnvelope(ID, name);

test('CLI connections authorize --port: redirect URI shown, browser sent back once, refresh token stored encrypted, the adapter posts with it', async (t) => {
  const s = await setup(t);
  const port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/oauth/callback`;
  s.sim.state.registerRedirectUri(ACUMATICA_DEMO.clientId, redirectUri);
  const lines: string[] = [];
  let printed: () => void = () => undefined;
  const urlPrinted = new Promise<void>((r) => (printed = r));
  const run = runCommand(s.core, ['connections', 'authorize', ID], { port: String(port), timeout: '60' }, (line) => {
    lines.push(line);
    if (line.includes('/identity/connect/authorize?')) printed();
  });
  await urlPrinted;
  assert.ok(lines.includes(`Redirect URI: ${redirectUri}`), lines.join('\n'));
  const authorizeUrl = new URL(lines.find((l) => l.includes('/identity/connect/authorize?'))!);
  assert.equal(authorizeUrl.searchParams.get('scope'), 'api offline_access');
  assert.equal(authorizeUrl.searchParams.get('redirect_uri'), redirectUri);
  assert.equal(authorizeUrl.searchParams.get('state')!.length, 43, '32 random bytes, base64url');

  // A browser's side request to the listener does not use up the one callback.
  assert.equal((await fetch(`http://127.0.0.1:${port}/favicon.ico`)).status, 404);
  const callback = await authorizeRedirect(authorizeUrl.toString());
  assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);
  const page = await fetch(callback);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Signed in to Acumatica/);
  assert.match(html, /You can close this window/);
  assert.equal(await run, 0);
  assert.match(lines.at(-1)!, /Signed in: the refresh token is stored encrypted/);
  await assert.rejects(fetch(callback), 'the listener is closed after its one callback');

  // Stored encrypted under the name the oauth_code sign-in reads; never in the database in clear.
  const envelope = secretOf(s, 'target.refreshToken')!;
  assert.match(envelope, /^v2:/, 'bound to its connection and name');
  const refreshToken = (await readSecret(s.core.runtime.store, s.core.runtime.cipher, ID, 'target.refreshToken'))!;
  assert.ok(s.sim.state.refreshTokens.has(refreshToken), 'the refresh token Acumatica issued');
  const db = readFileSync(join(s.dataDir, 'ml-connector.db')).toString('latin1') + readFileSync(join(s.dataDir, 'ml-connector.db-wal'), { flag: 'a+' }).toString('latin1');
  assert.ok(!db.includes(refreshToken), 'not in the database files in clear');
  assert.deepEqual(s.sim.stats.tokenGrants, { authorization_code: 1 });
  const audit = s.core.runtime.store.audit.list({ connectionId: ID, limit: 10 });
  assert.ok(audit.some((a) => a.outcome === 'signed_in' && !a.message.includes(refreshToken)));

  // The adapter posts with it; without the cached tokens it refreshes from the stored refresh token.
  const conn = s.core.runtime.store.connections.get(ID)!;
  assert.equal((await buildAdapters(s.core.runtime, conn, 'test').target.post(billPlan())).status, 'posted');
  s.core.runtime.store.connections.deleteSecret(ID, 'target.tokenState');
  assert.equal((await buildAdapters(s.core.runtime, conn, 'test').target.post(billPlan())).status, 'posted');
  assert.deepEqual(s.sim.stats.tokenGrants, { authorization_code: 1, refresh_token: 1 });
  assert.equal(s.sim.state.recordCount('Bill'), 2);
});

test('contract connections.authorize: a callback with a foreign state stores nothing, says why, and closes the listener', async (t) => {
  const s = await setup(t);
  const changed = new Promise<void>((r) => s.core.subscribe((e) => e.type === 'entities.changed' && e.payload.tags.includes('audit') && r()));
  const r = await dispatch(s.core, 'connections.authorize', { connectionId: ID }, 'test');
  assert.ok(r.ok, JSON.stringify(r));
  const { authorizeUrl, redirectUri } = r.data as { authorizeUrl: string; redirectUri: string };
  assert.match(redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  s.sim.state.registerRedirectUri(ACUMATICA_DEMO.clientId, redirectUri);
  const callback = await authorizeRedirect(authorizeUrl);
  callback.searchParams.set('state', 'forged-state');
  const page = await fetch(callback);
  assert.equal(page.status, 400);
  const html = await page.text();
  assert.match(html, /did not carry this sign-in&#39;s state/);
  assert.match(html, /You can close this window/);
  await changed;
  const failed = s.core.runtime.store.audit.list({ connectionId: ID, limit: 10 }).find((a) => a.outcome === 'sign_in_failed');
  assert.match(failed!.message, /state.*nothing was stored/);
  assert.equal(secretOf(s, 'target.refreshToken'), null);
  assert.deepEqual(s.sim.stats.tokenGrants, {}, 'the code was never exchanged');
  await assert.rejects(fetch(callback), 'closed after the one callback');
});

test('access denied in Acumatica: a plain message, a page to close, nothing stored', async (t) => {
  const s = await setup(t);
  s.sim.state.consent = 'deny';
  const session = await beginAuthorization(s.core.runtime, ID, 'test');
  s.sim.state.registerRedirectUri(ACUMATICA_DEMO.clientId, session.redirectUri);
  const callback = await authorizeRedirect(session.authorizeUrl);
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  const html = await (await fetch(callback)).text();
  assert.match(html, /Access was denied in Acumatica/);
  await assert.rejects(session.done, (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /Access was denied in Acumatica .*nothing was stored/.test(e.message));
  assert.equal(secretOf(s, 'target.refreshToken'), null);
});

test('a failed exchange names the problem without the secret; no callback within the timeout ends the sign-in', async (t) => {
  const s = await setup(t, 'Wr0ng-Cl1ent-Secret');
  const session = await beginAuthorization(s.core.runtime, ID, 'test');
  s.sim.state.registerRedirectUri(ACUMATICA_DEMO.clientId, session.redirectUri);
  const html = await (await fetch(await authorizeRedirect(session.authorizeUrl))).text();
  assert.match(html, /did not complete/);
  await assert.rejects(session.done, (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && /connected application/.test(e.message) && !e.message.includes('Wr0ng-Cl1ent-Secret'));
  assert.ok(!html.includes('Wr0ng-Cl1ent-Secret'));
  assert.equal(secretOf(s, 'target.refreshToken'), null);

  const slow = await beginAuthorization(s.core.runtime, ID, 'test', { timeoutMs: 50 });
  await assert.rejects(slow.done, (e) => isConnectorError(e) && e.code === 'TIMEOUT' && /No answer from the Acumatica sign-in/.test(e.message));
  await assert.rejects(fetch(slow.redirectUri), 'closed after the timeout');
  // The CLI reports errors as CliError (exit 1 with the message), and refuses other sign-in kinds up front.
  await assert.rejects(runCommand(s.core, ['connections', 'authorize', ID], { timeout: '0' }, () => undefined), /--timeout must be a whole number/);
  const conn = s.core.runtime.store.connections.get(ID)!;
  s.core.runtime.store.connections.save({ ...conn, target: { ...conn.target, auth: 'cookie' } as never });
  await assert.rejects(runCommand(s.core, ['connections', 'authorize', ID], {}, () => undefined), (e) => e instanceof CliError && e.payload.code === 'CONFIG_INVALID' && /OAuth authorization code/.test(e.payload.message));
});
