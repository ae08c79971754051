// reconcileConnection's own figures: what it asks each side (period, keys, prefix, tenant), the outbox sums
// per state, the ERP accounts in order, and that a side it could not read adds nothing of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { TargetAdapter } from '../../../../main/core/adapters/types';
import { keysFor } from '../../../../main/core/engine/keys';
import { parsePeriod } from '../../../../main/core/engine/reconcile/period';
import { reconcileConnection } from '../../../../main/core/engine/reconcile/run';
import { doc } from '../../../helpers/docs';
import { fakeSource, journalPlan, unitWorld } from '../../../helpers/engine-unit';

const oct = parsePeriod('2026-10', new Date('2026-12-06T00:00:00Z'));
const eur = (n: number) => ({ currency: 'EUR', amountMinor: n });
const target = (over: Partial<TargetAdapter>) => ({ system: 'sage-x3', capabilities: {}, findExisting: async () => null, post: async () => assert.fail('never posts'), ...over }) as unknown as TargetAdapter;

function world(t: Parameters<typeof unitWorld>[0]) {
  const w = unitWorld(t);
  const put = (sourceId: string, amount: number, plan = true) => {
    const key = `MLC-${sourceId}`;
    const row = w.add({ sourceId, key, plan: plan ? ({ ...journalPlan(key, sourceId, amount), postingDate: '2026-10-05' } as PostingPlan) : null, doc: doc({ sourceId, documentDate: '2026-10-05' }) });
    w.store.db.prepare('UPDATE postings SET total_minor = ? WHERE id = ?').run(amount, row.id);
    return row;
  };
  return { ...w, put };
}

test('outbox sums per state: each state its own amount, the three waiting states together', async (t) => {
  const w = world(t);
  const err = { code: 'UNAVAILABLE', message: 'x', retryable: true } as never;
  w.store.postings.markPosted(w.put('P', 1).id, 'E-P', false);
  w.put('H', 2, false);
  w.store.db.prepare("UPDATE postings SET status = 'held' WHERE source_id = 'H'").run();
  w.store.postings.markFailed(w.put('F', 4).id, [{ code: 'FAILED_RETRY_LATER', message: 'x' }], err, null);
  w.store.postings.markDismissed(w.put('D', 8).id, 'dup');
  w.put('W', 16);
  w.store.postings.markSending(w.put('S', 32).id);
  w.store.postings.markUncertain(w.put('U', 64).id, err);
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target: target({ readBack: async () => ({ incomplete: null, documents: [] }) }) }, oct);
  assert.deepEqual(r.outbox, { posted: [eur(1)], held: [eur(2)], failed: [eur(4)], dismissed: [eur(8)], waiting: [eur(112)] });
  assert.deepEqual(r.totals.source, [eur(127)], 'the local copy: every row of the month');
});

test('what is asked: the period range, our prefix "MLC-", and the keys of every row but held and dismissed ones', async (t) => {
  const w = world(t);
  w.put('W', 1);
  w.put('H', 2, false);
  w.store.db.prepare("UPDATE postings SET status = 'held' WHERE source_id = 'H'").run();
  w.store.postings.markDismissed(w.put('D', 3).id, 'dup');
  const asked: unknown[] = [];
  await reconcileConnection(w.store, w.conn(), {
    source: fakeSource({ readPeriod: async (q: unknown) => (asked.push(q), []) } as never),
    target: target({ readBack: async (q: { keys: readonly string[]; prefix: string; range: unknown }) => (asked.push({ ...q, keys: [...q.keys] }), { incomplete: null, documents: [] }) } as never),
  }, oct);
  assert.deepEqual(asked, [{ from: '2026-10-01', to: '2026-10-31' }, { keys: ['MLC-W'], range: { from: '2026-10-01', to: '2026-10-31' }, prefix: 'MLC-' }]);
});

