// One sync pass against in-memory adapters and a real store: what is posted, held, linked, recovered or
// deferred, what the summary and audit say, when a failed sign-in pauses the connection, and that a dry run
// writes nothing. Each test runs in milliseconds (no network, no simulator).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import type { RunSummary } from '../../../shared/schemas/run';
import type { PostOutcome, SourceAdapter, TargetAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { CURSOR_STREAM, runSync, summaryText } from '../../../main/core/engine/sync-run';
import { REFERENCE_PUSH_STREAM } from '../../../main/core/engine/reference-push';
import { keysFor } from '../../../main/core/engine/keys';
import type { Step } from '../../helpers/scripted-target';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { doc, line } from '../../helpers/docs';
import { fakeSource, fixedClock, NOW, recordingEvents, recordingLogger, unitWorld } from '../../helpers/engine-unit';

const pages = (...batches: SourceDocument[][]): SourceAdapter['pull'] => () => ({
  batches: (async function* () {
    for (const b of batches) yield b;
  })(),
  finalCursor: () => 'cursor-2',
});

function setup(t: Parameters<typeof unitWorld>[0], over: Partial<ConnectionInput> = {}) {
  const w = unitWorld(t, over);
  const clock = fixedClock();
  const logger = recordingLogger();
  const events = recordingEvents();
  const deps = { store: w.store, clock, logger, events };
  return { ...w, clock, logger, events, deps };
}

const run = (s: ReturnType<typeof setup>, source: SourceAdapter, target: TargetAdapter, opts: Partial<{ trigger: RunSummary['trigger']; dryRun: boolean }> = {}) =>
  runSync(s.deps, s.conn(), { source, target }, { trigger: opts.trigger ?? 'manual', dryRun: opts.dryRun ?? false, actor: 'tester' });

/** A reference read that fails on its first page. */
const refuse = (e: Error): AsyncIterable<never> => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(e) }) });

const unmapped = (sourceId: string) => doc({ sourceId, lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } })] });
const audits = (s: ReturnType<typeof setup>, action?: string) => s.store.audit.list({ limit: 500 }).filter((e) => !action || e.action === action);

test('a page is pulled, acknowledged after intake, posted once each; a held document is counted; the cursor is saved; the source hears back', async (t) => {
  const s = setup(t);
  const order: string[] = [];
  const target = new ScriptedTarget();
  const source = fakeSource({
    pull: (cursor: string | null) => {
      order.push(`pull:${cursor}`);
      assert.equal(s.store.runs.last('c1')!.status, 'running', 'the run is saved as running while it runs');
      return pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' }), unmapped('R3')])(null);
    },
    acknowledge: async (docs) => void order.push(`ack:${docs.map((d) => d.sourceId).join(',')}:${s.store.postings.list({ connectionId: 'c1', limit: 10 }).length}`),
    confirm: async (d) => void order.push(`confirm:${d.sourceId}`),
  });
  s.store.cursors.set('c1', CURSOR_STREAM, 'cursor-1');
  const r = await run(s, source, target);
  assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.deepEqual([r.fetched, r.posted, r.held, r.failed, r.skipped, r.linked, r.recovered, r.deferred], [3, 2, 1, 0, 0, 0, 0, 0]);
  assert.equal(target.posts, 2);
  assert.equal(target.docs.size, 2);
  assert.equal(target.lookups, 2, 'each fresh document looked up once, before its first send');
  assert.deepEqual(order, ['pull:cursor-1', 'ack:R1,R2,R3:3', 'confirm:R1', 'confirm:R2'], 'acknowledged once recorded; confirmed after posting');
  assert.equal(s.store.cursors.get('c1', CURSOR_STREAM), 'cursor-2');
  const held = s.store.postings.list({ connectionId: 'c1', status: 'held', limit: 10 });
  assert.equal(held[0]!.source_id, 'R3');
  assert.deepEqual(audits(s, 'sync_start').map((e) => [e.outcome, e.message]), [['started', 'manual sync started']]);
  assert.deepEqual(audits(s, 'sync_finish').map((e) => [e.outcome, e.message]), [['succeeded', 'succeeded: fetched 3, posted 2, held 1, failed 0, skipped 0']]);
  const saved = s.store.runs.last('c1')!;
  assert.equal(saved.status, 'succeeded');
  assert.equal(saved.posted, 2);
  assert.equal(r.startedAt, NOW.toISOString());
  assert.ok(r.finishedAt);
  const types = s.events.events.map((e) => e.type);
  assert.deepEqual(types.slice(-2), ['run.finished', 'entities.changed']);
  const phases = s.events.events.filter((e) => e.type === 'run.progress').map((e) => (e.payload as { phase: string }).phase);
  assert.deepEqual([phases[0], phases.at(-1)], ['reference', 'done']);
  assert.ok(phases.includes('fetch') && phases.includes('confirm'));
  assert.ok(!phases.includes('post'), 'progress between forced phases is throttled (the clock does not move)');
  assert.deepEqual(s.store.postings.list({ connectionId: 'c1', status: 'posted', limit: 10 }).map((p) => p.confirm_status), ['done', 'done']);
});

