// Reconciliation: pick a month; per connection the source, posted and ERP totals side by side per currency,
// the count per category and every difference with the link that resolves it (held item, audit trail, ERP).
// Read-only: running it sends nothing anywhere.
import { useState } from 'react';
import type { ConnectionReconciliation, Difference, MoneySum } from '../../../shared/schemas/reconcile';
import { RECONCILE_CATEGORIES } from '../../../shared/schemas/reconcile';
import { useMlcQuery } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { href } from '../../app/route';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDate, formatMoney } from '../../components/format';
import { BASIS_LABEL, CATEGORY_LABEL, previousMonth } from './labels';

const thisMonth = () => new Date().toISOString().slice(0, 7);
const amountIn = (list: readonly MoneySum[], currency: string): MoneySum => list.find((m) => m.currency === currency) ?? { currency, amountMinor: 0 };

export function ReconciliationPage({ params }: { params: URLSearchParams }) {
  const { connections } = useConnections();
  const [period, setPeriod] = useState(() => params.get('period') ?? previousMonth());
  const [connectionId, setConnectionId] = useState(() => params.get('connection') ?? '');
  const q = useMlcQuery('reconcile.run', { period, connectionId: connectionId || undefined }, { staleTime: 60_000, refetchOnWindowFocus: false, retry: false });
  return (
    <div className="reconciliation">
      <div className="toolbar">
        <label className="inline-field">
          <span>Month</span>
          <input type="month" value={period} max={thisMonth()} onChange={(e) => e.target.value && setPeriod(e.target.value)} aria-label="Month to reconcile" />
        </label>
        <label className="inline-field">
          <span>Connection</span>
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
            <option value="">All connections</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" disabled={q.isFetching} onClick={() => void q.refetch()}>
          {q.isFetching ? 'Reading the source, the outbox and the ERP…' : 'Read again'}
        </button>
        {q.data ? <span className="muted small">Read {new Date(q.data.generatedAt).toLocaleTimeString()}{q.data.partial ? ' · partial' : ''}</span> : null}
      </div>
      <ErrorBanner error={q.error} onRetry={() => void q.refetch()} />
      {!q.data && !q.error ? <p className="muted">Reading {period}…</p> : null}
      {q.data?.connections.length === 0 ? <p className="muted">No connection to reconcile.</p> : null}
      {q.data?.connections.map((c) => <ConnectionSection key={c.connectionId} c={c} period={q.data.period} />)}
    </div>
  );
}

