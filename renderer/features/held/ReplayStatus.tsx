// The line under the Held toolbar: how many are shown and their total, live replay progress with counts, a replay that
// stopped because the ERP is down, and what the last actions did (posted, still held, dismissed).
import type { ReplayProgress } from '../../../shared/contract/events';
import type { PostingSummary } from '../../../shared/schemas/posting';

interface Props {
  pending: boolean;
  progress: Array<ReplayProgress | undefined>;
  results: PostingSummary[];
  onClear(): void;
  count: number;
  /** What those posts add up to, per currency. */
  amount: string;
  status: 'held' | 'failed';
  scopeName: string | null;
  /** The list has not answered yet: "0 held" would be a false all-clear. */
  loading?: boolean;
}

export function ReplayStatus({ pending, progress, results, onClear, count, amount, status, scopeName, loading = false }: Props) {
  const ps = progress.filter((p): p is ReplayProgress => !!p);
  const total = ps.reduce((n, p) => n + p.total, 0);
  const done = ps.reduce((n, p) => n + p.done, 0);
  const stopped = ps.filter((p) => p.stopped);
  return (
    <>
      <p className="grid-meta" role="status" aria-label="Held summary">
        {loading ? (
          <span className="muted">Loading…</span>
        ) : (
          <span>
            <strong>{count.toLocaleString()}</strong> {status === 'held' ? 'held' : 'failed, will retry'}
            {scopeName ? ` in ${scopeName}` : ' in all connections'}
            {amount ? <span data-testid="held-total">{` · ${amount}`}</span> : null}
          </span>
        )}
        {pending ? (
          <span className="replay-progress" aria-label="Replay progress">
            <span className="progress-bar" aria-hidden="true">
              <span className="progress-fill-determinate" style={{ width: `${total ? Math.round((done / total) * 100) : 0}%` }} />
            </span>
            {total ? `Replaying ${done} of ${total} · ${sum(ps, 'posted')} posted, ${sum(ps, 'held')} still held, ${sum(ps, 'failed')} failed` : 'Replaying…'}
          </span>
        ) : null}
        {!pending && results.length ? <span className={results.some((r) => r.status === 'failed') ? 'bad-text' : 'ok-text'}>Results: {summarise(results)}</span> : null}
        {!pending && results.length ? (
          <button type="button" className="btn btn-small" onClick={onClear}>
            Clear results
          </button>
        ) : null}
      </p>
      {!pending && stopped.length
        ? stopped.map((p) => (
            <div key={p.connectionId} className="banner banner-error" role="alert">
              <strong>Replay stopped</strong>
              <span>{p.stopped}</span>
            </div>
          ))
        : null}
    </>
  );
}

const sum = (ps: ReplayProgress[], k: 'posted' | 'held' | 'failed') => ps.reduce((n, p) => n + p[k], 0);

function summarise(rs: PostingSummary[]): string {
  const n = (s: string) => rs.filter((r) => r.status === s).length;
  return [n('posted') && `${n('posted')} posted`, n('held') && `${n('held')} still held`, n('failed') && `${n('failed')} failed, will retry later`, n('dismissed') && `${n('dismissed')} dismissed`].filter(Boolean).join(', ');
}
