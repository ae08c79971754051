// Plain-language lines about a change after posting, for the audit trail and the CLI.
import type { SourceDocument } from '../../../shared/schemas/document';
import { formatMinor } from '../money/parse';
import type { ChangeRow } from '../store/repos/changes';
import type { PostingRow } from '../store/repos/postings';

const amount = (minor: number | null, currency: string | null): string => (minor === null || !currency ? 'no amount' : `${formatMinor(minor, currency)} ${currency}`);

export function changeMessage(doc: SourceDocument, posted: PostingRow, change: ChangeRow): string {
  const before = amount(change.before_total_minor, posted.currency);
  const after = amount(change.total_minor, change.currency);
  const again = change.seq > 1 ? ` (change ${change.seq})` : '';
  return `Changed in ${doc.sourceSystem} after it was posted as ${posted.erp_id ?? 'an unknown ERP id'}${again}: ${before} → ${after}; kept as change #${change.id}, not posted — adjust it or accept it with a reason`;
}
