import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isNoReportsMessage, isRateLimitedPlainText, readErrorBody, responseError } from '../../../main/core/adapters/expensify/errors';
import { confirmJob, normaliseStates, policyJob, pullJob } from '../../../main/core/adapters/expensify/jobs';
import { RateWindow } from '../../../main/core/adapters/expensify/rate-window';
import { EXPORT_COLUMNS, EXPORT_TEMPLATE, TEMPLATE_MARKER } from '../../../main/core/adapters/expensify/template';
import { isKnownTemplate } from '../../../main/simulators/expensify/render';
import { VirtualClock } from '../../helpers/expensify-context';

test('responseCode/responseMessage become plain errors', () => {
  const auth = responseError({ responseCode: 407, responseMessage: 'Authentication error' }, 'the policy list', 'aa_partner');
  assert.equal(auth.code, 'AUTH_FAILED');
  assert.equal(auth.retryable, false);
  assert.match(auth.message, /partner credentials of "aa_partner"/);
  const impersonate = responseError({ responseCode: 500, responseMessage: 'Not authorized to authenticate as user x@y.com' }, 'the export job', 'p');
  assert.equal(impersonate.code, 'AUTH_FAILED');
  const rate = responseError({ responseCode: 500, responseMessage: 'You have been rate-limited. Please try again later' }, 'the export job', 'p');
  assert.equal(rate.code, 'RATE_LIMITED');
  assert.equal(rate.retryable, true);
  const policy = responseError({ responseCode: 404, responseMessage: 'Policy not found' }, 'the policy getter', 'p');
  assert.equal(policy.code, 'NOT_FOUND');
  assert.match(policy.message, /policy ids in the connection settings/);
  assert.equal(responseError({ responseCode: 410, responseMessage: "Argument 'startDate' is malformed" }, 'x', 'p').code, 'BAD_REQUEST');
  assert.equal(readErrorBody('export123.csv'), null);
  assert.deepEqual(readErrorBody('{"responseCode":"410","responseMessage":"x"}'), { responseCode: 410, responseMessage: 'x' });
  assert.equal(isNoReportsMessage({ responseCode: 410, responseMessage: 'No Reports found' }), true);
  assert.equal(isNoReportsMessage({ responseCode: 410, responseMessage: 'Invalid date' }), false);
});

test('the plain-text rate-limit sentence is recognised; a file name or our CSV mentioning it is not', () => {
  assert.equal(isRateLimitedPlainText('You have been rate-limited. Please try again later or contact help@expensify.com for assistance.'), true);
  assert.equal(isRateLimitedPlainText('mlconnector8f1c.csv'), false);
  assert.equal(isRateLimitedPlainText('"reportID","comment"\n"R1","we got rate-limited by the airline"'), false);
  assert.equal(isRateLimitedPlainText('{"responseCode":429,"responseMessage":"You have been rate-limited."}'), false);
});

test('the pull export is filtered by our label and never marks; the confirm export marks only the given ids', () => {
  const s = { reportStates: 'approved, reimbursed', policyIds: ['P1', 'P2'], exportLabel: 'mlc' };
  assert.equal(normaliseStates(s.reportStates), 'APPROVED,REIMBURSED');
  const pull = pullJob(s, '2026-01-01', '2026-02-01') as { inputSettings: { reportState: string; filters: Record<string, string> }; onFinish?: unknown };
  assert.equal(pull.onFinish, undefined);
  assert.deepEqual(pull.inputSettings.filters, { startDate: '2026-01-01', endDate: '2026-02-01', markedAsExported: 'mlc', policyIDList: 'P1,P2' });
  assert.equal(pull.inputSettings.reportState, 'APPROVED,REIMBURSED');
  const mark = confirmJob(s, ['R1', 'R2']) as { inputSettings: { filters: Record<string, string> }; onFinish: unknown };
  assert.deepEqual(mark.inputSettings.filters, { reportIDList: 'R1,R2' });
  assert.deepEqual(mark.onFinish, [{ actionName: 'markAsExported', label: 'mlc' }]);
  assert.deepEqual((policyJob(['P1']) as { inputSettings: { policyIDList: unknown } }).inputSettings.policyIDList, ['P1']);
});

test('the template starts with its marker and prints exactly the expected header', () => {
  const lines = EXPORT_TEMPLATE.split('\n');
  assert.ok(lines[0]!.includes(TEMPLATE_MARKER));
  assert.ok(isKnownTemplate(EXPORT_TEMPLATE));
  assert.ok(lines.includes(EXPORT_COLUMNS.map((c) => `"${c}"`).join(',')));
  assert.equal(EXPORT_TEMPLATE.includes('?c'), true, 'numbers must be printed without locale grouping');
});

test('the sliding window keeps to 5 per 10 s and 20 per 60 s, waiting on the clock', async () => {
  const clock = new VirtualClock(0);
  const w = new RateWindow([{ requests: 5, windowMs: 10_000 }, { requests: 20, windowMs: 60_000 }], clock);
  const starts: number[] = [];
  await Promise.all(Array.from({ length: 30 }, () => w.acquire().then((done) => {
    starts.push(clock.t);
    done();
  })));
  starts.sort((a, b) => a - b);
  for (const s of starts) {
    assert.ok(starts.filter((x) => x >= s && x < s + 10_000).length <= 5, `more than 5 in 10 s from ${s}`);
    assert.ok(starts.filter((x) => x >= s && x < s + 60_000).length <= 20, `more than 20 in 60 s from ${s}`);
  }
  assert.deepEqual(starts.slice(0, 6), [0, 0, 0, 0, 0, 10_000]);
  assert.equal(starts[20], 60_000);
  assert.ok(w.waitedMs > 0);
});

test('a request counts until its answer arrives: a slow answer pushes the next start back', async () => {
  const clock = new VirtualClock(0);
  const w = new RateWindow([{ requests: 2, windowMs: 1_000 }], clock);
  const first = await w.acquire();
  const second = await w.acquire();
  let thirdAt = -1;
  const third = w.acquire().then((done) => {
    thirdAt = clock.t;
    done();
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(thirdAt, -1, 'both slots are in flight: nobody may start');
  clock.t = 5_000; // the first answer takes 5 s
  first();
  second();
  await third;
  assert.equal(thirdAt, 6_000, 'the window counts from the answer, when the server surely had the request');
});
