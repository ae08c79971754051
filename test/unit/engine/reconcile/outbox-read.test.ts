// The outbox side of a month and the ERP read without a read-back: which rows belong to the month (posting
// date, else document date, else the day read), what each carries (keys, totals, who dismissed it), and the
// presence-only ERP side built from the duplicate-protection look-up, said as partial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { TargetAdapter } from '../../../../main/core/adapters/types';
import { readOutboxPeriod } from '../../../../main/core/engine/reconcile/outbox-read';
import { currentPeriod, inPeriod, parsePeriod } from '../../../../main/core/engine/reconcile/period';
import { KEY_PREFIX, reconcileConnection } from '../../../../main/core/engine/reconcile/run';
import { doc } from '../../../helpers/docs';
import { fakeSource, journalPlan, unitWorld } from '../../../helpers/engine-unit';

const oct = parsePeriod('2026-10', new Date('2026-12-06T00:00:00Z'));

function world(t: Parameters<typeof unitWorld>[0]) {
  const w = unitWorld(t);
  const posted = (sourceId: string, postingDate: string, amount = 100, lookupKeys?: string[]) => {
    const key = `MLC-${sourceId}`;
    const plan = { ...journalPlan(key, sourceId, amount), postingDate, ...(lookupKeys ? { lookupKeys } : {}) } as PostingPlan;
    const row = w.add({ sourceId, key, plan, doc: doc({ sourceId, documentDate: '2026-09-28' }) });
    w.store.postings.markPosted(row.id, `E-${sourceId}`, false);
    return row;
  };
  return { ...w, posted };
}

test('the month is the posting date, else the document date; keys include the older forms; totals from the row and the plan', (t) => {
  const w = world(t);
  w.posted('P1', '2026-10-01', 100, ['MLC-OLD-P1']);
  w.posted('P2', '2026-10-31');
  w.posted('P3', '2026-11-01');
  w.add({ sourceId: 'H1', status: 'held', plan: null, doc: doc({ sourceId: 'H1', documentDate: '2026-10-15' }), reasons: [{ code: 'NEEDS_MAPPING', message: 'map it' }] });
  w.add({ sourceId: 'H2', status: 'held', plan: null, doc: doc({ sourceId: 'H2', documentDate: '2026-09-30' }) });
  const o = readOutboxPeriod(w.store, 'c1', oct);
  assert.deepEqual(o.docs.map((d) => [d.sourceId, d.date, d.status]), [['P1', '2026-10-01', 'posted'], ['P2', '2026-10-31', 'posted'], ['H1', '2026-10-15', 'held']]);
  const p1 = o.docs[0]!;
  assert.deepEqual(p1.keys, ['MLC-P1', 'MLC-OLD-P1']);
  assert.deepEqual([p1.total, p1.planned, p1.erpId, p1.changedAfterPosting, p1.dismissedBy], [{ amountMinor: 100, currency: 'EUR' }, { amountMinor: 100, currency: 'EUR' }, 'E-P1', false, null]);
  assert.deepEqual(o.docs[2]!.reasons, [{ code: 'NEEDS_MAPPING', message: 'map it' }]);
  assert.equal(o.docs[2]!.planned, null, 'no plan: nothing planned');
  assert.deepEqual([...o.knownKeys].sort(), ['MLC-H1XXXXXXXXXXXXXX', 'MLC-H2XXXXXXXXXXXXXX', 'MLC-OLD-P1', 'MLC-P1', 'MLC-P2', 'MLC-P3'], 'every key of the connection, any month');
  assert.deepEqual([...o.plans.keys()], ['MLC-P1', 'MLC-P2'], 'plans of the month\'s posted rows only');
  const short = readOutboxPeriod(w.store, 'c1', oct, false);
  assert.equal(short.docs.length, 3);
  assert.equal(short.knownKeys.size + short.plans.size, 0);
});

test('a dismissed row names who dismissed it; a change after posting is carried; a row without plan or date falls on the day read', (t) => {
  const w = world(t);
  const d = w.add({ sourceId: 'D1', plan: null, doc: doc({ sourceId: 'D1', documentDate: '2026-10-03' }) });
  w.store.postings.markDismissed(d.id, 'duplicate');
  w.store.audit.append({ connectionId: 'c1', actor: 'ann', action: 'dismiss', sourceId: 'D1', outcome: 'dismissed', message: 'x' });
  const c = w.posted('C1', '2026-10-09');
  w.store.postings.markChangedAfterPosting(c.id);
  w.add({ sourceId: 'N1', plan: null, doc: doc({ sourceId: 'N1', documentDate: null as never }) });
  const o = readOutboxPeriod(w.store, 'c1', oct);
  assert.deepEqual(o.docs.map((x) => [x.sourceId, x.dismissedBy, x.dismissReason, x.changedAfterPosting]), [['D1', 'ann', 'duplicate', false], ['C1', null, null, true]]);
  const dec = readOutboxPeriod(w.store, 'c1', parsePeriod('2026-12', new Date('2026-12-06T00:00:00Z')));
  assert.deepEqual(dec.docs.map((x) => [x.sourceId, x.date]), [['N1', '2026-12-06']]);
});

