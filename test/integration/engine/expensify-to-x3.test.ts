import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPENSIFY_CONNECTION_ID } from '../../../main/demo/expensify-company';
import { startDemoSystems } from '../../../main/demo/systems';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { TEST_KEY } from '../../helpers/world';

test('Expensify → X3: each approved report posted once as a balanced entry, export mark only after the post, a rerun posts nothing, a rate-limit burst survived', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-exp-'));
  const { core } = createHeadlessCore({ dataDir: dir, env: { MLC_SECRET_KEY: TEST_KEY } });
  const demo = await startDemoSystems(core, dir, { reports: 5 });
  t.after(async () => {
    await demo.stop();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const exp = demo.expensify!;
  const h = core.handlers('test');
  // Unmapped categories are in the grid before the first sync (read with the reference data).
  const refreshed = await h['reference.refresh']({ connectionId: EXPENSIFY_CONNECTION_ID });
  assert.ok((refreshed.counts['source categories'] ?? 0) > 5);
  const before = await h['mappings.list']({ connectionId: EXPENSIFY_CONNECTION_ID, kind: 'expense_type' });
  assert.ok(before.some((m) => m.sourceCode === 'Coworking' && m.unmapped));
  exp.faults.queue.push('429', '429');
  const run = await core.sync(EXPENSIFY_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(run.posted > 10 && run.held > 0, JSON.stringify(run));
  const posted = await h['postings.list']({ connectionId: EXPENSIFY_CONNECTION_ID, status: 'posted' });
  const held = await h['postings.list']({ connectionId: EXPENSIFY_CONNECTION_ID, status: 'held' });
  for (const p of posted) {
    const docs = demo.x3.state.findByReference(p.idempotencyKey);
    assert.equal(docs.length, 1, p.sourceId);
    const lines = docs[0]!.lines;
    const debit = lines.reduce((s, l) => s + Number(l.DEB ?? 0) * 100, 0);
    const credit = lines.reduce((s, l) => s + Number(l.CDT ?? 0) * 100, 0);
    assert.ok(debit > 0, `${p.sourceId} has debit lines`);
    assert.equal(Math.round(debit), Math.round(credit), `${p.sourceId} balances`);
    assert.deepEqual(exp.state.labels(p.sourceId), ['ml-connector'], `${p.sourceId} marked after its post`);
  }
  for (const p of held) assert.deepEqual(exp.state.labels(p.sourceId), [], `${p.sourceId} is held and stays unmarked`);
  const audit = await h['audit.list']({ connectionId: EXPENSIFY_CONNECTION_ID, action: 'post', limit: 500 });
  assert.ok(audit.every((e) => e.sourceId && e.erpId));
  const again = await core.sync(EXPENSIFY_CONNECTION_ID, { actor: 'test' });
  assert.equal(again.posted, 0);
  assert.equal((await h['postings.list']({ connectionId: EXPENSIFY_CONNECTION_ID, status: 'posted' })).length, posted.length);
});
