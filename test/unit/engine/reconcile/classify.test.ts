import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, sumByCurrency, type ErpDoc, type OutboxDoc, type SourceDoc } from '../../../../main/core/engine/reconcile/classify';
import { parsePeriod } from '../../../../main/core/engine/reconcile/period';

const eur = (n: number) => ({ currency: 'EUR', amountMinor: n });
const row = (key: string, over: Partial<OutboxDoc> = {}): OutboxDoc => ({
  postingId: Number(key.replace(/\D/g, '')) || 1, key, keys: [key], sourceId: `S-${key}`, title: `Report ${key}`, date: '2026-11-10', status: 'posted',
  total: eur(1000), erpId: `E-${key}`, changedAfterPosting: false, reasons: [], dismissReason: null, dismissedBy: null, ...over,
});
const src = (key: string, total = eur(1000)): SourceDoc => ({ key, sourceId: `S-${key}`, title: `Report ${key}`, date: '2026-11-10', total });
const erp = (key: string, total = eur(1000), erpId = `E-${key}`): ErpDoc => ({ erpId, key, date: '2026-11-10', status: 'Posted', totals: [total], url: `https://erp/${erpId}` });

test('a posted document found in the ERP with the same amount is matched, nothing to explain', () => {
  const r = classify({ source: [src('K1')], outbox: [row('K1')], erp: { mode: 'read', docs: [erp('K1')] }, knownKeys: new Set(['K1']) });
  assert.equal(r.matched, 1);
  assert.deepEqual(r.differences, []);
  assert.equal(r.counts.unexplained, 0);
});

test('every outbox state lands in its own category with its action', () => {
  const outbox = [
    row('K1', { status: 'held', erpId: null, reasons: [{ code: 'PERIOD_CLOSED', message: 'Period 2026-10 is closed', field: null } as never] }),
    row('K2', { status: 'failed', erpId: null, reasons: [{ code: 'ERP_UNAVAILABLE', message: 'timeout' } as never] }),
    row('K3', { status: 'dismissed', erpId: null, dismissReason: 'duplicate of R7', dismissedBy: 'anna' }),
    row('K4', { status: 'pending', erpId: null }),
    row('K5', { changedAfterPosting: true }),
  ];
  const r = classify({ source: outbox.map((o) => src(o.key)), outbox, erp: { mode: 'read', docs: [erp('K5')] }, knownKeys: new Set(outbox.map((o) => o.key)) });
  assert.deepEqual(r.differences.map((d) => d.category), ['held', 'failed', 'dismissed', 'not_posted', 'changed_after_posting']);
  assert.match(r.differences[0]!.action, /Re-date/);
  assert.match(r.differences[2]!.detail, /anna: duplicate of R7/);
  assert.equal(r.differences[4]!.erpUrl, 'https://erp/E-K5');
  assert.equal(r.counts.unexplained, 0);
  assert.equal(r.matched, 0);
});

test('amount differences: ERP against posted, and source against posted', () => {
  const r = classify({ source: [src('K1'), src('K2', eur(1200))], outbox: [row('K1'), row('K2')], erp: { mode: 'read', docs: [erp('K1', eur(999)), erp('K2')] }, knownKeys: new Set() });
  assert.deepEqual(r.differences.map((d) => [d.category, d.idempotencyKey]), [['amount_differs', 'K1'], ['amount_differs', 'K2']]);
  assert.deepEqual(r.differences[0]!.erp, [eur(999)]);
  assert.match(r.differences[1]!.detail, /source now says 1200/);
});

test('a second currency in the ERP document is a difference, not a match', () => {
  const r = classify({ source: [], outbox: [row('K1')], erp: { mode: 'read', docs: [{ ...erp('K1'), totals: [eur(1000), { currency: 'USD', amountMinor: 5 }] }] }, knownKeys: new Set() });
  assert.equal(r.differences[0]!.category, 'amount_differs');
});

