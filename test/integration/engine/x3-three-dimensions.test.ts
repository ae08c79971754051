// Concur → Sage X3 end to end with the demo's three-dimension structure: department and project arrive
// from Concur custom fields, every value is checked against X3's reference data before anything is sent,
// an inactive project holds its reports, and once reactivated a replay posts each of them once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('three dimensions: values from Concur reach CCE1..CCE3; an inactive project holds before sending, replay posts once', async (t) => {
  const w = await startWorld(t, { reports: 20, allMapped: true });
  const h = w.core.handlers('test');
  w.demo.x3.state.addCostCenters([{ code: 'PRJ-ATLAS', name: 'Atlas ERP rollout', type: 'PRJ', active: false }]);

  const first = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  const held = await h['postings.list']({ connectionId: w.demo.connectionId, status: 'held' });
  assert.ok(held.length > 0, 'reports on the inactive project are held');
  for (const p of held) assert.deepEqual([...new Set(p.reasons.map((r) => `${r.code} ${r.subject ?? ''}`))], ['DIMENSION_INACTIVE project:PRJ-ATLAS']);
  assert.equal(w.demo.x3.stats.rejected, 0, 'X3 was never asked to save a held report');

  const docs = w.demo.x3.state.documents();
  assert.equal(docs.length, first.posted);
  const expenseLines = docs.flatMap((d) => d.lines.filter((l) => l.DEB));
  assert.ok(expenseLines.every((l) => /^CC\d{3}$/.test(l.CCE1 ?? '') && /^[A-Z]{3}$/.test(l.CCE2 ?? '')), 'cost center and department on every expense line');
  assert.ok(expenseLines.some((l) => /^PRJ-/.test(l.CCE3 ?? '')), 'projects on client trips');

  w.demo.x3.state.addCostCenters([{ code: 'PRJ-ATLAS', name: 'Atlas ERP rollout', type: 'PRJ', active: true }]);
  await h['reference.refresh']({ connectionId: w.demo.connectionId });
  const replayed = await h['held.replay']({ all: true, connectionId: w.demo.connectionId });
  assert.equal(replayed.length, held.length);
  assert.ok(replayed.every((r) => r.status === 'posted'), JSON.stringify(replayed));
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 20, erp: 20, duplicates: [] });
  assert.ok(w.demo.x3.state.documents().some((d) => d.lines.some((l) => l.CCE3 === 'PRJ-ATLAS')));
});
