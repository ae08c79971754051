import { test } from 'node:test';
import assert from 'node:assert/strict';
import { essEventSchema, topicMatches } from '../../../main/core/webhooks/envelope';
import { ESS_SUBJECT_CN, judgePeer } from '../../../main/core/webhooks/peer';
import { fisReadyEvent } from '../../../main/simulators/concur-webhooks';

test('topics match on suffix, not on substrings', () => {
  assert.equal(topicMatches('public.concur.expense.report', 'concur.expense.report'), true);
  assert.equal(topicMatches('concur.expense.report', 'concur.expense.report'), true);
  assert.equal(topicMatches('Public.Concur.Expense.Report', 'concur.expense.report'), true);
  assert.equal(topicMatches('public.myconcur.expense.report', 'concur.expense.report'), false);
  assert.equal(topicMatches('public.concur.expense.report.v2', 'concur.expense.report'), false);
});

test('the envelope needs a UUID id, topic, eventType, a timestamp and facts; unknown fields pass', () => {
  const ev = fisReadyEvent({ docType: 'invoice', documentId: 'D1', companyId: 'c' });
  assert.equal(essEventSchema.safeParse({ ...ev, extra: 1 }).success, true);
  assert.equal(essEventSchema.safeParse({ ...ev, correlationId: null, subtopic: null, route: undefined }).success, true);
  for (const bad of [{ id: '123' }, { topic: '' }, { eventType: 7 }, { timeStamp: 'soon' }, { facts: null }, { facts: [] }]) {
    assert.equal(essEventSchema.safeParse({ ...ev, ...bad }).success, false, JSON.stringify(bad));
  }
});

test('peer judgement: no certificate, untrusted, wrong CN, wrong issuer, right one', () => {
  const rule = { subjectCNs: [ESS_SUBJECT_CN], issuerCNs: [] };
  const good = { subject: { CN: ESS_SUBJECT_CN, O: 'SAP SE' }, issuer: { CN: 'DigiCert' } };
  assert.deepEqual(judgePeer(true, undefined, good, rule), { ok: true, subjectCN: ESS_SUBJECT_CN });
  assert.equal(judgePeer(false, undefined, null, rule).ok, false);
  assert.equal(judgePeer(false, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', good, rule).ok, false);
  assert.equal(judgePeer(true, undefined, { ...good, subject: { CN: 'evil.example.com' } }, rule).ok, false);
  assert.equal(judgePeer(true, undefined, { ...good, subject: { CN: ['x', ESS_SUBJECT_CN] } }, rule).ok, true);
  assert.equal(judgePeer(true, undefined, good, { ...rule, issuerCNs: ['Other CA'] }).ok, false);
  assert.equal(judgePeer(true, undefined, good, { ...rule, issuerCNs: ['DigiCert'] }).ok, true);
});