test('a second run of the same page posts nothing again: the outbox, not the cursor, prevents duplicates', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const source = fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) });
  await run(s, source, target);
  const again = await run(s, source, target);
  assert.equal(again.status, 'succeeded');
  assert.deepEqual([again.fetched, again.posted, again.skipped], [1, 0, 1]);
  assert.equal(target.posts, 1);
});

test('documents the ERP already has are linked, never sent; a failed look-up fails the page without sending', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const first = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target);
  assert.equal(first.posted, 1);
  // Another data folder: same document, same key, already in the ERP.
  const s2 = setup(t);
  const r = await run(s2, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target);
  assert.deepEqual([r.linked, r.posted], [1, 0]);
  assert.equal(target.posts, 1);
  const s3 = setup(t);
  const down = Object.assign(new ScriptedTarget(), { findExisting: async () => { throw new ConnectorError('UNAVAILABLE', 'X3 down', { retryable: true }); } });
  const r3 = await run(s3, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), down);
  assert.deepEqual([r3.status, r3.failed, r3.posted], ['succeeded', 1, 0]);
  assert.equal(down.posts, 0);
});

test('a rejected post is held; a post that keeps failing is failed with a retry time', async (t) => {
  const s = setup(t);
  const steps: Step[] = ['reject', '503', '503', '503'];
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' })]) }), new ScriptedTarget(steps));
  assert.deepEqual([r.posted, r.held, r.failed], [0, 1, 1]);
  assert.equal(audits(s, 'sync_finish')[0]!.message, 'succeeded: fetched 2, posted 0, held 1, failed 1, skipped 0');
});

test('rows a previous run left unsettled are settled first: found ones recovered, never-sent ones posted, due failures retried', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const sending = s.add({ sourceId: 'U1' });
  s.store.postings.markSending(sending.id);
  target.docs.set(sending.idempotency_key, 'JE-EARLIER');
  s.add({ sourceId: 'U2' });
  const failed = s.add({ sourceId: 'U3' });
  s.store.postings.markFailed(failed.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, '2026-12-06T09:00:00.000Z');
  const notDue = s.add({ sourceId: 'U4' });
  s.store.postings.markFailed(notDue.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, '2026-12-06T11:00:00.000Z');
  const r = await run(s, fakeSource(), target);
  assert.equal(r.status, 'succeeded', r.error ?? '');
  assert.deepEqual([r.recovered, r.posted], [2, 1], 'U1 linked and U3 re-sent are recoveries; U2 was never sent: a plain post');
  assert.equal(s.store.postings.get(sending.id)!.erp_id, 'JE-EARLIER');
  assert.equal(s.store.postings.get(notDue.id)!.status, 'failed', 'not due yet');
  assert.equal(target.posts, 2);
  assert.equal(summaryText(r), 'succeeded: fetched 0, posted 1, held 0, failed 0, skipped 0, recovered 2');
});

