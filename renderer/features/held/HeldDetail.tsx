// One held post: what is wrong (with a link to the mapping to fix), Replay and Dismiss first, a new posting
// date (Re-date) for a document whose period is closed, then the planned posting. Takes the focus when it
// opens and closes on Escape; after a replay it says what happened.
import { useEffect, useRef, useState } from 'react';
import type { PostingDetail, PostingSummary } from '../../../shared/schemas/posting';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { describeError, ErrorBanner } from '../../components/ErrorBanner';
import { formatDate, formatDateTime, formatMinor } from '../../components/format';
import { fixLink, REASON_LABEL } from './fix-link';
import { amountText } from './held-rows';
import { RedateForm } from './RedateForm';
import { ReceiptList } from './ReceiptList';

export function HeldDetail({ id, onResult, onClose }: { id: number; onResult(r: PostingSummary): void; onClose(): void }) {
  const { select } = useConnections();
  const detail = useMlcQuery('postings.get', { id });
  const replay = useMlcMutation('held.replay');
  const dismiss = useMlcMutation('held.dismiss');
  const [reason, setReason] = useState('');
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), []);
  const d = detail.data;
  const open = d && (d.status === 'held' || d.status === 'failed');
  return (
    <aside className="detail" aria-label="Held post detail" tabIndex={-1} ref={panel} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}>
      <header className="detail-head">
        <h2>{d ? `${d.sourceId} — ${d.title}` : 'Loading…'}</h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="Close detail" title="Close (Esc)">
          Close
        </button>
      </header>
      <ErrorBanner error={detail.error ?? replay.error ?? dismiss.error} />
      {d ? (
        <>
          <Outcome d={d} onFix={() => select(d.connectionId)} />
          {open ? (
            <div className="detail-actions">
              <button type="button" className="btn btn-primary" disabled={replay.isPending} onClick={() => replay.mutate({ ids: [id], all: false }, { onSuccess: (rs) => rs.forEach(onResult) })}>
                {replay.isPending ? 'Replaying…' : 'Replay'}
              </button>
              <form className="dismiss" onSubmit={(e) => (e.preventDefault(), dismiss.mutate({ id, reason }, { onSuccess: (r) => (onResult(r), setReason('')) }))}>
                <label htmlFor="dismiss-reason">Or dismiss it, because</label>
                <input id="dismiss-reason" value={reason} minLength={3} placeholder="e.g. posted by hand in X3" onChange={(e) => setReason(e.target.value)} />
                <button type="submit" className="btn" disabled={reason.trim().length < 3 || dismiss.isPending}>Dismiss</button>
              </form>
            </div>
          ) : null}
          {open ? <RedateForm key={d.id} d={d} /> : null}
          <dl className="facts facts-3">
            <div><dt>Employee / vendor</dt><dd>{d.party ?? '—'}</dd></div>
            <div><dt>Amount</dt><dd className="tabular">{amountText(d)}</dd></div>
            <div><dt>Received</dt><dd>{formatDateTime(d.createdAt)}</dd></div>
            <div><dt>Sent to the ERP</dt><dd>{d.attempts === 0 ? 'Not yet' : `${d.attempts} ${d.attempts === 1 ? 'time' : 'times'}`}{d.status === 'failed' ? `, last try ${formatDateTime(d.updatedAt)}` : ''}</dd></div>
          </dl>
          {d.receipts?.length ? <ReceiptList receipts={d.receipts} /> : null}
          <h3>Planned posting</h3>
          {d.plan ? <PlanTable plan={d.plan} /> : <p className="muted">No plan could be built yet: fix the reasons above, then replay.</p>}
          <p className="muted small">Reference in the ERP: <span className="mono">{d.idempotencyKey}</span></p>
        </>
      ) : null}
    </aside>
  );
}

function Outcome({ d, onFix }: { d: PostingDetail; onFix(): void }) {
  if (d.status === 'posted') return <p className="banner banner-ok" role="status">Posted to the ERP{d.erpId ? ` as ${d.erpId}` : ''}. Nothing left to do.</p>;
  if (d.status === 'dismissed') return <p className="banner banner-ok" role="status">Dismissed{d.dismissReason ? `: ${d.dismissReason}` : ''}.</p>;
  if (d.status !== 'held' && d.status !== 'failed') return <p className="muted">Being sent to the ERP…</p>;
  // The same reason can come from several lines: say it once.
  const seen = new Set<string>();
  const reasons = d.reasons.filter((r) => {
    const k = `${r.code}|${r.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const lastError = d.lastError && !reasons.some((r) => r.message === d.lastError!.message) ? d.lastError : null;
  return (
    <>
      <h3>What is wrong</h3>
      <ul className="reasons">
        {reasons.map((r, i) => {
          const link = fixLink(r);
          return (
            <li key={i}>
              <strong>{REASON_LABEL[r.code] ?? r.code}.</strong> {r.message}
              {link ? (
                <>
                  {' '}
                  <a href={link.href} onClick={onFix}>{link.label}</a>
                </>
              ) : null}
            </li>
          );
        })}
        {lastError ? <li>{describeError(lastError)}</li> : null}
        {reasons.length === 0 && !lastError ? <li className="muted">No reason is recorded any more (a mapping was fixed since): replay it to post it.</li> : null}
      </ul>
    </>
  );
}

function PlanTable({ plan }: { plan: NonNullable<PostingDetail['plan']> }) {
  return (
    <table className="table table-compact plan-table">
      <thead>
        <tr><th>Account</th><th>Description</th><th className="num">Debit</th><th className="num">Credit</th></tr>
      </thead>
      <tbody>
        {plan.lines.map((l) => {
          const dims = Object.entries(l.dimensions).map(([k, v]) => `${k === 'costCenter' ? 'Cost center' : k} ${v}`);
          return (
            <tr key={l.lineNo}>
              <td className="mono">{l.account || '—'}</td>
              <td>
                {l.description}
                {dims.length || l.partner ? <div className="muted small">{[...dims, l.partner ? `Partner ${l.partner}` : ''].filter(Boolean).join(' · ')}</div> : null}
              </td>
              <td className="num">{l.side === 'debit' ? formatMinor(l.amountMinor, plan.currency) : ''}</td>
              <td className="num">{l.side === 'credit' ? formatMinor(l.amountMinor, plan.currency) : ''}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr><td colSpan={2}>{plan.kind === 'journal' ? 'Journal entry' : 'Supplier invoice'} dated {formatDate(plan.postingDate)}, {plan.currency}</td><td className="num">{formatMinor(plan.totalMinor, plan.currency)}</td><td className="num">{formatMinor(plan.totalMinor, plan.currency)}</td></tr>
      </tfoot>
    </table>
  );
}
