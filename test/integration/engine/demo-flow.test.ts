import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('first sync posts and holds with reasons; a rerun posts nothing; fixed mappings + replay post each held report once', async (t) => {
  const w = await startWorld(t, { reports: 60 });
  const h = w.core.handlers('test');
  const first = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.fetched, 60);
  assert.ok(first.posted > 0 && first.held > 0, JSON.stringify(first));
  assert.equal(first.posted + first.held, 60);
  const held = await h['postings.list']({ connectionId: w.demo.connectionId, status: 'held' });
  const codes = new Set(held.flatMap((p) => p.reasons.map((r) => r.code)));
  for (const c of ['NEEDS_MAPPING', 'DIMENSION_INACTIVE']) assert.ok(codes.has(c as never), `expected a ${c} hold, got ${[...codes].join(', ')}`);
  assert.ok(held.every((p) => p.reasons.every((r) => r.message.length > 10)));
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: first.posted, erp: first.posted, duplicates: [] });

  const second = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(second.posted, 0);
  assert.equal(w.demo.x3.state.documentCount(), first.posted);

  const imported = await h['mappings.importCsv']({ connectionId: w.demo.connectionId, csv: readFileSync(w.demo.fixedMappingsPath, 'utf8') });
  assert.ok(imported.changed > 0);
  const refreshes = () => w.core.runtime.store.audit.list({ connectionId: w.demo.connectionId, limit: 10_000 }).filter((e) => e.action === 'reference_refresh').length;
  const refreshesBefore = refreshes();
  const replayed = await h['held.replay']({ all: true, connectionId: w.demo.connectionId });
  assert.equal(replayed.length, first.held);
  assert.ok(first.held > 10, 'the replay runs in more than one chunk');
  assert.equal(refreshes() - refreshesBefore, 1, 'the ERP reference data is read once per replay, not once per chunk');
  assert.ok(replayed.every((r) => r.status === 'posted'), JSON.stringify(replayed.filter((r) => r.status !== 'posted')));
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 60, erp: 60, duplicates: [] });
  const again = await h['held.replay']({ all: true, connectionId: w.demo.connectionId });
  assert.equal(again.length, 0);
  assert.equal(w.demo.x3.state.documentCount(), 60);
});

test('the audit trail links each source id to its ERP id; a posted report changed later is flagged, not re-posted', async (t) => {
  const w = await startWorld(t, { reports: 12, allMapped: true });
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  const posted = await w.core.handlers('test')['postings.list']({ connectionId: w.demo.connectionId, status: 'posted' });
  assert.equal(posted.length, 12);
  const one = posted[0]!;
  const trail = await w.core.handlers('test')['audit.list']({ sourceId: one.sourceId, limit: 50 });
  assert.ok(trail.some((e) => e.action === 'post' && e.erpId === one.erpId && e.idempotencyKey === one.idempotencyKey));
  assert.ok(trail.some((e) => e.action === 'plan'));

  w.demo.concur.state.updateReport(one.sourceId, { Name: 'renamed' });
  const entries = (w.demo.concur.state as unknown as { entries: Map<string, Array<Record<string, unknown>>> }).entries.get(one.sourceId)!;
  entries[0]!.ApprovedAmount = Number(entries[0]!.ApprovedAmount) + 10;
  w.demo.concur.state.touch(one.sourceId, Date.UTC(2027, 0, 1));
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.posted, 0);
  const after = await w.core.handlers('test')['postings.get']({ id: one.id });
  assert.equal(after.changedAfterPosting, true);
  assert.equal(w.demo.x3.state.documentCount(), 12);
  assert.ok((await w.core.handlers('test')['audit.list']({ sourceId: one.sourceId, limit: 50 })).some((e) => e.action === 'changed_after_posting'));
});

test('dry run validates and previews without writing anything or posting', async (t) => {
  const w = await startWorld(t, { reports: 10 });
  const auditBefore = (await w.core.handlers('test')['audit.list']({ limit: 10_000 })).length;
  const dry = await w.core.handlers('test')['sync.run']({ connectionId: w.demo.connectionId, dryRun: true });
  assert.equal(dry.dryRun, true);
  assert.equal(dry.preview?.length, 10);
  assert.equal(dry.wouldPost + dry.held, 10);
  assert.ok(dry.preview!.some((p) => p.outcome === 'would_post' && p.lines.length >= 2));
  assert.equal(w.demo.x3.state.documentCount(), 0);
  assert.equal((await w.core.handlers('test')['postings.list']({ connectionId: w.demo.connectionId })).length, 0);
  const auditAfter = await w.core.handlers('test')['audit.list']({ limit: 10_000 });
  // Only reads leave a trace: the sign-in and the reference-data refresh; no plan, post or hold rows.
  const added = new Set(auditAfter.slice(0, auditAfter.length - auditBefore).map((e) => e.action));
  assert.ok(added.has('reference_refresh'));
  assert.deepEqual([...added].filter((a) => a !== 'reference_refresh' && a !== 'auth'), []);
});