test('periods: YYYY-MM only, never the future; the month\'s first and last day; inPeriod by day', () => {
  const today = new Date('2026-12-06T00:00:00Z');
  assert.deepEqual(parsePeriod(' 2024-02 ', today), { period: '2024-02', from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(parsePeriod('2026-12', today), { period: '2026-12', from: '2026-12-01', to: '2026-12-31' });
  assert.throws(() => parsePeriod('2027-01', today), /The period 2027-01 is in the future \(today is 2026-12-06\): there is nothing to reconcile yet/);
  assert.throws(() => parsePeriod('2026-13', today), /The period must be a month written YYYY-MM \(for example 2026-11\), not "2026-13"/);
  assert.equal(currentPeriod(today), '2026-12');
  assert.equal(currentPeriod(new Date('2026-01-31T23:00:00Z')), '2026-01');
  assert.deepEqual(['2026-10-01', '2026-10-31T23:59', '2026-09-30', '2026-11-01', null, ''].map((d) => inPeriod(d, oct)), [true, true, false, false, false, false]);
});

const noReadBack = (over: Partial<TargetAdapter>) => ({ system: 'sage-x3', capabilities: {}, findExisting: async () => null, post: async () => assert.fail('never posts'), ...over }) as unknown as TargetAdapter;

test('an ERP without read-back: posted documents looked up by reference (one call), presence only, partial; held ones are not asked', async (t) => {
  const w = world(t);
  w.posted('P1', '2026-10-05');
  w.posted('P2', '2026-10-06');
  w.add({ sourceId: 'H1', status: 'held', plan: null, doc: doc({ sourceId: 'H1', documentDate: '2026-10-15' }) });
  const asked: string[][] = [];
  const target = noReadBack({ findExistingMany: async (plans: readonly PostingPlan[]) => (asked.push(plans.map((p) => p.idempotencyKey)), new Map([['MLC-P1', { erpId: 'E-P1', key: 'MLC-P1' }]])) });
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource({ periodUnavailable: 'Expensify lists no past periods' }), target }, oct);
  assert.deepEqual(asked, [['MLC-P1', 'MLC-P2']]);
  assert.equal(r.erpBasis, 'presence_only');
  assert.equal(r.sourceBasis, 'local_copy');
  assert.deepEqual(r.partialReasons, [
    'Source (concur): Expensify lists no past periods, so the source figures are the local copy of what was read from it',
    'ERP (sage-x3): the posted documents were looked up by reference (the duplicate-protection look-up), but their totals are not read back for this ERP, and documents posted by hand under our prefix are not searched',
  ]);
  assert.deepEqual(r.differences.map((d) => [d.category, d.sourceId]).sort(), [['held', 'H1'], ['unexplained', 'P2']]);
  assert.equal(r.documents.matched, 1);
  assert.deepEqual(r.totals.erp, [], 'presence carries no totals');
});

test('without a batched look-up each plan is asked; several documents under one key are a duplicate', async (t) => {
  const w = world(t);
  w.posted('P1', '2026-10-05');
  w.posted('P2', '2026-10-06');
  let one = 0;
  const target = noReadBack({
    findExisting: async (p: PostingPlan) => (one++, { erpId: `E-${p.sourceId}`, key: p.idempotencyKey }),
    findAllExisting: async (plans: readonly PostingPlan[]) => new Map(plans.map((p) => [p.idempotencyKey, p.sourceId === 'P2' ? ['E-P2', 'E-P2-AGAIN'] : ['E-P1']])),
  });
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target }, oct);
  assert.equal(one, 2);
  assert.deepEqual(r.differences.map((d) => [d.category, d.sourceId, d.erpIds.join(' ')]), [['erp_duplicate', 'P2', 'E-P2 E-P2-AGAIN']]);
  assert.match(r.partialReasons[0]!, /its API cannot list the approved documents of a past period here/);
});

