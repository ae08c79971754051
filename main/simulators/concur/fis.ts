// Simulator FIS v4 endpoints (shared/api/concur.md §2.7): F1 listing (page/limit, docId +
// ignoreDocumentStatus, both envelopes), F2 acknowledgements and F3 posting confirmations with the
// documented per-item codes. Company-level tokens only.
import { apiError } from './data';
import type { Datacenter } from './faults';
import { fisOf } from './fis-state';
import type { SimFisDoc } from './fis-state';
import type { AccessRecord, SimState } from './state';
import type { SimReply } from './token';

export interface FisDeps { state: SimState; now: () => number; urls: Record<Datacenter, string> }

const PATH = /^\/financialintegration\/fi\/v4\/companies\/transactiontypes\/([a-z]+)\/transactions(?:\/(acknowledgements|postingconfirmations))?$/;
const TYPES = new Set(['expense', 'invoice', 'cashadvance', 'payroll', 'requestobligation', 'reportobligation']);

export function isFisPath(path: string): boolean {
  return PATH.test(path);
}

export function handleFis(method: string, url: URL, authorization: string | undefined, body: string, dc: Datacenter, deps: FisDeps): SimReply {
  const now = deps.now();
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const access = token ? deps.state.access.get(token) : undefined;
  if (!access || access.dc !== dc || access.expiresAt <= now) return apiError(401, 'Invalid or expired access token', url.pathname, now);
  if (access.principal.kind !== 'company') return apiError(403, 'The Financial Integration Service needs a company-level token', url.pathname, now);
  const [, docType = '', action] = PATH.exec(url.pathname) ?? [];
  if (!TYPES.has(docType)) return apiError(400, `Unknown docType ${docType}`, url.pathname, now);
  if (method === 'GET' && !action) return list(url, docType, access, dc, deps);
  if (method !== 'POST' || !action) return apiError(405, `${method} is not allowed here`, url.pathname, now);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return apiError(400, 'Malformed JSON body', url.pathname, now);
  }
  return action === 'acknowledgements' ? acknowledge(json, docType, access, url, deps) : confirm(json, docType, access, url, deps);
}

function wire(d: SimFisDoc, asString: boolean): Record<string, unknown> {
  return { id: d.id, docType: d.docType, companyId: d.entityId, entityId: d.entityId, companyUuid: d.companyUuid, erpSystemId: d.systemId, document: asString ? JSON.stringify(d.document) : d.document, docStatus: d.recalled ? 'READY' : d.status };
}

