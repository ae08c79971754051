import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, idempotencyKey } from '../../../main/core/engine/keys';
import { doc, line } from '../../helpers/docs';

test('keys are deterministic, short, field-safe and differ per connection and document', () => {
  const k = idempotencyKey('conn-1', 'concur', 'R1');
  assert.equal(k, idempotencyKey('conn-1', 'concur', 'R1'));
  assert.match(k, /^MLC-[A-Z2-7]{16}$/);
  assert.notEqual(k, idempotencyKey('conn-2', 'concur', 'R1'));
  assert.notEqual(k, idempotencyKey('conn-1', 'concur', 'R2'));
  assert.notEqual(k, idempotencyKey('conn-1', 'expensify', 'R1'));
});

test('the content hash ignores the version stamp but sees amount changes', () => {
  assert.equal(contentHash(doc({ version: 'a' })), contentHash(doc({ version: 'b' })));
  assert.notEqual(contentHash(doc()), contentHash(doc({ lines: [line({ amount: { amountMinor: 1, currency: 'EUR' } })] })));
});
