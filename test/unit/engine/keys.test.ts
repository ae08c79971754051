import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, documentKey, keysFor, legacyKey, planKeys } from '../../../main/core/engine/keys';
import { doc, line } from '../../helpers/docs';

test('keys belong to the document: the same on every install, different per tenant, kind, system and id', () => {
  const k = documentKey('concur', 'company-A', 'expense_report', 'R1');
  assert.equal(k, documentKey('concur', 'company-A', 'expense_report', 'R1'));
  assert.match(k, /^MLC-[A-Z2-7]{16}$/);
  assert.notEqual(k, documentKey('concur', 'company-B', 'expense_report', 'R1'));
  assert.notEqual(k, documentKey('concur', 'company-A', 'invoice', 'R1'));
  assert.notEqual(k, documentKey('concur', 'company-A', 'expense_report', 'R2'));
  assert.notEqual(k, documentKey('expensify', 'company-A', 'expense_report', 'R1'));
});

test('the connection id (an install detail) never changes the key, only the legacy form', () => {
  const d = doc({ sourceId: 'R1' });
  const a = keysFor(d, 'demo-concur-x3', 'company-A');
  const b = keysFor(d, 'my-renamed-connection', 'company-A');
  assert.equal(a.key, b.key);
  assert.notEqual(a.legacy, b.legacy);
  assert.equal(a.legacy, legacyKey('demo-concur-x3', 'concur', 'R1'));
  assert.deepEqual(a.lookupKeys, [a.legacy]);
});

test("a document's own tenant wins over the connection's, whatever its letter case", () => {
  const own = keysFor(doc({ sourceId: 'R1', tenant: 'policy-9' }), 'c', 'company-A');
  assert.equal(own.key, documentKey('concur', 'policy-9', 'expense_report', 'R1'));
  assert.equal(keysFor(doc({ sourceId: 'R1', tenant: '4F9C2A8E-1B7D' }), 'c', null).key, keysFor(doc({ sourceId: 'R1' }), 'c', '4f9c2a8e-1b7d').key);
});

test('twins on another read path are looked up under both rules, never sent under them', () => {
  const k = keysFor(doc({ sourceId: 'FIS1', aliases: ['R1'] }), 'c', 'T');
  assert.deepEqual(k.lookupKeys, [legacyKey('c', 'concur', 'FIS1'), documentKey('concur', 't', 'expense_report', 'R1'), legacyKey('c', 'concur', 'R1')]);
  const p = planKeys(k.legacy, k);
  assert.equal(p.key, k.legacy);
  assert.ok(p.lookupKeys.includes(k.key) && !p.lookupKeys.includes(k.legacy));
});

test('the content hash ignores the version stamp but sees amount changes', () => {
  assert.equal(contentHash(doc({ version: 'a' })), contentHash(doc({ version: 'b' })));
  assert.notEqual(contentHash(doc()), contentHash(doc({ lines: [line({ amount: { amountMinor: 1, currency: 'EUR' } })] })));
});
