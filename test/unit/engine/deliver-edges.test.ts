// deliver at its edges (mutation testing, issue 19 item 10): what the accountant reads in the audit for each
// outcome, "posted" versus "linked" after a look-up, a look-up skipped only when the caller just made it,
// expired sign-ins, errors that are not the connector's, and a row without a plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PostOutcome } from '../../../main/core/adapters/types';
import { AuthStop, deliver } from '../../../main/core/engine/deliver';
import { ConnectorError } from '../../../main/core/errors';
import { openStore } from '../../../main/core/store/store';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { doc } from '../../helpers/docs';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { tempDir } from '../../helpers/temp-dir';

const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, pauseAfterAuthFailures: 3 };
const plan: PostingPlan = {
  kind: 'journal', idempotencyKey: 'MLC-CCCCCCCCCCCCCCCC', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R1', sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: 'V-JDOE', invoiceNumber: null, totalMinor: 100, notes: [],
  lines: [
    { lineNo: 1, sourceLineId: 'L1', account: '625100', side: 'debit', amountMinor: 100, dimensions: { costCenter: 'CC100' }, description: 'a', partner: null, sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
    { lineNo: 2, sourceLineId: null, account: '421000', side: 'credit', amountMinor: 100, dimensions: {}, description: 'b', partner: 'V-JDOE', sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null },
  ],
};

/** Answers post() from a list: an outcome, an error to throw, or a function of the target. */
class Answers extends ScriptedTarget {
  constructor(private readonly answers: Array<PostOutcome | Error | ((t: Answers) => PostOutcome)>) {
    super([]);
  }
  override async post(p: PostingPlan): Promise<PostOutcome> {
    const a = this.answers.shift();
    if (a === undefined) return super.post(p);
    this.posts++;
    if (a instanceof Error) throw a;
    return typeof a === 'function' ? a(this) : a;
  }
}

function setup(t: { after(fn: () => void): void }, answers: ConstructorParameters<typeof Answers>[0], status: 'pending' | 'sending' | 'uncertain' = 'pending') {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date('2026-12-06T10:00:00Z'));
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E', journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', representations: { supplier: 's', account: 'a', costCenter: 'c' } } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry, concurrency: 4 });
  let row = store.postings.insert({ connectionId: 'c1', doc: doc(), key: plan.idempotencyKey, contentHash: 'h', status: 'pending', plan, reasons: [], total: { amountMinor: 100, currency: 'EUR' } });
  if (status === 'sending') store.postings.markSending(row.id);
  if (status === 'uncertain') store.postings.markUncertain(row.id, new ConnectorError('TIMEOUT', 'earlier', { uncertain: true }).toPayload());
  row = store.postings.get(row.id)!;
  const target = new Answers(answers);
  const clock = { now: () => new Date('2026-12-06T10:00:00Z'), sleep: async () => {} };
  // Only this delivery's events (a new database audits its own creation first).
  const audit = () => store.audit.list({ limit: 50 }).reverse().filter((e) => e.action !== 'store').map((e) => `${e.action}/${e.outcome}: ${e.message}`);
  return { store, row, target, audit, deps: { store, target, clock, retry, actor: 'tester', confirmToSource: false } };
}

test('a post says its ERP id and any warnings in the audit, under the actor', async (t) => {
  const { store, row, audit, deps } = setup(t, [{ status: 'posted', erpId: 'JE-7', warnings: ['budget exceeded', 'late'] }]);
  assert.equal(await deliver(row, deps, true), 'posted');
  assert.deepEqual(audit(), ['post/posted: Posted as JE-7 (warnings: budget exceeded; late)']);
  const last = store.audit.list({ limit: 1 })[0]!;
  assert.deepEqual([last.actor, last.erpId, last.idempotencyKey], ['tester', 'JE-7', plan.idempotencyKey]);
  const plain = setup(t, [{ status: 'posted', erpId: 'JE-8', warnings: [] }]);
  await deliver(plain.row, plain.deps, true);
  assert.deepEqual(plain.audit(), ['post/posted: Posted as JE-8']);
});

test('looked up by the caller: the first send goes without a second look-up; otherwise one look-up first', async (t) => {
  const a = setup(t, []);
  assert.equal(await deliver(a.row, a.deps, true), 'posted');
  assert.deepEqual([a.target.lookups, a.target.posts], [0, 1]);
  const b = setup(t, []);
  assert.equal(await deliver(b.row, b.deps), 'posted');
  assert.deepEqual([b.target.lookups, b.target.posts], [1, 1]);
});

