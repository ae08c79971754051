// The run's time budget: one hour unless set, said in minutes or seconds, and an abort carrying a retryable
// TIMEOUT that names both systems and how to change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Connection } from '../../../shared/schemas/connection';
import { isConnectorError } from '../../../main/core/errors';
import { budgetText, DEFAULT_RUN_BUDGET_MS, runBudget, runBudgetMs } from '../../../main/core/engine/run-budget';

const conn = (runBudgetMs?: number) => ({ source: { system: 'concur' }, target: { system: 'sage-x3' }, retry: { runBudgetMs } }) as unknown as Connection;

test('one hour unless the connection sets retry.runBudgetMs', () => {
  assert.equal(DEFAULT_RUN_BUDGET_MS, 3_600_000);
  assert.equal(runBudgetMs(conn()), 3_600_000);
  assert.equal(runBudgetMs(conn(5000)), 5000);
});

test('whole minutes in minutes, anything else in rounded seconds', () => {
  assert.equal(budgetText(3_600_000), '60 min');
  assert.equal(budgetText(60_000), '1 min');
  assert.equal(budgetText(90_000), '90 s');
  assert.equal(budgetText(59_999), '60 s');
  assert.equal(budgetText(1_400), '1 s');
});

test('the signal aborts after the budget with a retryable TIMEOUT naming the systems; dispose stops it', async () => {
  const b = runBudget(conn(), 20);
  assert.equal(b.signal.aborted, false);
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(b.signal.aborted, true);
  const reason: unknown = b.signal.reason;
  assert.ok(isConnectorError(reason));
  assert.equal(reason.code, 'TIMEOUT');
  assert.equal(reason.retryable, true);
  assert.equal(reason.message, 'The sync (Concur → Sage X3) stopped after its time budget of 0 s: the rest waits for the next run (set retry.runBudgetMs to change it)');
  const kept = runBudget(conn(), 20);
  kept.dispose();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(kept.signal.aborted, false);
});

test('without an explicit budget the connection budget is used', async () => {
  const b = runBudget(conn(1000));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(b.signal.aborted, false);
  b.dispose();
});
