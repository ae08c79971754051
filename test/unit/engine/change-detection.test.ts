// Item 10 (keys, intake): a document that changes at the source is noticed — the content hash sees allocation,
// currency and dimension changes (a change after posting is flagged), and a failed document that changed is
// planned again from its new content instead of keeping the stale plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IntakeEnv } from '../../../main/core/engine/intake';
import { intakeBatch } from '../../../main/core/engine/intake';
import { contentHash } from '../../../main/core/engine/keys';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { createReferenceIndex } from '../../../main/core/engine/validate';
import { openStore } from '../../../main/core/store/store';
import type { Connection } from '../../../shared/schemas/connection';
import { doc, line } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

test('the content hash sees allocation, currency, dimension, date and payer changes', () => {
  const base = contentHash(doc());
  const variants = {
    allocations: doc({ lines: [line({ allocations: [{ percentage: '100', dimensions: { costCenter: 'CC200' } }] })] }),
    allocationShare: doc({ lines: [line({ allocations: [{ percentage: '60', dimensions: {} }, { percentage: '40', dimensions: {} }] })] }),
    documentCurrency: doc({ currency: 'USD' }),
    lineCurrency: doc({ lines: [line({ amount: { amountMinor: 12345, currency: 'USD' } })] }),
    dimensions: doc({ lines: [line({ dimensions: { costCenter: 'CC9' } })] }),
    documentDate: doc({ documentDate: '2026-10-06' }),
    paidBy: doc({ lines: [line({ paidBy: 'company' })] }),
    personal: doc({ lines: [line({ isPersonal: true })] }),
    expenseType: doc({ lines: [line({ expenseType: { code: 'HOTEL', name: 'Meals' } })] }),
  };
  for (const [what, d] of Object.entries(variants)) assert.notEqual(contentHash(d), base, `${what} change unnoticed`);
  const a = doc({ lines: [line({ allocations: [{ percentage: '60', dimensions: {} }, { percentage: '40', dimensions: {} }] })] });
  const b = doc({ lines: [line({ allocations: [{ percentage: '40', dimensions: {} }, { percentage: '60', dimensions: {} }] })] });
  assert.notEqual(contentHash(a), contentHash(b));
});

function setup(t: { after(fn: () => void): void }) {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date());
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 });
  store.mappings.upsert('c1', [{ kind: 'expense_type', sourceCode: 'MEALS', sourceName: 'Meals', target: '625100', dimensions: { costCenter: 'CC100' } }, { kind: 'employee', sourceCode: 'jdoe', sourceName: 'Jane', target: 'V-JDOE', dimensions: {} }], 'test');
  const env: IntakeEnv = {
    conn: store.connections.get('c1') as Connection,
    store,
    lookup: createMappingLookup(store.mappings.list('c1')),
    ref: createReferenceIndex([
      { kind: 'account', dimensionType: '', code: '625100', name: 'Meals', active: true },
      { kind: 'account', dimensionType: '', code: '421000', name: 'Employees', active: true },
      { kind: 'dimension', dimensionType: 'costCenter', code: 'CC100', name: 'Sales', active: true },
      { kind: 'supplier', dimensionType: '', code: 'V-JDOE', name: 'Jane', active: true },
    ]),
    caps: { postingKinds: ['journal', 'supplier_invoice'], dimensionTypes: ['costCenter'], maxBatch: 1, maxDescriptionLength: 250 },
    actor: 'test',
    tenant: 'company-1',
    confirmToSource: false,
  };
  return { store, env };
}

test('a failed document changed at the source is planned again from its new content', (t) => {
  const { store, env } = setup(t);
  const first = intakeBatch([doc()], env);
  assert.equal(first.deliver.length, 1);
  const row = first.deliver[0]!;
  store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message: 'down' }], { code: 'UNAVAILABLE', message: 'down', retryable: true }, null);
  const changed = doc({ lines: [line({ amount: { amountMinor: 20000, currency: 'EUR' } })] });
  const again = intakeBatch([changed], env);
  assert.equal(again.deliver.length, 1, 'delivered with the new plan');
  const after = store.postings.get(row.id)!;
  assert.equal(after.status, 'pending');
  assert.match(after.plan_json ?? '', /"amountMinor":20000/);
  assert.doesNotMatch(after.plan_json ?? '', /"amountMinor":12345/);
  // Unchanged, it is left as it is (no second delivery from intake).
  store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message: 'down' }], { code: 'UNAVAILABLE', message: 'down', retryable: true }, null);
  assert.equal(intakeBatch([changed], env).skipped, 1);
});

test('a posted document whose allocations change is flagged "changed after posting", never posted again', (t) => {
  const { store, env } = setup(t);
  const row = intakeBatch([doc()], env).deliver[0]!;
  store.postings.markPosted(row.id, 'JE1', false);
  const moved = doc({ lines: [line({ allocations: [{ percentage: '50', dimensions: { costCenter: 'CC100' } }, { percentage: '50', dimensions: { costCenter: 'CC100' } }] })] });
  const r = intakeBatch([moved], env);
  assert.equal(r.deliver.length, 0);
  assert.equal(store.postings.get(row.id)!.changed_after_posting, 1);
});
