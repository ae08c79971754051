// After a mapping is fixed: the held reports it concerns ("12 held reports use WELLN — replay them?"), one
// click to replay just those, and what came of it. A held reason names its subject (the expense type, the
// employee, the account or dimension value), which is how a report is matched to the codes just edited.
import { useMemo } from 'react';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { href } from '../../app/route';
import { ErrorBanner } from '../../components/ErrorBanner';

const subjectValue = (s: string): string => (s.includes(':') ? s.slice(s.indexOf(':') + 1) : s);

export function heldUsing(rows: PostingSummary[], codes: Set<string>): PostingSummary[] {
  return rows.filter((r) => r.reasons.some((x) => x.subject !== undefined && (codes.has(x.subject) || codes.has(subjectValue(x.subject)))));
}

export function UnblockBanner({ connectionId, codes }: { connectionId: string; codes: string[] }) {
  const held = useMlcQuery('postings.list', { connectionId, status: 'held', limit: 100_000 }, { enabled: codes.length > 0 });
  const replay = useMlcMutation('held.replay');
  const set = useMemo(() => new Set(codes), [codes]);
  const using = useMemo(() => heldUsing(held.data ?? [], set), [held.data, set]);
  const label = useMemo(() => {
    const hit = new Set(using.flatMap((r) => r.reasons.map((x) => x.subject ?? '').filter((sub) => set.has(sub) || set.has(subjectValue(sub))).map(subjectValue)));
    return [...hit].slice(0, 3).join(', ');
  }, [using, set]);
  if (replay.data) {
    const n = (s: string) => replay.data.filter((r) => r.status === s).length;
    return (
      <div className="banner banner-ok" role="status" aria-label="Held reports unblocked">
        <span>
          Replayed {replay.data.length}: {n('posted')} posted{n('held') ? `, ${n('held')} still held` : ''}{n('failed') ? `, ${n('failed')} failed, will retry` : ''}.
        </span>
        {n('held') || n('failed') ? <a href={href('held', { connection: connectionId })}>See them in Held</a> : null}
      </div>
    );
  }
  if (using.length === 0) return null;
  return (
    <div className="banner banner-info" role="status" aria-label="Held reports unblocked">
      <span>
        {using.length} held {using.length === 1 ? 'report uses' : 'reports use'} {label}. Fixed now?
      </span>
      <button type="button" className="btn btn-primary btn-small" disabled={replay.isPending} onClick={() => replay.mutate({ ids: using.map((r) => r.id), all: false })}>
        {replay.isPending ? 'Replaying…' : using.length === 1 ? 'Replay it' : `Replay these ${using.length}`}
      </button>
      <a href={href('held', { connection: connectionId })}>Open Held</a>
      <ErrorBanner error={replay.error} />
    </div>
  );
}
