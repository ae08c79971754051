// Exact differences as the accountant reads them: category, amounts in minor units, the texts, and which
// side each field comes from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, sumByCurrency, type ErpDoc, type OutboxDoc, type SourceDoc } from '../../../../main/core/engine/reconcile/classify';
import type { Difference } from '../../../../shared/schemas/reconcile';

const eur = (n: number) => ({ currency: 'EUR', amountMinor: n });
const usd = (n: number) => ({ currency: 'USD', amountMinor: n });
const row = (key: string, over: Partial<OutboxDoc> = {}): OutboxDoc => ({
  postingId: 7, key, keys: [key], sourceId: `S-${key}`, title: `Report ${key}`, date: '2026-11-10', status: 'posted',
  total: eur(1000), erpId: `E-${key}`, changedAfterPosting: false, reasons: [], dismissReason: null, dismissedBy: null, ...over,
});
const src = (key: string, total: SourceDoc['total'] = eur(1000), over: Partial<SourceDoc> = {}): SourceDoc =>
  ({ key, sourceId: `SRC-${key}`, title: `Source title ${key}`, date: '2026-11-09', total, ...over });
const erp = (key: string, total = eur(1000), erpId = `E-${key}`, url: string | null = `https://erp/${erpId}`): ErpDoc =>
  ({ erpId, key, date: '2026-11-08', status: 'Posted', totals: [total], url });
const reason = (code: string, message: string) => ({ code, message, field: null }) as never;

/** The difference of one outbox row with no source copy and no ERP document. */
const rowOnly = (key: string, over: Partial<Difference>): Difference => ({
  category: 'held', sourceId: `S-${key}`, title: `Report ${key}`, idempotencyKey: key, postingId: 7, erpIds: [], erpUrl: null,
  date: '2026-11-10', source: null, posted: eur(1000), erp: [], detail: '', action: '', ...over,
});
const none = { mode: 'none' as const, docs: [] };
const one = (o: OutboxDoc, s: SourceDoc[] = [], e: ErpDoc[] = [], mode: 'read' | 'presence' | 'none' = 'none') =>
  classify({ source: s, outbox: [o], erp: { mode, docs: e }, knownKeys: new Set(o.keys) });

test('held: every reason with its code in the detail, the action of the first reason that has one', () => {
  const r = one(row('K1', { status: 'held', erpId: null, reasons: [reason('TAX_CODE', 'Tax code V9 unknown'), reason('EMPLOYEE_UNMAPPED', 'No vendor for bob'), reason('NEEDS_MAPPING', 'MEALS')] }));
  assert.deepEqual(r.differences, [rowOnly('K1', {
    detail: 'TAX_CODE: Tax code V9 unknown; EMPLOYEE_UNMAPPED: No vendor for bob; NEEDS_MAPPING: MEALS',
    action: 'Map the employee to an ERP vendor/employee, then replay',
  })]);
  assert.equal(one(row('K1', { status: 'held', reasons: [reason('NEEDS_MAPPING', 'MEALS')] })).differences[0]!.action, 'Map the expense type to a GL account, then replay');
  assert.equal(one(row('K1', { status: 'held', reasons: [reason('PERIOD_CLOSED', 'closed')] })).differences[0]!.action,
    'Re-date the held item into an open period (or reopen the period in the ERP), then replay it');
  const bare = one(row('K1', { status: 'held', erpId: null }));
  assert.deepEqual(bare.differences, [rowOnly('K1', { detail: 'Held', action: 'Fix what the hold reason names (mapping, reference data, source document), then replay' })]);
  assert.equal(bare.counts.held, 1);
  assert.equal(bare.matched, 0);
});

test('failed: the ERP messages joined, or a plain sentence when there are none', () => {
  const action = 'Retried on the next sync; or replay it once the ERP answers';
  assert.deepEqual(one(row('K1', { status: 'failed', erpId: null, reasons: [reason('ERP_UNAVAILABLE', 'timeout'), reason('ERP_REJECTED', 'refused')] })).differences,
    [rowOnly('K1', { category: 'failed', detail: 'timeout; refused', action })]);
  assert.deepEqual(one(row('K1', { status: 'failed', erpId: null })).differences,
    [rowOnly('K1', { category: 'failed', detail: 'The ERP did not accept or answer', action })]);
});

test('dismissed without a user or reason says so', () => {
  assert.deepEqual(one(row('K1', { status: 'dismissed', erpId: null })).differences, [rowOnly('K1', {
    category: 'dismissed', detail: 'Dismissed by an unknown user: no reason recorded', action: 'None: dismissed on purpose; replay from the source if it was a mistake',
  })]);
});

