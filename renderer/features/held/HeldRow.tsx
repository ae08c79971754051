// One held post in the table. The row is the control (click or Enter opens it); the checkbox is for the mouse.
import type { KeyboardEvent, Ref } from 'react';
import type { PostingSummary } from '../../../shared/schemas/posting';
import { formatAge } from '../../components/format';
import { amountText, plainMessage, reasonLabels } from './held-rows';

interface Props {
  r: PostingSummary;
  index: number;
  current: boolean;
  open: boolean;
  checked: boolean;
  result: PostingSummary | undefined;
  status: 'held' | 'failed';
  connection: string | null;
  measure: Ref<HTMLTableRowElement>;
  onOpen(): void;
  onToggle(): void;
  onKeyDown(e: KeyboardEvent): void;
  onFocus(): void;
}

export function HeldRow({ r, index, current, open, checked, result, status, connection, measure, onOpen, onToggle, onKeyDown, onFocus }: Props) {
  return (
    <tr
      ref={measure}
      data-index={index}
      data-row
      data-testid={`held-row-${r.sourceId}`}
      aria-rowindex={index + 2}
      tabIndex={current ? 0 : -1}
      aria-selected={checked}
      className={open ? 'selected' : undefined}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <td className="col-check" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" tabIndex={-1} aria-label={`Select ${r.sourceId}`} checked={checked} disabled={!!result && result.status !== status} onChange={onToggle} />
      </td>
      <td data-testid="held-reason">{reasonLabels(r)}</td>
      <td>
        <span className="doc-id">{r.sourceId}</span>
        <div className="muted small doc-title">{r.title}</div>
      </td>
      {connection !== null ? <td className="col-conn small">{connection}</td> : null}
      <td className="col-party">{r.party ?? '—'}</td>
      <td className="num">{amountText(r)}</td>
      <td className="num col-age">{formatAge(r.createdAt)}</td>
      <td className="col-result" data-testid="held-result">{result ? <ResultBadge r={result} /> : null}</td>
    </tr>
  );
}

export function ResultBadge({ r }: { r: PostingSummary }) {
  if (r.status === 'posted') return <span className="tag tag-ok">Posted{r.erpId ? ` · ${r.erpId}` : ''}</span>;
  if (r.status === 'dismissed') return <span className="tag">Dismissed</span>;
  const why = plainMessage(r.status === 'failed' ? (r.lastError?.message ?? r.reasons[0]?.message ?? '') : (r.reasons[0]?.message ?? r.lastError?.message ?? ''));
  return <span className={r.status === 'held' ? 'tag tag-warn' : 'tag tag-bad'} title={why}>{r.status === 'held' ? 'Still held' : 'Failed, will retry'}: {why}</span>;
}
