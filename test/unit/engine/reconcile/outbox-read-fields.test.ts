// What one outbox row carries into the reconciliation when its data is partial: missing totals, odd look-up
// keys, who dismissed it (and only when it is dismissed), and which plans are kept. Plus period edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { readOutboxPeriod } from '../../../../main/core/engine/reconcile/outbox-read';
import { inPeriod, parsePeriod } from '../../../../main/core/engine/reconcile/period';
import { ConnectorError } from '../../../../main/core/errors';
import { doc } from '../../../helpers/docs';
import { journalPlan, unitWorld } from '../../../helpers/engine-unit';

const oct = parsePeriod('2026-10', new Date('2026-12-06T00:00:00Z'));
const planIn = (key: string, sourceId: string, over: object = {}) => ({ ...journalPlan(key, sourceId, 100), postingDate: '2026-10-05', ...over }) as PostingPlan;

test('a row without an amount or currency carries no total; a plan without either carries nothing planned', (t) => {
  const w = unitWorld(t);
  const ids = ['A', 'B', 'C', 'D'].map((s) => w.add({ sourceId: s, key: `MLC-${s}`, plan: planIn(`MLC-${s}`, s) }).id);
  const set = (sql: string, id: number) => w.store.db.prepare(`UPDATE postings SET ${sql} WHERE id = ?`).run(id);
  set('total_minor = NULL', ids[0]!);
  set('currency = NULL', ids[1]!);
  set("plan_json = json_remove(plan_json, '$.totalMinor')", ids[2]!);
  set("plan_json = json_set(plan_json, '$.currency', NULL)", ids[3]!);
  const o = readOutboxPeriod(w.store, 'c1', oct);
  const eur = { amountMinor: 100, currency: 'EUR' };
  assert.deepEqual(o.docs.map((d) => [d.sourceId, d.total, d.planned]), [['A', null, eur], ['B', null, eur], ['C', eur, null], ['D', eur, null]]);
});

test('look-up keys: only the strings of an array count, for the row and for the connection\'s known keys', (t) => {
  const w = unitWorld(t);
  w.add({ sourceId: 'A', key: 'MLC-A', plan: planIn('MLC-A', 'A', { lookupKeys: ['MLC-OLD-A', 5, null, { k: 1 }] }) });
  w.add({ sourceId: 'B', key: 'MLC-B', plan: planIn('MLC-B', 'B', { lookupKeys: { first: 'MLC-OLD-B' } }) });
  const o = readOutboxPeriod(w.store, 'c1', oct);
  assert.deepEqual(o.docs.map((d) => d.keys), [['MLC-A', 'MLC-OLD-A'], ['MLC-B']]);
  assert.deepEqual([...o.knownKeys].sort(), ['MLC-A', 'MLC-B', 'MLC-OLD-A']);
});

test('who dismissed: the latest dismiss event of that source, none recorded is null, and only for rows dismissed now', (t) => {
  const w = unitWorld(t);
  const audit = (sourceId: string, actor: string, action: string) =>
    w.store.audit.append({ connectionId: 'c1', actor, action, sourceId, outcome: 'ok', message: 'x' } as never);
  const d1 = w.add({ sourceId: 'D1', key: 'MLC-D1', plan: planIn('MLC-D1', 'D1') });
  w.store.postings.markDismissed(d1.id, 'dup');
  audit('D1', 'ann', 'dismiss');
  audit('D1', 'bob', 'replay');
  const d2 = w.add({ sourceId: 'D2', key: 'MLC-D2', plan: planIn('MLC-D2', 'D2') });
  w.store.postings.markDismissed(d2.id, 'dup');
  // Dismissed once, replayed since: no longer dismissed, so nobody is named.
  w.add({ sourceId: 'P1', key: 'MLC-P1', plan: planIn('MLC-P1', 'P1') });
  audit('P1', 'carl', 'dismiss');
  const o = readOutboxPeriod(w.store, 'c1', oct);
  assert.deepEqual(o.docs.map((d) => [d.sourceId, d.status, d.dismissedBy]), [['D1', 'dismissed', 'ann'], ['D2', 'dismissed', null], ['P1', 'pending', null]]);
});

test('plans are kept for posted rows only, and a posted row without a plan is simply left out', (t) => {
  const w = unitWorld(t);
  w.add({ sourceId: 'W1', key: 'MLC-W1', plan: planIn('MLC-W1', 'W1') });
  const p = w.add({ sourceId: 'P1', key: 'MLC-P1', plan: planIn('MLC-P1', 'P1') });
  w.store.postings.markPosted(p.id, 'E-P1', false);
  const bare = w.add({ sourceId: 'P2', key: 'MLC-P2', plan: null, doc: doc({ sourceId: 'P2', documentDate: '2026-10-07' }) });
  w.store.postings.markPosted(bare.id, 'E-P2', false);
  const o = readOutboxPeriod(w.store, 'c1', oct);
  assert.deepEqual(o.docs.map((d) => [d.sourceId, d.status]), [['W1', 'pending'], ['P1', 'posted'], ['P2', 'posted']]);
  assert.deepEqual([...o.plans.keys()], ['MLC-P1']);
  assert.equal(o.plans.get('MLC-P1')!.totalMinor, 100);
});

test('a later month of this year is in the future; the refusals are BAD_REQUEST and not retryable', () => {
  const today = new Date('2026-11-15T00:00:00Z');
  assert.equal(parsePeriod('2026-11', today).to, '2026-11-30');
  for (const [text, msg] of [['2026-12', /The period 2026-12 is in the future \(today is 2026-11-15\)/], ['2026-1', /YYYY-MM/]] as const) {
    let err: unknown;
    try { parsePeriod(text, today); } catch (e) { err = e; }
    assert.equal(err instanceof ConnectorError, true, `${text}: a ConnectorError`);
    const c = err as ConnectorError;
    assert.match(c.message, msg);
    assert.deepEqual([c.code, c.retryable], ['BAD_REQUEST', false]);
  }
});

test('a timestamp on the month\'s last day is in the month', () => {
  assert.equal(inPeriod('2026-10-31T23:59:59Z', oct), true);
  assert.equal(inPeriod('2026-10-01T00:00:00Z', oct), true);
  assert.equal(inPeriod('2026-11-01T00:00:00Z', oct), false);
});