test('a failure left by a failed look-up and found in the ERP is a recovery; a due failure now rejected is held, not recovered', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget(['reject']);
  const neverSent = s.add({ sourceId: 'F1' });
  s.store.postings.markFailed(neverSent.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, null);
  target.docs.set(neverSent.idempotency_key, 'JE-THERE');
  const rejected = s.add({ sourceId: 'F2' });
  s.store.postings.markFailed(rejected.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, null);
  const r = await run(s, fakeSource(), target);
  assert.deepEqual([r.recovered, r.linked, r.held, r.posted], [1, 0, 1, 0]);
  assert.equal(s.store.postings.get(neverSent.id)!.erp_id, 'JE-THERE');
});

test('the cursor stream keeps its stored name (a rename would lose every saved cursor)', () => {
  assert.equal(CURSOR_STREAM, 'documents');
});

test('progress is emitted when 200 ms have passed', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const slow = Object.assign(target, { post: async (p: PostingPlan) => { s.clock.advance(200); return ScriptedTarget.prototype.post.call(target, p); } });
  await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), slow);
  const phases = s.events.events.filter((e) => e.type === 'run.progress').map((e) => (e.payload as { phase: string }).phase);
  const between = phases.slice(phases.indexOf('fetch') + 1, -1);
  assert.equal(between.length, 1, `one progress event once 200 ms passed (${phases.join(', ')})`);
});

test('a dry run writes nothing and previews what a run would do, including what the ERP already has', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const existing = await run(setup(t), fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target);
  assert.equal(existing.posted, 1);
  const auditBefore = audits(s).length;
  let acked = false;
  const source = fakeSource({ pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' }), unmapped('R3')]), acknowledge: async () => void (acked = true), confirm: async () => assert.fail('no confirmation in a dry run') });
  const leftover = s.add({ sourceId: 'U1' });
  const lookupsBefore = target.lookups;
  const r = await run(s, source, target, { dryRun: true });
  assert.equal(r.status, 'succeeded');
  assert.equal(r.dryRun, true);
  assert.equal(target.lookups - lookupsBefore, 2, 'only the documents with a plan are looked up');
  assert.deepEqual([r.fetched, r.wouldPost, r.wouldLink, r.held, r.posted], [3, 1, 1, 1, 0]);
  assert.deepEqual(r.preview!.map((p) => [p.sourceId, p.outcome]), [['R1', 'would_link'], ['R2', 'would_post'], ['R3', 'would_hold']]);
  assert.equal(r.preview![0]!.erpId, 'JE1');
  assert.equal(target.posts, 1, 'nothing sent');
  assert.equal(s.store.postings.get(leftover.id)!.status, 'pending', 'a row left by an earlier run is not sent by a dry run');
  assert.equal(acked, false);
  assert.equal(s.store.postings.list({ connectionId: 'c1', limit: 10 }).length, 1, 'no row recorded (only the earlier one)');
  assert.equal(s.store.cursors.get('c1', CURSOR_STREAM), null);
  assert.equal(s.store.runs.last('c1'), null);
  assert.equal(audits(s).filter((e) => e.action !== 'reference_refresh').length, auditBefore, 'only the reference cache is refreshed');
  assert.equal(summaryText(r), 'succeeded: fetched 3, posted 0, held 1, failed 0, skipped 0, would post 1, already in the ERP 1 (would link)');
});

test('a dry run counts a document already in the outbox as skipped', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target);
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target, { dryRun: true });
  assert.deepEqual([r.skipped, r.wouldPost, r.wouldLink], [1, 0, 0]);
});

