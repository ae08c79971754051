// Intake of a posted document that changed at the source: its new version and plan are kept as a change beside
// the posted row (untouched), an open change takes the newest version, a change after a resolved one is new.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { acceptChange } from '../../../main/core/changes/adjust';
import type { IntakeEnv } from '../../../main/core/engine/intake';
import { intakeBatch } from '../../../main/core/engine/intake';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { createReferenceIndex } from '../../../main/core/engine/validate';
import { changeBeforePlan, changePlan } from '../../../main/core/store/repos/changes';
import { openStore } from '../../../main/core/store/store';
import type { Connection } from '../../../shared/schemas/connection';
import { doc, line } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

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

const amount = (minor: number) => doc({ lines: [line({ amount: { amountMinor: minor, currency: 'EUR' } })] });

test('a posted document changed at the source is kept as a change with its new plan; the posted row is untouched', (t) => {
  const { store, env } = setup(t);
  const row = intakeBatch([amount(12345)], env).deliver[0]!;
  store.postings.markPosted(row.id, 'JE1', false);
  const postedBefore = store.postings.get(row.id)!;

  const r = intakeBatch([amount(12468)], env);
  assert.deepEqual([r.deliver.length, r.skipped], [0, 1]);
  const after = store.postings.get(row.id)!;
  assert.equal(after.plan_json, postedBefore.plan_json);
  assert.equal(after.erp_id, 'JE1');
  assert.equal(after.content_hash, postedBefore.content_hash);
  const [c] = store.changes.list({ limit: 10 });
  assert.ok(c);
  assert.deepEqual([c.status, c.seq, c.before_total_minor, c.total_minor, c.currency], ['open', 1, 12345, 12468, 'EUR']);
  assert.deepEqual(JSON.parse(c.before_erp_ids_json), ['JE1']);
  assert.equal(changeBeforePlan(c)!.totalMinor, 12345);
  assert.equal(changePlan(c)!.totalMinor, 12468);
  assert.ok(store.audit.list({ limit: 20 }).some((e) => e.action === 'changed_after_posting' && e.outcome === 'flagged' && /123\.45 EUR → 124\.68 EUR/.test(e.message)));

  // The same version again: nothing new. Another version before anyone resolved it: the open change takes it.
  intakeBatch([amount(12468)], env);
  assert.equal(store.changes.list({ limit: 10 }).length, 1);
  intakeBatch([amount(13000)], env);
  const all = store.changes.list({ limit: 10 });
  assert.equal(all.length, 1);
  assert.equal(all[0]!.total_minor, 13000);
  assert.ok(store.audit.list({ limit: 20 }).some((e) => e.action === 'changed_after_posting' && e.outcome === 'updated'));
});

test('accepting needs a reason and is audited; a later change appears again as a new change', (t) => {
  const { store, env } = setup(t);
  const row = intakeBatch([amount(12345)], env).deliver[0]!;
  store.postings.markPosted(row.id, 'JE1', false);
  intakeBatch([amount(12468)], env);
  const [c] = store.changes.list({ limit: 10 });
  assert.throws(() => acceptChange(store, c!.id, 'ana', '  '), /reason/);
  const accepted = acceptChange(store, c!.id, 'ana', 'Rounding, corrected in the ERP by hand');
  assert.deepEqual([accepted.status, accepted.resolved_by, accepted.resolution_reason], ['accepted', 'ana', 'Rounding, corrected in the ERP by hand']);
  assert.ok(store.audit.list({ limit: 20 }).some((e) => e.action === 'change_accept' && e.actor === 'ana' && /Rounding/.test(e.message)));
  assert.throws(() => acceptChange(store, c!.id, 'ana', 'again'), /already accepted/);

  // Unchanged since the acceptance: nothing new. Changed again: change 2, measured against what the ledger has.
  intakeBatch([amount(12468)], env);
  assert.equal(store.changes.list({ limit: 10 }).length, 1);
  intakeBatch([amount(9900)], env);
  const [second] = store.changes.list({ limit: 10 });
  assert.deepEqual([second!.seq, second!.status, second!.before_total_minor, second!.total_minor], [2, 'open', 12345, 9900]);
  assert.equal(changeBeforePlan(second!)!.totalMinor, 12345, 'the ledger still holds the posted version');
});
