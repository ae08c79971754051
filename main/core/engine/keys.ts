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

const key = (material: string): string => `MLC-${base32(createHash('sha256').update(material).digest(), 16)}`;

/**
 * K = "MLC-" + 16 base32 chars (80 bits) of SHA-256("v2", source system, source tenant, document kind,
 * source document id). Nothing of the install goes in (no connection id, no database row), so a new PC, a
 * restored folder or a colleague's install computes the same K for the same document and finds it in the ERP.
 * The version is left out on purpose: a changed document keeps its key and is flagged, never re-posted.
 * 20 characters fit the short reference fields of X3 and Acumatica.
 */
export function documentKey(sourceSystem: string, tenant: string, kind: string, sourceId: string): string {
  return key(['v2', sourceSystem, tenant, kind, sourceId].join('\u0000'));
}

/**
 * The first rule's key, SHA-256(connection id, source system, document id): documents posted under it by
 * older installs must still be found (looked up, never sent under it again unless it was already in flight).
 */
export function legacyKey(connectionId: string, sourceSystem: string, sourceId: string): string {
  return key(`${connectionId}\u0000${sourceSystem}\u0000${sourceId}`);
}

export interface DocumentKeys {
  /** The key a fresh post carries. */
  key: string;
  /** The same document's key under the first rule (what an older install of this connection wrote). */
  legacy: string;
  /** Every other form the document may carry in the ERP: its legacy key, its twins' keys (both rules). */
  lookupKeys: string[];
}

/**
 * The source tenant a document belongs to: its own, else the source connection's (Concur company UUID), in lower
 * case, so a UUID written in capitals on one read path (FIS companyUuid) and in small letters on another (a login
 * setting) gives the same key.
 */
export const tenantOf = (doc: SourceDocument, fallback: string | null): string => (doc.tenant ?? fallback ?? '').toLowerCase();

export function keysFor(doc: SourceDocument, connectionId: string, fallbackTenant: string | null): DocumentKeys {
  const tenant = tenantOf(doc, fallbackTenant);
  const k = documentKey(doc.sourceSystem, tenant, doc.kind, doc.sourceId);
  const legacy = legacyKey(connectionId, doc.sourceSystem, doc.sourceId);
  const twins = (doc.aliases ?? []).flatMap((a) => [documentKey(doc.sourceSystem, tenant, doc.kind, a), legacyKey(connectionId, doc.sourceSystem, a)]);
  return { key: k, legacy, lookupKeys: [...new Set([legacy, ...twins])].filter((x) => x !== k) };
}

/** Keys for a plan sent under `sendKey` (an outbox row keeps the key it may already have been sent under). */
export function planKeys(sendKey: string, keys: DocumentKeys): { key: string; lookupKeys: string[] } {
  return { key: sendKey, lookupKeys: [keys.key, ...keys.lookupKeys].filter((k) => k !== sendKey) };
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

/**
 * Key of an adjustment document (reversal, new version, difference) of a document changed after posting: the
 * document's key material plus the version it changed from and to and the document's role, so each change gets
 * its own, every install computes the same one, and a replay of the same adjustment finds it in the ERP.
 */
export function adjustmentKey(doc: SourceDocument, fallbackTenant: string | null, beforeHash: string, afterHash: string, role: string): string {
  return documentKey(doc.sourceSystem, tenantOf(doc, fallbackTenant), `${doc.kind}#adj:${beforeHash.slice(0, 16)}>${afterHash.slice(0, 16)}:${role}`, doc.sourceId);
}
