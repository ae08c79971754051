// The receipts of one document and where each stands: attached (and where), waiting or retrying (and when),
// failed or skipped (and why). A receipt never holds the post; this list is where its own fate is shown.
import type { ReceiptAttachment } from '../../../shared/schemas/receipt';
import { formatDateTime } from '../../components/format';

const STATE_LABEL: Record<ReceiptAttachment['state'], string> = { attached: 'Attached', pending: 'Waiting', failed: 'Failed', skipped: 'Skipped' };

function size(bytes: number | null): string {
  if (bytes === null) return '';
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function ReceiptList({ receipts }: { receipts: readonly ReceiptAttachment[] }) {
  return (
    <section aria-label="Receipts">
      <h3>Receipts</h3>
      <ul className="receipts">
        {receipts.map((r) => (
          <li key={r.receiptId} className={`receipt receipt-${r.state}`}>
            <span className={`receipt-state receipt-state-${r.state}`}>{STATE_LABEL[r.state]}</span>{' '}
            <span className="mono">{r.fileName}</span>
            {r.type ? <span className="muted small"> {r.type.toUpperCase()} {size(r.bytes)}</span> : null}
            {r.note ? <div className="small">{r.note}</div> : null}
            {r.state === 'pending' && r.attempts > 0 ? <div className="muted small">Tried {r.attempts} {r.attempts === 1 ? 'time' : 'times'}{r.nextAttemptAt ? `; next try ${formatDateTime(r.nextAttemptAt)}` : ''}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