test('a failed reference refresh uses the cached data and says so; without a cache, or refused credentials, the run fails', async (t) => {
  const s = setup(t);
  const ok = new ScriptedTarget();
  await run(s, fakeSource(), ok);
  const stale = Object.assign(new ScriptedTarget(), { readReference: () => refuse(new ConnectorError('UNAVAILABLE', 'reference read timed out')) });
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), stale);
  assert.equal(r.status, 'succeeded');
  assert.equal(r.referenceRefreshError, 'reference read timed out');
  assert.equal(r.posted, 1);
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.msg === 'reference refresh failed, using cached data' && l.fields?.error === 'reference read timed out' && l.fields?.connectionId === 'c1'));

  const auth = Object.assign(new ScriptedTarget(), { readReference: () => refuse(new ConnectorError('AUTH_FAILED', 'wrong password')) });
  const r2 = await run(s, fakeSource(), auth);
  assert.deepEqual([r2.status, r2.error], ['failed', 'wrong password']);

  const bug = Object.assign(new ScriptedTarget(), { readReference: () => refuse(new TypeError('bad page')) });
  const r3 = await run(s, fakeSource(), bug);
  assert.deepEqual([r3.status, r3.error], ['failed', 'Unexpected error: bad page']);
  assert.ok(s.logger.lines.some((l) => l.level === 'error' && l.msg === 'sync failed with an unexpected error'));

  const fresh = setup(t);
  const r4 = await run(fresh, fakeSource(), stale);
  assert.deepEqual([r4.status, r4.error], ['failed', 'reference read timed out']);
  assert.ok(fresh.logger.lines.some((l) => l.level === 'warn' && l.msg === 'sync failed' && l.fields?.code === 'UNAVAILABLE'));
  assert.equal(audits(fresh, 'sync_finish')[0]!.message, 'failed: fetched 0, posted 0, held 0, failed 0, skipped 0 — reference read timed out');
});

test('failed sign-ins pause the connection after the policy count, with the reason; a later good run resumes it', async (t) => {
  const s = setup(t);
  const source = (code: 'AUTH_FAILED' | 'AUTH_EXPIRED') => fakeSource({ pull: () => { throw new ConnectorError(code, 'Concur refused the token'); } });
  const r1 = await run(s, source('AUTH_FAILED'), new ScriptedTarget());
  assert.equal(r1.status, 'failed');
  assert.equal(s.conn().status, 'active', 'one failure: still active');
  await run(s, source('AUTH_EXPIRED'), new ScriptedTarget());
  assert.equal(s.conn().status, 'paused');
  assert.equal(s.conn().pausedReason, 'Paused after 2 failed sign-ins: Concur refused the token');
  assert.deepEqual(audits(s, 'auth').map((e) => [e.outcome, e.message]), [['paused', 'Paused after 2 failed sign-ins: Concur refused the token']]);
  const ok = await run(s, fakeSource(), new ScriptedTarget());
  assert.equal(ok.status, 'succeeded');
  assert.equal(s.conn().status, 'active');
  assert.ok(audits(s, 'auth').some((e) => e.outcome === 'resumed' && e.message === 'Signed in again: connection resumed'));
  // The counter was reset: one more failure does not pause again.
  await run(s, source('AUTH_FAILED'), new ScriptedTarget());
  assert.equal(s.conn().status, 'active');
});

test('an ERP refusing credentials during a post stops the run as failed and counts a failed sign-in; other errors do not', async (t) => {
  const s = setup(t, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 1 } });
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), new ScriptedTarget(['auth']));
  assert.deepEqual([r.status, r.error], ['failed', 'wrong password']);
  assert.equal(s.conn().status, 'paused');
  const s2 = setup(t, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 1 } });
  await run(s2, fakeSource({ pull: () => { throw new ConnectorError('UNAVAILABLE', 'down'); } }), new ScriptedTarget());
  assert.equal(s2.conn().status, 'active');
  const s3 = setup(t, { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 1 } });
  const dry = await run(s3, fakeSource({ pull: () => { throw new ConnectorError('AUTH_FAILED', 'no'); } }), new ScriptedTarget(), { dryRun: true });
  assert.equal(dry.status, 'failed');
  assert.equal(s3.conn().status, 'active', 'a dry run never pauses the connection');
});

