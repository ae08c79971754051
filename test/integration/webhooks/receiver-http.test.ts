import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWebhookSender, fisReadyEvent, reportEvent, sendRaw } from '../../../main/simulators/concur-webhooks';
import type { RawResult } from '../../../main/simulators/concur-webhooks';
import { startReceiver } from './receiver-fixture';

const COMPANY = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const JSON_TYPE = { 'content-type': 'application/json' };

function status(res: RawResult): number {
  assert.ok('status' in res, JSON.stringify(res));
  return res.status;
}

test('oversized bodies get 413, whether the length is declared or streamed; nothing reaches onEvent', async (t) => {
  const r = await startReceiver(t, { maxBodyBytes: 1024 });
  const big = JSON.stringify({ ...fisReadyEvent({ docType: 'invoice', documentId: 'D1', companyId: COMPANY }), pad: 'x'.repeat(4000) });
  assert.equal(status(await sendRaw({ url: r.url, headers: JSON_TYPE, body: big })), 413, 'declared content-length');
  // No content-length: chunked, cut off once past the limit.
  assert.equal(status(await sendRaw({ url: r.url, headers: { ...JSON_TYPE, 'transfer-encoding': 'chunked' }, body: big })), 413, 'streamed');
  assert.equal(r.events.length, 0);
  assert.equal(r.logs.filter((l) => l.msg.includes('limit')).length, 2);
  assert.equal(r.logs.some((l) => l.msg.includes('xxxx')), false, 'no body in the log');
});

test('the 64 KiB default: a 60 KiB event is accepted, a 70 KiB one is not', async (t) => {
  const r = await startReceiver(t);
  const base = fisReadyEvent({ docType: 'expense', documentId: 'D2', companyId: COMPANY });
  const fits = JSON.stringify({ ...base, facts: { ...base.facts, note: 'y'.repeat(60 * 1024) } });
  assert.equal(status(await sendRaw({ url: r.url, headers: JSON_TYPE, body: fits })), 202);
  const over = JSON.stringify({ ...base, id: '11111111-2222-4333-8444-555555555555', facts: { ...base.facts, note: 'y'.repeat(70 * 1024) } });
  assert.equal(status(await sendRaw({ url: r.url, headers: JSON_TYPE, body: over })), 413);
  await r.waitForEvents(1);
  assert.equal(r.events.length, 1);
});

test('malformed JSON, a malformed envelope, other content types, methods and paths are refused with a plain 4xx', async (t) => {
  const r = await startReceiver(t);
  const good = fisReadyEvent({ docType: 'invoice', documentId: 'DOC-SECRET-MARKER', companyId: COMPANY });
  const send = (body: string, headers: Record<string, string> = JSON_TYPE, method = 'POST', url = r.url) => sendRaw({ url, method, headers, body });
  assert.equal(status(await send('{"id": "trunc')), 400);
  assert.equal(status(await send('[]')), 400);
  assert.equal(status(await send(JSON.stringify({ ...good, id: 'not-a-uuid' }))), 400);
  const noFacts: Record<string, unknown> = { ...good };
  delete noFacts.facts;
  assert.equal(status(await send(JSON.stringify(noFacts))), 400);
  assert.equal(status(await send(JSON.stringify({ ...good, timeStamp: 'yesterday' }))), 400);
  assert.equal(status(await send(JSON.stringify({ ...good, topic: '' }))), 400);
  assert.equal(status(await send(JSON.stringify(good), { 'content-type': 'text/plain' })), 415);
  assert.equal(status(await send('', {}, 'GET')), 405);
  assert.equal(status(await send(JSON.stringify(good), JSON_TYPE, 'POST', r.url.replace('/concur/events', '/other'))), 404);
  assert.equal(r.events.length, 0);
  const dropped = r.logs.filter((l) => l.msg.startsWith('Webhook: dropped'));
  assert.ok(dropped.some((l) => l.msg.includes('id: must be a UUID')), JSON.stringify(dropped));
  assert.ok(dropped.some((l) => l.msg.includes('not valid JSON')));
  assert.equal(r.logs.some((l) => l.msg.includes('DOC-SECRET-MARKER')), false, 'event contents never logged');
  // `application/json; charset=utf-8` and the `concur.` topic spelling are fine.
  assert.equal(status(await send(JSON.stringify(reportEvent({ reportId: 'R1', userId: 'u1', companyId: COMPANY, topic: 'concur.expense.report' })), { 'content-type': 'application/json; charset=utf-8' })), 202);
});

