// Concur receipts through the Image v1 service (developer.concur.com src/api-reference/image/v1.image.markdown):
// GET /api/image/v1.0/report/{reportId} answers <Image><Id/><Url/></Image>, the Url a link valid 15 minutes to
// the report's receipts bundled into one PDF; /invoice/{requestId} the same for an invoice's image. An empty
// Url means there is no image. The link is asked for at each attempt, never stored, so it cannot expire in
// the queue. Which documents carry receipts is not in the report data we read, so every expense report and
// invoice gets a reference and "no image" becomes a skipped receipt with that note (inferred: the v3 report
// list has no image flag we rely on).
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ReceiptRef } from '../../../../shared/schemas/receipt';
import { ConnectorError } from '../../errors';
import { TEXT, parseXml } from '../xml';
import type { XmlNode } from '../xml';
import type { ConcurClient } from './client';

export const IMAGE_V1 = '/api/image/v1.0';

/** The receipt reference of a Concur document: the report image (expense reports) or the invoice image. */
export function concurReceiptRefs(doc: SourceDocument): ReceiptRef[] {
  if (doc.kind === 'expense_report') {
    // v3 reports: the source id is the report id; FIS expense documents name it in meta.reportId.
    const reportId = doc.meta.reportId ?? (doc.meta.fisDocId ? undefined : doc.sourceId);
    if (!reportId) return [];
    return [{ receiptId: `report:${reportId}`, kind: 'concur-image', locator: `report/${encodeURIComponent(reportId)}`, fileName: `concur-report-${reportId}` }];
  }
  if (doc.kind === 'invoice' && doc.meta.requestId) {
    const id = doc.meta.requestId;
    return [{ receiptId: `invoice:${id}`, kind: 'concur-image', locator: `invoice/${encodeURIComponent(id)}`, fileName: `concur-invoice-${id}` }];
  }
  return [];
}

export function withConcurReceipts(doc: SourceDocument): SourceDocument {
  const refs = concurReceiptRefs(doc);
  return refs.length ? { ...doc, receipts: refs } : doc;
}

const textOf = (v: unknown): string => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as XmlNode)[TEXT] === 'string' ? ((v as XmlNode)[TEXT] as string) : '');

/** The Image v1 answer's Url (XML-decoded by the parser), or null when Concur has no image. */
export function imageUrlOf(xml: string): string | null {
  const root = parseXml(xml, { system: 'SAP Concur', what: 'receipt image answer' });
  const image = root.Image as XmlNode | undefined;
  if (!image || typeof image !== 'object') throw new ConnectorError('REMOTE_PROTOCOL', 'SAP Concur answered the receipt image request without an Image element', { system: 'SAP Concur', retryable: false });
  const url = textOf(image.Url).trim();
  return url || null;
}

export async function concurReceiptLink(client: ConcurClient, ref: ReceiptRef): Promise<{ url: string } | null> {
  if (ref.kind !== 'concur-image') return { url: ref.locator };
  const xml = await client.getText(`${IMAGE_V1}/${ref.locator}`, 'the receipt image link', { accept: 'application/xml' });
  const url = imageUrlOf(xml);
  return url ? { url } : null;
}
