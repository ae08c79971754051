import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataError, errorBodyMessage, isReconnectCode, tokenError } from '../../../main/core/adapters/concur/errors';

test('token error table maps documented codes to error codes and actions', () => {
  const cases: Array<[number, string, RegExp]> = [
    [5, 'AUTH_FAILED', /credentials/],
    [19, 'AUTH_FAILED', /credentials/],
    [64, 'AUTH_FAILED', /client secret/],
    [10, 'AUTH_FAILED', /disabled/],
    [11, 'AUTH_FAILED', /locked/],
    [14, 'AUTH_FAILED', /disabled or locked/],
    [53, 'CONFIG_INVALID', /App Center/],
    [54, 'CONFIG_INVALID', /scope/],
    [59, 'AUTH_FAILED', /app is disabled/],
    [106, 'AUTH_FAILED', /reconnect/],
    [107, 'CONFIG_INVALID', /refresh/],
    [108, 'AUTH_FAILED', /reconnect/],
    [120, 'CONFIG_INVALID', /credential type/],
    [134, 'UNAVAILABLE', /maintenance/],
    [136, 'CONFIG_INVALID', /another app/],
  ];
  for (const [code, expected, text] of cases) {
    const e = tokenError({ code, error: 'x', error_description: 'y' }, 400, 'corr-1');
    assert.equal(e.code, expected, `code ${code}`);
    assert.match(e.message, text, `code ${code}`);
    assert.match(e.message, new RegExp(`Concur code ${code}\\)`));
    assert.equal(e.retryable, false, `code ${code} is not retried in-run`);
    assert.equal(e.correlationId, 'corr-1');
  }
  assert.equal(tokenError({ code: '108' }, 400).code, 'AUTH_FAILED', 'string codes are accepted');
  assert.equal(isReconnectCode(108), true);
  assert.equal(isReconnectCode(5), false);
});

test('unknown token errors: 401/403 are auth failures, others protocol errors; secrets are redacted', () => {
  const e = tokenError({ code: 999, error: 'weird', error_description: 'client_secret=abc123def was wrong' }, 401);
  assert.equal(e.code, 'AUTH_FAILED');
  assert.doesNotMatch(e.message, /abc123def/);
  assert.equal(tokenError(null, 418).code, 'REMOTE_PROTOCOL');
});

test('error bodies (v4, v3, 429, oauth) yield a readable message', () => {
  assert.equal(errorBodyMessage('{"errorId":"1","errorMessage":"Report not found","httpStatus":404}'), 'Report not found');
  assert.equal(errorBodyMessage('{"Message":"Invalid reportID"}'), 'Invalid reportID');
  assert.equal(errorBodyMessage('{"error":{"id":"security.rate.limit.reached","message":"slow down"}}'), 'slow down');
  assert.equal(errorBodyMessage('{"error":"invalid_token","error_description":"expired"}'), 'expired');
  assert.equal(errorBodyMessage('<html>'), undefined);
  assert.equal(dataError(404, 'report R1', '{"errorMessage":"gone"}').code, 'NOT_FOUND');
  assert.equal(dataError(400, 'reports', '{}').code, 'BAD_REQUEST');
  const denied = dataError(403, 'reports', '');
  assert.equal(denied.code, 'AUTH_FAILED');
  assert.match(denied.message, /Web Services Admin/);
});