test('source documents are keyed with the source\'s own tenant', async (t) => {
  const w = world(t);
  const d = { ...doc({ sourceId: 'N1', documentDate: '2026-10-12' }), tenant: undefined } as SourceDocument;
  const withTenant = keysFor(d, 'c1', 'ACME').key;
  assert.notEqual(withTenant, keysFor(d, 'c1', null).key, 'the tenant is part of the key');
  const r = await reconcileConnection(w.store, w.conn(), {
    source: fakeSource({ tenant: 'ACME', readPeriod: async () => [d] } as never),
    target: target({ readBack: async () => ({ incomplete: null, documents: [] }) }),
  }, oct);
  assert.deepEqual(r.differences.map((x) => [x.category, x.idempotencyKey]), [['not_posted', withTenant]]);
});

test('ERP accounts sorted by account then currency; presence-only documents add no accounts', async (t) => {
  const w = world(t);
  w.store.postings.markPosted(w.put('P', 10).id, 'E-P', false);
  const acc = (account: string, currency: string, d: number) => ({ account, currency, debitMinor: d, creditMinor: 0 });
  const r = await reconcileConnection(w.store, w.conn(), {
    source: fakeSource(),
    target: target({ readBack: async () => ({ incomplete: null, documents: [{ erpId: 'E-P', key: 'MLC-P', date: '2026-10-05', status: null, totals: [eur(10)], url: null,
      accounts: [acc('7000', 'EUR', 1), acc('6000', 'USD', 2), acc('6000', 'EUR', 3), acc('8000', 'CHF', 4), acc('6000', 'CHF', 5)] }] }) }),
  }, oct);
  assert.deepEqual(r.erpAccounts.map((a) => `${a.account} ${a.currency} ${a.debitMinor}`), ['6000 CHF 5', '6000 EUR 3', '6000 USD 2', '7000 EUR 1', '8000 CHF 4']);
  const presence = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target: target({ findExisting: async (p: PostingPlan) => ({ erpId: 'E-P', key: p.idempotencyKey }) }) }, oct);
  assert.equal(presence.documents.matched, 1);
  assert.deepEqual(presence.erpAccounts, []);
});

test('a batched look-up is the only look-up; a single document is the look-up\'s own answer', async (t) => {
  const w = world(t);
  w.store.postings.markPosted(w.put('P1', 10).id, 'E-P1', false);
  w.store.postings.markPosted(w.put('P2', 20).id, 'E-P2', false);
  const r = await reconcileConnection(w.store, w.conn(), {
    source: fakeSource(),
    target: target({
      findExistingMany: async () => new Map([['MLC-P1', { erpId: 'E-P1', key: 'MLC-P1' }]]),
      findExisting: async (p: PostingPlan) => ({ erpId: `E-${p.sourceId}`, key: p.idempotencyKey }),
      findAllExisting: async () => new Map([['MLC-P1', ['E-P1-OTHER']]]),
    } as never),
  }, oct);
  assert.deepEqual(r.differences.map((d) => [d.category, d.sourceId, d.erpIds]), [['unexplained', 'P2', []]]);
  assert.equal(r.documents.matched, 1);
});

test('several documents under a key the single look-up did not find: a duplicate under the plan\'s key', async (t) => {
  const w = world(t);
  w.store.postings.markPosted(w.put('P1', 10).id, 'E-P1', false);
  const r = await reconcileConnection(w.store, w.conn(), {
    source: fakeSource(),
    target: target({ findAllExisting: async () => new Map([['MLC-P1', ['A', 'B']]]) } as never),
  }, oct);
  assert.deepEqual(r.differences.map((d) => [d.category, d.idempotencyKey, d.erpIds]), [['erp_duplicate', 'MLC-P1', ['A', 'B']]]);
});

test('an ERP read-back that fails adds no document of its own', async (t) => {
  const w = world(t);
  w.store.postings.markPosted(w.put('P1', 10).id, 'E-P1', false);
  const r = await reconcileConnection(w.store, w.conn(), { source: fakeSource(), target: target({ readBack: async () => { throw new Error('down'); } }) }, oct);
  assert.deepEqual(r.differences, []);
  assert.deepEqual([r.documents.erp, r.documents.matched, r.erpBasis], [0, 1, 'not_read']);
});
