import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventToDocumentRef, toPushedDocument } from '../../../main/core/webhooks/document-ref';
import { essEventSchema } from '../../../main/core/webhooks/envelope';
import type { EssEvent } from '../../../main/core/webhooks/envelope';
import { fisReadyEvent, reportEvent } from '../../../main/simulators/concur-webhooks';

const COMPANY = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const USER = '0a1b2c3d-0000-4000-8000-00000000aaaa';
const parse = (o: unknown): EssEvent => essEventSchema.parse(o);

test('FIS ready-for-integration events of every document type map to the FIS document', () => {
  const cases: Array<[string, string]> = [
    ['expense', 'expense'],
    ['invoice', 'invoice'],
    ['cashadvance', 'cashadvance'],
    ['payroll', 'payroll'],
    ['requestObligation', 'requestobligation'],
    ['reportObligation', 'reportobligation'],
  ];
  for (const [eventDocType, docType] of cases) {
    const ev = parse(fisReadyEvent({ docType: eventDocType, documentId: 'ABCDEF0123456789ABCD', companyId: COMPANY, entityId: 'p0001', base: 'https://us2.api.concursolutions.com' }));
    const ref = eventToDocumentRef(ev);
    assert.deepEqual(ref, {
      kind: 'fis',
      eventId: ev.id,
      docType,
      documentId: 'ABCDEF0123456789ABCD',
      companyId: COMPANY,
      entityId: 'p0001',
      href: `https://us2.api.concursolutions.com/financialintegration/fi/v4/companies/transactiontypes/${docType}/transactions?docId=ABCDEF0123456789ABCD`,
    });
  }
});

test('FIS events that cannot be posted are ignored with a reason', () => {
  const base = fisReadyEvent({ docType: 'invoice', documentId: 'D1', companyId: COMPANY });
  const other = eventToDocumentRef(parse({ ...base, eventType: 'invoice.somethingElse' }));
  assert.equal(other.kind, 'ignored');
  assert.match(other.kind === 'ignored' ? other.reason : '', /not a "ready for integration" event/);
  const unknownType = eventToDocumentRef(parse({ ...base, eventType: 'travel.readyForIntegration' }));
  assert.match(unknownType.kind === 'ignored' ? unknownType.reason : '', /unknown financial integration document type travel/);
  const noDoc = eventToDocumentRef(parse({ ...base, facts: { companyId: COMPANY } }));
  assert.match(noDoc.kind === 'ignored' ? noDoc.reason : '', /without a usable documentId/);
});

test('an expense report reaching A_APPR maps to the report and its user, under either topic spelling', () => {
  for (const topic of ['public.concur.expense.report', 'concur.expense.report']) {
    const ev = parse(reportEvent({ reportId: 'E1B2C3D4E5F6A7B8C9D0', userId: USER, companyId: COMPANY, topic }));
    const ref = eventToDocumentRef(ev);
    assert.equal(ref.kind, 'expense-report');
    assert.deepEqual(ref.kind === 'expense-report' ? [ref.reportId, ref.userId, ref.companyId, ref.eventId] : [], ['E1B2C3D4E5F6A7B8C9D0', USER, COMPANY, ev.id]);
    assert.match(ref.kind === 'expense-report' ? (ref.href ?? '') : '', /\/expensereports\/v4\/users\//);
  }
});

test('other report events and statuses are ignored with a reason; A_ACCO can be opted in', () => {
  const reason = (ev: EssEvent) => {
    const r = eventToDocumentRef(ev);
    assert.equal(r.kind, 'ignored');
    return r.kind === 'ignored' ? r.reason : '';
  };
  for (const eventType of ['reportCreated', 'reportUpdated', 'reportDeleted'] as const) {
    assert.match(reason(parse(reportEvent({ reportId: 'R1', userId: USER, companyId: COMPANY, eventType }))), new RegExp(`${eventType} is not an approval`));
  }
  assert.match(reason(parse(reportEvent({ reportId: 'R1', userId: USER, companyId: COMPANY, currentApprovalStatus: 'A_PEND' }))), /approval status A_PEND, not approved/);
  const accounting = parse(reportEvent({ reportId: 'R1', userId: USER, companyId: COMPANY, currentApprovalStatus: 'A_ACCO' }));
  assert.equal(eventToDocumentRef(accounting).kind, 'ignored');
  assert.equal(eventToDocumentRef(accounting, { approvedStatuses: ['A_APPR', 'A_ACCO'] }).kind, 'expense-report');
  const noUser = parse({ ...reportEvent({ reportId: 'R1', userId: USER, companyId: COMPANY }), facts: { reportId: 'R1', currentApprovalStatus: 'A_APPR' } });
  assert.match(reason(noUser), /without a usable userId/);
  assert.match(reason(parse({ ...reportEvent({ reportId: 'R1', userId: USER, companyId: COMPANY }), topic: 'public.concur.user' })), /topic public\.concur\.user is not one/);
});

test('toPushedDocument gives the engine its event id, source id and fetch hints; null for ignored events', () => {
  const fis = eventToDocumentRef(parse(fisReadyEvent({ docType: 'invoice', documentId: 'D9', companyId: COMPANY, entityId: 'p1' })));
  const pushed = toPushedDocument(fis);
  assert.equal(pushed?.sourceId, 'D9');
  assert.equal(pushed?.eventId, fis.eventId);
  assert.equal(pushed?.meta.docType, 'invoice');
  assert.equal(pushed?.meta.companyId, COMPANY);
  assert.match(pushed?.meta.href ?? '', /docId=D9$/);
  const rep = toPushedDocument(eventToDocumentRef(parse(reportEvent({ reportId: 'R7', userId: USER, companyId: COMPANY }))));
  assert.deepEqual([rep?.sourceId, rep?.meta.userId, rep?.meta.via], ['R7', USER, 'webhook']);
  assert.equal(toPushedDocument({ kind: 'ignored', eventId: 'x', reason: 'n/a' }), null);
});