test('ERP side: duplicates, unknown references, and documents of another period left out', () => {
  const r = classify({
    source: [],
    outbox: [row('K1')],
    erp: { mode: 'read', docs: [erp('K1', eur(1000), 'E1'), erp('K1', eur(1000), 'E2'), erp('HAND'), erp('OTHER-PERIOD')] },
    knownKeys: new Set(['K1', 'OTHER-PERIOD']),
  });
  assert.deepEqual(r.differences.map((d) => d.category), ['erp_duplicate', 'erp_unknown']);
  assert.deepEqual(r.differences[0]!.erpIds, ['E1', 'E2']);
  assert.deepEqual(r.erpDocs.map((d) => d.erpId), ['E1', 'E2', 'E-HAND']);
});

test('two unknown documents under one reference are a duplicate', () => {
  const r = classify({ source: [], outbox: [], erp: { mode: 'read', docs: [erp('X', eur(1), 'A'), erp('X', eur(1), 'B')] }, knownKeys: new Set() });
  assert.deepEqual(r.differences.map((d) => d.category), ['erp_duplicate']);
});

test('a legacy key found in the ERP counts for its document', () => {
  const r = classify({ source: [], outbox: [row('K1', { keys: ['K1', 'LEGACY1'] })], erp: { mode: 'read', docs: [erp('LEGACY1')] }, knownKeys: new Set(['K1', 'LEGACY1']) });
  assert.equal(r.matched, 1);
  assert.deepEqual(r.differences, []);
});

test('posted here but missing in a fully read ERP is unexplained; with the ERP not read it is not judged', () => {
  const missing = classify({ source: [], outbox: [row('K1')], erp: { mode: 'read', docs: [] }, knownKeys: new Set() });
  assert.equal(missing.counts.unexplained, 1);
  const notRead = classify({ source: [], outbox: [row('K1')], erp: { mode: 'none', docs: [] }, knownKeys: new Set() });
  assert.equal(notRead.counts.unexplained, 0);
  assert.equal(notRead.matched, 1);
  const presence = classify({ source: [], outbox: [row('K1')], erp: { mode: 'presence', docs: [{ ...erp('K1'), totals: [] }] }, knownKeys: new Set() });
  assert.equal(presence.matched, 1, 'presence only: no amount comparison with the ERP');
});

test('a source document the outbox never read is not posted yet', () => {
  const r = classify({ source: [src('NEW')], outbox: [], erp: { mode: 'read', docs: [] }, knownKeys: new Set() });
  assert.deepEqual(r.differences.map((d) => [d.category, d.action]), [['not_posted', 'Run a sync']]);
});

test('sums per currency keep each currency on its own line, in code order', () => {
  assert.deepEqual(sumByCurrency([eur(5), { currency: 'CHF', amountMinor: 3 }, null, eur(-2)]), [{ currency: 'CHF', amountMinor: 3 }, eur(3)]);
});

test('periods: months only, never in the future', () => {
  const today = new Date('2026-12-06T10:00:00Z');
  assert.deepEqual(parsePeriod('2026-02', today), { period: '2026-02', from: '2026-02-01', to: '2026-02-28' });
  assert.equal(parsePeriod('2024-02', today).to, '2024-02-29');
  assert.equal(parsePeriod('2026-12', today).to, '2026-12-31');
  assert.throws(() => parsePeriod('2027-01', today), /in the future/);
  for (const bad of ['2026-13', '2026-1', '26-11', '2026/11', '']) assert.throws(() => parsePeriod(bad, today), /YYYY-MM/);
});

test('a read-back that stopped part-way leaves the keys it did not cover unjudged, never "missing"', () => {
  const r = classify({ source: [], outbox: [row('K1'), row('K2')], erp: { mode: 'read', docs: [erp('K1')], unchecked: new Set(['K2']) }, knownKeys: new Set() });
  assert.equal(r.counts.unexplained, 0);
  assert.equal(r.matched, 2);
});

test('the ERP document is compared with the posted journal size (debit total), not the document net total', () => {
  const withRefund = row('K1', { total: eur(900), planned: eur(1000) });
  assert.equal(classify({ source: [src('K1', eur(900))], outbox: [withRefund], erp: { mode: 'read', docs: [erp('K1', eur(1000))] }, knownKeys: new Set() }).matched, 1);
  const r = classify({ source: [], outbox: [withRefund], erp: { mode: 'read', docs: [erp('K1', eur(900))] }, knownKeys: new Set() });
  assert.equal(r.differences[0]!.category, 'amount_differs');
  assert.match(r.differences[0]!.detail, /Posted 1000 EUR/);
});
