// Re-date a held post: a new posting date (its period is closed in the ERP, or the accountant wants another
// one), checked by the core against the ERP's periods; the next replay posts on it, the key does not change.
import { useState } from 'react';
import type { PostingDetail } from '../../../shared/schemas/posting';
import { useMlcMutation } from '../../api/hooks';
import { DateField } from '../../components/DateField';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDate } from '../../components/format';

// Not a replay: the list's result column stays for replays; the list and detail refresh through the 'postings' tag.
export function RedateForm({ d }: { d: PostingDetail }) {
  const redate = useMlcMutation('held.redate');
  const [date, setDate] = useState('');
  // A date typed in the locale's order (jj/mm/aaaa in France) that cannot be read: said under the field, Re-date stays off.
  const [invalid, setInvalid] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const periodClosed = d.reasons.some((r) => r.code === 'PERIOD_CLOSED');
  return (
    <form
      className="redate"
      aria-label="Re-date"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        redate.mutate({ id: d.id, date }, { onSuccess: () => setDone(date) });
      }}
    >
      <DateField label={periodClosed ? 'Post it in an open period, dated' : 'Or post it on another date'} value={date || null} onChange={(ymd) => setDate(ymd ?? '')} onInvalid={setInvalid} />
      <button type="submit" className="btn" disabled={!date || !!invalid || redate.isPending}>{redate.isPending ? 'Re-dating…' : 'Re-date'}</button>
      {d.plan ? <span className="muted small">now {formatDate(d.plan.postingDate)}; the document date stays {formatDate(d.plan.documentDate)}</span> : null}
      {invalid ? <p className="banner banner-error" role="alert">{invalid}</p> : null}
      <ErrorBanner error={redate.error} />
      {done ? <p className="banner banner-ok" role="status">Re-dated to {formatDate(done)}. Replay it to post.</p> : null}
    </form>
  );
}
