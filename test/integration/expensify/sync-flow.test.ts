// A posting sync follows Expensify's documented flow (export + download + mark job = 3 requests; the policy
// categories only when the day's copy is stale), and back-to-back syncs from two processes on one data
// folder share the 5-per-10-s window through the database, so Expensify never has to refuse one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPENSIFY_CONNECTION_ID } from '../../../main/demo/expensify-company';
import { startDemoSystems } from '../../../main/demo/systems';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { TEST_KEY } from '../../helpers/world';
import { openStore } from '../../../main/core/store/store';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { pullAll, startExpensifyFixture } from '../../helpers/expensify-context';
import { tempDir } from '../../helpers/temp-dir';

test('a posting sync makes 3 requests: export, download, one mark job', { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-expflow-'));
  const first = createHeadlessCore({ dataDir: dir, env: { MLC_SECRET_KEY: TEST_KEY } });
  const demo = await startDemoSystems(first.core, dir, { reports: 5 });
  t.after(async () => {
    await demo.stop();
    await first.core.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const exp = demo.expensify!;
  await first.core.handlers('test')['reference.refresh']({ connectionId: EXPENSIFY_CONNECTION_ID });
  const before = exp.stats.log.length;
  const run = await first.core.sync(EXPENSIFY_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(run.posted > 0);
  assert.deepEqual(exp.stats.log.slice(before).map((l) => l.type), ['file', 'download', 'file'], 'export, download, one mark job; categories from the day\'s copy');
});

test('two processes on one data folder pace against one window kept in the database: Expensify refuses nothing', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  const path = join(tempDir(t), 'mlc.db');
  const a = openStore(path, () => new Date());
  const b = openStore(path, () => new Date());
  t.after(() => {
    a.close();
    b.close();
  });
  const started = f.clock.t;
  const one = createExpensifySource(f.settings(), { ...f.ctx, rateWindows: a.rateWindows });
  const two = createExpensifySource(f.settings(), { ...f.ctx, rateWindows: b.rateWindows });
  for (let round = 0; round < 3; round++) {
    await pullAll(one.pull(null));
    await pullAll(two.pull(null));
  }
  assert.equal(f.sim.stats.count({ rateLimited: true }), 0, 'every request fitted the documented window');
  assert.equal(f.sim.stats.log.length, 12);
  assert.ok(f.clock.t - started >= 10_000, 'the sixth request waited for the window');

  // The same with each process keeping its own window (before): Expensify refuses some.
  f.sim.stats.reset();
  f.clock.t += 120_000;
  const lone = createExpensifySource(f.settings(), f.ctx);
  const other = createExpensifySource(f.settings(), f.ctx);
  for (let round = 0; round < 3; round++) {
    await pullAll(lone.pull(null));
    await pullAll(other.pull(null));
  }
  assert.ok(f.sim.stats.count({ rateLimited: true }) > 0, 'separate windows overrun the real one');
});
