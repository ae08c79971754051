// Why a target, as configured, attaches no receipts (null: it does). One text for the adapter, which says it on
// every skipped receipt, and for the connection form, which says it before the first sync.
import type { TargetSettings } from './schemas/connection';

type NetSuiteReceiptFields = { auth: string; consumerKey?: string; tokenId?: string; receiptFolderId?: string };

/** NetSuite uploads files only over SuiteTalk SOAP, which takes token-based authentication, into a set folder. */
export function netsuiteSoapGap(s: Pick<NetSuiteReceiptFields, 'auth' | 'consumerKey' | 'tokenId'>): string | null {
  if (s.consumerKey && s.tokenId) return null;
  return s.auth === 'tba'
    ? 'NetSuite: receipts are not attached — the consumer key and token ID (token-based authentication) are not set'
    : 'NetSuite: receipts are not attached — NetSuite uploads files only over SuiteTalk SOAP, which does not accept OAuth 2.0: add token-based credentials (consumer key, token ID and their secrets) for receipts';
}

export function netsuiteReceiptGap(s: NetSuiteReceiptFields): string | null {
  return netsuiteSoapGap(s) ?? (s.receiptFolderId ? null : 'NetSuite: receipts are not attached — no File Cabinet folder is set for them (receipt folder internal ID in the connection settings)');
}

export const X3_RECEIPT_GAP = 'Sage X3: attachments not supported through the documented APIs';

export function receiptGap(target: TargetSettings): string | null {
  if (target.system === 'netsuite') return netsuiteReceiptGap(target);
  if (target.system === 'sage-x3') return X3_RECEIPT_GAP;
  return null;
}
