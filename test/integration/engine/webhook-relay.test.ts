import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWebhookRelay } from '../../../main/host/webhook-relay';
import { createWebhookSender, reportEvent, testCertificates } from '../../../main/simulators/concur-webhooks';
import { ledgerMatchesOutbox, startWorld } from '../../helpers/world';

test('an approved-report webhook over mutual TLS starts a sync; the redelivered event changes nothing', async (t) => {
  const w = await startWorld(t, { reports: 5, allMapped: true });
  const certs = testCertificates();
  const relay = await startWebhookRelay(w.core, { tls: { cert: certs.server.cert, key: certs.server.key, clientCa: certs.ca } });
  t.after(() => relay.stop());
  const sender = createWebhookSender({ url: relay.url, identity: certs.client, serverCa: certs.ca });
  const event = reportEvent({ reportId: 'NWR00001', userId: '6f4c7a90-0000-4000-8000-000000000001', companyId: 'unused-company' });
  const first = await sender.deliver(event, { twice: true });
  assert.equal(first.delivered, true);
  await relay.stop(); // waits for the event handler (the sync) to finish
  assert.deepEqual(ledgerMatchesOutbox(w), { posted: 5, erp: 5, duplicates: [] });
  const runs = (await w.core.handlers('t')['audit.list']({ action: 'sync_start', limit: 50 })).filter((e) => e.actor === 'webhook');
  assert.equal(runs.length, 1, 'the second delivery of the same event started nothing');
  assert.equal(w.core.isDuplicateEvent(event.id), true);
});

test('a webhook without the Concur client certificate never reaches the engine', async (t) => {
  const w = await startWorld(t, { reports: 2, allMapped: true });
  const certs = testCertificates();
  const relay = await startWebhookRelay(w.core, { tls: { cert: certs.server.cert, key: certs.server.key, clientCa: certs.ca } });
  t.after(() => relay.stop());
  const sender = createWebhookSender({ url: relay.url, identity: certs.wrongCnClient, serverCa: certs.ca, maxAttempts: 1 });
  const r = await sender.deliver(reportEvent({ reportId: 'NWR00001', userId: 'u', companyId: 'c' }));
  assert.equal(r.delivered, false);
  await relay.stop();
  assert.equal(w.demo.x3.state.documentCount(), 0);
});
