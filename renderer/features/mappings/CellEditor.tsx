// Inline cell editor with autocomplete from ERP reference data (code and name; inactive values flagged).
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReferenceItem } from '../../../shared/schemas/reference';

/** Where the active cell goes after a commit; 'stay' keeps it (and the focus), 'none' is a blur elsewhere. */
export type CommitMove = 'down' | 'right' | 'left' | 'stay' | 'none';

interface Props {
  initial: string;
  options: ReferenceItem[] | null;
  label: string;
  onCommit(value: string, move: CommitMove): void;
  onCancel(): void;
}

export function CellEditor({ initial, options, label, onCommit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  const finish = (v: string, move: CommitMove) => {
    if (done.current) return;
    done.current = true;
    onCommit(v, move);
  };
  const [box, setBox] = useState<DOMRect | null>(null);
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    setBox(el.getBoundingClientRect());
  }, []);
  const matches = useMemo(() => {
    if (!options) return [];
    const q = value.trim().toLowerCase();
    const hit = (o: ReferenceItem) => !q || o.code.toLowerCase().startsWith(q) || o.name.toLowerCase().includes(q);
    return options
      .filter(hit)
      .sort((a, b) => Number(b.active) - Number(a.active) || Number(b.code.toLowerCase().startsWith(q)) - Number(a.code.toLowerCase().startsWith(q)) || a.code.localeCompare(b.code))
      .slice(0, 8);
  }, [options, value]);
  const pick = (i: number): string => {
    const chosen = matches[i];
    if (chosen) return chosen.code;
    const exact = options?.find((o) => o.code.toLowerCase() === value.trim().toLowerCase());
    return exact ? exact.code : value;
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    const handled = ['ArrowDown', 'ArrowUp', 'Enter', 'Tab', 'Escape'].includes(e.key);
    if (!handled || ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !matches.length)) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') setActive((a) => Math.min(matches.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(-1, a - 1));
    else if (e.key === 'Enter') finish(pick(active), 'down');
    else if (e.key === 'Tab') finish(pick(active), e.shiftKey ? 'left' : 'right');
    else {
      done.current = true;
      onCancel();
    }
  };
  const listId = 'cell-editor-options';
  return (
    <>
      <input
        ref={input}
        className="cell-input"
        aria-label={label}
        role={options ? 'combobox' : undefined}
        aria-expanded={options ? matches.length > 0 : undefined}
        aria-controls={options ? listId : undefined}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete={options ? 'list' : undefined}
        value={value}
        spellCheck={false}
        onChange={(e) => (setValue(e.target.value), setActive(-1))}
        onKeyDown={onKeyDown}
        onBlur={() => finish(pick(-1), 'none')}
      />
      {options && box && matches.length > 0 ? (
        <ul className="autocomplete" id={listId} role="listbox" aria-label={`${label} suggestions`} style={{ top: box.bottom + 2, left: box.left, minWidth: Math.max(box.width, 280) }}>
          {matches.map((o, i) => (
            <li
              key={`${o.dimensionType}|${o.code}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'ac-item ac-active' : 'ac-item'}
              onMouseDown={(e) => (e.preventDefault(), finish(o.code, 'stay'))}
            >
              <span className="ac-code">{o.code}</span>
              <span className="ac-name">{o.name}</span>
              {!o.active ? <span className="tag tag-warn">inactive</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