test('pending, sending and uncertain are not posted; only uncertain says it was sent', () => {
  const action = 'Run a sync: it posts it (after looking it up in the ERP)';
  for (const status of ['pending', 'sending'] as const) {
    assert.deepEqual(one(row('K1', { status, erpId: null })).differences, [rowOnly('K1', { category: 'not_posted', detail: 'Waiting to be posted', action })]);
  }
  const r = one(row('K1', { status: 'uncertain', erpId: null }));
  assert.deepEqual(r.differences, [rowOnly('K1', { category: 'not_posted', detail: 'Sent, outcome not known yet: checked in the ERP before any re-send', action })]);
  assert.equal(r.counts.not_posted, 1);
});

test('posted without an ERP document number is unexplained, even when the ERP is not read', () => {
  assert.deepEqual(one(row('K1', { erpId: null })).differences, [rowOnly('K1', {
    category: 'unexplained', detail: 'Marked posted here without an ERP document number', action: 'Look the reference up in the ERP and tell support',
  })]);
});

test('changed after posting names the ERP document and carries all three sides', () => {
  const r = one(row('K1', { changedAfterPosting: true }), [src('K1', eur(1300))], [erp('K1', eur(1000), 'E-K1', null), erp('OTHER')], 'read');
  assert.deepEqual(r.differences[0], {
    category: 'changed_after_posting', sourceId: 'S-K1', title: 'Report K1', idempotencyKey: 'K1', postingId: 7, erpIds: ['E-K1'], erpUrl: null,
    date: '2026-11-10', source: eur(1300), posted: eur(1000), erp: [eur(1000)],
    detail: 'Changed in the source after it was posted as E-K1', action: 'Review the change: post an adjustment or accept it as is with a reason',
  });
});

test('a key the read-back did not cover: not judged against the ERP, but a changed source amount still is', () => {
  // Only the legacy key is unchecked: the document is still not judged "missing".
  const partly = classify({ source: [], outbox: [row('K1', { keys: ['K1', 'L1'] })], erp: { mode: 'read', docs: [], unchecked: new Set(['L1']) }, knownKeys: new Set() });
  assert.equal(partly.matched, 1);
  assert.deepEqual(partly.differences, []);
  const r = classify({ source: [src('K1', eur(1200))], outbox: [row('K1')], erp: { mode: 'read', docs: [], unchecked: new Set(['K1']) }, knownKeys: new Set(['K1']) });
  assert.equal(r.matched, 0);
  assert.deepEqual(r.differences, [rowOnly('K1', {
    category: 'amount_differs', title: 'Report K1', date: '2026-11-10', source: eur(1200),
    detail: 'The source now says 1200 EUR (minor units), posted 1000 EUR (minor units)', action: 'Review the change: post an adjustment or accept it as is with a reason',
  })]);
});

test('posted here, missing in the ERP: the detail names the ERP number and the reference', () => {
  const r = one(row('K1'), [], [], 'presence');
  assert.deepEqual(r.differences, [rowOnly('K1', {
    category: 'unexplained', detail: 'Posted here as E-K1, but no ERP document carries K1', action: 'Look the document up in the ERP (deleted or reversed by hand?) and tell support',
  })]);
});

test('two ERP documents under our reference: both named, the one we posted kept', () => {
  const r = one(row('K1'), [], [erp('K1', eur(1000), 'E1', null), erp('K1', usd(5), 'E2')], 'read');
  assert.deepEqual(r.differences, [rowOnly('K1', {
    category: 'erp_duplicate', erpIds: ['E1', 'E2'], erpUrl: 'https://erp/E2', erp: [eur(1000), usd(5)],
    detail: '2 ERP documents carry this reference: E1, E2', action: 'Reverse the extra document(s) in the ERP; keep E-K1',
  })]);
});

test('ERP amount differences: the texts name what was posted and every ERP currency, or nothing', () => {
  const action = 'Compare the ERP document with the source; correct it in the ERP with an adjustment';
  const two = one(row('K1'), [], [{ ...erp('K1'), totals: [usd(5), eur(1000)] }], 'read');
  assert.equal(two.differences[0]!.detail, 'Posted 1000 EUR (minor units), the ERP document E-K1 holds 1000 EUR (minor units) + 5 USD (minor units)');
  assert.equal(two.differences[0]!.action, action);
  const empty = one(row('K1'), [], [{ ...erp('K1'), totals: [] }], 'read');
  assert.deepEqual(empty.differences, [rowOnly('K1', {
    category: 'amount_differs', erpIds: ['E-K1'], erpUrl: 'https://erp/E-K1', detail: 'Posted 1000 EUR (minor units), the ERP document E-K1 holds nothing', action,
  })]);
  const noTotal = one(row('K1', { total: null }), [], [erp('K1')], 'read');
  assert.equal(noTotal.differences[0]!.detail, 'Posted no amount, the ERP document E-K1 holds 1000 EUR (minor units)');
});

