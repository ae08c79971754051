// FIS write calls: F2 acknowledgement (per docType, in chunks; 101 "already acknowledged" is success) and
// F3 posting confirmation (success with the ERP document, or error with the reason; 113 "already confirmed"
// is success; 111 "not acknowledged" -> acknowledge, then confirm once more). Both are safe to repeat.
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ResolvedConcurSettings } from '../../../../shared/schemas/systems/concur';
import type { ErrorCode } from '../../../../shared/errors';
import { ConnectorError } from '../../errors';
import type { ConfirmOutcome } from '../types';
import type { ConcurClient } from './client';
import { SYSTEM } from './errors';
import { FIS_CODE_TEXT, ackResultsSchema, codeNumber, confirmResultsSchema } from './fis-schemas';

export const FIS_PATH = '/financialintegration/fi/v4/companies/transactiontypes';
const CHUNK = 100;
/** Documented field limits: ERP document number ≤ 80, system messages ≤ 1300. */
const MAX_DOCUMENT_NUMBER = 80;
const MAX_MESSAGE = 1300;

type DocRef = { sourceId: string; meta: Record<string, string> };
export type ConfirmResult = { sourceId: string; ok: true } | { sourceId: string; ok: false; error: ConnectorError };
type ItemAnswer = { ok: boolean; code: number | null; result: string; text: string };

export function createFisWriter(settings: ResolvedConcurSettings, client: ConcurClient, today: () => string) {
  const systemPart = () => ({ systemId: settings.systemId });

  async function ackIds(docType: string, ids: string[]): Promise<Map<string, ItemAnswer>> {
    const out = new Map<string, ItemAnswer>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const res = await client.postJson(`${FIS_PATH}/${docType}/transactions/acknowledgements`, { ids: chunk, ...systemPart() }, ackResultsSchema, `the acknowledgement of ${chunk.length} ${docType} document(s)`);
      for (const r of res) {
        if (!r.docId) continue;
        const code = codeNumber(r.code);
        const result = (r.acknowledgeResult ?? '').toUpperCase();
        out.set(r.docId, { ok: result === 'SUCCESS' || code === 101, code, result, text: r.errorMessage ?? '' });
      }
    }
    return out;
  }

  /** Acknowledges FIS documents (others are ignored). Throws one ConnectorError naming every refused document. */
  async function acknowledge(docs: Array<SourceDocument | DocRef>): Promise<void> {
    const failures: Array<{ id: string; answer: ItemAnswer | undefined }> = [];
    for (const [docType, ids] of groupByDocType(docs)) {
      const answers = await ackIds(docType, ids);
      for (const id of ids) if (!answers.get(id)?.ok) failures.push({ id, answer: answers.get(id) });
    }
    if (failures.length) throw itemError('acknowledgement', failures);
  }

  function confirmation(ref: DocRef, outcome: ConfirmOutcome): Record<string, unknown> {
    const docId = ref.meta.fisDocId ?? ref.sourceId;
    if (outcome.ok) {
      const postingDate = /^\d{4}-\d{2}-\d{2}$/.test(outcome.postingDate) ? outcome.postingDate : today();
      const postingDoc = { companyId: settings.erpCompanyCode, documentNumber: outcome.erpId.slice(0, MAX_DOCUMENT_NUMBER), fiscalYear: postingDate.slice(0, 4), postingDate, paymentRelevantLineItems: [] };
      return { docId, overallPostingStatusCode: 'success', postingDocs: [postingDoc], systemMessages: [] };
    }
    const reason = outcome.reason.slice(0, MAX_MESSAGE);
    const message = { concurTransactionLineItemId: '', messageId: 'MLC-001', messageLanguage: 'EN', messageShortText: reason.slice(0, 100), messageLongText: reason };
    return { docId, overallPostingStatusCode: 'error', postingDocs: [], systemMessages: [message] };
  }

  async function sendConfirmations(docType: string, items: Array<{ doc: DocRef; outcome: ConfirmOutcome }>): Promise<Map<string, ItemAnswer>> {
    const out = new Map<string, ItemAnswer>();
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      const body = { ...systemPart(), postingConfirmations: chunk.map((x) => confirmation(x.doc, x.outcome)) };
      const res = await client.postJson(`${FIS_PATH}/${docType}/transactions/postingconfirmations`, body, confirmResultsSchema, `the posting confirmation of ${chunk.length} ${docType} document(s)`);
      for (const r of res) {
        if (!r.docId) continue;
        const code = codeNumber(r.code);
        const result = (r.postingConfirmationResult ?? '').toUpperCase();
        out.set(r.docId, { ok: result === 'SUCCESS' || code === 113, code, result, text: r.detailMessage ?? r.errorMessage ?? '' });
      }
    }
    return out;
  }

  /** One result per item, in order. Documents that did not come from FIS have nothing to confirm (ok). */
  async function confirmMany(items: Array<{ doc: DocRef; outcome: ConfirmOutcome }>): Promise<ConfirmResult[]> {
    const results = new Map<string, ConfirmResult>();
    const byType = new Map<string, Array<{ doc: DocRef; outcome: ConfirmOutcome }>>();
    for (const it of items) {
      if (!it.doc.meta.fisDocId) results.set(it.doc.sourceId, { sourceId: it.doc.sourceId, ok: true });
      else if (it.outcome.ok && !settings.erpCompanyCode) {
        const error = new ConnectorError('CONFIG_INVALID', 'Set the ERP company code in the SAP Concur connection settings: FIS posting confirmations must name the ERP company', { system: SYSTEM, retryable: false });
        results.set(it.doc.sourceId, { sourceId: it.doc.sourceId, ok: false, error });
      } else {
        const t = it.doc.meta.docType ?? '';
        byType.set(t, [...(byType.get(t) ?? []), it]);
      }
    }
    for (const [docType, group] of byType) {
      if (!docType) {
        for (const it of group) results.set(it.doc.sourceId, { sourceId: it.doc.sourceId, ok: false, error: new ConnectorError('BAD_REQUEST', `Cannot confirm FIS document ${it.doc.sourceId}: its document type is not known`, { system: SYSTEM, retryable: false }) });
        continue;
      }
      const idOf = (d: DocRef) => d.meta.fisDocId ?? d.sourceId;
      let answers = await sendConfirmations(docType, group);
      // 111: Concur never saw our acknowledgement (lost, or read elsewhere): acknowledge, then confirm once more.
      const unacked = group.filter((it) => isNotAcknowledged(answers.get(idOf(it.doc))));
      if (unacked.length) {
        await ackIds(docType, unacked.map((it) => idOf(it.doc)));
        answers = new Map([...answers, ...(await sendConfirmations(docType, unacked))]);
      }
      for (const it of group) {
        const a = answers.get(idOf(it.doc));
        results.set(it.doc.sourceId, a?.ok ? { sourceId: it.doc.sourceId, ok: true } : { sourceId: it.doc.sourceId, ok: false, error: itemError('posting confirmation', [{ id: idOf(it.doc), answer: a }]) });
      }
    }
    return items.map((it) => results.get(it.doc.sourceId) as ConfirmResult);
  }

  return { acknowledge, confirmMany };
}