test('a scheduled run outside its off-peak window defers every post and says how many wait', async (t) => {
  const h = NOW.getHours();
  const hh = (n: number) => `${String((h + n) % 24).padStart(2, '0')}:00`;
  const s = setup(t, { schedule: { mode: 'window', from: hh(2), to: hh(3), minutes: 30 } });
  const target = new ScriptedTarget();
  const leftover = s.add({ sourceId: 'U1' });
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' })]) }), target, { trigger: 'schedule' });
  assert.equal(r.status, 'succeeded');
  assert.deepEqual([r.deferred, r.posted], [3, 0]);
  assert.equal(target.posts, 0);
  assert.equal(s.store.postings.get(leftover.id)!.status, 'pending');
  assert.deepEqual(audits(s, 'post').map((e) => [e.outcome, e.message]), [['deferred', 'The off-peak window closed: 3 document(s) wait in the outbox for the next window']]);
  const now = await run(s, fakeSource(), target, { trigger: 'manual' });
  assert.equal(now.posted, 3, '"Sync now" ignores the window');
});

test('a failed acknowledgement is audited and the run goes on; the documents are recorded', async (t) => {
  const s = setup(t);
  const source = fakeSource({ pull: pages([doc({ sourceId: 'R1' })]), acknowledge: async () => { throw new ConnectorError('UNAVAILABLE', 'FIS busy', { correlationId: 'k-1' }); } });
  const r = await run(s, source, new ScriptedTarget());
  assert.deepEqual([r.status, r.posted], ['succeeded', 1]);
  const ack = audits(s, 'fetch').find((e) => e.outcome === 'ack_failed')!;
  assert.equal(ack.message, 'Acknowledgement to the source failed (the documents are recorded and will be acknowledged on the next pull): FIS busy');
  assert.equal(ack.correlationId, 'k-1');
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.msg === 'acknowledgement failed' && l.fields?.error === 'FIS busy'));
  const s2 = setup(t);
  await run(s2, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]), acknowledge: async () => { throw 'odd'; } }), new ScriptedTarget());
  assert.match(audits(s2, 'fetch').find((e) => e.outcome === 'ack_failed')!.message, /: odd$/);
  let called = 0;
  await run(setup(t), fakeSource({ pull: pages([]), acknowledge: async () => void called++ }), new ScriptedTarget());
  assert.equal(called, 0, 'an empty page is not acknowledged');
});

