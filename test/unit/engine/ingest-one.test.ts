// A document pushed by the source (webhook): fetched, recorded and posted through the same outbox as a poll,
// so the webhook and the next poll post it once; what the source no longer has ready is said, not guessed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { SourceDocument } from '../../../shared/schemas/document';
import { ingestOne } from '../../../main/core/engine/ingest-one';
import { documentKey } from '../../../main/core/engine/keys';
import { ScriptedTarget } from '../../helpers/scripted-target';
import type { Step } from '../../helpers/scripted-target';
import { doc, line } from '../../helpers/docs';
import { fakeSource, fixedClock, recordingLogger, unitWorld } from '../../helpers/engine-unit';

const ref = (sourceId = 'R1') => ({ eventId: 'ev-1', sourceId, meta: { hint: 'x' } });

function setup(t: Parameters<typeof unitWorld>[0], docs: Record<string, SourceDocument | null>, steps: Step[] = []) {
  const w = unitWorld(t);
  const logger = recordingLogger();
  const target = new ScriptedTarget(steps);
  const asked: Array<[string, Record<string, string>]> = [];
  const acked: string[] = [];
  const confirmed: string[] = [];
  const source = fakeSource({
    fetchOne: async (id, meta) => (asked.push([id, meta]), docs[id] ?? null),
    acknowledge: async (ds) => void acked.push(...ds.map((d) => d.sourceId)),
    confirm: async (d) => void confirmed.push(d.sourceId),
  });
  const go = (sourceId = 'R1') => ingestOne({ store: w.store, clock: fixedClock(), logger }, w.conn(), { source, target }, ref(sourceId), 'webhook');
  return { ...w, logger, target, source, asked, acked, confirmed, go };
}

test('a pushed document is fetched with its meta, acknowledged, posted once and confirmed; a second event is skipped', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }) });
  assert.equal(await s.go(), 'posted');
  assert.deepEqual(s.asked, [['R1', { hint: 'x' }]]);
  assert.deepEqual(s.acked, ['R1']);
  assert.deepEqual(s.confirmed, ['R1']);
  assert.equal(s.target.posts, 1);
  const fetchAudit = s.store.audit.list({ limit: 50 }).filter((e) => e.action === 'fetch');
  assert.deepEqual(fetchAudit.map((e) => [e.outcome, e.message, e.sourceId, e.actor]), [['received', 'Event ev-1: fetched document R1', 'R1', 'webhook']]);
  assert.ok(s.store.reference.count('c1') > 0, 'no reference data yet: read before planning');
  assert.equal(await s.go(), 'skipped');
  assert.equal(s.target.posts, 1);
});

test('reference data already cached is not read again for each event', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }), R2: doc({ sourceId: 'R2' }) });
  let reads = 0;
  const orig = s.target.readReference.bind(s.target);
  s.target.readReference = () => (reads++, orig());
  assert.equal(await s.go('R1'), 'posted');
  assert.equal(await s.go('R2'), 'posted');
  assert.equal(reads, 1, 'read for the first event only');
  const again = setup(t, {});
  assert.equal(await again.go('R9'), 'not_ready');
});

test('a document no longer ready at the source is said with the event id and nothing is written', async (t) => {
  const s = setup(t, { R1: null });
  assert.equal(await s.go(), 'not_ready');
  const a = s.store.audit.list({ limit: 10 }).filter((e) => e.action === 'fetch');
  assert.deepEqual(a.map((e) => [e.outcome, e.message]), [['not_ready', 'Event ev-1: document R1 is no longer ready at the source']]);
  assert.equal(s.store.postings.list({ connectionId: 'c1', limit: 5 }).length, 0);
  assert.equal(s.store.reference.count('c1'), 0);
});