test('a row left sending or uncertain is looked up even when the caller looked it up; found, it counts as posted', async (t) => {
  for (const status of ['sending', 'uncertain'] as const) {
    const s = setup(t, [], status);
    s.target.docs.set(plan.idempotencyKey, 'JE-LOST');
    assert.equal(await deliver(s.row, s.deps, true), 'posted', status);
    assert.deepEqual([s.target.lookups, s.target.posts], [1, 0], status);
    assert.deepEqual(s.audit(), ['recover/posted: Found already in the ERP as JE-LOST after an uncertain attempt; not sent again'], status);
    assert.equal(s.store.postings.get(s.row.id)!.status, 'posted');
  }
});

test('found on a later attempt of this delivery: posted (our own lost answer), not linked', async (t) => {
  const s = setup(t, [(target) => {
    target.docs.set(plan.idempotencyKey, 'JE-MINE');
    throw new ConnectorError('NETWORK', 'socket hang up', { uncertain: true });
  }]);
  assert.equal(await deliver(s.row, s.deps, true), 'posted');
  assert.equal(s.target.posts, 1);
  assert.match(s.audit().at(-1)!, /^recover\/posted: Found already in the ERP as JE-MINE after an uncertain attempt/);
});

test('a retryable failure that is certain does not look the document up again before the re-send', async (t) => {
  const s = setup(t, [new ConnectorError('RATE_LIMITED', 'slow down', { retryAfterMs: 1 })]);
  assert.equal(await deliver(s.row, s.deps, true), 'posted');
  assert.deepEqual([s.target.lookups, s.target.posts], [0, 2]);
  assert.deepEqual(s.audit(), ['fail/retrying: Attempt 1 of 3 failed: slow down', 'post/posted: Posted as JE1']);
});

test('every attempt failing: each is audited, then "failed after N attempts" with the last error', async (t) => {
  const down = (n: number) => new ConnectorError('UNAVAILABLE', `down ${n}`, { uncertain: false });
  const s = setup(t, [down(1), down(2), down(3)]);
  assert.equal(await deliver(s.row, s.deps, true), 'failed');
  assert.deepEqual(s.audit(), ['fail/retrying: Attempt 1 of 3 failed: down 1', 'fail/retrying: Attempt 2 of 3 failed: down 2', 'fail/retrying: Attempt 3 of 3 failed: down 3', 'fail/failed: Failed after 3 attempts, retry later: down 3']);
  const row = s.store.postings.get(s.row.id)!;
  assert.equal(row.status, 'failed');
  assert.match(row.reasons_json, /FAILED_RETRY_LATER/);
});

test('a rejection is held with every reason the ERP gave', async (t) => {
  const s = setup(t, [{ status: 'rejected', reasons: [{ code: 'PERIOD_CLOSED', message: 'Period closed' }, { code: 'ACCOUNT_UNKNOWN', message: 'No account 9' }] }]);
  assert.equal(await deliver(s.row, s.deps, true), 'held');
  // The ERP's closed-period refusal is worded the accountant's way, naming the month, and keeps what the ERP said.
  assert.deepEqual(s.audit(), ['hold/held: Rejected by the ERP: October 2026 is closed in Sage X3: the document is dated 2026-10-05 (Sage X3 said: Period closed). Re-date it, reopen the period, or let the connection post to the next open period; No account 9']);
  assert.equal(s.store.postings.get(s.row.id)!.status, 'held');
});

test('an expired sign-in stops the run like a refused one; an error that is not the connector\'s is rethrown, the row uncertain', async (t) => {
  const expired = setup(t, [new ConnectorError('AUTH_EXPIRED', 'token expired', { retryable: false })]);
  await assert.rejects(deliver(expired.row, expired.deps, true), (e: unknown) => e instanceof AuthStop && e.error.code === 'AUTH_EXPIRED' && e.message === 'token expired');
  assert.equal(expired.store.postings.get(expired.row.id)!.status, 'uncertain');
  const bug = setup(t, [new TypeError('x is undefined')]);
  await assert.rejects(deliver(bug.row, bug.deps, true), TypeError);
  assert.equal(bug.store.postings.get(bug.row.id)!.status, 'uncertain');
  assert.equal(bug.target.posts, 1);
});

test('a duplicate refusal settled by a look-up is linked with both facts in the audit', async (t) => {
  const s = setup(t, [(target) => {
    target.docs.set(plan.idempotencyKey, 'JE-THERE');
    return { status: 'duplicate', message: 'reference already used' };
  }]);
  assert.equal(await deliver(s.row, s.deps, true), 'linked');
  assert.deepEqual(s.audit(), ['recover/linked: The ERP already has this document as JE-THERE (reference already used); linked, not sent again']);
});

test('a row without a plan is a programming error, not a silent skip', async (t) => {
  const s = setup(t, []);
  await assert.rejects(deliver({ ...s.row, plan_json: null } as never, s.deps), /has no plan to deliver/);
});
