// v3 approved invoices: payment request digests (I1, approvalStatus + lastModifiedDateAfter by day,
// NextPage paging) and each full payment request (I2), one batch per digest page.
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { ResolvedConcurSettings } from '../../../../shared/schemas/systems/concur';
import { isConnectorError } from '../../errors';
import type { ConcurClient } from './client';
import { advanceInvoiceCursor, parseConcurDate } from './cursor';
import { paymentRequestToDocument } from './invoice-from-remote';
import { yes } from './map-common';
import { invoiceDigestPageSchema, paymentRequestSchema } from './schemas';
import type { InvoiceDigest } from './schemas';

type InvoiceDigestPage = { Items?: InvoiceDigest[] | null; NextPage?: string | null };

export const DIGESTS = '/api/v3.0/invoice/paymentrequestdigests';
export const PAYMENT_REQUEST = '/api/v3.0/invoice/paymentrequest';
const APPROVED = 'A_APPR';

export function createInvoiceReader(settings: ResolvedConcurSettings, client: ConcurClient) {
  async function load(requestId: string, modified?: unknown): Promise<SourceDocument> {
    const pr = await client.getJson(`${PAYMENT_REQUEST}/${encodeURIComponent(requestId)}`, paymentRequestSchema, `invoice ${requestId}`);
    return paymentRequestToDocument(pr, requestId, settings, modified);
  }

  async function* batches(from: string, done: (cursor: string) => void): AsyncGenerator<SourceDocument[]> {
    const q = new URLSearchParams({ approvalStatus: APPROVED, lastModifiedDateAfter: from, limit: String(settings.pageSize) });
    let url: string | null = `${DIGESTS}?${q.toString()}`;
    const seen = new Set<string>();
    const visited = new Set<string>();
    let newest: number | null = null;
    while (url) {
      if (visited.has(url)) break;
      visited.add(url);
      const page: InvoiceDigestPage = await client.getJson(url, invoiceDigestPageSchema, 'the list of approved invoices');
      const fresh: Array<{ id: string; modified: unknown }> = [];
      for (const d of page.Items ?? []) {
        const t = parseConcurDate(d.LastModifiedDate);
        if (t !== null && (newest === null || t > newest)) newest = t;
        const id = d.PaymentRequestId ?? d.ID;
        if (!id || seen.has(id) || yes(d.IsDeleted) || (d.ApprovalStatusCode !== undefined && d.ApprovalStatusCode !== null && d.ApprovalStatusCode !== APPROVED)) continue;
        seen.add(id);
        fresh.push({ id, modified: d.LastModifiedDate });
      }
      const docs = await Promise.all(fresh.map((f) => load(f.id, f.modified)));
      if (docs.length) yield docs;
      url = page.NextPage || null;
    }
    done(advanceInvoiceCursor(from, newest));
  }

  /**
   * Reconciliation, read-only: approved invoices whose invoice date lies in [from, to]. The digest (I1) cannot
   * filter on the invoice date (api/concur.md §2.6 lists createDate, userDefinedDate, submitDate, paidDate,
   * lastModifiedDate, extractedDate), so the documented superset the pull itself reads is read (approved,
   * modified after `since`) and filtered here on the invoice date. The watermark it would give is dropped.
   */
  async function readPeriod(since: string, from: string, to: string): Promise<SourceDocument[]> {
    const docs: SourceDocument[] = [];
    for await (const batch of batches(since, () => undefined)) docs.push(...batch);
    return docs.filter((d) => d.documentDate !== null && d.documentDate >= from && d.documentDate <= to);
  }

  async function fetchOne(requestId: string): Promise<SourceDocument | null> {
    try {
      return await load(requestId);
    } catch (e) {
      if (isConnectorError(e) && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  return { batches, fetchOne, readPeriod };
}
