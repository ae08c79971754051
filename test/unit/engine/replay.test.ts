// Replay of held and failed documents: re-planned from today's mappings, then delivered through the same
// look-up-first gate; still held when the fix is not there yet; a twin already posted is recorded, never
// re-sent; a row settled meanwhile is left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { TargetAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { keysFor } from '../../../main/core/engine/keys';
import { replayPostings } from '../../../main/core/engine/replay';
import type { Step } from '../../helpers/scripted-target';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { doc, line } from '../../helpers/docs';
import { fakeSource, fixedClock, recordingLogger, unitWorld } from '../../helpers/engine-unit';

const hotel = (sourceId: string, over: Partial<SourceDocument> = {}) => doc({ sourceId, lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } })], ...over });

function setup(t: Parameters<typeof unitWorld>[0], steps: Step[] = []) {
  const w = unitWorld(t);
  const logger = recordingLogger();
  const target = new ScriptedTarget(steps);
  const holdUnmapped = (sourceId: string, over: Partial<SourceDocument> = {}) => {
    const d = hotel(sourceId, over);
    return w.add({ sourceId, key: keysFor(d, 'c1', null).key, doc: d, status: 'held', plan: null, reasons: [{ code: 'NEEDS_MAPPING', message: 'Expense type HOTEL has no GL account' }] });
  };
  const mapHotel = () => w.store.mappings.upsert('c1', [{ kind: 'expense_type', sourceCode: 'HOTEL', sourceName: 'Hotel', target: '625100', dimensions: { costCenter: 'CC100' } }], 'test');
  const replay = (rows: ReturnType<typeof holdUnmapped>[], tgt: TargetAdapter = target, refresh = true, confirm = false) => replayPostings({ store: w.store, clock: fixedClock(), logger }, w.conn(), { source: fakeSource(), target: tgt }, rows, 'ann', confirm, refresh);
  const audit = () => w.store.audit.list({ limit: 50 }).filter((e) => e.action === 'replay').map((e) => [e.sourceId, e.outcome, e.message]);
  return { ...w, logger, target, holdUnmapped, mapHotel, replay, audit };
}

test('once mapped, a held document is planned again, sent once and posted; the summary shows it posted', async (t) => {
  const s = setup(t);
  const row = s.holdUnmapped('R1');
  s.mapHotel();
  const out = await s.replay([row]);
  assert.deepEqual(out.map((p) => [p.sourceId, p.status, p.erpId]), [['R1', 'posted', 'JE1']]);
  assert.equal(s.target.posts, 1);
  assert.deepEqual(s.audit(), [['R1', 'planned', 'Replayed with current mappings: sending']]);
  const after = s.store.postings.get(row.id)!;
  assert.equal(after.idempotency_key, row.idempotency_key, 'the row keeps its key');
  assert.equal(JSON.parse(after.plan_json!).lines[0].account, '625100');
  assert.equal(JSON.parse(after.reasons_json).length, 0);
});

test('not mapped yet: still held with today\'s reason, nothing sent', async (t) => {
  const s = setup(t);
  const row = s.holdUnmapped('R1');
  const out = await s.replay([row]);
  assert.equal(out[0]!.status, 'held');
  assert.equal(s.target.posts, 0);
  const [[id, outcome, message]] = s.audit() as [[string, string, string]];
  assert.deepEqual([id, outcome], ['R1', 'still_held']);
  assert.match(message, /^Replayed, still held: .*HOTEL/);
});

test('still held for several reasons: each one said', async (t) => {
  const s = setup(t);
  const d = doc({ sourceId: 'R1', lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } }), line({ lineId: 'L2', expenseType: { code: 'TAXI', name: 'Taxi' } })] });
  const row = s.add({ sourceId: 'R1', key: keysFor(d, 'c1', null).key, doc: d, status: 'held', plan: null });
  await s.replay([row]);
  const [[, , message]] = s.audit() as [[string, string, string]];
  assert.match(message, /^Replayed, still held: [^;]*HOTEL[^;]*; [^;]*TAXI/);
});

test('by default the reference data is read again first', async (t) => {
  const s = setup(t);
  const row = s.holdUnmapped('R1');
  await replayPostings({ store: s.store, clock: fixedClock(), logger: s.logger }, s.conn(), { source: fakeSource(), target: s.target }, [row], 'ann', false);
  assert.ok(s.store.reference.count('c1') > 0);
});

test('the source tenant is part of the keys: a twin posted under the tenant key is found', async (t) => {
  const s = setup(t);
  const first = s.add({ sourceId: 'R1', key: keysFor(doc({ sourceId: 'R1' }), 'c1', 'TEN-1').key, doc: doc({ sourceId: 'R1' }) });
  s.store.postings.markPosted(first.id, 'JE-T', false);
  const twin = s.holdUnmapped('R1-B', { aliases: ['R1'] });
  const out = await replayPostings({ store: s.store, clock: fixedClock(), logger: s.logger }, s.conn(), { source: fakeSource({ tenant: 'TEN-1' }), target: s.target }, [twin], 'ann', false, false);
  assert.deepEqual([out[0]!.status, out[0]!.erpId], ['posted', 'JE-T']);
});

test('a failed document is replayed too; the ERP is asked first, and a copy found there is linked, not re-sent', async (t) => {
  const s = setup(t);
  const row = s.add({ sourceId: 'R5', key: keysFor(doc({ sourceId: 'R5' }), 'c1', null).key, doc: doc({ sourceId: 'R5' }) });
  s.store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, null);
  s.target.docs.set(row.idempotency_key, 'JE-THERE');
  const out = await s.replay([s.store.postings.get(row.id)!]);
  assert.deepEqual([out[0]!.status, out[0]!.erpId], ['posted', 'JE-THERE']);
  assert.equal(s.target.posts, 0);
});

