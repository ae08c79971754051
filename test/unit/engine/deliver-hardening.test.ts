// Item 10 (deliver): the retry and recovery rules one by one, each asserted so that a one-line change to it
// fails here — attempts counted exactly, Retry-After honoured, "retry later" really later, an uncertain
// failure recorded as uncertain before any wait, and an uncertain refusal never held as a rejection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PostOutcome } from '../../../main/core/adapters/types';
import { deliver } from '../../../main/core/engine/deliver';
import { ConnectorError } from '../../../main/core/errors';
import { openStore } from '../../../main/core/store/store';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { doc } from '../../helpers/docs';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { tempDir } from '../../helpers/temp-dir';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const retry = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 3 };
const plan: PostingPlan = {
  kind: 'journal', idempotencyKey: 'MLC-BBBBBBBBBBBBBBBB', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R1', sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: 'V-JDOE', invoiceNumber: null, totalMinor: 100, notes: [],
  lines: [
    { lineNo: 1, sourceLineId: 'L1', account: '625100', side: 'debit', amountMinor: 100, dimensions: { costCenter: 'CC100' }, description: 'a', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
    { lineNo: 2, sourceLineId: null, account: '421000', side: 'credit', amountMinor: 100, dimensions: {}, description: 'b', partner: 'V-JDOE', sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
  ],
};

/** A target whose post() throws the given errors in turn, then posts. */
class ErrorScript extends ScriptedTarget {
  constructor(private readonly errors: ConnectorError[]) {
    super([]);
  }
  override async post(p: PostingPlan): Promise<PostOutcome> {
    const e = this.errors.shift();
    if (e) {
      this.posts++;
      throw e;
    }
    return super.post(p);
  }
}

function setup(t: { after(fn: () => void): void }, errors: ConnectorError[]) {
  const store = openStore(join(tempDir(t), 'x.db'), () => NOW);
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E', journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', representations: { supplier: 's', account: 'a', costCenter: 'c' } } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry, concurrency: 4 });
  const row = store.postings.insert({ connectionId: 'c1', doc: doc(), key: plan.idempotencyKey, contentHash: 'h', status: 'pending', plan, reasons: [], total: { amountMinor: 100, currency: 'EUR' } });
  const target = new ErrorScript(errors);
  const sleeps: number[] = [];
  const statusAtSleep: string[] = [];
  const clock = {
    now: () => NOW,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      statusAtSleep.push(store.postings.get(row.id)!.status);
    },
  };
  return { store, row, target, sleeps, statusAtSleep, deps: { store, target, clock, retry, actor: 'test', confirmToSource: false } };
}

const down = () => new ConnectorError('UNAVAILABLE', 'down', { uncertain: false });

test('exactly maxAttempts sends, then "failed, retry later" due maxDelayMs later, not at once', async (t) => {
  const s = setup(t, [down(), down(), down(), down(), down()]);
  assert.equal(await deliver(s.row, s.deps), 'failed');
  assert.equal(s.target.posts, retry.maxAttempts);
  assert.equal(s.sleeps.length, retry.maxAttempts - 1);
  const r = s.store.postings.get(s.row.id)!;
  assert.equal(r.status, 'failed');
  assert.match(r.reasons_json, /FAILED_RETRY_LATER/);
  assert.match(r.reasons_json, /Failed after 4 attempts/);
  assert.equal(r.next_attempt_at, new Date(NOW.getTime() + retry.maxDelayMs).toISOString());
  assert.deepEqual(s.store.postings.dueFailures('c1', NOW.toISOString()), [], 'not due again at once');
  assert.equal(s.store.postings.dueFailures('c1', r.next_attempt_at!).length, 1);
});

test('the last allowed attempt is made: success on attempt maxAttempts posts', async (t) => {
  const s = setup(t, [down(), down(), down()]);
  assert.equal(await deliver(s.row, s.deps), 'posted');
  assert.equal(s.target.posts, retry.maxAttempts);
});

test('Retry-After is a floor for the backoff, even past maxDelayMs', async (t) => {
  const s = setup(t, [new ConnectorError('RATE_LIMITED', 'slow down', { retryAfterMs: 7000 })]);
  assert.equal(await deliver(s.row, s.deps), 'posted');
  assert.deepEqual(s.sleeps, [7000]);
});

test('an uncertain, retryable failure is recorded as uncertain before the wait, and looked up before the re-send', async (t) => {
  const s = setup(t, [new ConnectorError('TIMEOUT', 'no answer', { uncertain: true })]);
  // As sent after the page's look-up: only the uncertain attempt calls for another one.
  assert.equal(await deliver(s.row, s.deps, true), 'posted');
  assert.deepEqual(s.statusAtSleep, ['uncertain'], 'a crash during the wait leaves a row that is checked first');
  assert.equal(s.target.lookups, 1);
});

test('an uncertain, non-retryable failure is "failed, check before re-send", never held as ERP_REJECTED', async (t) => {
  const s = setup(t, [new ConnectorError('REMOTE_PROTOCOL', 'garbled answer after the send', { uncertain: true, retryable: false })]);
  assert.equal(await deliver(s.row, s.deps), 'failed');
  const r = s.store.postings.get(s.row.id)!;
  assert.equal(r.status, 'failed');
  assert.match(r.reasons_json, /FAILED_RETRY_LATER/);
  assert.doesNotMatch(r.reasons_json, /ERP_REJECTED/);
  const audit = s.store.audit.list({ limit: 10 });
  assert.ok(audit.some((e) => e.action === 'fail' && /check the ERP before any re-send/.test(e.message)), JSON.stringify(audit));
  // The next delivery looks it up first and finds it (it had landed).
  s.target.docs.set(plan.idempotencyKey, 'JE-LANDED');
  assert.equal(await deliver(r, s.deps), 'posted');
  assert.equal(s.target.posts, 1, 'not sent again');
});

test('a certain, non-retryable refusal is held as ERP_REJECTED with its message', async (t) => {
  const s = setup(t, [new ConnectorError('BAD_REQUEST', 'field too long', { retryable: false })]);
  assert.equal(await deliver(s.row, s.deps), 'held');
  assert.match(s.store.postings.get(s.row.id)!.reasons_json, /ERP_REJECTED.*field too long/);
});
