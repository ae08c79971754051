// connections.discoverEndpoints against the Acumatica simulator: from draft settings without credentials,
// from a saved connection, signing in only when the instance insists (and signing out), errors as data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createCore } from '../../../main/core/create-core';
import { dispatch } from '../../../main/core/dispatch';
import type { HttpFetch } from '../../../main/core/ports';
import { acumaticaDemoSeed, ACUMATICA_DEMO, createAcumaticaSimulator } from '../../../main/simulators/acumatica';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { tempDir } from '../../helpers/temp-dir';

const draftTarget = (siteUrl: string) => ({ system: 'acumatica' as const, siteUrl, endpointName: 'Default', endpointVersion: '', tenant: ACUMATICA_DEMO.tenant, branch: ACUMATICA_DEMO.branch, username: ACUMATICA_DEMO.username });

function connection(siteUrl: string): ConnectionInput {
  return {
    id: 'acu',
    name: 'Acumatica',
    source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] } as never,
    target: { ...draftTarget(siteUrl), endpointVersion: '22.200.001' } as never,
    rules: { liabilityAccount: '20100', cardClearingAccount: '20200', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['subaccount'], postingModes: {}, maxDescriptionLength: 250 },
    schedule: { mode: 'manual' },
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 },
    concurrency: 2,
  };
}

/** `lockedDiscovery`: the instance answers GET /entity with 401 unless the request carries a session or token. */
async function setup(t: { after(fn: () => void | Promise<void>): void }, opts: { lockedDiscovery?: boolean } = {}) {
  const sim = createAcumaticaSimulator(acumaticaDemoSeed({ employees: 2 }));
  const { url } = await sim.start();
  t.after(() => sim.stop());
  const fetchImpl: HttpFetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const anonymous = !headers.has('cookie') && !headers.has('authorization');
    if (opts.lockedDiscovery && anonymous && String(input).replace(/\/+$/, '').endsWith('/entity')) return new Response('{"message":"You are not logged in."}', { status: 401 });
    return fetch(input, init);
  };
  const core = createCore({ dbPath: join(tempDir(t), 'd.db'), cipher: { backend: 'plain-test', encrypt: async (s) => s, decrypt: async (s) => s }, fetch: fetchImpl });
  t.after(() => core.close());
  const call = (input: unknown) => dispatch(core, 'connections.discoverEndpoints', input, 'test');
  return { sim, url, core, call };
}

test('draft settings of an unsaved connection: the versions offered, without signing in', async (t) => {
  const { sim, url, call } = await setup(t);
  const r = await call({ target: draftTarget(url) });
  assert.ok(r.ok, JSON.stringify(r));
  assert.deepEqual(r.data, {
    build: sim.state.buildVersion,
    endpoints: [
      { name: 'Default', version: '23.200.001' },
      { name: 'Default', version: '22.200.001' },
      { name: 'Default', version: '20.200.001' },
    ],
    signedIn: false,
  });
  assert.equal(sim.stats.logins, 0, 'no licensed API-user slot used');
});

test('a saved connection by id, and a malformed request as data', async (t) => {
  const { url, core, call } = await setup(t);
  await core.handlers('test')['connections.save'](connection(url));
  const r = await call({ connectionId: 'acu' });
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal((r.data as { endpoints: unknown[] }).endpoints.length, 3);

  const bad = await call({});
  assert.equal(bad.ok, false);
  assert.ok(!bad.ok && bad.error.code === 'BAD_REQUEST' && bad.error.retryable === false, JSON.stringify(bad));
  const missing = await call({ connectionId: 'nope' });
  assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND', JSON.stringify(missing));
});

test('an instance that lists endpoints only after sign-in: the saved secrets are used, the session is closed', async (t) => {
  const { sim, url, core, call } = await setup(t, { lockedDiscovery: true });
  // Unsaved: nothing to sign in with, said plainly.
  const draft = await call({ target: draftTarget(url) });
  assert.ok(!draft.ok && draft.error.code === 'AUTH_FAILED' && draft.error.retryable === false, JSON.stringify(draft));
  assert.match(!draft.ok ? draft.error.message : '', /save the connection and its password/);

  const h = core.handlers('test');
  await h['connections.save'](connection(url));
  await h['connections.setSecret']({ connectionId: 'acu', name: 'target.password', value: ACUMATICA_DEMO.password });
  const saved = await call({ connectionId: 'acu', target: draftTarget(url) });
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal((saved.data as { signedIn: boolean }).signedIn, true);
  assert.equal(sim.stats.logins, 1);
  assert.equal(sim.stats.logouts, 1, 'signed out again');
  assert.equal(sim.state.activeSessions(), 0);

  // Saved secrets never go to another site typed into the draft.
  const elsewhere = await call({ connectionId: 'acu', target: draftTarget(url.replace('/AcumaticaERP', '/OtherERP')) });
  assert.equal(elsewhere.ok, false);
  assert.equal(sim.stats.logins, 1);
});

test('an unreachable site is a retryable network error', async (t) => {
  const { call } = await setup(t);
  const r = await call({ target: { ...draftTarget('http://127.0.0.1:9'), requestTimeoutMs: 2000 } });
  assert.ok(!r.ok && r.error.code === 'NETWORK' && r.error.retryable === true, JSON.stringify(r));
});
