import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('a pushed document (webhook) posts at once; the redelivered event is ignored; the next poll does not post it again', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  // The report's owner comes with the event (the ESS facts carry userId): users are the admin, then employees in order.
  const report = 'NWR00003';
  const meta = { ownerLoginId: [...w.demo.concur.state.users.values()][3]!.loginId };
  const first = await w.core.ingestPushed(w.demo.connectionId, { eventId: 'e-1', sourceId: report, meta });
  assert.equal(first, 'posted');
  assert.equal(w.demo.x3.state.documentCount(), 1);
  assert.equal(await w.core.ingestPushed(w.demo.connectionId, { eventId: 'e-1', sourceId: report, meta }), 'duplicate');
  assert.equal(w.core.isDuplicateEvent('e-1'), true);
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.posted, 5);
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 6, erp: 6, duplicates: [] });
});

test('the same document by webhook and by poll at the same moment: one ERP document', async (t) => {
  const w = await startWorld(t, { reports: 8, allMapped: true });
  const meta = { ownerLoginId: [...w.demo.concur.state.users.values()][2]!.loginId };
  const [pushed, run] = await Promise.all([w.core.ingestPushed(w.demo.connectionId, { eventId: 'e-2', sourceId: 'NWR00002', meta }), w.core.sync(w.demo.connectionId, { actor: 'test' })]);
  assert.ok(['posted', 'skipped'].includes(pushed), pushed);
  assert.equal(run.status, 'succeeded');
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 8, erp: 8, duplicates: [] });
  assert.equal(w.demo.x3.state.findByReference((await w.core.handlers('t')['postings.list']({ search: 'NWR00002' }))[0]!.idempotencyKey).length, 1);
});
