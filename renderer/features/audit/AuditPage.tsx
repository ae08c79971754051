// Audit: the append-only trail, searchable by date, connection, action, outcome, source id and ERP id; CSV export.
import { useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { AUDIT_ACTIONS } from '../../../shared/schemas/audit';
import type { AuditQuery } from '../../../shared/schemas/audit';
import { call } from '../../api/mlc';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { downloadText } from '../../components/download';
import { DateField } from '../../components/DateField';
import { periodText } from '../../components/date-input';
import { formatDateTime } from '../../components/format';

/** Outcomes the engine records; the Status box also accepts any other value. */
const OUTCOMES = ['posted', 'held', 'failed', 'retrying', 'planned', 'still_held', 'dismissed', 'started', 'created', 'updated', 'secret_set', 'paused', 'resumed'];

interface Filters {
  from: string;
  to: string;
  connectionId: string;
  action: string;
  outcome: string;
  sourceId: string;
  erpId: string;
}

const PAGE = 500;

function toQuery(f: Filters, limit: number): AuditQuery {
  return {
    since: f.from && !(f.to && f.from > f.to) ? new Date(`${f.from}T00:00:00`).toISOString() : undefined,
    until: f.to && !(f.from && f.from > f.to) ? new Date(`${f.to}T23:59:59.999`).toISOString() : undefined,
    connectionId: f.connectionId || undefined,
    action: (f.action || undefined) as AuditQuery['action'],
    outcome: f.outcome || undefined,
    sourceId: f.sourceId.trim() || undefined,
    erpId: f.erpId.trim() || undefined,
    limit,
  };
}

/** `params` (#/audit?connection=…&sourceId=…): another screen's link straight to one document's trail. */
export function AuditPage({ params }: { params?: URLSearchParams } = {}) {
  const { connections } = useConnections();
  const [f, setF] = useState<Filters>({ from: '', to: '', connectionId: params?.get('connection') ?? '', action: '', outcome: '', sourceId: params?.get('sourceId') ?? '', erpId: params?.get('erpId') ?? '' });
  const [exportError, setExportError] = useState<unknown>(null);
  // Dates that cannot be read are not applied: the message says so, and the period shown is the one in force.
  const [dateErrors, setDateErrors] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const reversed = f.from && f.to && f.from > f.to;
  // Pages of PAGE events, newest first; "Load older" asks for the events before the oldest one shown.
  // The key starts with the method name, so mutations that touch the audit trail refresh it.
  const query = toQuery(f, PAGE);
  const list = useInfiniteQuery({
    queryKey: ['audit.list', query, 'pages'],
    queryFn: ({ pageParam }) => call('audit.list', pageParam === null ? query : { ...query, beforeId: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.length === PAGE ? (last[last.length - 1]?.id ?? null) : null),
    placeholderData: keepPreviousData,
  });
  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF((x) => ({ ...x, [k]: e.target.value }));
  const exportCsv = async () => {
    setExportError(null);
    try {
      const { content } = await call('audit.export', { ...toQuery(f, 100_000), format: 'csv' });
      downloadText(`audit-${new Date().toISOString().slice(0, 10)}.csv`, content);
    } catch (e) {
      setExportError(e);
    }
  };
  const rows = list.data?.pages.flat() ?? [];
  return (
    <div className="audit">
      <form className="filters" role="search" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
        <DateField label="From" value={f.from || null} onChange={(d) => setF((x) => ({ ...x, from: d ?? '' }))} onInvalid={(m) => setDateErrors((e) => ({ ...e, from: m }))} />
        <DateField label="To" value={f.to || null} onChange={(d) => setF((x) => ({ ...x, to: d ?? '' }))} onInvalid={(m) => setDateErrors((e) => ({ ...e, to: m }))} />
        <label className="field">
          <span>Connection</span>
          <select value={f.connectionId} onChange={set('connectionId')}>
            <option value="">All</option>
            {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Action</span>
          <select value={f.action} onChange={set('action')}>
            <option value="">All</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{a.replace(/_/g, ' ')}</option>)}
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <input list="audit-outcomes" value={f.outcome} placeholder="All" onChange={set('outcome')} spellCheck={false} />
          <datalist id="audit-outcomes">
            {OUTCOMES.map((o) => <option key={o} value={o} />)}
          </datalist>
        </label>
        <label className="field"><span>Source ID</span><input value={f.sourceId} onChange={set('sourceId')} spellCheck={false} /></label>
        <label className="field"><span>ERP ID</span><input value={f.erpId} onChange={set('erpId')} spellCheck={false} /></label>
        <button type="button" className="btn" onClick={() => void exportCsv()}>Export CSV</button>
      </form>
      <ErrorBanner error={list.error ?? exportError} onRetry={() => void list.refetch()} />
      {dateErrors.from || dateErrors.to || reversed ? (
        <div className="banner banner-error" role="alert" aria-label="Date filter">
          {[dateErrors.from, dateErrors.to, reversed ? `"From" (${periodText(f.from, null)}) is after "To" (${periodText(null, f.to)}): swap them` : null].filter(Boolean).join(' · ')}. Not applied; the period in force: {periodText(reversed ? null : f.from || null, reversed ? null : f.to || null)}.
        </div>
      ) : null}
      <p className="grid-meta" role="status">
        <span data-testid="audit-period">{rows.length.toLocaleString()} events, {periodText(reversed ? null : f.from || null, reversed ? null : f.to || null)}{list.hasNextPage ? ' shown (older ones: Load older)' : ''}</span>
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Audit events">
          <thead>
            <tr><th>Time</th><th>Connection</th><th>Actor</th><th>Action</th><th>Status</th><th>Source ID</th><th>ERP ID</th><th>Details</th></tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td className="mono small">{e.connectionId ?? '—'}</td>
                <td>{e.actor}</td>
                <td>{e.action.replace(/_/g, ' ')}</td>
                <td><span className={`tag tag-${tone(e.outcome)}`}>{e.outcome.replace(/_/g, ' ')}</span></td>
                <td className="mono">{e.sourceId ?? ''}</td>
                <td className="mono">{e.erpId ?? ''}</td>
                <td className="wrap">{e.message}</td>
              </tr>
            ))}
            {list.data && rows.length === 0 ? <tr><td colSpan={8} className="empty-row">No events match these filters.</td></tr> : null}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <button type="button" className="btn" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : `Load ${PAGE} older`}
        </button>
      ) : null}
    </div>
  );
}

const tone = (outcome: string) => (['failed', 'rejected'].includes(outcome) ? 'bad' : ['held', 'uncertain'].includes(outcome) ? 'warn' : ['posted', 'succeeded', 'replayed'].includes(outcome) ? 'ok' : 'neutral');
