// Changes after posting: documents changed at the source after they were posted, across connections, with the
// amounts before and after; open one to compare it side by side and resolve it by an explicit choice. A change
// resolved here stays open with its outcome, although it leaves the "waiting" list.
import { useMemo, useState } from 'react';
import type { ChangeSummary } from '../../../shared/schemas/change';
import { useMlcQuery } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatDateTime, formatMoney } from '../../components/format';
import { ChangeDetail } from './ChangeDetail';

type Show = 'unresolved' | 'adjusted' | 'accepted';

const STATUS_TAG: Record<ChangeSummary['status'], string> = { open: 'tag-warn', adjusting: 'tag-warn', adjusted: 'tag-ok', accepted: 'tag-ok' };

export function ChangesPage({ params }: { params: URLSearchParams }) {
  const { connections } = useConnections();
  const [scope, setScope] = useState(() => params.get('connection') ?? '');
  const [show, setShow] = useState<Show>('unresolved');
  const [open, setOpen] = useState<number | null>(() => (params.get('id') ? Number(params.get('id')) : null));
  const list = useMlcQuery('changes.list', { connectionId: scope || undefined, status: show, limit: 10_000 });
  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name] as const)), [connections]);
  const connectionName = (id: string) => names.get(id) ?? id;
  const rows = list.data ?? [];
  const selected = open ?? (rows.length === 1 ? rows[0]!.id : null);
  return (
    <div className="changes">
      <div className="toolbar">
        <label className="inline-field">
          <span>Connection</span>
          <select value={scope} onChange={(e) => (setScope(e.target.value), setOpen(null))}>
            <option value="">All connections</option>
            {connections.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className="inline-field">
          <span>Show</span>
          <select value={show} onChange={(e) => (setShow(e.target.value as Show), setOpen(null))}>
            <option value="unresolved">Waiting for a decision</option>
            <option value="adjusted">Adjusted</option>
            <option value="accepted">Accepted as is</option>
          </select>
        </label>
      </div>
      <ErrorBanner error={list.error} onRetry={() => void list.refetch()} />
      <div className="table-wrap">
        <table className="table" data-testid="changes-table">
          <thead>
            <tr><th>Document</th><th>Connection</th><th>ERP id</th><th className="num">Posted</th><th className="num">Now</th><th>Status</th><th>Noticed</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-row={r.id} className={selected === r.id ? 'selected' : undefined} tabIndex={0} onClick={() => setOpen(r.id)} onKeyDown={(e) => (e.key === 'Enter' ? setOpen(r.id) : undefined)}>
                <td><span className="doc-id">{r.sourceId}</span> {r.title}{r.seq > 1 ? <span className="muted small"> (change {r.seq})</span> : null}</td>
                <td>{connectionName(r.connectionId)}</td>
                <td className="mono">{r.erpId ?? '—'}</td>
                <td className="num">{formatMoney(r.before)}</td>
                <td className="num"><strong>{formatMoney(r.after)}</strong></td>
                <td><span className={`tag ${STATUS_TAG[r.status]}`}>{r.status === 'open' ? (r.changeKind === 'recalled' ? 'recalled, waiting' : 'waiting') : r.status}</span></td>
                <td className="nowrap muted">{formatDateTime(r.detectedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && list.data ? <p className="empty-row">{show === 'unresolved' ? 'No document changed at the source after it was posted.' : `Nothing ${show} yet.`}</p> : null}
      </div>
      {selected !== null ? <ChangeDetail key={selected} id={selected} connectionName={connectionName} onActed={() => setOpen(selected)} /> : null}
    </div>
  );
}
