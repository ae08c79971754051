// Every X3 sign-in variant against the simulator: OAuth2 bearer (SOAP + api1), the connected-application
// JWT (SOAP + GraphQL) and Sage X3 Services (GraphQL, 5-minute tokens, rotating refresh): tokens cached in
// the connection's state, renewed before expiry and once after a 401, and never in an error text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { isConnectorError, type ConnectorError } from '../../../main/core/errors';
import { plan } from '../../helpers/x3-context';
import { APP, OAUTH, SERVICES, startAuthWorld } from './auth-fixture';

async function readAll(items: AsyncIterable<ReferenceItem[]>): Promise<ReferenceItem[]> {
  const out: ReferenceItem[] = [];
  for await (const p of items) out.push(...p);
  return out;
}

const oauth2 = (url: string) => ({ authMode: 'oauth2', tokenUrl: `${url}/oauth2/token`, clientId: OAUTH.clientId, scope: 'x3.api' });
const connectedApp = () => ({ authMode: 'connectedApp', appClientId: APP.clientId, reads: 'graphql', jwtLifetimeSeconds: 300 });
const services = (url: string) => ({ reads: 'graphql', graphqlAuth: 'x3Services', servicesApiUrl: `${url}/v1`, servicesClientId: SERVICES.clientId, servicesRedirectUri: 'https://mlc.example/callback', graphqlUrl: `${url}/v1/service/X3CLOUDV2_SEED/graphQL` });

const noSecretIn = (e: unknown, ...secrets: string[]) => {
  const ce = e as ConnectorError;
  const dump = JSON.stringify(ce.toPayload()) + ce.message + String(ce.stack);
  for (const s of secrets) assert.ok(!dump.includes(s), 'a secret leaked into the error');
};

test('OAuth2: SOAP posts and api1 reads carry one cached bearer token, renewed before it expires', async () => {
  const w = await startAuthWorld({ settings: oauth2, secrets: { clientSecret: OAUTH.secret } });
  try {
    const out = await w.adapter.post(plan());
    assert.equal(out.status, 'posted');
    const items = await readAll(w.adapter.readReference());
    assert.ok(items.some((i) => i.kind === 'account') && items.some((i) => i.kind === 'dimension' && i.dimensionType === 'project'));
    assert.deepEqual(w.sim.auth.grants, { client_credentials: 1 });
    const state = JSON.parse((await w.secrets.get('oauth2TokenState')) ?? '{}') as { accessToken?: string; refreshToken?: string };
    assert.ok(state.accessToken && state.refreshToken, 'token state kept in the connection secrets');
    // A new run reuses the stored token; 59 minutes later (inside the 60 s margin) it is renewed with the refresh token.
    await w.again(oauth2(w.url)).findExisting(plan());
    assert.deepEqual(w.sim.auth.grants, { client_credentials: 1 });
    w.clock.advance(59 * 60 + 10);
    assert.equal((await w.adapter.post(plan())).status, 'posted');
    assert.deepEqual(w.sim.auth.grants, { client_credentials: 1, refresh_token: 1 });
    assert.equal(w.sim.auth.rejectedBearer, 0, 'no call went out with an expired token');
  } finally {
    await w.stop();
  }
});

test('OAuth2: a token the server no longer accepts is renewed once on 401 and the save goes through once', async () => {
  const w = await startAuthWorld({ settings: oauth2, secrets: { clientSecret: OAUTH.secret } });
  try {
    await w.adapter.findExisting(plan());
    w.sim.auth.revokeAccessTokens();
    const p = plan();
    const out = await w.adapter.post(p);
    assert.equal(out.status, 'posted');
    assert.equal(w.sim.state.findByReference(p.idempotencyKey).length, 1);
    assert.equal(w.sim.auth.rejectedBearer, 1);
    assert.ok(w.notes.some((n) => n.outcome === 'renewed_after_401'));
  } finally {
    await w.stop();
  }
});

test('OAuth2: a wrong client secret or missing token URL is a clear error without the secret', async () => {
  const w = await startAuthWorld({ settings: oauth2, secrets: { clientSecret: 'Wrong-Client-Secret-1' } });
  try {
    await assert.rejects(w.adapter.post(plan()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'AUTH_FAILED' && /client ID or secret/.test(e.message), String(e));
      noSecretIn(e, 'Wrong-Client-Secret-1', OAUTH.secret);
      return true;
    });
    await assert.rejects(w.again({ tokenUrl: '' }).post(plan()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /token URL/.test(e.message));
    const steps = await w.adapter.test();
    assert.deepEqual(steps.slice(0, 2).map((s) => [s.step, s.ok]), [['server reachable', true], ['credentials', false]]);
  } finally {
    await w.stop();
  }
});

