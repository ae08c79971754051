// The held list as one keyboard stop: the current row holds the only tabindex (roving), ↑/↓/Home/End move,
// Enter opens the detail, Space selects. Checkboxes stay clickable with the mouse but are not Tab stops.
// Only the rows in view plus a margin are in the DOM (thousands can be held); spacer rows keep the scroll height,
// the current row is always rendered so Tab still reaches the list, and aria-rowcount says the real size.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { useVirtualRows } from '../../components/use-virtual-rows';
import { HeldRow } from './HeldRow';

interface Props {
  rows: PostingSummary[];
  status: 'held' | 'failed';
  showConnection: boolean;
  connectionName(id: string): string;
  results: Map<number, PostingSummary>;
  selected: Set<number>;
  open: number | null;
  onOpen(id: number): void;
  onToggle(id: number): void;
  onToggleAll(checked: boolean): void;
  allChecked: boolean;
  focusRow: number | null;
  /** Shown under the table inside the scroll area (the empty-list message). */
  children?: ReactNode;
}

// First guesses of a row's height, measured once rendered: three lines, or one when the detail hides the title.
const ROW_GUESS = 62;
const ROW_GUESS_WITH_DETAIL = 31;

export function HeldTable(p: Props) {
  const [cursor, setCursor] = useState(0);
  // A row to focus once it is rendered (End to a row far below the ones in view).
  const pendingFocus = useRef<number | null>(null);
  const index = Math.min(cursor, Math.max(0, p.rows.length - 1));
  const rowKey = useCallback((i: number) => p.rows[i]?.id ?? i, [p.rows]);
  const v = useVirtualRows(p.rows.length, { rowHeight: p.open === null ? ROW_GUESS : ROW_GUESS_WITH_DETAIL, measured: true, keep: index, rowKey });
  const rowAt = (i: number) => v.ref.current?.querySelector<HTMLTableRowElement>(`tbody tr[data-index="${i}"]`);
  const focusAt = (i: number) => {
    const n = Math.max(0, Math.min(p.rows.length - 1, i));
    setCursor(n);
    v.scrollToRow(n);
    const el = rowAt(n);
    pendingFocus.current = el ? null : n;
    el?.focus({ preventScroll: true });
  };
  useEffect(() => {
    const n = pendingFocus.current;
    const el = n === null ? null : rowAt(n);
    if (!el) return;
    pendingFocus.current = null;
    el.focus({ preventScroll: true });
  });
  // Coming back from the detail (Escape or Close): the row that was open gets the focus again.
  useEffect(() => {
    if (p.focusRow === null) return;
    const i = p.rows.findIndex((r) => r.id === p.focusRow);
    if (i >= 0) focusAt(i);
  }, [p.focusRow]);
  const onKey = (e: KeyboardEvent, i: number, r: PostingSummary) => {
    const moves: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: p.rows.length - 1, PageDown: i + 10, PageUp: i - 10 };
    if (e.key in moves) focusAt(moves[e.key]!);
    else if (e.key === 'Enter') p.onOpen(r.id);
    else if (e.key === ' ') p.onToggle(r.id);
    else return;
    e.preventDefault();
  };
  const columns = p.showConnection ? 8 : 7;
  const body: ReactNode[] = [];
  let drawn = 0;
  for (const it of v.items) {
    const r = p.rows[it.index];
    if (!r) continue;
    if (it.start > drawn) body.push(<Spacer key={`gap-${it.index}`} height={it.start - drawn} columns={columns} />);
    drawn = it.start + it.size;
    body.push(
      <HeldRow
        key={r.id}
        r={r}
        index={it.index}
        current={it.index === index}
        open={p.open === r.id}
        checked={p.selected.has(r.id)}
        result={p.results.get(r.id)}
        status={p.status}
        connection={p.showConnection ? p.connectionName(r.connectionId) : null}
        measure={v.measureRow}
        onOpen={() => (setCursor(it.index), p.onOpen(r.id))}
        onToggle={() => p.onToggle(r.id)}
        onKeyDown={(e) => onKey(e, it.index, r)}
        onFocus={() => setCursor(it.index)}
      />,
    );
  }
  if (v.totalHeight > drawn) body.push(<Spacer key="gap-end" height={v.totalHeight - drawn} columns={columns} />);
  return (
    <div className="table-wrap held-scroll" ref={v.ref}>
      <table className="table held-table" aria-label="Held posts" aria-rowcount={p.rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th className="col-check">
              <input type="checkbox" aria-label="Select all" checked={p.allChecked} onChange={(e) => p.onToggleAll(e.target.checked)} />
            </th>
            <th className="col-reason">Reason</th>
            <th className="col-doc">Source document</th>
            {p.showConnection ? <th className="col-conn">Connection</th> : null}
            <th className="col-party">Employee / vendor</th>
            <th className="num col-amount">Amount</th>
            <th className="num col-age">Age</th>
            <th className="col-result">Result</th>
          </tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
      {p.children}
    </div>
  );
}

/** Stands in for the rows above or below the ones rendered, so the scrollbar tells the real length. */
function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr className="spacer-row" aria-hidden="true">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}