test('2xx goes out before processing: onEvent is still running when the sender has its answer, and runs once', async (t) => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started = 0;
  let finished = 0;
  const r = await startReceiver(t, {
    onEvent: async () => {
      started++;
      await gate;
      finished++;
    },
  });
  const res = await createWebhookSender({ url: r.url, maxAttempts: 1 }).deliver(fisReadyEvent({ docType: 'invoice', documentId: 'D3', companyId: COMPANY }));
  assert.deepEqual(res.attempts, [{ status: 202 }]);
  assert.equal(finished, 0, 'answered before processing finished');
  release();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(started, 1);
  assert.equal(finished, 1);
});

test('a redelivered event is answered 2xx and not processed again (sequential, concurrent, and known to the store)', async (t) => {
  const r = await startReceiver(t);
  const sender = createWebhookSender({ url: r.url, maxAttempts: 1 });
  const ev = fisReadyEvent({ docType: 'invoice', documentId: 'D4', companyId: COMPANY });
  const twice = await sender.deliver(ev, { twice: true });
  assert.deepEqual(twice.attempts, [{ status: 202 }, { status: 200 }]);
  assert.equal(sender.stats.duplicatesSent, 1);

  const ev2 = fisReadyEvent({ docType: 'invoice', documentId: 'D5', companyId: COMPANY });
  const both = await Promise.all([sender.deliver(ev2), sender.deliver(ev2), sender.deliver(ev2)]);
  assert.ok(both.every((b) => b.delivered));

  const known = fisReadyEvent({ docType: 'invoice', documentId: 'D6', companyId: COMPANY });
  r.seen.add(known.id);
  assert.deepEqual((await sender.deliver(known)).attempts, [{ status: 200 }]);

  await r.waitForEvents(2);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepEqual(r.events.map((e) => e.event.id), [ev.id, ev2.id]);
  assert.ok(r.logs.some((l) => l.msg.includes(`event ${known.id}`) && l.msg.includes('already received')));
});

test('when the duplicate check fails the receiver answers 503, and ESS retries until it works', async (t) => {
  let failures = 1;
  const seen = new Set<string>();
  const r = await startReceiver(t, {
    isDuplicate: (id) => {
      if (failures-- > 0) throw new Error('database is locked');
      return seen.has(id);
    },
  });
  const res = await createWebhookSender({ url: r.url, maxAttempts: 3, retryDelayMs: 1 }).deliver(fisReadyEvent({ docType: 'invoice', documentId: 'D7', companyId: COMPANY }));
  assert.deepEqual(res.attempts, [{ status: 503 }, { status: 202 }]);
  await r.waitForEvents(1);
  assert.ok(r.logs.some((l) => l.level === 'error' && l.msg.includes('asking ESS to retry')));
});

test('a failing onEvent is logged (redacted) and does not change the answer; stop() waits for running handlers', async (t) => {
  let finished = false;
  const r = await startReceiver(t, {
    onEvent: async (e) => {
      if (e.facts.documentId === 'BAD') throw new Error('boom with Bearer abcdefghijklmnop');
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    },
  });
  const sender = createWebhookSender({ url: r.url, maxAttempts: 1 });
  assert.equal((await sender.deliver(fisReadyEvent({ docType: 'invoice', documentId: 'BAD', companyId: COMPANY }))).delivered, true);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const err = r.logs.find((l) => l.level === 'error');
  assert.ok(err && err.msg.includes('failed') && !err.msg.includes('abcdefghijklmnop'), JSON.stringify(err));
  assert.equal((await sender.deliver(fisReadyEvent({ docType: 'invoice', documentId: 'OK', companyId: COMPANY }))).delivered, true);
  assert.equal(finished, false);
  await r.stop();
  assert.equal(finished, true, 'stop() waited for the running handler');
});
