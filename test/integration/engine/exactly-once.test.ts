import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ledgerMatchesOutbox, startWorld, testEnv } from '../../helpers/world';

const waitFor = async (cond: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

test('SIGKILL between the ERP accepting a post and the local commit: after restart, one ERP document each', async (t) => {
  const w = await startWorld(t, { reports: 20, allMapped: true });
  await w.core.close();
  w.demo.x3.faults.stallAfterCommit = true;
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../fixtures/sync-child.ts'), w.dataDir], { env: testEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (_code, signal) => r(signal ? -1 : _code)));
  await waitFor(() => w.demo.x3.state.documentCount() >= 3);
  child.kill('SIGKILL');
  assert.equal(await exited, -1, stderr);
  const committedBeforeCrash = w.demo.x3.state.documentCount();
  w.demo.x3.faults.stallAfterCommit = false;

  const core = w.reopen();
  const stuck = core.runtime.store.postings.unsettled(w.demo.connectionId);
  assert.ok(stuck.length >= committedBeforeCrash, `expected rows left "sending", got ${stuck.map((r) => r.status).join(',')}`);
  const run = await core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(run.recovered >= committedBeforeCrash);
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 20, erp: 20, duplicates: [] });
  // The recovered rows carry the ERP's own numbers, not a guess.
  for (const r of core.runtime.store.postings.list({ connectionId: w.demo.connectionId, status: 'posted', limit: 100 })) {
    assert.equal(w.demo.x3.state.findByReference(r.idempotency_key)[0]!.number, r.erp_id);
  }
});

test('the ERP commits then drops the response: one document each, recorded with its real number', async (t) => {
  const w = await startWorld(t, { reports: 15, allMapped: true });
  w.demo.x3.faults.dropAfterCommit = 6;
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(w.demo.x3.stats.dropped, 6);
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 15, erp: 15, duplicates: [] });
  const recovered = (await w.core.handlers('test')['audit.list']({ action: 'recover', limit: 100 })).length;
  assert.equal(recovered, 6);
});

test('429 and 5xx bursts on both systems: everything posted exactly once', async (t) => {
  const w = await startWorld(t, { reports: 25, allMapped: true });
  w.demo.x3.faults.rate429 = 0.25;
  w.demo.x3.faults.retryAfterSeconds = 0;
  w.demo.x3.faults.rate5xx = 0.1;
  w.demo.concur.faults.rate429 = 0.2;
  w.demo.concur.faults.retryAfterSeconds = 0;
  const conn = w.core.runtime.store.connections.get(w.demo.connectionId)!;
  w.core.runtime.store.connections.save({ ...conn, retry: { ...conn.retry, maxAttempts: 10 } });
  let run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  // Whatever ran out of attempts is "failed, retry later" and goes through findExisting next time.
  for (let i = 0; i < 5 && (run.failed > 0 || run.status !== 'succeeded'); i++) run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(w.demo.x3.stats.injected429 > 0 && w.demo.x3.stats.injected5xx > 0);
  const { posted, erp, duplicates } = ledgerMatchesOutbox(w);
  assert.deepEqual(duplicates, []);
  assert.equal(posted, erp);
  assert.equal(posted, 25);
});
