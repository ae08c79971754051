// Issue items 10 and 12 in words: a currency-mismatch report never shows "0.00 EUR", a failed post is not
// labelled with the stale hold reason, and a CLI replay always ends with a next step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replayNextStep } from '../../../main/cli/commands';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { amountText, reasonLabels, totalText } from '../../../renderer/features/held/held-rows';
import { formatMoney } from '../../../renderer/components/format';

const row = (over: Partial<PostingSummary>): PostingSummary => ({ id: 1, connectionId: 'c', sourceId: 'R1', sourceKind: 'expense_report', title: 't', party: null, total: { amountMinor: 0, currency: 'EUR' }, status: 'held', reasons: [], erpId: null, idempotencyKey: 'MLC-X', attempts: 0, changedAfterPosting: false, createdAt: '2026-12-06T00:00:00Z', updatedAt: '2026-12-06T00:00:00Z', lastError: null, ...over });

test('a currency-mismatch report says "Mixed currencies", not 0.00 EUR', () => {
  assert.equal(amountText(row({ reasons: [{ code: 'CURRENCY_MISMATCH', message: 'Line 2 is in USD, the document in EUR' }] })), 'Mixed currencies');
  assert.equal(amountText(row({ total: { amountMinor: 101820, currency: 'EUR' } })), formatMoney({ amountMinor: 101820, currency: 'EUR' }));
});

test('the Held total adds up each currency on its own and says how many rows have no amount to add', () => {
  const priced = [row({ total: { amountMinor: 101820, currency: 'EUR' } }), row({ total: { amountMinor: 5, currency: 'EUR' } }), row({ total: { amountMinor: 4500, currency: 'USD' } })];
  const sum = `${formatMoney({ amountMinor: 101825, currency: 'EUR' })} + ${formatMoney({ amountMinor: 4500, currency: 'USD' })}`;
  assert.equal(totalText(priced), `${sum} in total`);
  const mixed = row({ total: { amountMinor: 0, currency: 'EUR' }, reasons: [{ code: 'CURRENCY_MISMATCH', message: 'Line 2 is in USD, the document in EUR' }] });
  assert.equal(totalText([...priced, row({ total: null }), mixed]), `${sum} in total (2 without an amount)`);
  assert.equal(totalText([row({ total: null })]), '1 without an amount');
  assert.equal(totalText([]), '');
});

test('French and English amounts from minor units', () => {
  assert.match(formatMoney({ amountMinor: 101820, currency: 'EUR' }, 'fr-FR'), /^1[\u202f\u00a0 ]018,20[\u202f\u00a0 ]€$/);
  assert.equal(formatMoney({ amountMinor: 101820, currency: 'EUR' }, 'en-US'), '€1,018.20');
});

test('a failed post reads "Failed, will retry", whatever it was held for before; reasons are said once', () => {
  assert.equal(reasonLabels(row({ status: 'failed', reasons: [{ code: 'NEEDS_MAPPING', message: 'x' }] })), 'Failed, will retry');
  assert.equal(reasonLabels(row({ reasons: [{ code: 'NEEDS_MAPPING', message: 'a' }, { code: 'NEEDS_MAPPING', message: 'b' }] })), 'Expense type not mapped');
});

test('held replay --all always ends with a next step', () => {
  assert.match(replayNextStep([]), /Nothing to replay/);
  assert.match(replayNextStep([{ status: 'posted', connectionId: 'c' }]), /nothing is held any more/);
  assert.match(replayNextStep([{ status: 'held', connectionId: 'c' }]), /Next: 1 still held: fix the mappings/);
  assert.match(replayNextStep([{ status: 'failed', connectionId: 'c' }]), /retried on the next sync/);
});
