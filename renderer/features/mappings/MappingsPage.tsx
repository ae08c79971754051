// Mappings: expense type → GL account + dimensions, employee → ERP supplier. Edits save as you go;
// the last edit (or paste) can be undone; CSV import/export for bulk work.
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import { useMlcQuery } from '../../api/hooks';
import { call } from '../../api/mlc';
import { invalidateTags } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { listSeparator } from '../../components/excel-dialect';
import { downloadText, downloadXlsx } from '../../components/download';
import type { Change, Column, GridRow, SortBy } from './grid-model';
import { cellCheck, columnsFor, gridDimensions, indexReference, isUnmapped, orderRows, toMapping } from './grid-model';
import { CsvImport } from './CsvImport';
import { MappingGrid } from './MappingGrid';
import { UnblockBanner } from './UnblockBanner';

export function MappingsPage({ params }: { params: URLSearchParams }) {
  const { current } = useConnections();
  const dims = useMemo(() => (current ? gridDimensions(current) : []), [current]);
  if (!current) return <p className="muted">Add a connection first.</p>;
  const asked = params.get('kind');
  const kind: MappingKind = asked === 'employee' || asked === 'tax_code' ? asked : 'expense_type';
  return <MappingsScreen key={`${current.id}|${kind}|${params.get('q') ?? ''}`} connectionId={current.id} dims={dims} kind={kind} initialFilter={params.get('q') ?? ''} />;
}

