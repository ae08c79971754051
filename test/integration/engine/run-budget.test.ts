// Hardening item 1 end to end: an X3 that accepts connections and never answers cannot hold a sync past
// the connection's run budget (before: 120 s per request × up to 5 attempts); the next run posts
// everything exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('a sync against a silent X3 stops at its run budget with a plain message; nothing is posted twice afterwards', async (t) => {
  const w = await startWorld(t, { reports: 4, allMapped: true });
  const store = w.core.runtime.store;
  const conn = store.connections.get(w.demo.connectionId)!;
  store.connections.save({ ...conn, retry: { ...conn.retry, runBudgetMs: 1200 } });
  w.demo.x3.faults.latencyMs = 4000;
  const started = Date.now();
  const stopped = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  const took = Date.now() - started;
  assert.equal(stopped.status, 'failed');
  assert.match(stopped.error ?? '', /stopped after its time budget of 1 s/);
  assert.ok(took < 3500, `ended at the budget, took ${took} ms`);
  w.demo.x3.faults.latencyMs = 0;
  store.connections.save({ ...conn, retry: { ...conn.retry, runBudgetMs: 120_000 } });
  const next = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(next.status, 'succeeded', next.error ?? '');
  const check = ledgerMatchesOutbox(w);
  assert.deepEqual(check.duplicates, []);
  assert.equal(check.posted, check.erp);
  assert.equal(w.demo.x3.state.documentCount(), 4);
});
