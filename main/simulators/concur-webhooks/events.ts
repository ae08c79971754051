// Builders for ESS events in the documented envelope (shared/api/concur.md §3.3): FIS "ready for
// integration" and expense report status changes. Ids are random UUIDs unless given.
import { randomUUID } from 'node:crypto';

export interface EssEnvelope {
  id: string;
  correlationId: string;
  topic: string;
  subtopic: string | null;
  eventType: string;
  timeStamp: string;
  route: string;
  facts: Record<string, unknown>;
  data: unknown;
}

export interface FisEventInput {
  /** Event-type spelling, e.g. `invoice`, `expense`, `requestObligation`. */
  docType: string;
  documentId: string;
  companyId: string;
  entityId?: string;
  /** Origin of the F1 URL in `href` (the company's datacenter). */
  base?: string;
  id?: string;
  timeStamp?: string;
}

export function fisReadyEvent(i: FisEventInput): EssEnvelope {
  const entityId = i.entityId ?? 'p0000000sim';
  const base = i.base ?? 'https://us2.api.concursolutions.com';
  const href = `${base}/financialintegration/fi/v4/companies/transactiontypes/${i.docType.toLowerCase()}/transactions?docId=${encodeURIComponent(i.documentId)}`;
  return {
    id: i.id ?? randomUUID(),
    correlationId: randomUUID(),
    topic: 'public.concur.financialintegration',
    subtopic: entityId,
    eventType: `${i.docType}.readyForIntegration`,
    timeStamp: i.timeStamp ?? new Date().toISOString(),
    route: 'stable',
    facts: { companyId: i.companyId, entityId, documentId: i.documentId, href },
    data: null,
  };
}

export interface ReportEventInput {
  reportId: string;
  userId: string;
  companyId: string;
  eventType?: 'reportCreated' | 'reportUpdated' | 'reportDeleted' | 'statusChanged';
  previousApprovalStatus?: string;
  currentApprovalStatus?: string;
  /** The samples disagree on the `public.` prefix; both must be accepted. */
  topic?: string;
  base?: string;
  id?: string;
  timeStamp?: string;
}

export function reportEvent(i: ReportEventInput): EssEnvelope {
  const eventType = i.eventType ?? 'statusChanged';
  const base = i.base ?? 'https://us2.api.concursolutions.com';
  const facts: Record<string, unknown> = {
    companyId: i.companyId,
    reportId: i.reportId,
    userId: i.userId,
    actingUserId: i.userId,
    reportType: 'EXPENSE_REPORT',
    lastModifiedDate: new Date().toISOString(),
    href: `${base}/expensereports/v4/users/${i.userId}/context/TRAVELER/reports/${i.reportId}`,
  };
  if (eventType === 'statusChanged') {
    Object.assign(facts, {
      previousApprovalStatus: i.previousApprovalStatus ?? 'A_PEND',
      currentApprovalStatus: i.currentApprovalStatus ?? 'A_APPR',
      previousPaymentStatus: 'P_NOTP',
      currentPaymentStatus: 'P_NOTP',
      stepCode: 'APPROVAL',
    });
  }
  return {
    id: i.id ?? randomUUID(),
    correlationId: randomUUID(),
    topic: i.topic ?? 'public.concur.expense.report',
    subtopic: null,
    eventType,
    timeStamp: i.timeStamp ?? new Date().toISOString(),
    route: 'stable',
    facts,
    data: null,
  };
}
