import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import { MAX_SUBSCRIPTIONS_PER_APP, createEssManager } from '../../../main/core/adapters/concur/subscriptions';
import { isConnectorError } from '../../../main/core/errors';
import { SIM_CLIENT, seedDemoCompany } from '../../../main/simulators/concur';
import { essOf } from '../../../main/simulators/concur/ess';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import type { ConcurFixture } from '../../helpers/concur-context';
import { recordingLogger } from './receiver-fixture';
import type { LogLine } from './receiver-fixture';

const FIS = 'public.concur.financialintegration';
const REPORTS = 'public.concur.expense.report';
const COMPANY = '7d1e0c52-3a55-4bd5-9a11-0c9c6b1f2a10';

async function setup(t: TestContext, topicScopes?: string[]): Promise<{ f: ConcurFixture; ess: ReturnType<typeof createEssManager>; logs: LogLine[] }> {
  const f = await startConcurFixture();
  t.after(() => f.stop());
  const logs: LogLine[] = [];
  f.ctx.logger = recordingLogger(logs);
  return { f, ess: createEssManager({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, topicScopes }, f.ctx), logs };
}

async function rejects(p: Promise<unknown>, code: string, text: RegExp): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(isConnectorError(e), String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, text);
    return e.message;
  }
  assert.fail('expected a ConnectorError');
}

const sub = (id: string, topic = FIS) => ({ id, topic, endpoint: `https://hooks.example.com/concur/${id}` });

test('topics come with an application token (client_credentials), not the company token', async (t) => {
  const { f, ess } = await setup(t, ['FISVC']);
  assert.deepEqual(await ess.listTopics(), [FIS]);
  assert.equal(f.sim.stats.count({ path: '/oauth2/v0/token', status: 200 }), 1);
  assert.equal(f.secrets.tokenState(), null, 'the company token state is untouched');
  assert.ok(f.notes.some((n) => n.outcome === 'app-token'));
  // Only events.topic.read granted: an empty list, as the notes say.
  essOf(f.sim.state).setAppScopes(SIM_CLIENT.clientId, ['events.topic.read']);
  const bare = createEssManager({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId }, f.ctx);
  assert.deepEqual(await bare.listTopics(), []);
});

test('create, read back (applicationId, companyIds after the company connects), update and delete', async (t) => {
  const { f, ess } = await setup(t);
  assert.deepEqual(await ess.createOrUpdate({ ...sub('acme.fis.prod'), filter: '.*' }), { created: true, message: "Subscription 'acme.fis.prod' saved successfully" });
  let got = await ess.getSubscription('acme.fis.prod');
  assert.deepEqual(got, { id: 'acme.fis.prod', topic: FIS, filter: '.*', endpoint: 'https://hooks.example.com/concur/acme.fis.prod', applicationId: SIM_CLIENT.clientId, companyIds: [] });

  // The company connects (authtoken grant): its id appears on the subscription.
  seedDemoCompany(f.sim.state, { companyId: COMPANY, datacenter: 'us', reports: 1, entriesPerReport: 1 });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  await createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY }), f.ctx).test();
  assert.deepEqual((await ess.getSubscription('acme.fis.prod'))?.companyIds, [COMPANY]);

  const upd = await ess.createOrUpdate({ id: 'acme.fis.prod', topic: FIS, filter: 'invoice\\..*', endpoint: 'https://hooks.example.com/v2' });
  assert.equal(upd.created, false);
  got = await ess.getSubscription('acme.fis.prod');
  assert.equal(got?.endpoint, 'https://hooks.example.com/v2');
  assert.equal(got?.filter, 'invoice\\..*');
  assert.equal((await ess.listSubscriptions()).length, 1);

  assert.deepEqual(await ess.remove('acme.fis.prod'), { removed: true });
  assert.equal(await ess.getSubscription('acme.fis.prod'), null);
  assert.deepEqual(await ess.remove('acme.fis.prod'), { removed: false });
});

