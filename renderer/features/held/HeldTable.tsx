// The held list as one keyboard stop: the current row holds the only tabindex (roving), ↑/↓/Home/End move,
// Enter opens the detail, Space selects. Checkboxes stay clickable with the mouse but are not Tab stops.
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { formatAge } from '../../components/format';
import { amountText, plainMessage, reasonLabels } from './held-rows';

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
}

export function HeldTable(p: Props) {
  const [cursor, setCursor] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const index = Math.min(cursor, Math.max(0, p.rows.length - 1));
  const focusAt = (i: number) => {
    const n = Math.max(0, Math.min(p.rows.length - 1, i));
    setCursor(n);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]')[n]?.focus();
  };
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
  return (
    <table className="table" aria-label="Held posts">
      <thead>
        <tr>
          <th className="col-check">
            <input type="checkbox" aria-label="Select all" checked={p.allChecked} onChange={(e) => p.onToggleAll(e.target.checked)} />
          </th>
          <th>Reason</th>
          <th>Source document</th>
          {p.showConnection ? <th className="col-conn">Connection</th> : null}
          <th className="col-party">Employee / vendor</th>
          <th className="num">Amount</th>
          <th className="num col-age">Age</th>
          <th className="col-result">Result</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {p.rows.map((r, i) => {
          const res = p.results.get(r.id);
          return (
            <tr
              key={r.id}
              data-row
              data-testid={`held-row-${r.sourceId}`}
              tabIndex={i === index ? 0 : -1}
              aria-selected={p.selected.has(r.id)}
              className={p.open === r.id ? 'selected' : undefined}
              onClick={() => (setCursor(i), p.onOpen(r.id))}
              onKeyDown={(e) => onKey(e, i, r)}
              onFocus={() => setCursor(i)}
            >
              <td className="col-check" onClick={(e) => e.stopPropagation()}>
                <input type="checkbox" tabIndex={-1} aria-label={`Select ${r.sourceId}`} checked={p.selected.has(r.id)} disabled={!!res && res.status !== p.status} onChange={() => p.onToggle(r.id)} />
              </td>
              <td data-testid="held-reason">{reasonLabels(r)}</td>
              <td>
                <span className="doc-id">{r.sourceId}</span>
                <div className="muted small doc-title">{r.title}</div>
              </td>
              {p.showConnection ? <td className="col-conn small">{p.connectionName(r.connectionId)}</td> : null}
              <td className="col-party">{r.party ?? '—'}</td>
              <td className="num">{amountText(r)}</td>
              <td className="num col-age">{formatAge(r.createdAt)}</td>
              <td className="col-result" data-testid="held-result">{res ? <ResultBadge r={res} /> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ResultBadge({ r }: { r: PostingSummary }) {
  if (r.status === 'posted') return <span className="tag tag-ok">Posted{r.erpId ? ` · ${r.erpId}` : ''}</span>;
  if (r.status === 'dismissed') return <span className="tag">Dismissed</span>;
  const why = plainMessage(r.status === 'failed' ? (r.lastError?.message ?? r.reasons[0]?.message ?? '') : (r.reasons[0]?.message ?? r.lastError?.message ?? ''));
  return <span className={r.status === 'held' ? 'tag tag-warn' : 'tag tag-bad'} title={why}>{r.status === 'held' ? 'Still held' : 'Failed, will retry'}: {why}</span>;
}
