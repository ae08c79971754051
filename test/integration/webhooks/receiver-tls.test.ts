import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_CA_CN, createWebhookSender, fisReadyEvent, sendRaw, testCertificates } from '../../../main/simulators/concur-webhooks';
import { startReceiver } from './receiver-fixture';

const COMPANY = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const event = () => fisReadyEvent({ docType: 'invoice', documentId: 'DOC000000000000000001', companyId: COMPANY });

test('the ESS client certificate is accepted: 202, then onEvent with the event and its correlation id', async (t) => {
  const r = await startReceiver(t);
  const sender = createWebhookSender({ url: r.url, maxAttempts: 1 });
  const ev = event();
  const res = await sender.deliver(ev, { correlationId: 'corr-1' });
  assert.deepEqual(res.attempts, [{ status: 202 }]);
  await r.waitForEvents(1);
  assert.equal(r.events[0]!.event.id, ev.id);
  assert.equal(r.events[0]!.info.correlationId, 'corr-1');
  assert.ok(r.logs.some((l) => l.level === 'info' && l.msg.includes(`accepted event ${ev.id}`)));
});

for (const identity of ['none', 'other-ca'] as const) {
  test(`a caller with ${identity === 'none' ? 'no client certificate' : 'a certificate from another CA'} is refused during the TLS handshake`, async (t) => {
    const r = await startReceiver(t);
    const sender = createWebhookSender({ url: r.url, identity, maxAttempts: 2, retryDelayMs: 1 });
    const res = await sender.deliver(event());
    assert.equal(res.delivered, false);
    assert.equal(res.attempts.length, 2, 'ESS retries I/O errors');
    assert.ok(res.attempts.every((a) => a.status === undefined && typeof a.error === 'string'), JSON.stringify(res.attempts));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(r.events.length, 0);
    assert.ok(r.logs.some((l) => l.level === 'warn' && l.msg.includes('refused a TLS connection')), JSON.stringify(r.logs));
  });
}

test('a trusted certificate with another subject CN gets 403 and never reaches the handler', async (t) => {
  const r = await startReceiver(t);
  const res = await sendRaw({ url: r.url, identity: 'wrong-cn', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event()) });
  assert.ok('status' in res, JSON.stringify(res));
  assert.equal(res.status, 403);
  assert.equal(r.events.length, 0);
  assert.ok(r.logs.some((l) => l.msg.includes('not-the-webhook.example.com') && l.msg.includes('webhook.api.concursolutions.com')));
});

test('with an issuer rule, the right CN from the wrong issuer is refused even when both CAs are trusted', async (t) => {
  const certs = testCertificates();
  const r = await startReceiver(t, { tls: { cert: certs.server.cert, key: certs.server.key, clientCa: [certs.ca, certs.otherCa] }, clientIssuerCN: TEST_CA_CN });
  const body = JSON.stringify(event());
  const other = await sendRaw({ url: r.url, identity: 'other-ca', headers: { 'content-type': 'application/json' }, body });
  assert.ok('status' in other && other.status === 403, JSON.stringify(other));
  const good = await sendRaw({ url: r.url, identity: 'ess', headers: { 'content-type': 'application/json' }, body });
  assert.ok('status' in good && good.status === 202, JSON.stringify(good));
  await r.waitForEvents(1);
  assert.equal(r.events.length, 1);
});

test('the sender retries 403 like ESS and gives up after its attempts; a plain 4xx is not retried', async (t) => {
  const r = await startReceiver(t);
  const wrong = await createWebhookSender({ url: r.url, identity: 'wrong-cn', maxAttempts: 3, retryDelayMs: 1 }).deliver(event());
  assert.deepEqual(wrong.attempts, [{ status: 403 }, { status: 403 }, { status: 403 }]);
  const malformed = await createWebhookSender({ url: r.url, maxAttempts: 3, retryDelayMs: 1 }).deliver({ hello: 'world' });
  assert.deepEqual(malformed, { delivered: false, droppedByReceiver: true, attempts: [{ status: 400 }] });
  assert.equal(r.events.length, 0);
});