function MappingsScreen({ connectionId, dims, kind, initialFilter }: { connectionId: string; dims: string[]; kind: MappingKind; initialFilter: string }) {
  const client = useQueryClient();
  const listInput = { connectionId, kind };
  const list = useMlcQuery('mappings.list', listInput);
  const reference = useMlcQuery('reference.list', { connectionId }, { staleTime: 60_000 });
  const [filter, setFilter] = useState(initialFilter);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const [pinned, setPinned] = useState<Set<string> | null>(null);
  const [undo, setUndo] = useState<Array<{ changes: Change[]; what: string }>>([]);
  const [sort, setSort] = useState<SortBy | null>(null);
  // Ascending, descending, then back to the default order (unmapped first).
  const onSort = (key: string) => setSort((s) => (s?.key !== key ? { key, dir: 1 } : s.dir === 1 ? { key, dir: -1 } : null));
  const [redo, setRedo] = useState<Array<{ changes: Change[]; what: string }>>([]);
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<unknown>(null);
  // Codes just fixed (the row's own code and the values it no longer uses): held reports naming them are offered a replay.
  const [touched, setTouched] = useState<string[]>([]);

  const cols = useMemo(() => columnsFor(kind, dims.length ? dims : ['costCenter']), [kind, dims]);
  const refIndex = useMemo(() => indexReference(reference.data ?? []), [reference.data]);
  const all: GridRow[] = useMemo(() => (list.data ?? []).filter((r) => r.sourceCode !== '*'), [list.data]);
  if (list.data && pinned === null) setPinned(new Set(all.filter(isUnmapped).map((r) => r.sourceCode)));
  const pins = pinned ?? new Set<string>();
  const view = useMemo(() => {
    const problem = (r: GridRow) => isUnmapped(r) || cols.some((c) => ['unknown', 'inactive'].includes(cellCheck(r, c, refIndex)));
    return orderRows(all, pins, filter, onlyProblems, problem, sort);
  }, [all, pins, filter, onlyProblems, refIndex, cols, sort]);
  const refOptions = useMemo(() => {
    const byCol = new Map<string, NonNullable<ReturnType<typeof pick>>>();
    function pick(col: Column) {
      return col.ref ? (reference.data ?? []).filter((i) => i.kind === col.ref!.kind && i.dimensionType === col.ref!.dimensionType) : null;
    }
    return (col: Column) => {
      if (!col.ref) return null;
      if (!byCol.has(col.key)) byCol.set(col.key, pick(col)!);
      return byCol.get(col.key)!;
    };
  }, [reference.data]);

  const apply = async (changes: Change[], what: string, reverting: boolean) => {
    setError(null);
    const key = ['mappings.list', listInput];
    const afterOf = (c: Change) => (reverting ? c.before : c.after);
    client.setQueryData<MappingRow[]>(key, (old) => {
      if (!old) return old;
      const byCode = new Map(old.map((r) => [r.sourceCode, r]));
      for (const c of changes) {
        const next = afterOf(c);
        if (next) byCode.set(next.sourceCode, { ...(byCode.get(next.sourceCode) ?? { connectionId, updatedAt: '', updatedBy: '' }), ...next });
        else byCode.delete(c.after.sourceCode);
      }
      return [...byCode.values()];
    });
    try {
      const upserts = changes.map(afterOf).filter((r): r is GridRow => !!r);
      if (upserts.length) await call('mappings.upsert', { connectionId, rows: upserts.map(toMapping) });
      for (const c of changes.filter((x) => !afterOf(x))) await call('mappings.delete', { connectionId, kind, sourceCode: c.after.sourceCode });
      setStatus(reverting ? `Undone: ${what}` : `Saved: ${what}`);
    } catch (e) {
      setError(e);
    } finally {
      await invalidateTags(client, ['mappings', 'audit']);
    }
  };

  const onChanges = (changes: Change[], what: string) => {
    setUndo((u) => [...u.slice(-19), { changes, what }]);
    setRedo([]);
    const codes = changes.flatMap((c) => [c.after.sourceCode, ...(c.before ? [c.before.target, ...Object.values(c.before.dimensions)] : [])]).filter(Boolean);
    setTouched((t) => [...new Set([...t, ...codes])]);
    void apply(changes, what, false);
  };
  const onUndo = () => {
    const last = undo[undo.length - 1];
    if (!last) return setStatus('Nothing to undo');
    setUndo((u) => u.slice(0, -1));
    setRedo((r) => [...r, last]);
    void apply(last.changes, last.what, true);
  };
  const onRedo = () => {
    const next = redo[redo.length - 1];
    if (!next) return setStatus('Nothing to redo');
    setRedo((r) => r.slice(0, -1));
    setUndo((u) => [...u, next]);
    void apply(next.changes, next.what, false).then(() => setStatus(`Redone: ${next.what}`));
  };
  const exportCsv = async () => {
    try {
      const { csv } = await call('mappings.exportCsv', { connectionId, separator: listSeparator() });
      downloadText(`mappings-${connectionId}.csv`, csv.startsWith('\ufeff') ? csv : `\ufeff${csv}`);
    } catch (e) {
      setError(e);
    }
  };
  const exportXlsx = async () => {
    try {
      const { base64 } = await call('mappings.exportXlsx', { connectionId });
      downloadXlsx(`mappings-${connectionId}.xlsx`, base64);
    } catch (e) {
      setError(e);
    }
  };
  const unmappedCount = all.filter(isUnmapped).length;
  const taxHelp = kind === 'tax_code' ? 'Source tax code (Concur taxCode or authority label, Expensify tax code) or a rate written 20% → the ERP tax code; reclaimed tax posts to the recoverable VAT account, the rest stays in the expense; Reclaimed "no" keeps a code’s tax in the expense always' : null;

  return (
    <div className="mappings">
      <div className="toolbar">
        <div className="tabs" role="tablist" aria-label="Mapping kind">
          <a role="tab" aria-selected={kind === 'expense_type'} className={kind === 'expense_type' ? 'tab active' : 'tab'} href="#/mappings?kind=expense_type">
            Expense types
          </a>
          <a role="tab" aria-selected={kind === 'employee'} className={kind === 'employee' ? 'tab active' : 'tab'} href="#/mappings?kind=employee">
            Employees
          </a>
          <a role="tab" aria-selected={kind === 'tax_code'} className={kind === 'tax_code' ? 'tab active' : 'tab'} href="#/mappings?kind=tax_code">
            Tax codes
          </a>
        </div>
        <label className="inline-field">
          <span>Filter</span>
          <input type="search" value={filter} placeholder="Code, name, account…" onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} /> Needs attention only
        </label>
        <span className="spacer" />
        <button type="button" className="btn" disabled={undo.length === 0} onClick={onUndo} title="Ctrl+Z">
          Undo last edit
        </button>
        <button type="button" className="btn" disabled={redo.length === 0} onClick={onRedo} title="Ctrl+Y">
          Redo
        </button>
        <CsvImport connectionId={connectionId} onStatus={setStatus} onError={setError} onImported={() => (setUndo([]), setRedo([]))} />
        <span className="btn-pair" role="group" aria-label="Export">
          <button type="button" className="btn" onClick={() => void exportCsv()}>
            Export CSV
          </button>
          <button type="button" className="btn" aria-label="Export xlsx" title="Export as an Excel workbook (.xlsx)" onClick={() => void exportXlsx()}>
            xlsx
          </button>
        </span>
      </div>
      <div className="grid-meta">
        <span>
          {view.length.toLocaleString()} of {all.length.toLocaleString()} rows
          {unmappedCount ? <strong className="warn-text"> · {unmappedCount} not mapped</strong> : null}
        </span>
        <span className="muted">Enter or type to edit · Shift+arrows select · Ctrl+C/Ctrl+V copy and paste with Excel · Ctrl+Z undoes, Ctrl+Y redoes</span>
        <span role="status" className="ok-text">{status}</span>
      </div>
      {taxHelp ? <p className="muted">{taxHelp}</p> : null}
      <ErrorBanner error={error ?? list.error ?? reference.error} />
      <UnblockBanner key={touched.join('|')} connectionId={connectionId} codes={touched} />
      {list.data ? (
        <MappingGrid kind={kind} rows={view} all={all} cols={cols} pinned={pins} refIndex={refIndex} refOptions={refOptions} onChanges={onChanges} onUndo={onUndo} onRedo={onRedo} sort={sort} onSort={onSort} onPasteSkipped={(n) => n && setStatus(`${n} pasted row(s) had no matching row and were skipped`)} />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </div>
  );
}
