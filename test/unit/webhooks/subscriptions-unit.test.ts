import { test } from 'node:test';
import assert from 'node:assert/strict';
import { essError, validateSubscriptionInput } from '../../../main/core/adapters/concur/subscriptions';
import { essWouldRetry } from '../../../main/simulators/concur-webhooks';

test('subscription ids: lowercase letters, digits, dots and dashes only', () => {
  const base = { topic: 'public.concur.financialintegration', endpoint: 'https://h.example.com/e' };
  assert.deepEqual(validateSubscriptionInput({ ...base, id: 'acme-1.fis.prod' }), { ...base, id: 'acme-1.fis.prod', filter: '.*' });
  for (const id of ['Acme', 'acme_prod', 'acme prod', 'acme/x', '']) assert.throws(() => validateSubscriptionInput({ ...base, id }), /lowercase letters/, id);
  assert.throws(() => validateSubscriptionInput({ ...base, id: 'a', topic: ' ' }), /event topic/);
  assert.throws(() => validateSubscriptionInput({ ...base, id: 'a', endpoint: 'ftp://x' }), /https/);
});

test('ESS refusals become plain ConnectorErrors, the server-side limit included', () => {
  const limit = essError(400, 'event subscription a', JSON.stringify({ errorMessage: 'Maximum number of subscriptions (5) reached for this application' }));
  assert.equal(limit.code, 'CONFLICT');
  assert.match(limit.message, /at most 5 event subscriptions per application/);
  assert.equal(essError(401, 'x', '').code, 'AUTH_FAILED');
  assert.equal(essError(403, 'x', '').code, 'CONFIG_INVALID');
  assert.equal(essError(404, 'x', '').code, 'NOT_FOUND');
  assert.equal(essError(409, 'x', '').code, 'CONFLICT');
  const other = essError(400, 'event subscription a', JSON.stringify({ message: 'filter must be a regular expression' }));
  assert.equal(other.code, 'BAD_REQUEST');
  assert.match(other.message, /SAP Concur said: filter must be a regular expression/);
});

test('the sender retries exactly what ESS retries', () => {
  for (const s of [500, 502, 503, 401, 403, 429]) assert.equal(essWouldRetry(s), true, String(s));
  for (const s of [200, 202, 400, 404, 405, 409, 413, 415]) assert.equal(essWouldRetry(s), false, String(s));
});
