// Fuzz: webhook bodies, through the real mutual-TLS receiver (bounded to a few dozen requests) and through
// the event → document mapping the relay applies. A body is accepted or refused with a 4xx, never a 5xx; only
// schema-valid events are handed on, and each maps to a document reference or an "ignored" reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { eventToDocumentRef, toPushedDocument } from '../../main/core/webhooks/document-ref';
import { essEventSchema } from '../../main/core/webhooks/envelope';
import { fisReadyEvent, sendRaw } from '../../main/simulators/concur-webhooks';
import { startReceiver } from '../integration/webhooks/receiver-fixture';
import { FUZZ, hostileText, survives } from './fuzz';

const SAMPLE = JSON.stringify(fisReadyEvent({ id: 'e1', docType: 'EXPENSE', documentId: 'D1', companyId: '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', timeStamp: '2026-12-06T10:00:00Z' }));

test('fuzz: any JSON event envelope maps to a document reference or an ignored reason', () => {
  fc.assert(
    fc.property(hostileText(SAMPLE), (text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return true;
      }
      const parsed = essEventSchema.safeParse(json);
      if (!parsed.success) return true;
      return survives(() => {
        const ref = eventToDocumentRef(parsed.data);
        toPushedDocument(ref);
      });
    }),
    FUZZ,
  );
});

test('fuzz: the mutual-TLS receiver answers any body with 2xx or 4xx and hands on only valid events', async (t) => {
  const r = await startReceiver(t);
  await fc.assert(
    fc.asyncProperty(hostileText(SAMPLE), async (body) => {
      const res = await sendRaw({ url: `${r.url}/concur/events`, method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.ok('status' in res, `transport error: ${'error' in res ? res.error : ''}`);
      assert.ok(res.status < 500, `HTTP ${res.status} for ${JSON.stringify(body).slice(0, 200)}`);
    }),
    { ...FUZZ, numRuns: Math.min(FUZZ.numRuns ?? 60, 60) },
  );
  for (const { event } of r.events) assert.ok(essEventSchema.safeParse(event).success);
  assert.ok(!r.logs.some((l) => l.level === 'error'), JSON.stringify(r.logs.filter((l) => l.level === 'error')));
});
