// Pure mapping from an ESS event to the document it announces: FIS "ready for integration" events and
// expense reports reaching approval; everything else is ignored with a reason the log can show.
import { z } from 'zod';
import type { PushedDocument } from '../engine/ingest-one';
import { EXPENSE_REPORT_TOPIC, FIS_TOPIC, topicMatches } from './envelope';
import type { EssEvent } from './envelope';

/** FIS path values of `docType` (v4 financial integration); event types use camel case (`requestObligation`). */
export const FIS_DOC_TYPES = ['expense', 'invoice', 'cashadvance', 'payroll', 'requestobligation', 'reportobligation'] as const;
export type FisDocType = (typeof FIS_DOC_TYPES)[number];

export type DocumentRef =
  | { kind: 'fis'; eventId: string; docType: FisDocType; documentId: string; companyId: string; entityId: string | null; href: string | null }
  | { kind: 'expense-report'; eventId: string; reportId: string; userId: string; companyId: string | null; href: string | null }
  | { kind: 'ignored'; eventId: string; reason: string };

export interface DocumentRefOptions {
  /** Approval statuses that make a report ready to post; default A_APPR (approved). */
  approvedStatuses?: readonly string[];
}

const text = z.string().trim().min(1);
const fisFacts = z.looseObject({ companyId: text, documentId: text, entityId: text.nullish(), href: text.nullish() });
const reportFacts = z.looseObject({
  reportId: text.max(64),
  userId: text,
  companyId: text.nullish(),
  href: text.nullish(),
  currentApprovalStatus: text.nullish(),
});

export function eventToDocumentRef(event: EssEvent, opts: DocumentRefOptions = {}): DocumentRef {
  const eventId = event.id;
  const ignored = (reason: string): DocumentRef => ({ kind: 'ignored', eventId, reason });
  if (topicMatches(event.topic, FIS_TOPIC)) {
    const m = /^([A-Za-z]+)\.readyForIntegration$/i.exec(event.eventType.trim());
    if (!m) return ignored(`financial integration event type ${event.eventType} is not a "ready for integration" event`);
    const docType = m[1]!.toLowerCase();
    if (!(FIS_DOC_TYPES as readonly string[]).includes(docType)) return ignored(`unknown financial integration document type ${m[1]}`);
    const facts = fisFacts.safeParse(event.facts);
    if (!facts.success) return ignored(`financial integration event without ${missing(facts.error)}`);
    const f = facts.data;
    return { kind: 'fis', eventId, docType: docType as FisDocType, documentId: f.documentId, companyId: f.companyId, entityId: f.entityId ?? null, href: f.href ?? null };
  }
  if (topicMatches(event.topic, EXPENSE_REPORT_TOPIC)) {
    if (!/(^|\.)statusChanged$/i.test(event.eventType.trim())) return ignored(`expense report event ${event.eventType} is not an approval`);
    const facts = reportFacts.safeParse(event.facts);
    if (!facts.success) return ignored(`expense report status event without ${missing(facts.error)}`);
    const f = facts.data;
    const approved = opts.approvedStatuses ?? ['A_APPR'];
    if (!f.currentApprovalStatus || !approved.includes(f.currentApprovalStatus)) {
      return ignored(`expense report ${f.reportId} changed to approval status ${f.currentApprovalStatus ?? '(none)'}, not approved`);
    }
    return { kind: 'expense-report', eventId, reportId: f.reportId, userId: f.userId, companyId: f.companyId ?? null, href: f.href ?? null };
  }
  return ignored(`topic ${event.topic} is not one the connector posts from`);
}

/**
 * The engine's pushed-document reference (core.ingestPushed): sourceId is the report id or FIS document id;
 * meta carries what the source adapter needs to fetch that one document. Null for ignored events.
 */
export function toPushedDocument(ref: DocumentRef): PushedDocument | null {
  if (ref.kind === 'ignored') return null;
  const meta: Record<string, string> = { via: 'webhook' };
  const put = (k: string, v: string | null) => {
    if (v) meta[k] = v;
  };
  if (ref.kind === 'fis') {
    put('docType', ref.docType);
    put('companyId', ref.companyId);
    put('entityId', ref.entityId);
    put('href', ref.href);
    return { eventId: ref.eventId, sourceId: ref.documentId, meta };
  }
  put('userId', ref.userId);
  put('companyId', ref.companyId);
  put('href', ref.href);
  return { eventId: ref.eventId, sourceId: ref.reportId, meta };
}

function missing(error: z.ZodError): string {
  const names = [...new Set(error.issues.map((i) => i.path.join('.') || 'facts'))];
  return `a usable ${names.join(', ')}`;
}
