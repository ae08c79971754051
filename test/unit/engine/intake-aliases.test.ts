import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { IntakeEnv } from '../../../main/core/engine/intake';
import { intakeBatch } from '../../../main/core/engine/intake';
import { keysFor } from '../../../main/core/engine/keys';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { createReferenceIndex } from '../../../main/core/engine/validate';
import { openStore } from '../../../main/core/store/store';
import type { Connection } from '../../../shared/schemas/connection';
import { doc } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

// A connection switched from the v3 Reports API to FIS sees the same report again under its FIS id.
function setup(t: { after(fn: () => void): void }) {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date());
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'authtoken', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [], mode: 'fis' }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 });
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
    confirmToSource: true,
    tenant: 'company-1',
  };
  return { store, env };
}

test('a document already posted under an alias is recorded with the same ERP id, confirmed, never delivered', (t) => {
  const { store, env } = setup(t);
  const first = intakeBatch([doc({ sourceId: 'REPORT-1' })], env);
  assert.equal(first.deliver.length, 1);
  store.postings.markPosted(first.deliver[0]!.id, 'ODEXP0001', false);

  const again = intakeBatch([doc({ sourceId: 'FISEXP000001', aliases: ['REPORT-1'] })], env);
  assert.equal(again.deliver.length, 0, 'nothing goes to the ERP');
  assert.equal(again.skipped, 1);
  const row = store.postings.getByKey(keysFor(doc({ sourceId: 'FISEXP000001' }), 'c1', 'company-1').key)!;
  assert.equal(row.status, 'posted');
  assert.equal(row.erp_id, 'ODEXP0001');
  assert.equal(row.confirm_status, 'pending', 'Concur FIS still hears the posting confirmation');
  assert.ok(store.audit.list({ limit: 50 }).some((e) => e.outcome === 'already_posted' && e.sourceId === 'FISEXP000001'));
});

test('a twin still open holds the new document as a duplicate; unrelated documents are untouched', (t) => {
  const { store, env } = setup(t);
  intakeBatch([doc({ sourceId: 'REPORT-2' })], env);
  const out = intakeBatch([doc({ sourceId: 'FISEXP000002', aliases: ['REPORT-2'] }), doc({ sourceId: 'FISEXP000003', aliases: ['REPORT-3'] })], env);
  assert.equal(out.held, 1);
  assert.equal(out.deliver.length, 1);
  assert.equal(out.deliver[0]!.source_id, 'FISEXP000003');
  const held = store.postings.getByKey(keysFor(doc({ sourceId: 'FISEXP000002' }), 'c1', 'company-1').key)!;
  assert.equal(held.status, 'held');
  assert.match(held.reasons_json, /DUPLICATE_SOURCE/);
  assert.match(held.reasons_json, /REPORT-2 \(pending\)/);
});
