// Confirmations back to the source: a posted document is confirmed with its ERP id and posting date, a
// dismissal and a hold that can never post as sent are reported as failures with the reason; holds the
// accountant can fix here are not sent; a failed confirmation is retried later and never re-posts anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfirmOutcome, SourceAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { confirmPending, wantsConfirmation } from '../../../main/core/engine/confirm';
import { finalAtSource, heldMessage } from '../../../main/core/engine/source-holds';
import { doc } from '../../helpers/docs';
import { fakeSource, unitWorld } from '../../helpers/engine-unit';

type Sent = { sourceId: string; meta: Record<string, string>; outcome: ConfirmOutcome };

function oneByOne(fail: (sourceId: string) => Error | null = () => null) {
  const sent: Sent[] = [];
  const source = fakeSource({ confirm: async (d, outcome) => {
    sent.push({ ...d, outcome });
    const e = fail(d.sourceId);
    if (e) throw e;
  } });
  return { sent, source };
}

function world(t: Parameters<typeof unitWorld>[0]) {
  const w = unitWorld(t);
  const posted = w.add({ sourceId: 'P1', doc: doc({ sourceId: 'P1', meta: { fis: 'x1' } }) });
  w.store.postings.markPosted(posted.id, 'JE-1', true);
  const dismissed = w.add({ sourceId: 'D1' });
  w.store.postings.markDismissed(dismissed.id, 'duplicate of R7', true);
  const unpostable = w.add({ sourceId: 'H1', status: 'held', reasons: [{ code: 'UNSUPPORTED_DOCUMENT', message: 'cash advances are not posted' }, { code: 'NEEDS_MAPPING', message: 'map MEALS' }] });
  const fixable = w.add({ sourceId: 'H2', status: 'held', reasons: [{ code: 'NEEDS_MAPPING', message: 'map HOTEL' }] });
  return { ...w, posted, dismissed, unpostable, fixable };
}

test('wantsConfirmation: a source with confirm or confirmBatch wants one; others do not', () => {
  assert.equal(wantsConfirmation(fakeSource()), false);
  assert.equal(wantsConfirmation(fakeSource({ confirm: async () => {} })), true);
  assert.equal(wantsConfirmation(fakeSource({ confirmBatch: async () => [] })), true);
});

test('one by one: posted with ERP id and posting date, dismissal and final hold as failures with the reason; a fixable hold is not sent', async (t) => {
  const w = world(t);
  const { sent, source } = oneByOne();
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 3, failed: 0 });
  assert.deepEqual(sent.map((s) => [s.sourceId, s.outcome]), [
    ['P1', { ok: true, erpId: 'JE-1', postingDate: '2026-10-05' }],
    ['D1', { ok: false, reason: 'Dismissed in ml-connector: duplicate of R7' }],
    ['H1', { ok: false, reason: 'Not posted by ml-connector: cash advances are not posted' }],
  ]);
  assert.deepEqual(sent[0]!.meta, { fis: 'x1' }, 'the source gets the document meta it gave');
  for (const row of [w.posted, w.dismissed, w.unpostable]) assert.equal(w.store.postings.get(row.id)!.confirm_status, 'done');
  assert.equal(w.store.postings.get(w.fixable.id)!.confirm_status, 'none');
  const audit = w.store.audit.list({ limit: 20 }).filter((e) => e.action === 'confirm').map((e) => [e.sourceId, e.outcome, e.message]).sort();
  assert.deepEqual(audit, [
    ['D1', 'ok', 'Dismissal reported to concur'],
    ['H1', 'ok', 'Hold reported as not posted to concur'],
    ['P1', 'ok', 'Posting confirmed to concur'],
  ]);
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 0, failed: 0 }, 'each said once');
  assert.equal(sent.length, 3);
});

test('a failed confirmation stays pending with the error and its correlation id; the others go on', async (t) => {
  const w = world(t);
  const { sent, source } = oneByOne((id) => (id === 'P1' ? new ConnectorError('UNAVAILABLE', 'Concur 503', { correlationId: 'cid-1' }) : id === 'D1' ? new Error('plain') : null));
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 1, failed: 2 });
  assert.equal(w.store.postings.get(w.posted.id)!.confirm_status, 'pending');
  assert.equal(w.store.postings.get(w.posted.id)!.status, 'posted');
  const fails = w.store.audit.list({ limit: 20 }).filter((e) => e.outcome === 'retry_later');
  assert.deepEqual(fails.map((e) => [e.sourceId, e.message, e.correlationId, e.erpId]).sort(), [
    ['D1', 'Confirmation failed, will retry: plain', null, null],
    ['P1', 'Confirmation failed, will retry: Concur 503', 'cid-1', 'JE-1'],
  ]);
  assert.deepEqual(await confirmPending(w.store, 'c1', oneByOne().source, 'tester'), { confirmed: 2, failed: 0 }, 'retried on the next run');
  assert.equal(sent.length, 3);
});