test('an unmapped document is held; a rejected one is held; a failing ERP leaves it failed', async (t) => {
  const held = setup(t, { R1: doc({ sourceId: 'R1', lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } })] }) });
  assert.equal(await held.go(), 'held');
  assert.equal(held.target.posts, 0);
  const rejected = setup(t, { R1: doc({ sourceId: 'R1' }) }, ['reject']);
  assert.equal(await rejected.go(), 'held');
  const failing = setup(t, { R1: doc({ sourceId: 'R1' }) }, ['503', '503', '503']);
  assert.equal(await failing.go(), 'failed');
});

test('found in the ERP already: linked, reported as posted, nothing sent', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }) });
  const orig = s.target.findExisting.bind(s.target);
  s.target.findExisting = async (p: PostingPlan) => (await orig(p)) ?? { erpId: 'JE-ELSEWHERE', key: p.idempotencyKey };
  assert.equal(await s.go(), 'posted');
  assert.equal(s.target.posts, 0);
  assert.equal(s.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!.erp_id, 'JE-ELSEWHERE');
});

test('a post that raced another install is settled against the oldest ERP document', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }) });
  const removed: string[] = [];
  Object.assign(s.target, {
    findAllExisting: async (plans: readonly PostingPlan[]) => new Map(plans.map((p) => [p.idempotencyKey, ['JE-OLDER', s.target.docs.get(p.idempotencyKey)!]])),
    removeDuplicate: async (id: string) => (removed.push(id), { removed: true as const }),
  });
  assert.equal(await s.go(), 'posted');
  assert.deepEqual(removed, ['JE1']);
  assert.equal(s.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!.erp_id, 'JE-OLDER');
});

test('a failed acknowledgement is logged, the post goes on; a source without fetchOne cannot take events', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }) });
  s.source.acknowledge = async () => { throw new Error('ack down'); };
  assert.equal(await s.go(), 'posted');
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.msg === 'acknowledgement failed' && /ack down/.test(String(l.fields?.error))));
  const bare = fakeSource();
  await assert.rejects(ingestOne({ store: s.store, clock: fixedClock(), logger: s.logger }, s.conn(), { source: bare, target: s.target }, ref(), 'webhook'), /concur cannot fetch a single document/);
});

test('without confirmations or acknowledgements the document is still posted', async (t) => {
  const w = unitWorld(t);
  const target = new ScriptedTarget();
  const source = fakeSource({ fetchOne: async () => doc({ sourceId: 'R1' }) });
  assert.equal(await ingestOne({ store: w.store, clock: fixedClock(), logger: recordingLogger() }, w.conn(), { source, target }, ref(), 'webhook'), 'posted');
  assert.equal(w.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!.confirm_status, 'none');
});

test('a pushed document dated in a period the ERP has closed is held like a polled one', async (t) => {
  const s = setup(t, { R1: doc({ sourceId: 'R1' }) });
  const orig = s.target.readReference.bind(s.target);
  (s.target as { readReference: () => AsyncGenerator<ReferenceItem[]> }).readReference = async function* () {
    yield* orig();
    yield [{ kind: 'period' as const, dimensionType: 'closed', code: '2026-10-01/2026-10-31', name: 'Oct 2026', active: false }];
  };
  assert.equal(await s.go(), 'held');
  assert.equal(s.target.posts, 0);
  const row = s.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!;
  assert.match(JSON.stringify(row), /PERIOD_CLOSED/);
});

test('the key carries the source tenant, so the webhook and the poll of another install agree', async (t) => {
  const w = unitWorld(t);
  const target = new ScriptedTarget([]);
  const source = fakeSource({ tenant: 'AB12CD34-0000-4000-8000-00000000ABCD', fetchOne: async () => doc({ sourceId: 'R1', tenant: undefined }) });
  assert.equal(await ingestOne({ store: w.store, clock: fixedClock(), logger: recordingLogger() }, w.conn(), { source, target }, ref('R1'), 'webhook'), 'posted');
  const row = w.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!;
  assert.equal(row.idempotency_key, documentKey('concur', 'ab12cd34-0000-4000-8000-00000000abcd', 'expense_report', 'R1'));
});
