// The receipts of one document as the accountant sees them: the queued ones with their state, and those
// not queued yet with why (the document waits for its post, or receipts are off for the connection).
import type { SourceDocument } from '../../../shared/schemas/document';
import type { ReceiptAttachment } from '../../../shared/schemas/receipt';
import type { PostingRow } from '../store/repos/postings';
import type { ReceiptRow } from '../store/repos/receipts';
import { toAttachment } from '../store/repos/receipts';

export function receiptsOf(row: PostingRow, doc: SourceDocument, queued: ReceiptRow[], enabled: boolean): ReceiptAttachment[] {
  const out = queued.map(toAttachment);
  const known = new Set(out.map((r) => r.receiptId));
  for (const ref of doc.receipts ?? []) {
    if (known.has(ref.receiptId)) continue;
    const note = !enabled ? 'Receipts are off for this connection: not fetched' : row.status === 'posted' ? 'Queued with the next sync' : 'Waits for the document to post';
    out.push({ receiptId: ref.receiptId, fileName: ref.fileName, state: !enabled ? 'skipped' : 'pending', note, erpFileRef: null, bytes: null, type: null, attempts: 0, nextAttemptAt: null, updatedAt: row.updated_at });
  }
  return out;
}