test('a failing look-up is said and leaves no ERP figures; nothing posted means no look-up at all', async (t) => {
  const w = world(t);
  w.posted('P1', '2026-10-05');
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target: noReadBack({ findExistingMany: async () => { throw new Error('X3 500'); } }) }, oct);
  assert.equal(r.erpBasis, 'not_read');
  assert.match(r.partialReasons.at(-1)!, /^ERP \(sage-x3\) look-up failed: Unexpected error: X3 500\. No ERP figures$/);
  assert.equal(r.counts.unexplained, 0, 'not read: nothing judged missing');
  const empty = world(t);
  const r2 = await reconcileConnection(empty.store, empty.conn(), { source: fakeSource(), target: noReadBack({ findExistingMany: async () => assert.fail('nothing to ask'), findAllExisting: async () => assert.fail('nothing to ask') }) }, oct);
  assert.equal(r2.erpBasis, 'presence_only');
});

test('a read-back: keys of held and dismissed rows are not asked; an incomplete read is partial and its unchecked keys are not judged; accounts add up per account and currency', async (t) => {
  const w = world(t);
  w.posted('P1', '2026-10-05', 1000);
  w.posted('P2', '2026-10-06', 2000);
  w.add({ sourceId: 'H1', status: 'held', plan: null, doc: doc({ sourceId: 'H1', documentDate: '2026-10-15' }) });
  w.add({ sourceId: 'W1', doc: doc({ sourceId: 'W1', documentDate: '2026-10-16' }), plan: { ...journalPlan('MLC-W1', 'W1', 300), postingDate: '2026-10-16' } as PostingPlan, key: 'MLC-W1' });
  const f1 = w.add({ sourceId: 'F1', doc: doc({ sourceId: 'F1' }), plan: { ...journalPlan('MLC-F1', 'F1', 40), postingDate: '2026-10-17' } as PostingPlan, key: 'MLC-F1' });
  w.store.postings.markFailed(f1.id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], { code: 'UNAVAILABLE', message: 'x', retryable: true } as never, null);
  let asked: readonly string[] = [];
  const acc = (account: string, d: number, c: number) => ({ account, currency: 'EUR', debitMinor: d, creditMinor: c });
  const target = noReadBack({
    readBack: async (q: { keys: readonly string[]; prefix: string }) => {
      asked = q.keys;
      assert.equal(q.prefix, KEY_PREFIX);
      return {
        incomplete: 'stopped on page 3 (timeout)',
        uncheckedKeys: ['MLC-P2'],
        documents: [
          { erpId: 'E-P1', key: 'MLC-P1', date: '2026-10-05', status: 'Posted', totals: [{ currency: 'EUR', amountMinor: 1000 }], accounts: [acc('625100', 1000, 0), acc('421000', 0, 1000)], url: null },
          { erpId: 'HAND', key: 'MLC-HAND', date: '2026-10-09', status: null, totals: [{ currency: 'EUR', amountMinor: 7 }], accounts: [acc('625100', 7, 0)], url: null },
          { erpId: 'E-OTHER-MONTH', key: 'MLC-P3', date: '2026-11-02', status: null, totals: [{ currency: 'EUR', amountMinor: 9 }], accounts: [acc('999', 9, 0)], url: null },
        ],
      };
    },
  });
  w.posted('P3', '2026-11-02');
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target }, oct);
  assert.deepEqual([...asked].sort(), ['MLC-F1', 'MLC-P1', 'MLC-P2', 'MLC-W1']);
  assert.ok(r.partialReasons.includes('ERP (sage-x3) read-back stopped part-way: stopped on page 3 (timeout). Figures cover what was read'));
  assert.equal(r.documents.matched, 2, 'P2 was not read: not judged missing');
  assert.deepEqual(r.erpAccounts, [{ account: '421000', currency: 'EUR', debitMinor: 0, creditMinor: 1000 }, { account: '625100', currency: 'EUR', debitMinor: 1007, creditMinor: 0 }], 'another month\'s document of ours is left out');
  assert.deepEqual(r.totals.erp, [{ currency: 'EUR', amountMinor: 1007 }]);
  assert.deepEqual(r.outbox, { posted: [{ currency: 'EUR', amountMinor: 3000 }], held: [{ currency: 'EUR', amountMinor: 100 }], failed: [{ currency: 'EUR', amountMinor: 100 }], dismissed: [], waiting: [{ currency: 'EUR', amountMinor: 100 }] });
  assert.equal(r.documents.outbox, 5);
  assert.equal(r.documents.erp, 2);
  assert.equal(r.name, 'C');
  assert.deepEqual([r.sourceSystem, r.targetSystem], ['concur', 'sage-x3']);
});