function list(url: URL, docType: string, access: AccessRecord, dc: Datacenter, deps: FisDeps): SimReply {
  const fis = fisOf(deps.state);
  const q = url.searchParams;
  const company = access.principal.companyId;
  const docId = q.get('docId');
  let all: SimFisDoc[];
  if (docId) {
    const d = fis.docs.get(docId);
    const visible = d && d.companyUuid === company && d.docType === docType && !d.recalled && (q.get('ignoreDocumentStatus') === 'yes' || d.status === 'READY');
    all = visible ? [d] : [];
  } else all = fis.ready(company, docType);
  const limit = q.get('limit') === null ? 25 : Number(q.get('limit'));
  const page = q.get('page') === null ? 0 : Number(q.get('page'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(page) || page < 0) return apiError(400, 'page must be 0 or more and limit 1 to 1000', url.pathname, deps.now());
  const items = all.slice(page * limit, page * limit + limit).map((d) => wire(d, fis.documentAsString));
  const totalPages = Math.ceil(all.length / limit);
  const link = (p: number) => {
    const u = new URL(url.pathname, deps.urls[dc]);
    for (const [k, v] of q) if (k !== 'page') u.searchParams.append(k, v);
    u.searchParams.set('page', String(p));
    return u.toString();
  };
  const hasNext = page + 1 < totalPages;
  if (fis.envelope === 'legacy') return { status: 200, body: { fIDocuments: items, offset: page * limit, nextPage: hasNext ? link(page + 1) : null, numberReturned: items.length } };
  const links = [{ rel: 'first', href: link(0) }, { rel: 'self', href: link(page) }, ...(hasNext ? [{ rel: 'next', href: link(page + 1) }] : []), { rel: 'last', href: link(Math.max(0, totalPages - 1)) }];
  return { status: 200, body: { content: items, page: { size: limit, totalElements: all.length, totalPages, number: page }, ...(fis.includeLinks ? { links } : {}) } };
}

function lookup(id: string, docType: string, access: AccessRecord, deps: FisDeps): { doc: SimFisDoc | null; code: number | null } {
  const d = fisOf(deps.state).docs.get(id);
  if (!d || d.companyUuid !== access.principal.companyId) return { doc: null, code: 104 };
  if (d.docType !== docType) return { doc: null, code: 105 };
  return { doc: d, code: null };
}

function acknowledge(json: Record<string, unknown>, docType: string, access: AccessRecord, url: URL, deps: FisDeps): SimReply {
  if (!Array.isArray(json.ids) || json.ids.some((i) => typeof i !== 'string')) return apiError(400, 'ids must be an array of document ids', url.pathname, deps.now());
  const systemId = typeof json.systemId === 'string' ? json.systemId : null;
  const out = (json.ids as string[]).map((docId) => {
    const r = (code: number, ok: boolean, errorMessage: string | null) => ({ code, docId, systemId, acknowledgeResult: ok ? 'SUCCESS' : 'FAILURE', errorMessage });
    const { doc, code } = lookup(docId, docType, access, deps);
    if (!doc) return r(code ?? 104, false, code === 105 ? 'Wrong document type' : 'Document not found');
    if (doc.recalled) return r(102, false, 'Document was recalled');
    if (doc.status !== 'READY') return r(101, false, 'Document already acknowledged');
    doc.status = 'ACKNOWLEDGED';
    doc.systemId = systemId;
    return r(0, true, null);
  });
  return { status: 200, body: out };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function confirm(json: Record<string, unknown>, docType: string, access: AccessRecord, url: URL, deps: FisDeps): SimReply {
  if (typeof json.systemId !== 'string' || !Array.isArray(json.postingConfirmations)) return apiError(400, 'systemId and postingConfirmations are required', url.pathname, deps.now());
  const fis = fisOf(deps.state);
  const systemId = json.systemId;
  const out = (json.postingConfirmations as Array<Record<string, unknown>>).map((c) => {
    const docId = typeof c.docId === 'string' ? c.docId : '';
    const r = (code: number, result: string, errorMessage: string | null) => ({ code, docId, systemId, postingConfirmationResult: result, errorMessage, detailMessage: errorMessage });
    if (fis.systemErrors > 0) {
      fis.systemErrors--;
      return r(199, 'SYSTEM_ERROR_OCCURRED', 'Unexpected error, retry later');
    }
    const { doc, code } = lookup(docId, docType, access, deps);
    if (!doc) return r(code ?? 104, code === 105 ? 'FAILURE' : 'DOCUMENT_NOT_FOUND', 'Document not found');
    if (doc.recalled) return r(112, 'WAS_RECALLED', 'Document was recalled');
    if (doc.status === 'READY') return r(111, 'NOT_YET_ACKNOWLEDGED', 'Document is not acknowledged');
    if (doc.status !== 'ACKNOWLEDGED') return r(113, 'FAILURE', 'Posting already confirmed');
    const status = c.overallPostingStatusCode;
    const docs = Array.isArray(c.postingDocs) ? (c.postingDocs as Array<Record<string, unknown>>) : [];
    const messages = Array.isArray(c.systemMessages) ? (c.systemMessages as Array<Record<string, unknown>>) : [];
    if (status !== 'success' && status !== 'error') return r(198, 'FAILURE', 'overallPostingStatusCode must be success or error');
    if (messages.some((m) => String(m.messageLongText ?? '').length > 1300 || String(m.messageShortText ?? '').length > 1300)) return r(198, 'FAILURE', 'System message longer than 1300 characters');
    if (status === 'success') {
      const bad = docs.length === 0 || docs.some((p) => typeof p.companyId !== 'string' || !p.companyId || typeof p.documentNumber !== 'string' || !p.documentNumber || p.documentNumber.length > 80 || !DATE.test(String(p.postingDate ?? '')));
      if (bad) return r(198, 'FAILURE', 'postingDocs need companyId, documentNumber (max 80) and postingDate YYYY-MM-DD');
    }
    doc.status = status === 'success' ? 'POSTING_CONFIRMED_SUCCESS' : 'POSTING_CONFIRMED_FAILURE';
    doc.confirmation = c;
    return r(0, 'SUCCESS', null);
  });
  return { status: 200, body: out };
}