test('the same number in another currency is a difference (ERP side and source side)', () => {
  const erpSide = one(row('K1'), [src('K1')], [erp('K1', usd(1000))], 'read');
  assert.deepEqual(erpSide.differences.map((d) => [d.category, d.erp]), [['amount_differs', [usd(1000)]]]);
  const sourceSide = one(row('K1'), [src('K1', usd(1000))], [erp('K1')], 'read');
  assert.deepEqual(sourceSide.differences.map((d) => [d.category, d.detail, d.action]), [['amount_differs', 'The source now says 1000 USD (minor units), posted 1000 EUR (minor units)', 'Review the change: post an adjustment or accept it as is with a reason']]);
  assert.equal(sourceSide.matched, 0);
});

test('missing amounts: a source without a total differs from a posted one, two missing totals agree', () => {
  assert.equal(one(row('K1'), [src('K1', null)]).differences[0]!.detail, 'The source now says no amount, posted 1000 EUR (minor units)');
  assert.equal(one(row('K1', { total: null }), [src('K1')]).differences[0]!.detail, 'The source now says 1000 EUR (minor units), posted no amount');
  const both = one(row('K1', { total: null }), [src('K1', null)]);
  assert.equal(both.matched, 1);
  assert.deepEqual(both.differences, []);
});

test('an outbox row without a date takes the source date; the row title and key win over the source', () => {
  const withSource = one(row('K1', { status: 'pending', erpId: null, date: null }), [src('K1', eur(1000))]);
  assert.deepEqual(withSource.differences[0], rowOnly('K1', {
    category: 'not_posted', date: '2026-11-09', source: eur(1000), detail: 'Waiting to be posted', action: 'Run a sync: it posts it (after looking it up in the ERP)',
  }));
  const alone = one(row('K1', { status: 'pending', erpId: null, date: null }));
  assert.equal(alone.differences[0]!.date, null);
});

test('a source document the outbox never read: every field from the source, nothing posted, no ERP', () => {
  const r = classify({ source: [src('NEW')], outbox: [], erp: none, knownKeys: new Set() });
  assert.deepEqual(r.differences, [{
    category: 'not_posted', sourceId: 'SRC-NEW', title: 'Source title NEW', idempotencyKey: 'NEW', postingId: null, erpIds: [], erpUrl: null,
    date: '2026-11-09', source: eur(1000), posted: null, erp: [], detail: 'Approved in the source, not read into the outbox yet', action: 'Run a sync',
  }]);
});

test('a source document whose key the outbox holds as a legacy key is not "not posted"', () => {
  const r = classify({ source: [src('L1')], outbox: [row('K1', { keys: ['K1', 'L1'] })], erp: none, knownKeys: new Set() });
  assert.deepEqual(r.differences, []);
  assert.equal(r.matched, 1);
});

test('ERP documents nobody here posted: the reference stands in for title and key, the ERP date is used', () => {
  const r = classify({ source: [], outbox: [], erp: { mode: 'read', docs: [erp('HAND'), erp('X', eur(1), 'A', null), erp('X', usd(2), 'B', null)] }, knownKeys: new Set() });
  const action = 'Check who posted it; reverse it in the ERP if it is a duplicate of a posted document';
  const base = { sourceId: null, postingId: null, date: '2026-11-08', source: null, posted: null, action };
  assert.deepEqual(r.differences, [
    { ...base, category: 'erp_unknown', title: 'HAND', idempotencyKey: 'HAND', erpIds: ['E-HAND'], erpUrl: 'https://erp/E-HAND', erp: [eur(1000)],
      detail: 'E-HAND carries HAND, which this install never posted (posted by hand, by another tool or another install)' },
    { ...base, category: 'erp_duplicate', title: 'X', idempotencyKey: 'X', erpIds: ['A', 'B'], erpUrl: null, erp: [eur(1), usd(2)],
      detail: 'A, B carry X, which this install never posted (posted by hand, by another tool or another install)' },
  ]);
  assert.deepEqual(r.counts, { held: 0, failed: 0, dismissed: 0, not_posted: 0, unexplained: 0, changed_after_posting: 0, amount_differs: 0, erp_duplicate: 1, erp_unknown: 1 });
});

test('sums per currency come out in code order whatever order the currencies arrive in', () => {
  const codes = ['USD', 'CHF', 'EUR', 'GBP'];
  const perms = (xs: string[]): string[][] => (xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p])));
  for (const p of perms(codes)) {
    assert.deepEqual(sumByCurrency(p.map((currency, i) => ({ currency, amountMinor: i + 1 }))).map((m) => m.currency), ['CHF', 'EUR', 'GBP', 'USD'], p.join(','));
  }
  assert.deepEqual(sumByCurrency([usd(0), eur(4), usd(-3), eur(-4)]), [eur(0), usd(-3)]);
});
