// deliver() in detail: backoff between attempts, the ERP's correlation id kept in the audit, a row tried
// before looked up even when the page was just looked up, what a definite refusal and an unknown outcome
// leave behind, and a "duplicate reference" the ERP cannot show us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostOutcome } from '../../../main/core/adapters/types';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { ConnectorError } from '../../../main/core/errors';
import { deliver } from '../../../main/core/engine/deliver';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { fixedClock, unitWorld } from '../../helpers/engine-unit';

function setup(t: Parameters<typeof unitWorld>[0], answers: Array<PostOutcome | Error>, maxAttempts = 3) {
  const w = unitWorld(t);
  const row = w.add({ sourceId: 'R1' });
  const target = Object.assign(new ScriptedTarget(), {
    post: async (p: PostingPlan): Promise<PostOutcome> => {
      target.posts++;
      const a = answers.shift() ?? { status: 'posted', erpId: `JE-${p.sourceId}`, warnings: [] };
      if (a instanceof Error) throw a;
      return a;
    },
  });
  const clock = fixedClock();
  const deps = { store: w.store, target, clock, retry: { maxAttempts, baseDelayMs: 100, maxDelayMs: 100_000, pauseAfterAuthFailures: 3 }, actor: 'tester', confirmToSource: false };
  const audit = () => w.store.audit.list({ limit: 50 }).filter((e) => e.sourceId === 'R1').reverse();
  return { ...w, row, target, clock, deps, audit };
}

const down = (id = 'corr-1') => new ConnectorError('UNAVAILABLE', 'X3 down', { retryable: true, correlationId: id });

test('backoff grows from the base delay, and every failed attempt is audited with the ERP correlation id', async (t) => {
  const s = setup(t, [down('c-1'), down('c-2')]);
  assert.equal(await deliver(s.row, s.deps, true), 'posted');
  assert.equal(s.clock.slept.length, 2);
  assert.ok(s.clock.slept[0]! >= 50 && s.clock.slept[0]! <= 100, `first wait ${s.clock.slept[0]} is within the base delay`);
  assert.ok(s.clock.slept[1]! >= 100 && s.clock.slept[1]! <= 200, `second wait ${s.clock.slept[1]} doubles`);
  const tries = s.audit().filter((e) => e.outcome === 'retrying');
  assert.deepEqual(tries.map((e) => [e.action, e.message, e.correlationId]), [['fail', 'Attempt 1 of 3 failed: X3 down', 'c-1'], ['fail', 'Attempt 2 of 3 failed: X3 down', 'c-2']]);
});

test('after the last attempt: failed with the ERP error kept (not a generic one), retried after the longest delay', async (t) => {
  const s = setup(t, [down('a'), down('b')], 2);
  assert.equal(await deliver(s.row, s.deps, true), 'failed');
  const r = s.store.postings.get(s.row.id)!;
  assert.equal(JSON.parse(r.last_error_json!).code, 'UNAVAILABLE');
  assert.equal(r.next_attempt_at, new Date(s.clock.now().getTime() + 100_000).toISOString());
  const last = s.audit().at(-1)!;
  assert.deepEqual([last.action, last.outcome, last.message, last.correlationId], ['fail', 'failed', 'Failed after 2 attempts, retry later: X3 down', 'b']);
});

test('a row tried before is looked up first even when its page was just looked up', async (t) => {
  const s = setup(t, []);
  s.store.postings.markSending(s.row.id);
  s.store.postings.markFailed(s.row.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'TIMEOUT', message: 'x', retryable: true } as never, null);
  s.target.docs.set(s.row.idempotency_key, 'JE-LANDED');
  assert.equal(await deliver(s.store.postings.get(s.row.id)!, s.deps, true), 'posted');
  assert.equal(s.target.posts, 0);
  assert.equal(s.store.postings.get(s.row.id)!.erp_id, 'JE-LANDED');
  assert.match(s.audit().at(-1)!.message, /^Found already in the ERP as JE-LANDED after an uncertain attempt; not sent again$/);
});

test('a definite refusal that is not a business rejection is held with the ERP message and error, audited with its id', async (t) => {
  const s = setup(t, [new ConnectorError('BAD_REQUEST', 'XML invalid at line 3', { retryable: false, correlationId: 'bad-1' })]);
  assert.equal(await deliver(s.row, s.deps, true), 'held');
  const r = s.store.postings.get(s.row.id)!;
  assert.deepEqual(JSON.parse(r.reasons_json), [{ code: 'ERP_REJECTED', message: 'XML invalid at line 3' }]);
  assert.equal(JSON.parse(r.last_error_json!).code, 'BAD_REQUEST');
  const a = s.audit().at(-1)!;
  assert.deepEqual([a.action, a.outcome, a.message, a.correlationId], ['hold', 'held', 'XML invalid at line 3', 'bad-1']);
  assert.equal(s.target.posts, 1);
});

test('an unknown outcome that cannot be retried now: failed, to be looked up before any re-send, said so', async (t) => {
  const s = setup(t, [new ConnectorError('REMOTE_PROTOCOL', 'answer cut off', { retryable: false, uncertain: true, correlationId: 'u-1' })]);
  assert.equal(await deliver(s.row, s.deps, true), 'failed');
  const r = s.store.postings.get(s.row.id)!;
  assert.equal(r.status, 'failed');
  assert.equal(r.next_attempt_at, s.clock.now().toISOString(), 'due at once: the next run looks it up');
  const a = s.audit().at(-1)!;
  assert.deepEqual([a.action, a.outcome, a.message, a.correlationId], ['fail', 'failed', 'Outcome unknown, will check the ERP before any re-send: answer cut off', 'u-1']);
});

test('the ERP says the reference exists but a look-up finds nothing: held with both facts, never posted twice', async (t) => {
  const s = setup(t, [{ status: 'duplicate', message: 'reference already used' }]);
  assert.equal(await deliver(s.row, s.deps, true), 'held');
  const msg = `The ERP says this document's reference ${s.row.idempotency_key} already exists, but a look-up by that reference finds nothing: reference already used`;
  assert.deepEqual(JSON.parse(s.store.postings.get(s.row.id)!.reasons_json), [{ code: 'ERP_REJECTED', message: msg }]);
  const a = s.audit().at(-1)!;
  assert.deepEqual([a.action, a.outcome, a.message, a.erpId], ['hold', 'held', msg, null]);
});
