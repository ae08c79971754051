// One held post: what is wrong (with a link to the mapping to fix), the planned posting, Replay and Dismiss.
import { useState } from 'react';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { describeError, ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime, formatMinor, formatMoney } from '../../components/format';
import { fixLink, REASON_LABEL } from './fix-link';

export function HeldDetail({ id, onResult, onClose }: { id: number; onResult(r: PostingSummary): void; onClose(): void }) {
  const detail = useMlcQuery('postings.get', { id });
  const replay = useMlcMutation('held.replay');
  const dismiss = useMlcMutation('held.dismiss');
  const [reason, setReason] = useState('');
  const d = detail.data;
  return (
    <aside className="detail" aria-label="Held post detail">
      <header className="detail-head">
        <h2>{d ? `${d.sourceId} — ${d.title}` : 'Loading…'}</h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close detail">
          Close
        </button>
      </header>
      <ErrorBanner error={detail.error ?? replay.error ?? dismiss.error} />
      {d ? (
        <>
          <dl className="facts facts-3">
            <div><dt>Employee / vendor</dt><dd>{d.party ?? '—'}</dd></div>
            <div><dt>Amount</dt><dd className="tabular">{formatMoney(d.total)}</dd></div>
            <div><dt>Status</dt><dd>{d.status}{d.erpId ? ` · ERP ${d.erpId}` : ''}</dd></div>
            <div><dt>Received</dt><dd>{formatDateTime(d.createdAt)}</dd></div>
            <div><dt>Attempts</dt><dd>{d.attempts}</dd></div>
            <div><dt>Idempotency key</dt><dd className="mono small">{d.idempotencyKey.slice(0, 24)}…</dd></div>
          </dl>
          <h3>What is wrong</h3>
          <ul className="reasons">
            {d.reasons.map((r, i) => {
              const link = fixLink(r);
              return (
                <li key={i}>
                  <strong>{REASON_LABEL[r.code] ?? r.code}.</strong> {r.message}
                  {link ? (
                    <>
                      {' '}
                      <a href={link.href}>{link.label}</a>
                    </>
                  ) : null}
                </li>
              );
            })}
            {d.lastError ? <li>{describeError(d.lastError)}</li> : null}
            {d.reasons.length === 0 && !d.lastError ? <li className="muted">Nothing is wrong any more: replay it.</li> : null}
          </ul>
          <h3>Planned posting</h3>
          {d.plan ? (
            <table className="table table-compact">
              <thead>
                <tr><th>Account</th><th>Description</th><th>Dimensions</th><th>Partner</th><th className="num">Debit</th><th className="num">Credit</th></tr>
              </thead>
              <tbody>
                {d.plan.lines.map((l) => (
                  <tr key={l.lineNo}>
                    <td className="mono">{l.account || '—'}</td>
                    <td>{l.description}</td>
                    <td>{Object.entries(l.dimensions).map(([k, v]) => `${k === 'costCenter' ? 'Cost center' : k} ${v}`).join(', ') || '—'}</td>
                    <td className="mono">{l.partner ?? ''}</td>
                    <td className="num">{l.side === 'debit' ? formatMinor(l.amountMinor, d.plan!.currency) : ''}</td>
                    <td className="num">{l.side === 'credit' ? formatMinor(l.amountMinor, d.plan!.currency) : ''}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr><td colSpan={4}>{d.plan.kind === 'journal' ? 'Journal entry' : 'Supplier invoice'} dated {d.plan.postingDate}, {d.plan.currency}</td><td className="num">{formatMinor(d.plan.totalMinor, d.plan.currency)}</td><td className="num">{formatMinor(d.plan.totalMinor, d.plan.currency)}</td></tr>
              </tfoot>
            </table>
          ) : (
            <p className="muted">No plan could be built yet: fix the reasons above, then replay.</p>
          )}
          <div className="detail-actions">
            <button type="button" className="btn btn-primary" disabled={replay.isPending} onClick={() => replay.mutate({ ids: [id], all: false }, { onSuccess: (rs) => rs.forEach(onResult) })}>
              {replay.isPending ? 'Replaying…' : 'Replay'}
            </button>
            <form className="dismiss" onSubmit={(e) => (e.preventDefault(), dismiss.mutate({ id, reason }, { onSuccess: (r) => (onResult(r), setReason('')) }))}>
              <label htmlFor="dismiss-reason">Reason to dismiss</label>
              <input id="dismiss-reason" value={reason} minLength={3} placeholder="e.g. posted by hand in X3" onChange={(e) => setReason(e.target.value)} />
              <button type="submit" className="btn" disabled={reason.trim().length < 3 || dismiss.isPending}>Dismiss</button>
            </form>
          </div>
        </>
      ) : null}
    </aside>
  );
}
