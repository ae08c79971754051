// Held: posts that could not go to the ERP, with reason, source document, party, amount and age.
// Replay one, the selected ones or all; results stay in place until the filters change.
import { useMemo, useState } from 'react';
import type { HoldCode, PostingSummary } from '../../../shared/schemas/posting';
import { HOLD_CODES } from '../../../shared/schemas/posting';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { formatAge, formatMoney } from '../../components/format';
import { REASON_LABEL } from './fix-link';
import { HeldDetail } from './HeldDetail';

export function HeldPage() {
  const { current } = useConnections();
  const [status, setStatus] = useState<'held' | 'failed'>(() => (location.hash.includes('status=failed') ? 'failed' : 'held'));
  const [code, setCode] = useState<HoldCode | ''>('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [results, setResults] = useState<Map<number, PostingSummary>>(new Map());
  const [open, setOpen] = useState<number | null>(null);
  const list = useMlcQuery('postings.list', { connectionId: current?.id, status, code: code || undefined, search: search || undefined, limit: 5000 }, { enabled: !!current });
  const replay = useMlcMutation('held.replay');

  // Rows as they were when acted on, so a replayed row keeps its reason next to its result.
  const [originals, setOriginals] = useState<Map<number, PostingSummary>>(new Map());
  const remember = (rs: PostingSummary[]) => {
    const before = new Map((list.data ?? []).map((r) => [r.id, r] as const));
    setOriginals((m) => new Map([...m, ...rs.map((r) => [r.id, m.get(r.id) ?? before.get(r.id) ?? r] as const)]));
    setResults((m) => new Map([...m, ...rs.map((r) => [r.id, r] as const)]));
  };
  const rows = useMemo(() => {
    const live = list.data ?? [];
    const ids = new Set(live.map((r) => r.id));
    return [...live, ...[...originals.values()].filter((r) => !ids.has(r.id))].sort((a, b) => a.id - b.id);
  }, [list.data, originals]);
  const clearResults = () => (setResults(new Map()), setOriginals(new Map()));
  const resetFilters = (fn: () => void) => (fn(), clearResults(), setSelected(new Set()));
  const pending = rows.filter((r) => !results.has(r.id) || results.get(r.id)?.status === status);
  const summary = results.size ? summarise([...results.values()]) : null;
  const allChecked = pending.length > 0 && pending.every((r) => selected.has(r.id));

  return (
    <div className={open ? 'held with-detail' : 'held'}>
      <div className="held-list">
        <div className="toolbar">
          <label className="inline-field">
            <span>Show</span>
            <select value={status} onChange={(e) => resetFilters(() => setStatus(e.target.value as 'held' | 'failed'))}>
              <option value="held">Held</option>
              <option value="failed">Failed</option>
            </select>
          </label>
          <label className="inline-field">
            <span>Reason</span>
            <select value={code} onChange={(e) => resetFilters(() => setCode(e.target.value as HoldCode | ''))}>
              <option value="">All reasons</option>
              {HOLD_CODES.map((c) => (
                <option key={c} value={c}>
                  {REASON_LABEL[c] ?? c}
                </option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>Search</span>
            <input type="search" value={search} placeholder="Report, employee…" onChange={(e) => resetFilters(() => setSearch(e.target.value))} />
          </label>
          <span className="spacer" />
          <button type="button" className="btn" disabled={selected.size === 0 || replay.isPending} onClick={() => replay.mutate({ ids: [...selected], all: false }, { onSuccess: (rs) => (remember(rs), setSelected(new Set())) })}>
            Replay selected ({selected.size})
          </button>
          <button type="button" className="btn btn-primary" disabled={!current || replay.isPending || (list.data?.length ?? 0) === 0} onClick={() => replay.mutate({ all: true, connectionId: current?.id }, { onSuccess: remember })}>
            {replay.isPending ? 'Replaying…' : 'Replay all'}
          </button>
        </div>
        <p className="grid-meta" role="status" aria-label="Held summary">
          <span>
            <strong>{(list.data?.length ?? 0).toLocaleString()}</strong> {status}
          </span>
          {summary ? <span className="ok-text">Last replay: {summary}</span> : null}
          {results.size ? (
            <button type="button" className="btn btn-small" onClick={clearResults}>
              Clear results
            </button>
          ) : null}
        </p>
        <ErrorBanner error={list.error ?? replay.error} onRetry={() => void list.refetch()} />
        <div className="table-wrap">
          <table className="table" aria-label="Held posts">
            <thead>
              <tr>
                <th className="col-check">
                  <input type="checkbox" aria-label="Select all" checked={allChecked} onChange={(e) => setSelected(e.target.checked ? new Set(pending.map((r) => r.id)) : new Set())} />
                </th>
                <th>Reason</th>
                <th>Source document</th>
                <th>Employee / vendor</th>
                <th className="num">Amount</th>
                <th className="num col-age">Age</th>
                <th className="col-result">Result</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const res = results.get(r.id);
                return (
                  <tr key={r.id} data-testid={`held-row-${r.sourceId}`} className={open === r.id ? 'selected' : undefined} onClick={() => setOpen(r.id)}>
                    <td className="col-check" onClick={(e) => e.stopPropagation()}>
                      <input type="checkbox" aria-label={`Select ${r.sourceId}`} checked={selected.has(r.id)} disabled={!!res && res.status !== status} onChange={() => setSelected((s) => toggle(s, r.id))} />
                    </td>
                    <td data-testid="held-reason">
                      {(r.reasons.length ? r.reasons : []).map((x) => REASON_LABEL[x.code] ?? x.code).filter((v, i, a) => a.indexOf(v) === i).join(', ') || (r.lastError ? r.lastError.code : '—')}
                    </td>
                    <td>
                      <button type="button" className="link" onClick={() => setOpen(r.id)}>
                        {r.sourceId}
                      </button>
                      <div className="muted small doc-title">{r.title}</div>
                    </td>
                    <td>{r.party ?? '—'}</td>
                    <td className="num">{formatMoney(r.total)}</td>
                    <td className="num col-age">{formatAge(r.createdAt)}</td>
                    <td className="col-result" data-testid="held-result">{res ? <ResultBadge r={res} /> : null}</td>
                  </tr>
                );
              })}
              {rows.length === 0 && list.data ? (
                <tr>
                  <td colSpan={7} className="empty-row">
                    Nothing {status}. Every approved report went through.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </div>
      {open !== null ? <HeldDetail key={open} id={open} onResult={(r) => remember([r])} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function ResultBadge({ r }: { r: PostingSummary }) {
  if (r.status === 'posted') return <span className="tag tag-ok">Posted{r.erpId ? ` · ${r.erpId}` : ''}</span>;
  if (r.status === 'dismissed') return <span className="tag">Dismissed</span>;
  const why = r.reasons[0]?.message ?? r.lastError?.message ?? r.status;
  return <span className={r.status === 'held' ? 'tag tag-warn' : 'tag tag-bad'} title={why}>{r.status === 'held' ? 'Still held' : 'Failed'}: {why}</span>;
}

function summarise(rs: PostingSummary[]): string {
  const n = (s: string) => rs.filter((r) => r.status === s).length;
  return [`${n('posted')} posted`, n('held') && `${n('held')} still held`, n('failed') && `${n('failed')} failed`, n('dismissed') && `${n('dismissed')} dismissed`].filter(Boolean).join(', ');
}

function toggle(s: Set<number>, id: number): Set<number> {
  const n = new Set(s);
  if (n.has(id)) n.delete(id);
  else n.add(id);
  return n;
}
