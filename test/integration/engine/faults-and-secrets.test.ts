import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIM_CLIENT } from '../../../main/simulators/concur';
import { startWorld } from '../../helpers/world';

test('no plaintext password, secret or token in the SQLite files or the logs', async (t) => {
  const w = await startWorld(t, { reports: 8, allMapped: true });
  const h = w.core.handlers('test');
  assert.equal((await w.core.sync(w.demo.connectionId, { actor: 'test' })).status, 'succeeded');
  // A failing sign-in makes the adapters write errors that mention the credentials they used.
  await h['connections.setSecret']({ connectionId: w.demo.connectionId, name: 'target.password', value: 'Wrong-Pa55word-xyz' });
  const failed = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(failed.status, 'failed');
  assert.match(failed.error ?? '', /MLCDEMO/);
  await w.core.close();

  const state = w.demo.concur.state as unknown as { access: Map<string, unknown>; refresh: Map<string, unknown> };
  const tokens = [...state.access.keys(), ...state.refresh.keys()];
  assert.ok(tokens.length > 0);
  const secrets = [SIM_CLIENT.clientSecret, 'demo-concur-password', 'demo-x3-password', 'Wrong-Pa55word-xyz', Buffer.from('MLCDEMO:demo-x3-password').toString('base64'), ...tokens];
  const files = readdirSync(w.dataDir).filter((f) => f.startsWith('ml-connector.db')).map((f) => join(w.dataDir, f));
  const logDir = join(w.dataDir, 'logs');
  if (existsSync(logDir)) files.push(...readdirSync(logDir).map((f) => join(logDir, f)));
  assert.ok(files.some((f) => f.endsWith('.log')), 'a log file was written');
  for (const f of files) {
    const bytes = readFileSync(f).toString('latin1');
    for (const s of secrets) assert.equal(bytes.includes(s), false, `${f} contains a secret (${s.slice(0, 4)}…)`);
  }
  assert.match(readFileSync(join(logDir, 'ml-connector.log'), 'utf8'), /sync failed/);
});

test('credentials that keep failing pause the connection with the reason; new credentials resume it', async (t) => {
  const w = await startWorld(t, { reports: 4, allMapped: true });
  const h = w.core.handlers('test');
  w.demo.x3.state.addUser('MLCDEMO', 'rotated-by-it');
  for (let i = 0; i < 3; i++) assert.equal((await w.core.sync(w.demo.connectionId, { actor: 'test' })).status, 'failed');
  const [conn] = await h['connections.list']({});
  assert.equal(conn!.status, 'paused');
  assert.match(conn!.pausedReason ?? '', /Paused after 3 failed sign-ins/);
  const requests = w.demo.x3.stats.requests;
  const scheduled = await w.core.sync(w.demo.connectionId, { actor: 'scheduler', trigger: 'schedule' });
  assert.equal(scheduled.status, 'skipped');
  assert.equal(w.demo.x3.stats.requests, requests, 'a paused connection does not call the server');
  await h['connections.setSecret']({ connectionId: w.demo.connectionId, name: 'target.password', value: 'rotated-by-it' });
  const ok = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(ok.status, 'succeeded', ok.error ?? '');
  assert.equal(ok.posted, 4);
  assert.equal((await h['connections.list']({}))[0]!.status, 'active');
});

test('malformed answers from either system fail the run with a clear message, post nothing twice, keep the cursor', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  w.demo.concur.faults.queue.push('badjson', 'badjson', 'badjson', 'badjson', 'badjson', 'badjson');
  const bad = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(bad.status, 'failed');
  assert.match(bad.error ?? '', /JSON|Concur/i);
  assert.equal(w.core.runtime.store.cursors.get(w.demo.connectionId, 'documents'), null);
  w.demo.concur.faults.queue.length = 0;

  w.demo.x3.faults.htmlErrorPage = true;
  const html = await w.core.handlers('test')['connections.test']({ connectionId: w.demo.connectionId });
  assert.equal(html.ok, false);
  assert.ok(html.steps.some((s) => !s.ok && /HTML|web page|server URL/i.test(s.message)), JSON.stringify(html.steps));
  w.demo.x3.faults.htmlErrorPage = false;

  const good = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(good.status, 'succeeded', good.error ?? '');
  assert.equal(w.demo.x3.state.documentCount(), 6);
});
