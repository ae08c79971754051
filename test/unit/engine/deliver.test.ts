import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { AuthStop, deliver } from '../../../main/core/engine/deliver';
import { openStore } from '../../../main/core/store/store';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { Step } from '../../helpers/scripted-target';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { doc } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

const clock = { now: () => new Date(), sleep: async () => {} };
const retry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 3 };
const plan: PostingPlan = {
  kind: 'journal', idempotencyKey: 'MLC-AAAAAAAAAAAAAAAA', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R1', sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: 'V-JDOE', invoiceNumber: null, totalMinor: 100, notes: [],
  lines: [
    { lineNo: 1, sourceLineId: 'L1', account: '625100', side: 'debit', amountMinor: 100, dimensions: { costCenter: 'CC100' }, description: 'a', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
    { lineNo: 2, sourceLineId: null, account: '421000', side: 'credit', amountMinor: 100, dimensions: {}, description: 'b', partner: 'V-JDOE', sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
  ],
};

function setup(t: { after(fn: () => void): void }, script: Step[]) {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date());
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E', journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', representations: { supplier: 's', account: 'a', costCenter: 'c' } } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry, concurrency: 4 });
  const row = store.postings.insert({ connectionId: 'c1', doc: doc(), key: plan.idempotencyKey, contentHash: 'h', status: 'pending', plan, reasons: [], total: { amountMinor: 100, currency: 'EUR' } });
  const target = new ScriptedTarget(script);
  const deps = { store, target, clock, retry, actor: 'test', confirmToSource: false };
  return { store, row, target, deps };
}

test('commit then drop the response: found by key on the next attempt, one document, real id recorded', async (t) => {
  const { store, row, target, deps } = setup(t, ['commit-then-drop']);
  assert.equal(await deliver(row, deps), 'posted');
  assert.equal(target.docs.size, 1);
  assert.equal(target.posts, 1);
  const after = store.postings.get(row.id)!;
  assert.equal(after.status, 'posted');
  assert.equal(after.erp_id, 'JE1');
  assert.ok(store.audit.list({ limit: 20 }).some((e) => e.action === 'recover'));
});

test('timeout before commit: checked, not found, sent again once', async (t) => {
  const { store, row, target, deps } = setup(t, ['timeout-before-commit']);
  // Looked up just before (the sync's page look-up): only the uncertain attempt needs a look-up.
  assert.equal(await deliver(row, deps, true), 'posted');
  assert.equal(target.docs.size, 1);
  assert.equal(target.posts, 2);
  assert.equal(target.lookups, 1);
  assert.equal(store.postings.get(row.id)!.attempts, 2);
});

test('429 then success: backs off, posts once', async (t) => {
  const { row, target, deps } = setup(t, ['429', '429']);
  assert.equal(await deliver(row, deps), 'posted');
  assert.equal(target.docs.size, 1);
});

test('a business rejection is held with the ERP reason; nothing retried', async (t) => {
  const { store, row, target, deps } = setup(t, ['reject']);
  assert.equal(await deliver(row, deps), 'held');
  assert.equal(target.posts, 1);
  const r = store.postings.get(row.id)!;
  assert.equal(r.status, 'held');
  assert.match(r.reasons_json, /PERIOD_CLOSED/);
});

test('after the attempt limit: failed, retry later; the next delivery checks the ERP first', async (t) => {
  const { store, row, target, deps } = setup(t, ['503', '503', '503', '503']);
  assert.equal(await deliver(row, deps), 'failed');
  const failed = store.postings.get(row.id)!;
  assert.equal(failed.status, 'failed');
  assert.match(failed.reasons_json, /FAILED_RETRY_LATER/);
  assert.ok(failed.next_attempt_at);
  const lookupsBefore = target.lookups;
  assert.equal(await deliver(failed, deps), 'posted');
  assert.ok(target.lookups > lookupsBefore);
  assert.equal(target.docs.size, 1);
});

test('a row left "sending" by a crash is looked up before anything is sent', async (t) => {
  const { store, row, target, deps } = setup(t, []);
  store.postings.markSending(row.id);
  target.docs.set(plan.idempotencyKey, 'JE-EARLIER');
  assert.equal(await deliver(store.postings.get(row.id)!, deps), 'posted');
  assert.equal(target.posts, 0);
  assert.equal(store.postings.get(row.id)!.erp_id, 'JE-EARLIER');
});

test('refused credentials stop the run and leave the row to be checked', async (t) => {
  const { store, row, deps } = setup(t, ['auth']);
  await assert.rejects(deliver(row, deps), AuthStop);
  assert.equal(store.postings.get(row.id)!.status, 'uncertain');
});

test('a row not looked up yet is looked up before its first send: found means linked, nothing sent', async (t) => {
  const { store, row, target, deps } = setup(t, []);
  target.docs.set(plan.idempotencyKey, 'JE-OTHER-INSTALL');
  assert.equal(await deliver(row, deps), 'linked');
  assert.equal(target.posts, 0);
  assert.equal(target.lookups, 1);
  assert.equal(store.postings.get(row.id)!.erp_id, 'JE-OTHER-INSTALL');
  assert.ok(store.audit.list({ limit: 20 }).some((e) => e.outcome === 'linked' && /another install/.test(e.message)));
});

test('an older key form of the document is looked up too', async (t) => {
  const { store, target, deps } = setup(t, []);
  const withOld = { ...plan, idempotencyKey: 'MLC-NEWNEWNEWNEWNEWN', lookupKeys: ['MLC-OLDOLDOLDOLDOLDO'] };
  const row = store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: 'R9' }), key: withOld.idempotencyKey, contentHash: 'h', status: 'pending', plan: withOld, reasons: [], total: { amountMinor: 100, currency: 'EUR' } });
  target.docs.set('MLC-OLDOLDOLDOLDOLDO', 'JE-OLD');
  assert.equal(await deliver(row, deps), 'linked');
  assert.equal(target.posts, 0);
  assert.equal(store.postings.get(row.id)!.erp_id, 'JE-OLD');
});

test('the ERP refusing a repeated reference is linked after a look-up, never held', async (t) => {
  const { store, row, target, deps } = setup(t, ['duplicate']);
  target.docs.set(plan.idempotencyKey, 'JE-RACE');
  assert.equal(await deliver(row, deps, true), 'linked');
  assert.equal(store.postings.get(row.id)!.status, 'posted');
  assert.equal(store.postings.get(row.id)!.erp_id, 'JE-RACE');
});

test('a duplicate refusal that no look-up confirms is held with both facts', async (t) => {
  const { store, row, deps } = setup(t, ['duplicate']);
  assert.equal(await deliver(row, deps, true), 'held');
  assert.match(store.postings.get(row.id)!.reasons_json, /already exists, but a look-up/);
});
