// Held: posts that could not go to the ERP, across all connections or one, with reason, source document,
// party, amount and age. Replay one, the selected ones or all (with progress), export what is shown.
// Results stay in place until the filters change.
import { useMemo, useState } from 'react';
import type { HoldCode, PostingSummary } from '../../../shared/schemas/posting';
import { useMlcMutation, useMlcQuery } from '../../api/hooks';
import { useLive } from '../../api/live';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { REASON_LABEL } from './fix-link';
import { codesPresent, matches, totalText } from './held-rows';
import { HeldDetail } from './HeldDetail';
import { HeldExport } from './HeldExport';
import { ReplayStatus } from './ReplayStatus';
import { HeldTable } from './HeldTable';

export function HeldPage({ params }: { params: URLSearchParams }) {
  const { connections } = useConnections();
  const [scope, setScope] = useState(() => params.get('connection') ?? '');
  const [status, setStatus] = useState<'held' | 'failed'>(() => (params.get('status') === 'failed' ? 'failed' : 'held'));
  const [code, setCode] = useState<HoldCode | ''>('');
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [results, setResults] = useState<Map<number, PostingSummary>>(new Map());
  const [open, setOpen] = useState<number | null>(null);
  const [focusRow, setFocusRow] = useState<number | null>(null);
  const list = useMlcQuery('postings.list', { connectionId: scope || undefined, status, limit: 100_000 });
  const replay = useMlcMutation('held.replay');
  const live = useLive();
  const names = useMemo(() => new Map(connections.map((c) => [c.id, c.name] as const)), [connections]);
  const connectionName = (id: string) => names.get(id) ?? id;

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
    const all = [...live, ...[...originals.values()].filter((r) => !ids.has(r.id))].sort((a, b) => a.id - b.id);
    return all.filter((r) => (!code || r.reasons.some((x) => x.code === code)) && matches(r, search, names.get(r.connectionId) ?? ''));
  }, [list.data, originals, code, search, names]);
  const present = useMemo(() => codesPresent(list.data ?? []), [list.data]);
  const clearResults = () => (setResults(new Map()), setOriginals(new Map()));
  const resetFilters = (fn: () => void) => (fn(), clearResults(), setSelected(new Set()), setOpen(null));
  const pending = rows.filter((r) => !results.has(r.id) || results.get(r.id)?.status === status);
  const allChecked = pending.length > 0 && pending.every((r) => selected.has(r.id));
  const scopeName = scope ? connectionName(scope) : null;
  const closeDetail = () => (setFocusRow(open), setOpen(null));
  const progress = Object.values(live.replay).filter((p) => p && (!scope || p.connectionId === scope));

  return (
    <div className={open ? 'held with-detail' : 'held'}>
      <div className="held-list">
        <div className="toolbar">
          <label className="inline-field">
            <span>Connection</span>
            <select value={scope} onChange={(e) => resetFilters(() => setScope(e.target.value))}>
              <option value="">All connections</option>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>Show</span>
            <select value={status} onChange={(e) => resetFilters(() => setStatus(e.target.value as 'held' | 'failed'))}>
              <option value="held">Held</option>
              <option value="failed">Failed, will retry</option>
            </select>
          </label>
          <label className="inline-field">
            <span>Reason</span>
            <select value={code} onChange={(e) => resetFilters(() => setCode(e.target.value as HoldCode | ''))}>
              <option value="">All reasons</option>
              {present.map(([c, n]) => (
                <option key={c} value={c}>{`${REASON_LABEL[c] ?? c} (${n})`}</option>
              ))}
            </select>
          </label>
          <label className="inline-field">
            <span>Search</span>
            <input type="search" value={search} placeholder="Report, name, amount, reason" onChange={(e) => resetFilters(() => setSearch(e.target.value))} />
          </label>
          <span className="spacer" />
          <HeldExport rows={rows} connectionName={connectionName} scopeName={scopeName} />
          <button type="button" className="btn" disabled={selected.size === 0 || replay.isPending} onClick={() => replay.mutate({ ids: [...selected], all: false }, { onSuccess: (rs) => (remember(rs), setSelected(new Set())) })}>
            Replay selected ({selected.size})
          </button>
          <button type="button" className="btn btn-primary" disabled={replay.isPending || pending.length === 0} onClick={() => replay.mutate(code || search ? { ids: pending.map((r) => r.id), all: false } : { all: true, connectionId: scope || undefined }, { onSuccess: remember })}>
            {replay.isPending ? 'Replaying…' : code || search ? `Replay these ${pending.length}` : 'Replay all'}
          </button>
        </div>
        <ReplayStatus pending={replay.isPending} progress={progress} results={[...results.values()]} onClear={clearResults} count={pending.length} amount={totalText(pending)} status={status} scopeName={scopeName} loading={list.data === undefined} />
        <ErrorBanner error={list.error ?? replay.error} onRetry={() => void list.refetch()} />
        <HeldTable
          rows={rows}
          status={status}
          showConnection={!scope}
          connectionName={connectionName}
          results={results}
          selected={selected}
          open={open}
          onOpen={(id) => (setOpen(id), setFocusRow(null))}
          onToggle={(id) => setSelected((s) => toggle(s, id))}
          onToggleAll={(on) => setSelected(on ? new Set(pending.map((r) => r.id)) : new Set())}
          allChecked={allChecked}
          focusRow={focusRow}
        >
          {rows.length === 0 && list.data ? (
            <p className="empty-row">
              {list.data.length > 0 || originals.size > 0
                ? 'Nothing matches these filters.'
                : status === 'held'
                  ? `Nothing held${scopeName ? ` for ${scopeName}` : ''}. Every approved report went through.`
                  : `Nothing failed${scopeName ? ` for ${scopeName}` : ''}: the ERP accepted or refused every post it was sent.`}
            </p>
          ) : null}
        </HeldTable>
      </div>
      {open !== null ? <HeldDetail key={open} id={open} onResult={(r) => remember([r])} onClose={closeDetail} /> : null}
    </div>
  );
}

function toggle(s: Set<number>, id: number): Set<number> {
  const n = new Set(s);
  if (n.has(id)) n.delete(id);
  else n.add(id);
  return n;
}