test('a source without confirmations is not asked and nothing changes', async (t) => {
  const w = world(t);
  assert.deepEqual(await confirmPending(w.store, 'c1', fakeSource(), 'tester'), { confirmed: 0, failed: 0 });
  assert.equal(w.store.postings.get(w.posted.id)!.confirm_status, 'pending');
});

test('nothing to confirm: the source is not called', async (t) => {
  const w = unitWorld(t);
  const { sent, source } = oneByOne();
  w.add({ sourceId: 'X' });
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 0, failed: 0 });
  assert.equal(sent.length, 0);
});

test('batch: one call per 100, answers matched by source id, a missing answer retried, a recall after posting noted once', async (t) => {
  const w = unitWorld(t);
  const rows = Array.from({ length: 102 }, (_, i) => {
    const r = w.add({ sourceId: `B${i}` });
    w.store.postings.markPosted(r.id, `E${i}`, true);
    return r;
  });
  const calls: number[] = [];
  const source: SourceAdapter = fakeSource({
    confirmBatch: async (items) => {
      calls.push(items.length);
      return items.filter((i) => i.doc.sourceId !== 'B5').map((i) => ({ sourceId: i.doc.sourceId, ok: i.doc.sourceId !== 'B6', error: i.doc.sourceId === 'B6' ? 'report locked' : undefined, recalled: i.doc.sourceId === 'B7' }));
    },
  });
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 100, failed: 2 });
  assert.deepEqual(calls, [100, 2]);
  const msgs = w.store.audit.list({ limit: 500 }).filter((e) => e.outcome === 'retry_later').map((e) => [e.sourceId, e.message]).sort();
  assert.deepEqual(msgs, [['B5', 'Confirmation failed, will retry: no answer for this document'], ['B6', 'Confirmation failed, will retry: report locked']]);
  const recalls = w.store.audit.list({ limit: 500 }).filter((e) => e.action === 'changed_after_posting');
  assert.equal(recalls.length, 1);
  assert.equal(recalls[0]!.sourceId, 'B7');
  assert.equal(recalls[0]!.outcome, 'recalled');
  assert.match(recalls[0]!.message, /^Recalled in concur after it was posted as E7; kept as change #\d+, nothing reversed/);
  assert.equal(w.store.postings.get(rows[7]!.id)!.status, 'posted', 'a recall never reverses by itself');
  assert.equal(w.store.postings.get(rows[7]!.id)!.changed_after_posting, 1, 'the row is flagged changed after posting, like any change');
  assert.equal(w.store.postings.get(rows[6]!.id)!.changed_after_posting, 0, 'a row not recalled is not flagged');
  // B7 confirmed; a second answer "recalled" for a row already noted is not noted twice.
  const again = w.add({ sourceId: 'B7b' });
  w.store.postings.markPosted(again.id, 'E7b', true);
  await confirmPending(w.store, 'c1', fakeSource({ confirmBatch: async (items) => items.map((i) => ({ sourceId: i.doc.sourceId, ok: false, recalled: true })) }), 'tester');
  assert.deepEqual(await confirmPending(w.store, 'c1', fakeSource({ confirmBatch: async (items) => items.map((i) => ({ sourceId: i.doc.sourceId, ok: true, recalled: true })) }), 'tester'), { confirmed: 3, failed: 0 }, 'a recall said again is confirmed, not noted twice');
  assert.equal(w.store.audit.list({ limit: 500 }).filter((e) => e.action === 'changed_after_posting' && e.sourceId === 'B7b').length, 1);
});

test('batch: exactly 100 rows are one call', async (t) => {
  const w = unitWorld(t);
  for (let i = 0; i < 100; i++) w.store.postings.markPosted(w.add({ sourceId: `B${i}` }).id, `E${i}`, true);
  const calls: number[] = [];
  await confirmPending(w.store, 'c1', fakeSource({ confirmBatch: async (items) => (calls.push(items.length), items.map((i) => ({ sourceId: i.doc.sourceId, ok: true }))) }), 'tester');
  assert.deepEqual(calls, [100]);
});

