// Dashboard: per connection status, last and next sync, posted/held/failed counts, "Sync now" with live
// progress pushed by the engine, and the latest errors in plain English.
import type { ConnectionState, RunProgress, RunSummary } from '../../../shared/schemas/run';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { useLive } from '../../api/live';
import { useConnections } from '../../app/connection-context';
import { NotificationsToggle } from './NotificationsToggle';
import { ChangesCount } from '../changes/ChangesCount';
import { href } from '../../app/route';
import { systemLabel } from '../../../shared/schemas/document';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime, relativeTime } from '../../components/format';
import { useState } from 'react';
import { PeriodAmounts } from './PeriodAmounts';

const thisMonth = () => new Date().toISOString().slice(0, 7);

const phaseText = (phase: RunProgress['phase'], source: string): string =>
  ({ reference: 'Reading the ERP\'s accounts and cost centers', fetch: `Reading approved reports from ${source}`, post: 'Posting to the ERP', confirm: `Confirming the postings back to ${source}`, done: 'Finishing' })[phase];

export function DashboardPage() {
  const [period, setPeriod] = useState(thisMonth);
  const states = useMlcQuery('connections.states', {}, { refetchInterval: 30_000 });
  if (states.error) return <ErrorBanner error={states.error} onRetry={() => void states.refetch()} />;
  if (!states.data) return <p className="muted">Loading…</p>;
  if (states.data.length === 0)
    return (
      <div className="empty">
        <p>No connection yet.</p>
        <a className="btn btn-primary" href={href('connections', { new: '1' })}>
          Add a connection
        </a>
      </div>
    );
  return (
    <>
      <NotificationsToggle />
      <label className="inline-field period-picker">
        <span>Amounts for</span>
        <input type="month" value={period} max={thisMonth()} onChange={(e) => e.target.value && setPeriod(e.target.value)} aria-label="Month of the amounts" />
      </label>
      <div className="cards">
        {states.data.map((s) => (
          <ConnectionCard key={s.connectionId} state={s} period={period} />
        ))}
      </div>
    </>
  );
}

/** What the last sync did, in words: documents read are not the same as documents still held from before. */
export function runLine(r: RunSummary | null, source: string): string {
  if (!r) return 'Never synced';
  if (r.status === 'failed') return `Failed ${relativeTime(r.startedAt)}: ${r.error ?? 'see Audit'}`;
  if (r.status === 'skipped') return `Skipped ${relativeTime(r.startedAt)}: ${r.error ?? 'the connection is paused'}`;
  const when = formatDateTime(r.startedAt);
  if (r.fetched === 0) return `${when} · nothing new in ${source}`;
  const parts = [
    r.posted && `${r.posted} posted`,
    r.linked && `${r.linked} already in the ERP, linked`,
    r.held && `${r.held} newly held`,
    r.failed && `${r.failed} failed, will retry`,
    r.skipped && `${r.skipped} already handled in an earlier sync`,
    r.deferred && `${r.deferred} waiting for the off-peak window`,
  ].filter(Boolean);
  return `${when} · ${r.fetched} ${r.fetched === 1 ? 'document' : 'documents'} read from ${source}: ${parts.join(', ') || 'nothing to post'}`;
}

