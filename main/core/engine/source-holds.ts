// Holds that no mapping fix or replay can clear: the document as the source sent it cannot post (a kind the
// product does not post, unreadable or inconsistent source data). The source is told, with the reason, so a
// processor can fix and resend it instead of waiting for a posting that never comes (Concur FIS shows
// "Financial Posting Failed"). Holds the accountant can fix here (mappings, ERP reference data) are not sent.
import type { HoldCode, HoldReason } from '../../../shared/schemas/posting';

const FINAL_AT_SOURCE: ReadonlySet<HoldCode> = new Set<HoldCode>(['UNSUPPORTED_DOCUMENT', 'SOURCE_INVALID', 'INVALID_AMOUNT', 'INVALID_CURRENCY', 'ALLOCATION_INVALID']);

/** The reasons that make the document unpostable as sent; empty when the accountant can still fix it here. */
export function finalAtSource(reasons: readonly HoldReason[]): HoldReason[] {
  return reasons.filter((r) => FINAL_AT_SOURCE.has(r.code));
}

/** What the source is told: the reasons in plain words, within the source's message limit. */
export function heldMessage(reasons: readonly HoldReason[]): string {
  return `Not posted by ml-connector: ${reasons.map((r) => r.message).join('; ')}`;
}