test('a row settled meanwhile (posted, pending, gone) is skipped and not returned', async (t) => {
  const s = setup(t);
  const posted = s.holdUnmapped('R1');
  s.store.postings.markPosted(posted.id, 'JE-X', false);
  const pending = s.add({ sourceId: 'R2' });
  const out = await s.replay([posted, pending, { ...posted, id: 99_999 }]);
  assert.deepEqual(out, []);
  assert.equal(s.target.posts, 0);
  assert.deepEqual(s.audit(), []);
});

test('a twin already posted under another id is recorded as posted with its ERP id, never sent', async (t) => {
  const s = setup(t);
  const first = s.add({ sourceId: 'R1', key: keysFor(doc({ sourceId: 'R1' }), 'c1', null).key, doc: doc({ sourceId: 'R1' }) });
  s.store.postings.markPosted(first.id, 'JE-FIRST', false);
  const twin = s.holdUnmapped('R1-B', { aliases: ['R1'] });
  s.mapHotel();
  const out = await s.replay([twin], s.target, true, true);
  assert.deepEqual([out[0]!.status, out[0]!.erpId], ['posted', 'JE-FIRST']);
  assert.equal(s.store.postings.get(twin.id)!.confirm_status, 'pending', 'confirmed to the source like any post');
  assert.equal(s.target.posts, 0);
  assert.deepEqual(s.audit(), [['R1-B', 'already_posted', `Already posted as R1 (JE-FIRST); recorded, not posted again`]]);
  assert.equal(s.store.audit.list({ limit: 50 }).find((e) => e.outcome === 'already_posted')!.erpId, 'JE-FIRST');
});

test('a twin still open holds the replay; a dismissed twin does not', async (t) => {
  const s = setup(t);
  const open = s.add({ sourceId: 'R1', key: keysFor(doc({ sourceId: 'R1' }), 'c1', null).key, doc: doc({ sourceId: 'R1' }), status: 'held' });
  const twin = s.holdUnmapped('R1-B', { aliases: ['R1'] });
  s.mapHotel();
  await s.replay([twin]);
  assert.deepEqual(s.audit(), [['R1-B', 'still_held', 'Replayed, still held: R1 is held; settle it first']]);
  assert.equal(s.store.postings.get(twin.id)!.status, 'held');
  s.store.postings.markDismissed(open.id, 'dup');
  const out = await s.replay([twin]);
  assert.equal(out[0]!.status, 'posted');
  const posted = s.add({ sourceId: 'R7', key: keysFor(doc({ sourceId: 'R7' }), 'c1', null).key, doc: doc({ sourceId: 'R7' }) });
  s.store.db.prepare("UPDATE postings SET status = 'posted', erp_id = NULL WHERE id = ?").run(posted.id);
  const noId = s.holdUnmapped('R7-B', { aliases: ['R7'] });
  await s.replay([noId]);
  assert.equal(s.audit()[0]![1], 'still_held', 'a twin marked posted without an ERP id is not trusted');
});

test('reference data is refreshed first unless told not to; a failed refresh uses the cache, or fails without one', async (t) => {
  const s = setup(t);
  let reads = 0;
  const orig = s.target.readReference.bind(s.target);
  s.target.readReference = () => (reads++, orig());
  const row = s.holdUnmapped('R1');
  await s.replay([row]);
  assert.equal(reads, 1);
  await s.replay([row], s.target, false);
  assert.equal(reads, 1);
  const down = Object.assign(new ScriptedTarget(), { readReference: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new ConnectorError('UNAVAILABLE', 'X3 down')) }) }) });
  s.mapHotel();
  const out = await s.replay([row], down as unknown as TargetAdapter);
  assert.equal(out[0]!.status, 'posted');
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.msg === 'reference refresh failed before replay, using cached data' && l.fields?.error === 'X3 down'));
  const fresh = setup(t);
  await assert.rejects(fresh.replay([fresh.holdUnmapped('R1')], down as unknown as TargetAdapter), /X3 down/);
  const bug = Object.assign(new ScriptedTarget(), { readReference: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new TypeError('bug')) }) }) });
  await assert.rejects(s.replay([s.holdUnmapped('R9')], bug as unknown as TargetAdapter), /bug/, 'an unexpected error is not hidden behind the cache');
});

test('replays racing another install are settled against the oldest ERP document', async (t) => {
  const s = setup(t);
  const removed: string[] = [];
  Object.assign(s.target, {
    findAllExisting: async (plans: readonly PostingPlan[]) => new Map(plans.map((p) => [p.idempotencyKey, ['JE-OLDER', s.target.docs.get(p.idempotencyKey)!]])),
    removeDuplicate: async (id: string) => (removed.push(id), { removed: true as const }),
  });
  const a = s.holdUnmapped('R1');
  const b = s.holdUnmapped('R2');
  s.mapHotel();
  const out = await s.replay([a, b], s.target);
  assert.deepEqual(removed.sort(), ['JE1', 'JE2']);
  assert.deepEqual(out.map((p) => p.erpId), ['JE-OLDER', 'JE-OLDER']);
});

test('a rejected replay is held again with the ERP reason; only posted rows are checked for races', async (t) => {
  const s = setup(t, ['reject']);
  let checked: number[] = [];
  Object.assign(s.target, { findAllExisting: async (plans: readonly PostingPlan[]) => ((checked = plans.map(() => 1)), new Map()), removeDuplicate: async () => ({ removed: true as const }) });
  const row = s.holdUnmapped('R1');
  s.mapHotel();
  const out = await s.replay([row]);
  assert.equal(out[0]!.status, 'held');
  assert.match(out[0]!.reasons.map((r) => r.message).join(), /closed/);
  assert.deepEqual(checked, []);
});