function ConnectionCard({ state: s, period }: { state: ConnectionState; period: string }) {
  const live = useLive();
  const sync = useMlcMutation('sync.run');
  const resume = useMlcMutation('connections.resume');
  const { connections } = useConnections();
  const conn = connections.find((c) => c.id === s.connectionId);
  const source = conn ? systemLabel(conn.source.system) : 'the source';
  const progress = live.progress[s.connectionId];
  // A state fetched before run.finished arrived may still say running for the run that just finished.
  const done = live.finished[s.connectionId];
  const staleRunning = s.running && !!done && s.lastRun?.runId === done.runId;
  const running = (s.running && !staleRunning) || sync.isPending || !!progress;
  // Red when the last run failed, or when posts are failing (an ERP outage shows there: a sync with nothing
  // new to send still succeeds), with the reason next to it.
  const failed = s.status === 'active' && (s.lastRun?.status === 'failed' || s.counts.failed > 0);
  const why = s.lastRun?.status === 'failed' ? s.lastRun.error : s.counts.failed > 0 ? `${s.counts.failed} ${s.counts.failed === 1 ? 'post' : 'posts'} failed, will retry${s.latestErrors[0] ? `: ${s.latestErrors[0].message.replace(/^Failed after \d+ attempts?, retry later: /i, '')}` : ''}` : null;
  const tone = s.status === 'paused' ? 'paused' : failed ? 'failed' : 'active';
  return (
    <section className={`card card-${tone}`} aria-label={s.name}>
      <header className="card-head">
        <div>
          <h2>{s.name}</h2>
          <span className={`status status-${tone}`} data-testid="connection-status">{tone === 'paused' ? 'Paused' : tone === 'failed' ? (s.lastRun?.status === 'failed' ? 'Last sync failed' : 'Posts failing') : 'Active'}</span>
          {s.pausedReason ? <span className="muted"> — {s.pausedReason}</span> : null}
          {failed && why ? <span className="bad-text small" data-testid="failure-reason"> — {why}</span> : null}
        </div>
        <div className="actions">
          {s.status === 'paused' ? (
            <button type="button" className="btn" onClick={() => resume.mutate({ connectionId: s.connectionId })}>
              Resume
            </button>
          ) : null}
          <button type="button" className="btn btn-primary" disabled={running} onClick={() => sync.mutate({ connectionId: s.connectionId, dryRun: false })}>
            {running ? 'Syncing…' : 'Sync now'}
          </button>
        </div>
      </header>
      {running ? (
        <div className="progress" role="status" aria-label="Sync progress">
          <div className="progress-bar" aria-hidden="true">
            {/* Settled of read once documents are being posted; a moving bar while nothing is counted yet. */}
            {progress && progress.fetched > 0 ? (
              <div className="progress-fill-determinate" style={{ width: `${Math.min(100, Math.round(((progress.posted + progress.held + progress.failed + progress.skipped) / progress.fetched) * 100))}%` }} />
            ) : (
              <div className="progress-fill" />
            )}
          </div>
          <span>
            {progress ? `${phaseText(progress.phase, source)} · ${progress.fetched} read, ${progress.posted} posted, ${progress.held} held, ${progress.failed} failed` : 'Starting…'}
          </span>
        </div>
      ) : null}
      <ErrorBanner error={sync.error ?? resume.error} />
      <dl className="facts">
        <div>
          <dt>Last sync</dt>
          {/* The reason of a failed run is already next to the red status: said once on the card. */}
          <dd>{failed && why && s.lastRun?.status === 'failed' ? `Failed ${relativeTime(s.lastRun.startedAt)} (reason above)` : runLine(s.lastRun, source)}</dd>
        </div>
        <div>
          <dt>Next sync</dt>
          <dd>{s.nextRunAt ? (Date.parse(s.nextRunAt) <= Date.now() ? 'Due now' : `${formatDateTime(s.nextRunAt)} (${relativeTime(s.nextRunAt)})`) : s.status === 'paused' ? 'Paused' : 'Manual only'}</dd>
        </div>
        {s.lastRun?.referenceRefreshError ? (
          <div data-testid="reference-warning" className="fact-wide">
            <dt>ERP reference data</dt>
            <dd className="warn-text">Not refreshed in the last sync, so accounts and dimensions were checked against the copy kept from before: {s.lastRun.referenceRefreshError}</dd>
          </div>
        ) : null}
      </dl>
      <div className="counts">
        <Count label="Posted" value={s.counts.posted} tone="ok" />
        <Count label="Held" value={s.counts.held} tone={s.counts.held ? 'warn' : 'ok'} link={href('held', { connection: s.connectionId })} />
        <Count label="Failed, will retry" value={s.counts.failed} tone={s.counts.failed ? 'bad' : 'ok'} link={href('held', { connection: s.connectionId, status: 'failed' })} />
      </div>
      <PeriodAmounts connectionId={s.connectionId} period={period} />
      <ChangesCount connectionId={s.connectionId} />
      <h3>Latest errors</h3>
      {s.latestErrors.length === 0 ? (
        <p className="muted">No errors.</p>
      ) : (
        <ul className="errors">
          {sameOnce(s.latestErrors).map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> {e.message}
              {e.times > 1 ? <span className="muted"> ({e.times} times)</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Count({ label, value, tone, link }: { label: string; value: number; tone: 'ok' | 'warn' | 'bad'; link?: string }) {
  const body = (
    <>
      <span className="count-value">{value.toLocaleString()}</span>
      <span className="count-label">{label}</span>
    </>
  );
  return link && value > 0 ? (
    <a className={`count count-${tone}`} href={link} aria-label={`${label}: ${value}`}>
      {body}
    </a>
  ) : (
    <div className={`count count-${tone}`} aria-label={`${label}: ${value}`}>
      {body}
    </div>
  );
}

/** The same error five times in a row is one line with a count. */
function sameOnce(errors: ConnectionState['latestErrors']): Array<{ at: string; message: string; times: number }> {
  const out: Array<{ at: string; message: string; times: number }> = [];
  for (const e of errors) {
    const message = e.message.replace(/^Failed after \d+ attempts?, retry later: /i, 'Failed, will retry: ');
    const last = out[out.length - 1];
    if (last && last.message === message) last.times++;
    else out.push({ at: e.at, message, times: 1 });
  }
  return out;
}
