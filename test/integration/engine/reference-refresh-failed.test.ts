// A failed refresh of the ERP's reference data is in the run summary (card, run details, CLI), not only in the log:
// the run goes on against the copy kept from before, and the accountant is told so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryLine } from '../../../main/cli/output';
import { startWorld } from '../../helpers/world';

test('a sync whose reference refresh fails says so in its summary and in the CLI line, and still runs on the cached data', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  const first = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.referenceRefreshError ?? null, null, 'a good refresh leaves nothing to report');

  w.demo.x3.faults.htmlErrorPage = true;
  w.demo.x3.faults.htmlStatus = 503;
  const store = w.core.runtime.store;
  const conn = store.connections.get(w.demo.connectionId)!;
  store.connections.save({ ...conn, retry: { ...conn.retry, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 5 } });
  const second = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(second.status, 'succeeded', second.error ?? '');
  assert.ok(second.referenceRefreshError && second.referenceRefreshError.length > 5, JSON.stringify(second));
  assert.equal(store.runs.last(w.demo.connectionId)?.referenceRefreshError, second.referenceRefreshError, 'stored with the run, so the card shows it');
  assert.match(summaryLine(second), /ERP reference data not refreshed, checked against the copy kept from before: ./);
  assert.doesNotMatch(summaryLine(first), /reference data not refreshed/);
});

test('the dashboard next sync of a never-run connection is what the scheduler will do: not "due now" at start', async (t) => {
  const w = await startWorld(t, { reports: 2, allMapped: true });
  w.core.startScheduler(3_600_000);
  const states = await w.core.handlers('test')['connections.states']({});
  const now = Date.now();
  const neverRun = states.filter((s) => !s.lastRun && s.status === 'active' && s.nextRunAt);
  assert.ok(neverRun.length > 0, JSON.stringify(states.map((s) => [s.connectionId, s.lastRun, s.nextRunAt])));
  for (const s of neverRun) assert.ok(Date.parse(s.nextRunAt!) > now, `${s.connectionId} next ${s.nextRunAt} is not due at start`);
});