function ConnectionSection({ c, period }: { c: ConnectionReconciliation; period: string }) {
  const currencies = [...new Set([...c.totals.source, ...c.totals.posted, ...c.totals.erp].map((m) => m.currency))].sort();
  const [filter, setFilter] = useState<string>('');
  const shown = filter ? c.differences.filter((d) => d.category === filter) : c.differences;
  const erpRead = c.erpBasis === 'read';
  return (
    <section className="card recon-card" aria-label={`Reconciliation ${c.name}`} data-testid="recon-connection">
      <header className="card-head">
        <div>
          <h2>{c.name}</h2>
          <span className={`status ${c.counts.unexplained ? 'status-failed' : 'status-active'}`} data-testid="unexplained">
            {c.counts.unexplained ? `${c.counts.unexplained} unexplained` : '0 unexplained'}
          </span>{' '}
          {c.partial ? <span className="status status-paused">Partial</span> : null}
          <span className="muted small"> · {c.documents.matched} of {c.documents.outbox} documents of {period} agree</span>
        </div>
      </header>
      {c.partial ? (
        <ul className="recon-notes small">
          {c.partialReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      <table className="table table-compact recon-totals" aria-label={`Totals ${c.name}`}>
        <thead>
          <tr>
            <th>Currency</th>
            <th className="num">Source ({BASIS_LABEL[c.sourceBasis]})</th>
            <th className="num">Posted</th>
            <th className="num">ERP ({BASIS_LABEL[c.erpBasis]})</th>
            <th className="num">Held</th>
            <th className="num">Failed / waiting</th>
          </tr>
        </thead>
        <tbody>
          {currencies.map((cur) => (
            <tr key={cur}>
              <td>{cur}</td>
              <td className="num">{formatMoney(amountIn(c.totals.source, cur))}</td>
              <td className="num">{formatMoney(amountIn(c.totals.posted, cur))}</td>
              <td className="num">{erpRead ? formatMoney(amountIn(c.totals.erp, cur)) : <span className="muted">—</span>}</td>
              <td className="num">{formatMoney(amountIn(c.outbox.held, cur))}</td>
              <td className="num">{formatMoney({ currency: cur, amountMinor: amountIn(c.outbox.failed, cur).amountMinor + amountIn(c.outbox.waiting, cur).amountMinor })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small recon-basis">
        Source, Held and Failed / waiting are document totals; Posted and ERP are the entries&apos; debit totals, which also count
        personal charges, card clearing and tax lines, so Source need not equal Posted + Held. Each document is compared on its own below.
      </p>
      <div className="recon-chips" role="group" aria-label="Differences by category">
        <button type="button" className={`chip${filter === '' ? ' chip-on' : ''}`} onClick={() => setFilter('')}>
          All {c.differences.length}
        </button>
        {RECONCILE_CATEGORIES.filter((k) => (c.counts[k] ?? 0) > 0 || k === 'unexplained').map((k) => (
          <button key={k} type="button" className={`chip${filter === k ? ' chip-on' : ''}${k === 'unexplained' && c.counts[k] ? ' chip-bad' : ''}`} onClick={() => setFilter(k)}>
            {CATEGORY_LABEL[k]} {c.counts[k] ?? 0}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted">{c.differences.length === 0 ? 'No differences: every document agrees.' : 'None in this category.'}</p>
      ) : (
        <div className="table-wrap recon-diffs">
          <table className="table table-compact" aria-label={`Differences ${c.name}`}>
            <thead>
              <tr>
                <th>Category</th>
                <th>Date</th>
                <th>Document</th>
                <th className="num">Source</th>
                <th className="num">Outbox</th>
                <th className="num">ERP</th>
                <th>What happened</th>
                <th>To resolve</th>
                <th>Links</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((d, i) => (
                <DifferenceRow key={`${d.idempotencyKey}-${i}`} d={d} c={c} />
              ))}
            </tbody>
          </table>
          {shown.length > 500 ? <p className="muted small">First 500 of {shown.length}; the CLI and the xlsx export carry all of them.</p> : null}
        </div>
      )}
    </section>
  );
}

function DifferenceRow({ d, c }: { d: Difference; c: ConnectionReconciliation }) {
  const heldLink = d.category === 'held' || d.category === 'failed' ? href('held', { connection: c.connectionId, status: d.category }) : null;
  return (
    <tr data-category={d.category}>
      <td className="nowrap">{CATEGORY_LABEL[d.category]}</td>
      <td className="nowrap">{formatDate(d.date)}</td>
      <td>
        <div>{d.title}</div>
        <div className="muted small mono">{d.sourceId ?? d.erpIds.join(', ')}</div>
      </td>
      <td className="num nowrap">{formatMoney(d.source)}</td>
      <td className="num nowrap">{formatMoney(d.posted)}</td>
      <td className="num nowrap">{d.erp.length ? d.erp.map((m) => formatMoney(m)).join(' + ') : '—'}</td>
      <td>{d.detail}</td>
      <td>{d.action}</td>
      <td className="nowrap recon-links">
        {heldLink ? <a href={heldLink}>Held item</a> : null}
        {d.sourceId ? <a href={href('audit', { connection: c.connectionId, sourceId: d.sourceId })}>Audit trail</a> : null}
        {d.erpUrl ? (
          <a href={d.erpUrl} target="_blank" rel="noreferrer">
            In the ERP
          </a>
        ) : null}
      </td>
    </tr>
  );
}