function isNotAcknowledged(a: ItemAnswer | undefined): boolean {
  return !!a && !a.ok && (a.code === 111 || a.result === 'NOT_YET_ACKNOWLEDGED');
}

function groupByDocType(docs: Array<SourceDocument | DocRef>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of docs) {
    const id = d.meta.fisDocId;
    const t = d.meta.docType;
    if (!id || !t) continue;
    out.set(t, [...(out.get(t) ?? []), id]);
  }
  return out;
}

/** Plain words per refused document; retryable only for 199 / SYSTEM_ERROR_OCCURRED or a missing answer. */
function itemError(what: string, failures: Array<{ id: string; answer: ItemAnswer | undefined }>): ConnectorError {
  const why = (a: ItemAnswer | undefined): string => {
    if (!a) return 'no answer for this document';
    if (a.result === 'WAS_RECALLED') return FIS_CODE_TEXT[102] as string;
    if (a.result === 'DOCUMENT_NOT_FOUND') return FIS_CODE_TEXT[104] as string;
    if (a.result === 'SYSTEM_ERROR_OCCURRED') return FIS_CODE_TEXT[199] as string;
    const known = a.code !== null ? FIS_CODE_TEXT[a.code] : undefined;
    return known ?? (a.text ? a.text.slice(0, 200) : `refused (${a.result || 'no result'}${a.code !== null ? `, code ${a.code}` : ''})`);
  };
  const retryable = failures.some((f) => !f.answer || f.answer.code === 199 || f.answer.result === 'SYSTEM_ERROR_OCCURRED');
  const codes = failures.map((f) => f.answer?.code ?? null);
  const code: ErrorCode = retryable ? 'UNAVAILABLE' : codes.every((c) => c === 104 || c === 116) ? 'NOT_FOUND' : codes.some((c) => c === 102 || c === 112) ? 'CONFLICT' : 'BAD_REQUEST';
  const list = failures.slice(0, 10).map((f) => `${f.id} (${why(f.answer)})`).join(', ');
  const more = failures.length > 10 ? ` and ${failures.length - 10} more` : '';
  const noun = failures.length === 1 ? 'document' : `${failures.length} documents`;
  return new ConnectorError(code, `SAP Concur did not accept the ${what} of ${noun}: ${list}${more}`, { system: SYSTEM, retryable, details: { docIds: failures.map((f) => f.id) } });
}