test('batch: a recall answer for a dismissal is not a change after posting', async (t) => {
  const w = unitWorld(t);
  const d = w.add({ sourceId: 'D1' });
  w.store.postings.markDismissed(d.id, 'no', true);
  await confirmPending(w.store, 'c1', fakeSource({ confirmBatch: async (items) => items.map((i) => ({ sourceId: i.doc.sourceId, ok: true, recalled: true })) }), 'tester');
  assert.equal(w.store.audit.list({ limit: 50 }).filter((e) => e.action === 'changed_after_posting').length, 0);
});

test('batch: a failed call fails its whole chunk with the error and correlation id', async (t) => {
  const w = world(t);
  const source = fakeSource({ confirmBatch: async () => { throw new ConnectorError('UNAVAILABLE', 'Expensify down', { correlationId: 'c-7' }); } });
  assert.deepEqual(await confirmPending(w.store, 'c1', source, 'tester'), { confirmed: 0, failed: 3 });
  const fails = w.store.audit.list({ limit: 20 }).filter((e) => e.outcome === 'retry_later');
  assert.ok(fails.every((e) => e.message === 'Confirmation failed, will retry: Expensify down' && e.correlationId === 'c-7'));
  const plain = fakeSource({ confirmBatch: async () => { throw 'gone'; } });
  assert.deepEqual(await confirmPending(w.store, 'c1', plain, 'tester'), { confirmed: 0, failed: 3 });
  assert.ok(w.store.audit.list({ limit: 20 }).some((e) => e.message === 'Confirmation failed, will retry: gone' && e.correlationId === null));
});

test('the posting date falls back to the posting time without a plan date, and a dismissal without reason says so', async (t) => {
  const w = unitWorld(t);
  const noPlan = w.add({ sourceId: 'N1', plan: null });
  w.store.postings.markPosted(noPlan.id, 'JE-9', true);
  const d = w.add({ sourceId: 'D2' });
  w.store.db.prepare("UPDATE postings SET status = 'dismissed', confirm_status = 'pending', dismiss_reason = NULL WHERE id = ?").run(d.id);
  const broken = w.add({ sourceId: 'N2' });
  w.store.postings.markPosted(broken.id, 'JE-10', true);
  w.store.db.prepare("UPDATE postings SET plan_json = '{oops' WHERE id = ?").run(broken.id);
  const { sent, source } = oneByOne();
  await confirmPending(w.store, 'c1', source, 'tester');
  const by = new Map(sent.map((s) => [s.sourceId, s.outcome]));
  assert.deepEqual(by.get('N1'), { ok: true, erpId: 'JE-9', postingDate: '2026-12-06' });
  assert.deepEqual(by.get('N2'), { ok: true, erpId: 'JE-10', postingDate: '2026-12-06' });
  assert.deepEqual(by.get('D2'), { ok: false, reason: 'Dismissed in ml-connector: no reason given' });
});

test('a held row with unreadable reasons is not reported', async (t) => {
  const w = unitWorld(t);
  const h = w.add({ sourceId: 'H9', status: 'held', reasons: [{ code: 'SOURCE_INVALID', message: 'x' }] });
  w.store.db.prepare("UPDATE postings SET reasons_json = 'nope' WHERE id = ?").run(h.id);
  const { sent, source } = oneByOne();
  await confirmPending(w.store, 'c1', source, 'tester');
  assert.equal(sent.length, 0);
});

test('source-holds: only reasons the source must fix are final there; the message lists them', () => {
  const all = ['UNSUPPORTED_DOCUMENT', 'SOURCE_INVALID', 'INVALID_AMOUNT', 'INVALID_CURRENCY', 'ALLOCATION_INVALID', 'NEEDS_MAPPING', 'PERIOD_CLOSED', 'ACCOUNT_UNKNOWN'].map((code) => ({ code, message: code.toLowerCase() })) as never[];
  assert.deepEqual(finalAtSource(all).map((r: { code: string }) => r.code), ['UNSUPPORTED_DOCUMENT', 'SOURCE_INVALID', 'INVALID_AMOUNT', 'INVALID_CURRENCY', 'ALLOCATION_INVALID']);
  assert.equal(heldMessage([{ code: 'SOURCE_INVALID', message: 'no date' }, { code: 'INVALID_AMOUNT', message: 'NaN' }]), 'Not posted by ml-connector: no date; NaN');
});
