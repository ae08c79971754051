// Deterministic idempotency keys and content hashes (see ../shared/design/exactly-once.md, "The key").
import { createHash } from 'node:crypto';
import type { SourceDocument } from '../../../shared/schemas/document';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

/**
 * K = "MLC-" + 16 base32 chars (80 bits) of SHA-256(connection, source system, document id).
 * The version is left out on purpose: a changed document keeps its key and is flagged, never re-posted.
 * 20 characters fit the short reference fields of X3 and Acumatica's VendorRef.
 */
export function idempotencyKey(connectionId: string, sourceSystem: string, sourceId: string): string {
  const digest = createHash('sha256').update(`${connectionId}\u0000${sourceSystem}\u0000${sourceId}`).digest();
  return `MLC-${base32(digest, 16)}`;
}

/** Hash of what a posting depends on (not the version stamp), to notice a document changed after posting. */
export function contentHash(doc: SourceDocument): string {
  const material = {
    currency: doc.currency,
    documentDate: doc.documentDate,
    employee: doc.employee?.id ?? null,
    vendor: doc.vendor?.code ?? doc.vendor?.name ?? null,
    invoiceNumber: doc.invoiceNumber,
    lines: doc.lines.map((l) => [l.lineId, l.expenseType.code, l.amount?.amountMinor ?? null, l.amount?.currency ?? null, l.transactionDate, l.isPersonal, l.paidBy, l.allocations, l.dimensions]),
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}
