// A change after posting side by side: the posted plan (with its ERP id) against the new version's, the
// difference per account, and the two explicit choices: post an adjustment, or accept it with a reason.
import { useState } from 'react';
import type { AdjustMode, ChangeDetail as Detail } from '../../../shared/schemas/change';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime, formatMinor, formatMoney } from '../../components/format';
import { PlanSide } from './PlanSide';

const MODE_LABEL: Record<AdjustMode, string> = {
  reverse: 'Reverse the posted entry and post the new version',
  difference: 'Post the difference per account',
};

const dims = (d: Record<string, string>, partner: string | null) => [...Object.entries(d).map(([k, v]) => `${k === 'costCenter' ? 'Cost center' : k} ${v}`), partner ? `Partner ${partner}` : ''].filter(Boolean).join(' · ');

export function ChangeDetail({ id, connectionName, onActed }: { id: number; connectionName: (id: string) => string; onActed: () => void }) {
  const q = useMlcQuery('changes.get', { id });
  if (q.error) return <ErrorBanner error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <p className="muted">Loading…</p>;
  return <DetailBody d={q.data} connectionName={connectionName} onActed={onActed} />;
}

function DetailBody({ d, connectionName, onActed }: { d: Detail; connectionName: (id: string) => string; onActed: () => void }) {
  const adjust = useMlcMutation('changes.adjust');
  const accept = useMlcMutation('changes.accept');
  const [mode, setMode] = useState<AdjustMode | null>(d.defaultMode);
  const [reason, setReason] = useState('');
  const currency = d.afterPlan?.currency ?? d.beforePlan?.currency ?? d.after?.currency ?? 'EUR';
  const changedRows = d.differences.filter((x) => x.differenceMinor !== 0);
  return (
    <section className="detail change-detail" aria-label={`Change ${d.id}`}>
      <div className="detail-head">
        <div>
          <h2>{d.title} <span className="doc-id muted">{d.sourceId}</span></h2>
          <div className="muted small">
            {connectionName(d.connectionId)} · change {d.seq} after posting · noticed {formatDateTime(d.detectedAt)}
          </div>
        </div>
        <div className="change-amounts" data-testid="change-amounts">
          <span>{formatMoney(d.before)}</span> → <strong>{formatMoney(d.after)}</strong>
        </div>
      </div>
      <div className="change-sides">
        <PlanSide title="Posted" plan={d.beforePlan} erpId={d.erpId} testId="change-before" />
        <PlanSide title={d.changeKind === 'recalled' ? 'Recalled in the source' : 'New version in the source'} plan={d.afterPlan} testId="change-after" empty={d.changeKind === 'recalled' ? 'The source took the document back after it was posted; no new version yet.' : undefined} />
      </div>
      <h3>Difference per account</h3>
      <table className="table table-compact" data-testid="change-differences">
        <thead>
          <tr><th>Account</th><th>Dimensions</th><th className="num">Posted</th><th className="num">New</th><th className="num">Difference</th></tr>
        </thead>
        <tbody>
          {d.differences.map((x, i) => (
            <tr key={i} className={x.differenceMinor !== 0 ? 'diff-row' : undefined}>
              <td className="mono">{x.account}</td>
              <td className="small">{dims(x.dimensions, x.partner) || '—'}</td>
              <td className="num">{formatMinor(x.beforeMinor, currency)}</td>
              <td className="num">{formatMinor(x.afterMinor, currency)}</td>
              <td className={`num ${x.differenceMinor > 0 ? 'warn-text' : x.differenceMinor < 0 ? 'bad-text' : 'muted'}`}>{x.differenceMinor > 0 ? '+' : ''}{formatMinor(x.differenceMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {changedRows.length === 0 ? <p className="muted small">Nothing differs in the ledger (same accounts and amounts).</p> : null}
      {d.reasons.length ? (
        <ul className="errors">
          {d.reasons.map((r, i) => <li key={i} className="bad-text">{r.message}</li>)}
        </ul>
      ) : null}
      {d.adjustments.length ? (
        <>
          <h3>Adjustment documents</h3>
          <ul className="plain-list" data-testid="change-adjustments">
            {d.adjustmentPlans.map((a) => (
              <li key={a.key}>
                <span className={`tag ${a.status === 'posted' ? 'tag-ok' : a.status === 'rejected' ? 'tag-bad' : 'tag-warn'}`}>{a.status}</span>{' '}
                {a.role === 'reversal' ? 'Reversal' : a.role === 'new_version' ? 'New version' : 'Difference'} {formatMoney({ amountMinor: a.plan.totalMinor, currency: a.plan.currency })}
                {a.erpId ? <> · ERP <span className="mono">{a.erpId}</span></> : null} <span className="muted small mono">{a.key}</span>
                {a.message ? <div className="bad-text small">{a.message}</div> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <ErrorBanner error={adjust.error ?? accept.error} />
      {d.status === 'open' || d.status === 'adjusting' ? (
        <div className="change-actions">
          <fieldset>
            <legend>Post an adjustment</legend>
            {d.status === 'adjusting' ? (
              <p className="small">An adjustment ({d.mode}) is under way; finishing it never posts a document twice.</p>
            ) : d.modes.length === 0 ? (
              <p className="small muted" data-testid="why-no-adjustment">{d.whyNoAdjustment}</p>
            ) : (
              d.modes.map((m) => (
                <label key={m} className="check">
                  <input type="radio" name={`mode-${d.id}`} checked={mode === m} onChange={() => setMode(m)} />
                  {MODE_LABEL[m]}{m === d.defaultMode ? <span className="muted small"> (connection setting)</span> : null}
                </label>
              ))
            )}
            {d.whyNoAdjustment && d.modes.length ? <p className="small muted">{d.whyNoAdjustment}</p> : null}
            <button type="button" className="btn btn-primary" disabled={adjust.isPending || (d.status === 'open' && (!mode || d.modes.length === 0))} onClick={() => (onActed(), adjust.mutate({ id: d.id, mode: d.status === 'open' ? (mode ?? undefined) : undefined }))}>
              {adjust.isPending ? 'Posting…' : d.status === 'adjusting' ? 'Finish the adjustment' : 'Post adjustment'}
            </button>
          </fieldset>
          {d.status === 'open' ? (
            <fieldset>
              <legend>Accept as it is</legend>
              <label className="field">
                <span>Reason (required)</span>
                <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. corrected by hand in the ERP" />
              </label>
              <button type="button" className="btn" disabled={accept.isPending || reason.trim().length < 3} onClick={() => (onActed(), accept.mutate({ id: d.id, reason }))}>
                Accept without posting
              </button>
            </fieldset>
          ) : null}
        </div>
      ) : (
        <p className="banner banner-ok" data-testid="change-resolution">
          {d.status === 'adjusted' ? 'Adjusted' : 'Accepted as it is'} by {d.resolvedBy} on {d.resolvedAt ? formatDateTime(d.resolvedAt) : '?'}
          {d.reason ? `: ${d.reason}` : ''}
        </p>
      )}
    </section>
  );
}