test('connected application: a self-minted HS256 JWT posts over SOAP and reads over GraphQL', async () => {
  const w = await startAuthWorld({ settings: connectedApp, secrets: { appSecret: APP.secret } });
  try {
    assert.equal((await w.adapter.post(plan())).status, 'posted');
    const items = await readAll(w.adapter.readReference());
    assert.equal(items.filter((i) => i.kind === 'supplier').length, 3);
    assert.ok(w.sim.stats.graphql > 0 && w.sim.stats.rest === 0, 'reads went to GraphQL');
    const jwt = JSON.parse((await w.secrets.get('appTokenState')) ?? '{}') as { accessToken: string };
    const claims = decodeJwt(jwt.accessToken);
    assert.equal(claims.iss, APP.clientId);
    assert.equal(claims.sub, 'WSUSER');
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 300);
    assert.ok((await w.adapter.test()).every((s) => s.ok));
  } finally {
    await w.stop();
  }
});

test('connected application: a token life longer than the app allows is refused once, re-minted, then reported', async () => {
  const w = await startAuthWorld({ settings: () => ({ ...connectedApp(), jwtLifetimeSeconds: 900 }), secrets: { appSecret: APP.secret } });
  try {
    await assert.rejects(w.adapter.post(plan()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'AUTH_FAILED' && /connected application/.test(e.message), String(e));
      assert.ok(!e.uncertain, 'a 401 means X3 ran nothing');
      noSecretIn(e, APP.secret);
      return true;
    });
    assert.equal(w.sim.auth.rejectedBearer, 2, 'renewed exactly once');
    assert.equal(w.sim.stats.saved, 0);
  } finally {
    await w.stop();
  }
});

test('Sage X3 Services: the pairing code is spent once, 5-minute tokens renew with a rotating refresh token', async () => {
  const w = await startAuthWorld({ settings: services, secrets: { password: 'unused-basic', servicesClientSecret: SERVICES.secret, servicesAuthCode: SERVICES.code } });
  try {
    const first = await readAll(w.adapter.readReference());
    assert.ok(first.some((i) => i.kind === 'dimension' && i.dimensionType === 'department' && i.code === 'D100'));
    assert.deepEqual(w.sim.auth.grants, { authorization_code: 1 });
    assert.equal(await w.secrets.get('servicesAuthCode'), null, 'the single-use code is forgotten');
    const st1 = JSON.parse((await w.secrets.get('servicesTokenState')) ?? '{}') as { refreshToken: string; lifetimeMs: number };
    assert.equal(st1.lifetimeMs, 300_000);
    // 3 minutes later the token is still used; at 4 min 10 s (inside the 60 s margin) it is refreshed first.
    w.clock.advance(180);
    await readAll(w.again(services(w.url)).readReference());
    assert.deepEqual(w.sim.auth.grants, { authorization_code: 1 });
    w.clock.advance(70);
    await readAll(w.adapter.readReference());
    assert.deepEqual(w.sim.auth.grants, { authorization_code: 1, refresh_token: 1 });
    const st2 = JSON.parse((await w.secrets.get('servicesTokenState')) ?? '{}') as { refreshToken: string };
    assert.notEqual(st2.refreshToken, st1.refreshToken, 'the rotated refresh token is kept');
    assert.equal(w.sim.auth.rejectedBearer, 0);
    // Revoked access token: one 401, one refresh, the read completes.
    w.sim.auth.revokeAccessTokens();
    await readAll(w.adapter.readReference());
    assert.equal(w.sim.auth.rejectedBearer, 1);
    assert.equal(w.sim.auth.grants.refresh_token, 2);
  } finally {
    await w.stop();
  }
});

test('Sage X3 Services: an expired 30-day refresh token asks for a new pairing', async () => {
  const w = await startAuthWorld({ settings: services, secrets: { servicesClientSecret: SERVICES.secret, servicesAuthCode: SERVICES.code } });
  try {
    await readAll(w.adapter.readReference());
    w.clock.advance(31 * 86_400);
    await assert.rejects(readAll(w.again(services(w.url)).readReference()), (e: unknown) => {
      assert.ok(isConnectorError(e) && e.code === 'AUTH_FAILED' && /pair/i.test(e.message), String(e));
      noSecretIn(e, SERVICES.secret);
      return true;
    });
  } finally {
    await w.stop();
  }
});
