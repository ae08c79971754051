// reconcileConnection against a real store and scripted adapters: a source refusing the period query and an
// ERP read-back failing are said (partial, with the reason), and nothing is written anywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Connection } from '../../../../shared/schemas/connection';
import type { SourceAdapter, TargetAdapter } from '../../../../main/core/adapters/types';
import { ConnectorError } from '../../../../main/core/errors';
import { keysFor } from '../../../../main/core/engine/keys';
import { parsePeriod } from '../../../../main/core/engine/reconcile/period';
import { reconcileConnection } from '../../../../main/core/engine/reconcile/run';
import { openStore } from '../../../../main/core/store/store';
import { doc, line } from '../../../helpers/docs';
import { tempDir } from '../../../helpers/temp-dir';
import { buildPlan, planLine } from '../../../helpers/adapter-context';

const conn = { id: 'c1', name: 'C', source: { system: 'concur' }, target: { system: 'sage-x3' } } as unknown as Connection;
const period = parsePeriod('2026-10', new Date('2026-12-06T00:00:00Z'));

function world(t: Parameters<typeof tempDir>[0]) {
  const store = openStore(join(tempDir(t), 'r.db'), () => new Date('2026-12-06T00:00:00Z'));
  t.after(() => store.db.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 } as never);
  const add = (sourceId: string, amount: number, status: 'posted' | 'held', documentDate = '2026-10-05') => {
    const d = doc({ sourceId, documentDate, lines: [line({ amount: { amountMinor: amount, currency: 'EUR' } })] });
    const key = keysFor(d, conn.id, null).key;
    const plan = buildPlan({ idempotencyKey: key, sourceId, postingDate: documentDate, documentDate, currency: 'EUR', description: 'x', partner: null, lines: [planLine(1, '6000', 'debit', amount), planLine(2, '4000', 'credit', amount)] }, {});
    const row = store.postings.insert({ connectionId: conn.id, doc: d, key, contentHash: 'h', status: status === 'held' ? 'held' : 'pending', plan, reasons: status === 'held' ? [{ code: 'PERIOD_CLOSED', message: 'Period 2026-10 is closed in the ERP' } as never] : [], total: { amountMinor: amount, currency: 'EUR' } });
    if (status === 'posted') store.postings.markPosted(row.id, `E-${sourceId}`, false);
    return { key, d };
  };
  return { store, add };
}

const source = (over: Partial<SourceAdapter> = {}) => ({ system: 'concur', test: async () => [], pull: () => { throw new Error('no pull in a reconciliation'); }, ...over }) as unknown as SourceAdapter;
const target = (over: Partial<TargetAdapter>) => ({ system: 'sage-x3', capabilities: {}, test: async () => [], readReference: () => { throw new Error('no reference read'); }, findExisting: async () => null, post: async () => { throw new Error('a reconciliation never posts'); }, ...over }) as unknown as TargetAdapter;

test('the ERP read back with a document of another amount and one nobody here posted; a held PERIOD_CLOSED item; 0 unexplained', async (t) => {
  const w = world(t);
  const a = w.add('R1', 1000, 'posted');
  const b = w.add('R2', 2000, 'posted');
  w.add('R3', 500, 'held');
  w.add('R4', 700, 'posted', '2026-11-02');
  const auditBefore = w.store.audit.list({ limit: 1000 }).length;
  const r = await reconcileConnection(w.store, conn, {
    source: source(),
    target: target({
      readBack: async (q) => {
        assert.ok(q.keys.includes(a.key) && q.keys.includes(b.key));
        assert.deepEqual(q.range, { from: '2026-10-01', to: '2026-10-31' });
        return {
          incomplete: null,
          documents: [
            { erpId: 'E-R1', key: a.key, date: '2026-10-05', status: 'Posted', totals: [{ currency: 'EUR', amountMinor: 1000 }], accounts: [{ account: '6000', currency: 'EUR', debitMinor: 1000, creditMinor: 0 }], url: 'https://erp/E-R1' },
            { erpId: 'E-R2', key: b.key, date: '2026-10-05', status: 'Posted', totals: [{ currency: 'EUR', amountMinor: 1999 }], accounts: [], url: null },
            { erpId: 'HAND-1', key: 'MLC-AAAAAAAAAAAAAAAA', date: '2026-10-09', status: 'Posted', totals: [{ currency: 'USD', amountMinor: 4200 }], accounts: [], url: null },
          ],
        };
      },
    }),
  }, period);
  assert.deepEqual(r.differences.map((d) => d.category).sort(), ['amount_differs', 'erp_unknown', 'held']);
  assert.equal(r.counts.unexplained, 0);
  assert.equal(r.documents.matched, 1);
  assert.equal(r.documents.outbox, 3, 'November is another period');
  assert.deepEqual(r.totals.posted, [{ currency: 'EUR', amountMinor: 3000 }]);
  assert.deepEqual(r.totals.erp, [{ currency: 'EUR', amountMinor: 2999 }, { currency: 'USD', amountMinor: 4200 }], 'a currency only the ERP has is its own line');
  assert.deepEqual(r.outbox.held, [{ currency: 'EUR', amountMinor: 500 }]);
  assert.match(r.differences.find((d) => d.category === 'held')!.action, /Re-date/);
  assert.equal(r.erpBasis, 'read');
  assert.ok(r.partial, 'the source was not read (local copy)');
  assert.equal(w.store.audit.list({ limit: 1000 }).length, auditBefore, 'a reconciliation writes no audit row');
});

test('a source refusing the period query and an ERP read-back failing: partial with both reasons, no ERP figures, nothing judged missing', async (t) => {
  const w = world(t);
  w.add('R1', 1000, 'posted');
  const r = await reconcileConnection(w.store, conn, {
    source: source({ readPeriod: async () => { throw new ConnectorError('BAD_REQUEST', 'Concur refused the date filter', { retryable: false }); } }),
    target: target({ readBack: async () => { throw new ConnectorError('UNAVAILABLE', 'Sage X3 timed out on page 3', { retryable: true }); } }),
  }, period);
  assert.equal(r.partial, true);
  assert.match(r.partialReasons.join('\n'), /refused the period query: Concur refused the date filter/);
  assert.match(r.partialReasons.join('\n'), /read-back failed: Sage X3 timed out on page 3/);
  assert.equal(r.sourceBasis, 'local_copy');
  assert.equal(r.erpBasis, 'not_read');
  assert.deepEqual(r.totals.erp, []);
  assert.equal(r.counts.unexplained, 0);
});

test('a source that lists the period: a document approved there and never read here is not yet posted', async (t) => {
  const w = world(t);
  const a = w.add('R1', 1000, 'posted');
  const fresh = doc({ sourceId: 'R9', documentDate: '2026-10-20' });
  const r = await reconcileConnection(w.store, conn, {
    source: source({ readPeriod: async () => [a.d, fresh, doc({ sourceId: 'R10', documentDate: '2026-09-30' })] }),
    target: target({ readBack: async () => ({ incomplete: null, documents: [{ erpId: 'E-R1', key: a.key, date: '2026-10-05', status: null, totals: [{ currency: 'EUR', amountMinor: 1000 }], accounts: [], url: null }] }) }),
  }, period);
  assert.equal(r.sourceBasis, 'read');
  assert.equal(r.partial, false);
  assert.deepEqual(r.differences.map((d) => [d.category, d.sourceId]), [['not_posted', 'R9']]);
  assert.equal(r.documents.source, 2, 'the September document is left out');
});