test('a batch-capable target takes fresh rows in groups of its batch size', async (t) => {
  const s = setup(t);
  const groups: number[] = [];
  const base = new ScriptedTarget();
  const target = Object.assign(base, {
    capabilities: { ...base.capabilities, maxBatch: 2 },
    postBatch: async (plans: PostingPlan[]): Promise<PostOutcome[]> => {
      groups.push(plans.length);
      return plans.map((p) => ({ status: 'posted', erpId: `B-${p.sourceId}`, warnings: [] }));
    },
  });
  const r = await run(s, fakeSource({ pull: pages([1, 2, 3, 4, 5].map((i) => doc({ sourceId: `R${i}` }))) }), target);
  assert.equal(r.posted, 5);
  assert.deepEqual(groups, [2, 2], 'the last single row goes the one-by-one way');
  assert.equal(target.posts, 1);
  const zero = setup(t);
  const groups0: number[] = [];
  const t0 = Object.assign(new ScriptedTarget(), { capabilities: { ...base.capabilities, maxBatch: 0 }, postBatch: async (plans: PostingPlan[]) => (groups0.push(plans.length), plans.map((p) => ({ status: 'posted' as const, erpId: `B-${p.sourceId}`, warnings: [] }))) });
  await run(zero, fakeSource({ pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' })]) }), t0);
  assert.deepEqual(groups0, [], 'a batch size below one posts one by one');
});

test('after a page, documents another install posted at the same moment are settled: counted as linked, not posted', async (t) => {
  const s = setup(t);
  const base = new ScriptedTarget();
  const removed: string[] = [];
  const target = Object.assign(base, {
    findAllExisting: async (plans: readonly PostingPlan[]) => new Map(plans.map((p) => [p.idempotencyKey, p.sourceId === 'R1' ? ['JE-OTHER', base.docs.get(p.idempotencyKey)!] : [base.docs.get(p.idempotencyKey)!]])),
    removeDuplicate: async (erpId: string) => (removed.push(erpId), { removed: true as const }),
  });
  const r = await run(s, fakeSource({ pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2' })]) }), target);
  assert.deepEqual([r.posted, r.linked], [1, 1]);
  assert.deepEqual(removed, ['JE1']);
  const failing = setup(t);
  const broken = Object.assign(new ScriptedTarget(), { findAllExisting: async () => new Map(), removeDuplicate: async () => ({ removed: true as const }) });
  const rs = await import('../../../main/core/engine/races');
  assert.ok(rs.checksRaces(broken));
  const r2 = await run(failing, fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), broken);
  assert.deepEqual([r2.posted, r2.linked], [1, 0]);
});

test('a race check that throws is logged and the posts stand', async (t) => {
  const s = setup(t);
  const target = Object.assign(new ScriptedTarget(), { findAllExisting: async () => new Map(), removeDuplicate: async () => ({ removed: true as const }) });
  s.logger.lines.length = 0;
  const store = s.store;
  const orig = store.postings.get.bind(store.postings);
  let armed = false;
  (store.postings as { get: typeof orig }).get = (id: number) => {
    if (armed) throw new Error('disk gone');
    return orig(id);
  };
  const source = fakeSource({ pull: pages([doc({ sourceId: 'R1' })]), acknowledge: async () => void (armed = false) });
  const deliverDone = Object.assign(target, { post: async (p: PostingPlan) => { const out = await ScriptedTarget.prototype.post.call(target, p); armed = true; return out; } });
  const r = await run(s, source, deliverDone);
  armed = false;
  assert.equal(r.posted, 1);
  assert.ok(s.logger.lines.some((l) => l.level === 'error' && l.msg === 'checking for documents posted twice failed' && l.fields?.error === 'disk gone'));
});

test('source categories are noted and the daily reference push runs inside a real run, not in a dry run', async (t) => {
  const s = setup(t);
  let pushed = 0;
  let listed = 0;
  const source = fakeSource({
    listCategories: async () => (listed++, [{ code: 'TAXI', name: 'Taxi' }]),
    pushReference: async () => (pushed++, { destinations: [], created: 0, updated: 0, deactivated: 0, unchanged: 0, skipped: [], failed: [], deferred: 0, sourceOnly: [] }),
  });
  await run(s, source, new ScriptedTarget(), { dryRun: true });
  assert.deepEqual([listed, pushed], [0, 0]);
  await run(s, source, new ScriptedTarget());
  assert.deepEqual([listed, pushed], [1, 1]);
  assert.ok(s.store.mappings.list('c1', 'expense_type').some((m) => m.sourceCode === 'TAXI'));
  assert.equal(s.store.cursors.get('c1', REFERENCE_PUSH_STREAM), NOW.toISOString());
});

test('receipts are attached after the posts only with a fetch and receipts on; a failing receipt queue never fails the run', async (t) => {
  const s = setup(t, { receipts: { enabled: true } as never });
  const fetchCalls: string[] = [];
  const deps = { ...s.deps, fetch: (async (url: string) => { fetchCalls.push(String(url)); throw new Error('no network'); }) as never };
  s.store.receipts.enqueue = () => { throw new Error('queue broken'); };
  const r = await runSync(deps, s.conn(), { source: fakeSource({ pull: pages([doc({ sourceId: 'R1' })]) }), target: new ScriptedTarget() }, { trigger: 'manual', dryRun: false, actor: 'tester' });
  assert.deepEqual([r.status, r.posted], ['succeeded', 1]);
  assert.ok(s.logger.lines.some((l) => l.level === 'error' && l.msg === 'the receipt queue failed' && l.fields?.error === 'queue broken'));
  const off = setup(t);
  off.store.receipts.enqueue = () => assert.fail('receipts are off');
  const r2 = await runSync({ ...off.deps, fetch: (async () => assert.fail('no fetch')) as never }, off.conn(), { source: fakeSource(), target: new ScriptedTarget() }, { trigger: 'manual', dryRun: false, actor: 'tester' });
  assert.equal(r2.status, 'succeeded');
});

test('receipts of the run\'s posts are handled after them and their counts logged; nothing to do logs nothing', async (t) => {
  const s = setup(t, { receipts: { enabled: true } as never });
  const receipt = { receiptId: 'r1', kind: 'url' as const, locator: 'https://files.example/r1', fileName: 'r1' };
  const deps = { ...s.deps, fetch: (async () => assert.fail('no download: the target takes no attachments')) as never };
  const r = await runSync(deps, s.conn(), { source: fakeSource({ pull: pages([doc({ sourceId: 'R1', receipts: [receipt] })]) }), target: new ScriptedTarget() }, { trigger: 'manual', dryRun: false, actor: 'tester' });
  assert.equal(r.status, 'succeeded');
  const line = s.logger.lines.find((l) => l.msg === 'receipts')!;
  assert.deepEqual([line.level, line.fields?.connectionId, line.fields?.queued, line.fields?.skipped], ['info', 'c1', 1, 1]);
  const again = await runSync(deps, s.conn(), { source: fakeSource(), target: new ScriptedTarget() }, { trigger: 'manual', dryRun: false, actor: 'tester' });
  assert.equal(again.status, 'succeeded');
  assert.equal(s.logger.lines.filter((l) => l.msg === 'receipts').length, 1);
  const receiptAudit = s.store.audit.list({ limit: 50 }).find((e) => e.action === 'receipt')!;
  assert.equal(receiptAudit.actor, 'tester');
});

test('receipts are not handled in a dry run nor without a downloader; a dry run never resumes a paused connection; an active one is not "resumed"', async (t) => {
  const s = setup(t, { receipts: { enabled: true } as never });
  const receipt = { receiptId: 'r1', kind: 'url' as const, locator: 'https://files.example/r1', fileName: 'r1' };
  const source = fakeSource({ pull: pages([doc({ sourceId: 'R1', receipts: [receipt] })]) });
  await run(s, source, new ScriptedTarget());
  await runSync({ ...s.deps, fetch: (async () => assert.fail('no download in a dry run')) as never }, s.conn(), { source: fakeSource(), target: new ScriptedTarget() }, { trigger: 'manual', dryRun: true, actor: 'tester' });
  assert.equal(s.logger.lines.filter((l) => l.msg === 'receipts').length, 0);
  assert.deepEqual(audits(s, 'auth'), [], 'an active connection is not said to resume');
  s.store.connections.setStatus('c1', 'paused', 'Paused after 2 failed sign-ins');
  await run(s, fakeSource(), new ScriptedTarget(), { dryRun: true });
  assert.equal(s.conn().status, 'paused', 'a dry run does not resume it');
});

test('summaryText names linked and recovered only when there are some', () => {
  const s = { status: 'succeeded', fetched: 4, posted: 1, held: 1, failed: 1, skipped: 1, linked: 2, recovered: 3, dryRun: false, wouldPost: 0, wouldLink: 0, error: null } as unknown as RunSummary;
  assert.equal(summaryText(s), 'succeeded: fetched 4, posted 1, held 1, failed 1, skipped 1, already in the ERP 2 (linked, not sent), recovered 3');
  assert.equal(summaryText({ ...s, linked: 0, recovered: 0, status: 'failed', error: 'boom' }), 'failed: fetched 4, posted 1, held 1, failed 1, skipped 1 — boom');
});

test('progress during posting is emitted at most every 200 ms', async (t) => {
  const s = setup(t);
  const target = new ScriptedTarget();
  const slow = Object.assign(target, { post: async (p: PostingPlan) => { s.clock.advance(150); return ScriptedTarget.prototype.post.call(target, p); } });
  await run(s, fakeSource({ pull: pages([1, 2, 3, 4].map((i) => doc({ sourceId: `R${i}` }))) }), slow);
  const phases = s.events.events.filter((e) => e.type === 'run.progress').map((e) => (e.payload as { phase: string; posted: number }));
  const between = phases.slice(phases.findIndex((p) => p.phase === 'fetch') + 1, -1);
  assert.equal(between.length, 2, '4 posts 150 ms apart, 600 ms in all: one progress event per 200 ms at most (not one per post)');
  assert.deepEqual(between[0], { ...between[0]!, phase: 'post', posted: 2 });
  assert.equal(between[1]!.phase, 'fetch', 'the page end is a fetch progress');
});

test('the plan uses what the run knows: the ERP\'s closed periods hold a document, the source tenant is part of its key', async (t) => {
  const s = setup(t);
  const base = new ScriptedTarget();
  const orig = base.readReference.bind(base);
  const target = Object.assign(base, {
    readReference: async function* () {
      for await (const page of orig()) yield page;
      yield [{ kind: 'period' as const, dimensionType: 'closed', code: '2026-10-01/2026-10-31', name: 'Oct', active: false }];
    },
  });
  const r = await run(s, fakeSource({ tenant: 'TEN-1', pull: pages([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2', documentDate: '2026-11-03' })]) }), target);
  assert.deepEqual([r.held, r.posted], [1, 1]);
  const held = s.store.postings.list({ connectionId: 'c1', status: 'held', limit: 5 })[0]!;
  assert.equal(held.source_id, 'R1');
  assert.match(held.reasons_json, /PERIOD_CLOSED/);
  const posted = s.store.postings.list({ connectionId: 'c1', status: 'posted', limit: 5 })[0]!;
  assert.equal(posted.idempotency_key, keysFor(doc({ sourceId: 'R2', documentDate: '2026-11-03' }), 'c1', 'TEN-1').key);
});

test('a pull that did not finish keeps the previous cursor; a failed look-up waits the longest backoff', async (t) => {
  const s = setup(t);
  s.store.cursors.set('c1', CURSOR_STREAM, 'cursor-1');
  const unfinished = fakeSource({ pull: () => ({ batches: (async function* () { yield [doc({ sourceId: 'R1' })]; })(), finalCursor: () => null }) });
  const down = Object.assign(new ScriptedTarget(), { findExisting: async () => { throw new ConnectorError('UNAVAILABLE', 'X3 down', { retryable: true }); } });
  const r = await run(s, unfinished, down);
  assert.equal(r.failed, 1);
  assert.equal(s.store.cursors.get('c1', CURSOR_STREAM), 'cursor-1');
  const row = s.store.postings.list({ connectionId: 'c1', limit: 5 })[0]!;
  assert.equal(row.next_attempt_at, new Date(NOW.getTime() + 10).toISOString(), 'retry.maxDelayMs after now');
});

test('the run finishes with a log line, the summary saved and the finish events, also when it fails', async (t) => {
  const s = setup(t);
  const r = await run(s, fakeSource({ pull: () => { throw new ConnectorError('UNAVAILABLE', 'Concur down'); } }), new ScriptedTarget());
  assert.equal(s.store.runs.last('c1')!.status, 'failed');
  assert.equal(s.store.runs.last('c1')!.error, 'Concur down');
  const fin = s.logger.lines.find((l) => l.msg === 'sync finished')!;
  assert.deepEqual([fin.level, fin.fields?.runId, fin.fields?.summary], ['info', r.runId, 'failed: fetched 0, posted 0, held 0, failed 0, skipped 0 — Concur down']);
  const finished = s.events.events.find((e) => e.type === 'run.finished')!;
  assert.equal((finished.payload as RunSummary).status, 'failed');
  assert.deepEqual((s.events.events.at(-1)!.payload as { tags: string[] }).tags, ['postings', 'runs', 'audit', 'mappings', 'reference', 'connections']);
  const done = s.events.events.filter((e) => e.type === 'run.progress').at(-1)!.payload as { phase: string; runId: string; connectionId: string };
  assert.deepEqual([done.phase, done.runId, done.connectionId], ['done', r.runId, 'c1']);
});
