import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('bad source data is held with a reason per report, never a crash or a partial post', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  const company = [...w.demo.concur.state.companies.keys()][0]!;
  const owner = [...w.demo.concur.state.users.values()].find((u) => u.loginId.startsWith('camille'))!.loginId;
  const base = { OwnerLoginID: owner, OwnerName: 'Camille Martin', CurrencyCode: 'EUR', ApprovalStatusCode: 'A_APPR', SubmitDate: '2026-10-20T10:00:00', LastModifiedDate: '2026-10-21T10:00:00' };
  const entry = (id: string, report: string, over: Record<string, unknown>) => ({
    ID: id, ReportID: report, ExpenseTypeCode: 'MEALS', ExpenseTypeName: 'Business meal', TransactionDate: '2026-10-18T00:00:00', TransactionAmount: 10, TransactionCurrencyCode: 'EUR', ExchangeRate: 1,
    PostedAmount: 10, ApprovedAmount: 10, PaymentTypeID: 'CASH', Description: 'ok', IsPersonal: false, ...over,
  });
  w.demo.concur.state.addReports(company, [
    { ...base, ID: 'BAD-NULL', Name: 'null amount' },
    { ...base, ID: 'BAD-3DEC', Name: 'three decimals' },
    { ...base, ID: 'BAD-CUR', Name: 'unknown currency', CurrencyCode: 'EUX' },
    { ...base, ID: 'OK-LONG', Name: 'long unicode description and a refund' },
    { ...base, ID: 'BAD-EMPTY', Name: 'no lines' },
  ]);
  w.demo.concur.state.addEntries([
    entry('N1', 'BAD-NULL', { ApprovedAmount: null, PostedAmount: null }),
    entry('N2', 'BAD-NULL', {}),
    entry('D1', 'BAD-3DEC', { ApprovedAmount: 10.555, PostedAmount: 10.555 }),
    entry('C1', 'BAD-CUR', { TransactionCurrencyCode: 'EUX' }),
    entry('L1', 'OK-LONG', { Description: '日本語のテキスト 🍣 '.repeat(700), ApprovedAmount: 120.5, PostedAmount: 120.5 }),
    entry('L2', 'OK-LONG', { ApprovedAmount: -20.25, PostedAmount: -20.25, Description: 'Refund' }),
  ]);
  const run = await w.core.sync(w.demo.connectionId, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const h = w.core.handlers('test');
  const all = await h['postings.list']({ connectionId: w.demo.connectionId });
  const by = (id: string) => all.find((p) => p.sourceId === id)!;
  assert.equal(by('BAD-NULL').status, 'held');
  assert.ok(by('BAD-NULL').reasons.some((r) => r.code === 'INVALID_AMOUNT' && /N1/.test(r.message)));
  assert.ok(by('BAD-3DEC').reasons.some((r) => r.code === 'INVALID_AMOUNT' && /decimal/.test(r.message)));
  assert.ok(by('BAD-CUR').reasons.some((r) => r.code === 'INVALID_CURRENCY'));
  assert.ok(by('BAD-EMPTY').reasons.some((r) => r.code === 'EMPTY_DOCUMENT'));
  const long = by('OK-LONG');
  assert.equal(long.status, 'posted', JSON.stringify(long.reasons));
  assert.deepEqual(long.total, { amountMinor: 10025, currency: 'EUR' });
  const stored = w.demo.x3.state.findByReference(long.idempotencyKey);
  assert.equal(stored.length, 1);
  assert.deepEqual(ledgerMatchesOutbox(w).duplicates, []);
  // Nothing half-posted: every held report is absent from the ledger.
  for (const id of ['BAD-NULL', 'BAD-3DEC', 'BAD-CUR', 'BAD-EMPTY']) assert.equal(w.demo.x3.state.findByReference(by(id).idempotencyKey).length, 0);
});

test('two syncs requested at once share one run: a sync never overlaps itself', async (t) => {
  const w = await startWorld(t, { reports: 5, allMapped: true });
  const [a, b] = await Promise.all([w.core.sync(w.demo.connectionId, { actor: 'a' }), w.core.sync(w.demo.connectionId, { actor: 'b' })]);
  assert.equal(a.runId, b.runId);
  assert.equal(w.demo.x3.state.documentCount(), 5);
});