test('five subscriptions per application: the sixth is refused before any PUT; updating or deleting one still works', async (t) => {
  const { f, ess } = await setup(t);
  for (let i = 1; i <= MAX_SUBSCRIPTIONS_PER_APP; i++) await ess.createOrUpdate(sub(`acme.s${i}`, i % 2 ? FIS : REPORTS));
  const puts = f.sim.stats.count({ method: 'PUT' });
  assert.equal(puts, 5);
  const msg = await rejects(ess.createOrUpdate(sub('acme.s6')), 'CONFLICT', /at most 5 event subscriptions per application.*acme\.s1, acme\.s2/);
  assert.match(msg, /Delete one/);
  assert.equal(f.sim.stats.count({ method: 'PUT' }), puts, 'no request sent for the sixth');
  assert.equal((await ess.createOrUpdate({ ...sub('acme.s3'), endpoint: 'https://hooks.example.com/new' })).created, false);
  await ess.remove('acme.s1');
  assert.equal((await ess.createOrUpdate(sub('acme.s6'))).created, true);
  assert.deepEqual((await ess.listSubscriptions()).map((s) => s.id).sort(), ['acme.s2', 'acme.s3', 'acme.s4', 'acme.s5', 'acme.s6']);
});

test('bad input is explained before any call; refusals become plain messages', async (t) => {
  const { f, ess } = await setup(t);
  await rejects(ess.createOrUpdate(sub('Acme_Prod')), 'CONFIG_INVALID', /lowercase letters, digits/);
  await rejects(ess.createOrUpdate({ ...sub('acme.x'), endpoint: 'http://hooks.example.com' }), 'CONFIG_INVALID', /https/);
  await rejects(ess.createOrUpdate({ ...sub('acme.x'), filter: '(' }), 'CONFIG_INVALID', /regular expression/);
  assert.equal(f.sim.stats.count(), 0, 'nothing was sent');
  await rejects(ess.createOrUpdate(sub('acme.x', 'public.unknown')), 'BAD_REQUEST', /Unknown topic/);
  essOf(f.sim.state).setAppScopes(SIM_CLIENT.clientId, ['events.topic.read', 'FISVC']);
  const limited = createEssManager({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId }, f.ctx);
  await rejects(limited.createOrUpdate(sub('acme.r', REPORTS)), 'CONFIG_INVALID', /events\.topic\.read scope and the topic's own scope/);
  // Names are global: another app's subscription name cannot be taken.
  f.sim.state.addClient({ clientId: 'other-app', clientSecret: 'other-secret-123' });
  essOf(f.sim.state).subscriptions.set('taken.name', { id: 'taken.name', topic: FIS, filter: '.*', endpoint: 'https://x.example.com', applicationId: 'other-app' });
  await rejects(ess.createOrUpdate(sub('taken.name')), 'CONFLICT', /already used by another application/);
});

test('an expired app token is renewed once on 401; 503 and 429 are retried', async (t) => {
  const { f, ess } = await setup(t);
  await ess.listSubscriptions();
  essOf(f.sim.state).appTokens.clear();
  essOf(f.sim.state).faults.push('503', '429');
  assert.deepEqual(await ess.listSubscriptions(), []);
  assert.equal(f.sim.stats.count({ path: '/oauth2/v0/token', status: 200 }), 2);
  assert.equal(f.sim.stats.count({ path: '/events/v4/subscriptions', status: 401 }), 1);
  assert.equal(f.sim.stats.count({ path: '/events/v4/subscriptions', status: 503 }), 1);
  assert.equal(f.sim.stats.count({ path: '/events/v4/subscriptions', status: 429 }), 1);
});

test('no secret or token in errors, notes or logs', async (t) => {
  const { f, ess, logs } = await setup(t);
  await ess.createOrUpdate(sub('acme.fis'));
  await ess.remove('acme.fis');
  const appTokens = [...essOf(f.sim.state).appTokens.keys()];
  assert.equal(appTokens.length, 1);
  await f.secrets.set('clientSecret', 'wrong-secret-value-42');
  const wrong = createEssManager({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId }, f.ctx);
  const msg = await rejects(wrong.listTopics(), 'AUTH_FAILED', /client id and client secret/);
  const texts = [msg, ...f.notes.map((n) => n.message), ...logs.map((l) => `${l.msg} ${JSON.stringify(l.fields ?? {})}`)].join('\n');
  for (const secret of [SIM_CLIENT.clientSecret, 'wrong-secret-value-42', ...appTokens]) assert.equal(texts.includes(secret), false, 'secret leaked');
  assert.doesNotMatch(texts, /bearer\s+\S{8,}/i);
  assert.ok(logs.some((l) => l.msg.includes('created event subscription acme.fis')));
});
