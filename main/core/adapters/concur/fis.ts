// FIS v4 reads: F1 listing of READY documents per docType (page/limit, links rel=next or page+1, both
// envelopes) and one document by docId (webhook path). Nothing is acknowledged here: the engine calls
// acknowledge() after it committed a batch, which shrinks the READY queue while we page.
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ConcurFisDocType, ResolvedConcurSettings } from '../../../../shared/schemas/systems/concur';
import { CONCUR_FIS_DOC_TYPES } from '../../../../shared/schemas/systems/concur';
import type { AdapterContext } from '../types';
import type { ConcurClient } from './client';
import { protocolError } from './errors';
import { FIS_PATH } from './fis-confirm';
import { fisToDocument } from './fis-from-remote';
import { fisPageSchema, nextOf, pageItems, readFisItem } from './fis-schemas';
import type { FisItem, FisNext } from './fis-schemas';

/** Passes over one docType's queue: another pass only when acknowledgements moved documents between pages. */
const MAX_PASSES = 5;
const MAX_PAGES = 10_000;
const FORMAT = { DocumentFormatAs: 'json' };

export function createFisReader(settings: ResolvedConcurSettings, ctx: AdapterContext, client: ConcurClient) {
  /** Bumped by the adapter's acknowledge(): page numbers of the READY queue shift after it. */
  let acks = 0;

  function listPath(docType: string, extra: Record<string, string>): string {
    const q = new URLSearchParams(extra);
    if (settings.systemId) q.set('systemId', settings.systemId);
    return `${FIS_PATH}/${docType}/transactions?${q.toString()}`;
  }

  function readItems(raw: unknown[], docType: string): FisItem[] {
    const out: FisItem[] = [];
    let broken = 0;
    for (const r of raw) {
      const item = readFisItem(r);
      if (item) out.push(item);
      else broken++;
    }
    // Without an id nothing can key, acknowledge or confirm the document; it stays READY at Concur.
    if (broken) ctx.note({ action: 'fetch', outcome: 'unreadable', message: `SAP Concur listed ${broken} ${docType} document(s) without an id; they were skipped` });
    return out;
  }

  async function* pullType(docType: ConcurFisDocType): AsyncGenerator<SourceDocument[]> {
    const seen = new Set<string>();
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const acksAtStart = acks;
      let foundNew = false;
      const visited = new Set<string>();
      let next: FisNext = { page: 0 };
      let pageNo = 0;
      while (next) {
        const url: string = 'url' in next ? next.url : listPath(docType, { page: String(next.page), limit: String(settings.pageSize) });
        pageNo = 'page' in next ? next.page : pageNo + 1;
        if (visited.has(url) || visited.size >= MAX_PAGES) throw protocolError(`the ${docType} documents ready to post`, 'the next-page link points back to a page already read');
        visited.add(url);
        const page = await client.getJson(url, fisPageSchema, `the ${docType} documents ready to post`, FORMAT);
        const raw = pageItems(page);
        const docs: SourceDocument[] = [];
        for (const item of readItems(raw, docType)) {
          if (seen.has(item.id) || (item.docStatus && item.docStatus.toUpperCase() !== 'READY')) continue;
          seen.add(item.id);
          docs.push(fisToDocument(item, docType, settings));
        }
        if (docs.length) {
          foundNew = true;
          yield docs;
        }
        next = raw.length ? nextOf(page, pageNo) : null;
      }
      if (!foundNew || acks === acksAtStart) return;
    }
  }

  async function* batches(): AsyncGenerator<SourceDocument[]> {
    for (const docType of settings.fisDocTypes) yield* pullType(docType);
  }

  /** F1 with docId + ignoreDocumentStatus=yes; null when Concur has nothing left to post for it. */
  async function fetchOne(sourceId: string, meta: Record<string, string>): Promise<SourceDocument | null> {
    const hinted = (CONCUR_FIS_DOC_TYPES as readonly string[]).includes(meta.docType ?? '') ? [meta.docType as ConcurFisDocType] : settings.fisDocTypes;
    for (const docType of hinted) {
      const page = await client.getJson(listPath(docType, { docId: sourceId, ignoreDocumentStatus: 'yes' }), fisPageSchema, `FIS ${docType} document ${sourceId}`, FORMAT);
      const items = readItems(pageItems(page), docType);
      const item = items.find((i) => i.id === sourceId) ?? (items.length === 1 ? items[0] : undefined);
      if (!item) continue;
      if (item.docStatus && /^POSTING_CONFIRMED/i.test(item.docStatus)) return null;
      return fisToDocument(item, docType, settings);
    }
    return null;
  }

  return { batches, fetchOne, noteAcknowledged: () => void acks++ };
}
