// FIS v4 wire shapes (shared/api/concur.md §2.7): both listing envelopes (current {content, page, links}
// and older {fIDocuments, offset, nextPage, numberReturned}), FIDocument with `document` as a JSON string or
// object, and the per-item acknowledge / posting confirmation results. Lenient: unknown fields pass.
import { z } from 'zod';
import { obj, text } from './map-common';
import type { Obj } from './map-common';

const num = z.union([z.number(), z.string()]).nullish();

export const fisPageSchema = z.looseObject({
  content: z.array(z.unknown()).nullish(),
  page: z.looseObject({ size: num, totalElements: num, totalPages: num, number: num }).nullish(),
  links: z.array(z.looseObject({ rel: z.string().nullish(), href: z.string().nullish() })).nullish(),
  fIDocuments: z.array(z.unknown()).nullish(),
  offset: num,
  nextPage: z.union([z.string(), z.number()]).nullish(),
  numberReturned: num,
});
export type FisPage = z.infer<typeof fisPageSchema>;

/** Where the next page is: a link to follow, a page number to ask for, or nothing. */
export type FisNext = { url: string } | { page: number } | null;

export function pageItems(p: FisPage): unknown[] {
  return p.content ?? p.fIDocuments ?? [];
}

/** Current envelope: rel=next, else page+1 while number+1 < totalPages. Older one: its nextPage link. */
export function nextOf(p: FisPage, requestedPage: number): FisNext {
  const link = p.links?.find((l) => l.rel?.toLowerCase() === 'next' && l.href);
  if (link?.href) return { url: link.href };
  if (p.page) {
    const number = Number(p.page.number ?? requestedPage);
    const total = Number(p.page.totalPages ?? 0);
    return Number.isFinite(number) && Number.isFinite(total) && number + 1 < total ? { page: number + 1 } : null;
  }
  if (typeof p.nextPage === 'string' && p.nextPage.trim() !== '') return /^\d+$/.test(p.nextPage.trim()) ? { page: Number(p.nextPage) } : { url: p.nextPage };
  if (typeof p.nextPage === 'number') return { page: p.nextPage };
  return null;
}

export interface FisItem {
  id: string;
  docType: string | null;
  companyId: string | null;
  /** The Concur company UUID: the document's tenant. */
  companyUuid: string | null;
  entityId: string | null;
  docStatus: string | null;
  /** The financial document itself, or null with `problem` saying why it is unreadable. */
  body: Obj | null;
  problem: string | null;
}

/** One FIDocument; null when it has no id (nothing could acknowledge or key it). */
export function readFisItem(raw: unknown): FisItem | null {
  const o = obj(raw);
  const id = o ? text(o.id ?? o.docId ?? o.documentId) : null;
  if (!o || !id) return null;
  let body: Obj | null = null;
  let problem: string | null = null;
  const doc = o.document;
  if (typeof doc === 'string') {
    try {
      body = single(JSON.parse(doc));
      if (!body) problem = 'the embedded document is not a JSON object';
    } catch {
      problem = 'the embedded document is not valid JSON';
    }
  } else if (single(doc)) body = single(doc);
  else problem = 'the document content is missing';
  return { id, docType: text(o.docType)?.toLowerCase() ?? null, companyId: text(o.companyId), companyUuid: text(o.companyUuid), entityId: text(o.entityId), docStatus: text(o.docStatus), body, problem };
}

/** The schema table types `document` as an Array: a one-element array holding the object counts as the object. */
function single(v: unknown): Obj | null {
  return Array.isArray(v) && v.length === 1 ? obj(v[0]) : obj(v);
}

const code = z.union([z.number(), z.string()]).nullish();

/**
 * The examples answer a bare array; the schema tables name it (`AcknowledgeResponse: [...]`,
 * `PostingConfirmationResponse: [...]`). Accept both, and a lone item object too.
 */
function unwrapList(v: unknown): unknown {
  if (Array.isArray(v)) return v;
  const o = obj(v);
  if (!o) return v;
  return Object.values(o).find(Array.isArray) ?? [o];
}

export const ackResultsSchema = z.preprocess(
  unwrapList,
  z.array(z.looseObject({ code, docId: z.string().nullish(), systemId: z.string().nullish(), acknowledgeResult: z.string().nullish(), errorMessage: z.string().nullish() })),
);

export const confirmResultsSchema = z.preprocess(
  unwrapList,
  z.array(z.looseObject({ code, docId: z.string().nullish(), systemId: z.string().nullish(), postingConfirmationResult: z.string().nullish(), errorMessage: z.string().nullish(), detailMessage: z.string().nullish() })),
);

/** Per-item service codes (§2.7) in words a user can act on. */
export const FIS_CODE_TEXT: Record<number, string> = {
  99: 'the systemId does not match the one the document was read with',
  101: 'already acknowledged',
  102: 'recalled by a Concur processor',
  103: 'not ready for integration',
  104: 'not found at SAP Concur',
  105: 'of another document type',
  111: 'not acknowledged yet',
  112: 'recalled by a Concur processor',
  113: 'already confirmed',
  114: 'in an unknown state at SAP Concur',
  115: 'of another document type',
  116: 'not found at SAP Concur',
  198: 'refused as an invalid request',
  199: 'not processed because of an error at SAP Concur (will retry)',
  298: 'refused as an invalid request',
};

export function codeNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}
