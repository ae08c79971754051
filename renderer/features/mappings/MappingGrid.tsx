// Excel-like grid: arrow/Tab/Home/End/PageUp/PageDown navigation, Shift+arrows or Shift+click to select a
// block (Escape collapses it), Enter/F2 or typing to edit, Delete to clear, Ctrl+Z to undo, Ctrl+C/Ctrl+V
// for blocks of cells. Rows are virtualised (10,000 rows stay smooth).
import { useEffect, useState } from 'react';
import type { MappingKind } from '../../../shared/schemas/mapping';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { CommitMove } from './CellEditor';
import { CellEditor } from './CellEditor';
import type { Change, Column, GridRow, RefIndex, SortBy } from './grid-model';
import { applyPaste, cellCheck, cellValue, parseTsv, refKey, toTsv, withCell } from './grid-model';
import type { Pos } from './grid-selection';
import { blockValues, clearBlock, inRect, isSingleCell, rectOf } from './grid-selection';
import { ROW_HEIGHT, useVirtualRows } from '../../components/use-virtual-rows';

interface Props {
  kind: MappingKind;
  rows: GridRow[];
  all: GridRow[];
  cols: Column[];
  pinned: ReadonlySet<string>;
  refIndex: RefIndex;
  refOptions: (col: Column) => ReferenceItem[] | null;
  onChanges(changes: Change[], what: string): void;
  onUndo(): void;
  onRedo(): void;
  sort: SortBy | null;
  onSort(key: string): void;
  onPasteSkipped(n: number): void;
}

export function MappingGrid({ kind, rows, all, cols, pinned, refIndex, refOptions, onChanges, onUndo, onRedo, onPasteSkipped, sort, onSort }: Props) {
  const [pos, setPos] = useState<Pos>({ r: 0, c: Math.min(2, cols.length - 1) });
  // The selection's fixed corner; equal to pos when a single cell is selected.
  const [anchor, setAnchor] = useState<Pos>(pos);
  const [edit, setEdit] = useState<{ initial: string } | null>(null);
  const v = useVirtualRows(rows.length);
  const template = cols.map((c) => c.width).join(' ');
  const at = (p: Pos) => ({ r: Math.max(0, Math.min(rows.length - 1, p.r)), c: Math.max(0, Math.min(cols.length - 1, p.c)) });
  // A filter changes which rows the indexes point at, so an old block would cover other rows: collapse it.
  useEffect(() => {
    const p = at(pos);
    setPos(p);
    setAnchor(p);
  }, [rows.length, cols.length]);
  const sel = rectOf(anchor, pos);
  const single = isSingleCell(sel);
  const move = (p: Pos, extend = false) => {
    const n = at(p);
    setPos(n);
    if (!extend) setAnchor(n);
    v.scrollToRow(n.r);
  };
  const commit = (value: string, mv: CommitMove) => {
    const row = rows[pos.r];
    const col = cols[pos.c];
    setEdit(null);
    if (row && col?.editable && value.trim() !== cellValue(row, col)) onChanges([{ before: row, after: withCell(row, col, value) }], `${row.sourceCode} ${col.label}`);
    if (mv === 'down') move({ r: pos.r + 1, c: pos.c });
    else if (mv === 'right') move({ r: pos.r, c: pos.c + 1 });
    else if (mv === 'left') move({ r: pos.r, c: pos.c - 1 });
    if (mv !== 'none') focusGrid();
  };
  const focusGrid = () => v.ref.current?.focus({ preventScroll: true });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (edit) return;
    const col = cols[pos.c];
    const mod = e.ctrlKey || e.metaKey;
    // Shift extends the block from the anchor, except Shift+Tab, which moves left.
    const go = (p: Pos) => move(p, e.shiftKey && e.key !== 'Tab');
    const clear = () => {
      if (single) return void (col?.editable && commit('', 'none'));
      const changes = clearBlock(rows, cols, sel);
      if (changes.length) onChanges(changes, `clear of ${((sel.r1 - sel.r0 + 1) * (sel.c1 - sel.c0 + 1)).toLocaleString()} cells`);
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => go({ r: pos.r + 1, c: pos.c }),
      ArrowUp: () => go({ r: pos.r - 1, c: pos.c }),
      ArrowRight: () => go({ r: pos.r, c: pos.c + 1 }),
      ArrowLeft: () => go({ r: pos.r, c: pos.c - 1 }),
      Tab: () => go({ r: pos.r, c: pos.c + (e.shiftKey ? -1 : 1) }),
      Home: () => go({ r: mod ? 0 : pos.r, c: 0 }),
      End: () => go({ r: mod ? rows.length - 1 : pos.r, c: cols.length - 1 }),
      PageDown: () => go({ r: pos.r + v.pageRows, c: pos.c }),
      PageUp: () => go({ r: pos.r - v.pageRows, c: pos.c }),
      Enter: () => col?.editable && rows[pos.r] && setEdit({ initial: cellValue(rows[pos.r]!, col) }),
      F2: () => col?.editable && rows[pos.r] && setEdit({ initial: cellValue(rows[pos.r]!, col) }),
      Delete: clear,
      Backspace: clear,
      // Only a block is collapsed; a lone Escape stays with the page.
      ...(single ? {} : { Escape: () => setAnchor(pos) }),
    };
    if (mod && (e.key.toLowerCase() === 'y' || (e.shiftKey && e.key.toLowerCase() === 'z'))) return e.preventDefault(), onRedo();
    if (mod && e.key.toLowerCase() === 'z') return e.preventDefault(), onUndo();
    if (mod && e.key !== 'Home' && e.key !== 'End') return;
    const action = keys[e.key];
    if (action) {
      if (e.key === 'Tab' && ((e.shiftKey && pos.c === 0) || (!e.shiftKey && pos.c === cols.length - 1))) return;
      e.preventDefault();
      action();
    } else if (e.key.length === 1 && !e.altKey && col?.editable && rows[pos.r]) {
      e.preventDefault();
      setEdit({ initial: e.key });
    }
  };
  const onPaste = (e: React.ClipboardEvent) => {
    if (edit) return;
    const block = parseTsv(e.clipboardData.getData('text/plain'));
    if (!block.length) return;
    e.preventDefault();
    // Like Excel, a block pastes at the top-left corner of the selection.
    const { changes, skipped } = applyPaste(block, rows, all, cols, sel.r0, sel.c0, kind);
    if (changes.length) onChanges(changes, `paste of ${block.length} row${block.length === 1 ? '' : 's'}`);
    onPasteSkipped(skipped);
  };
  const onCopy = (e: React.ClipboardEvent) => {
    const row = rows[pos.r];
    const col = cols[pos.c];
    if (edit || !row || !col) return;
    e.preventDefault();
    // A lone cell copies as plain text, so pasting it into a text box adds no line break.
    e.clipboardData.setData('text/plain', single ? cellValue(row, col) : toTsv(blockValues(rows, cols, sel)));
  };

  const activeId = rows[pos.r] ? `cell-${pos.r}-${pos.c}` : undefined;
  return (
    <div
      className="grid"
      role="grid"
      aria-label="Mappings"
      aria-rowcount={rows.length + 1}
      aria-colcount={cols.length}
      aria-multiselectable
      aria-activedescendant={edit ? undefined : activeId}
      tabIndex={0}
      ref={v.ref}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onCopy={onCopy}
    >
      <div className="grid-row grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {cols.map((c) => (
          <div key={c.key} role="columnheader" className="grid-cell" aria-sort={sort?.key === c.key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
            <button type="button" className="sort-button" tabIndex={-1} title="Sort by this column (click again to reverse, a third time for the default order)" onClick={() => onSort(c.key)}>
              {c.label}
              {sort?.key === c.key ? <span aria-hidden="true">{sort.dir === 1 ? ' ▲' : ' ▼'}</span> : null}
            </button>
          </div>
        ))}
      </div>
      <div className="grid-body" style={{ height: v.totalHeight }}>
        {rows.slice(v.start, v.end).map((row, k) => {
          const r = v.start + k;
          return (
            <div
              key={row.sourceCode}
              role="row"
              aria-rowindex={r + 2}
              data-testid={`mapping-row-${row.sourceCode}`}
              className={`grid-row${pinned.has(row.sourceCode) ? ' pinned' : ''}${r === pos.r ? ' current' : ''}`}
              style={{ gridTemplateColumns: template, transform: `translateY(${r * ROW_HEIGHT}px)` }}
            >
              {cols.map((col, c) => {
                const active = r === pos.r && c === pos.c;
                const selected = inRect(sel, r, c);
                const value = cellValue(row, col);
                const check = cellCheck(row, col, refIndex);
                const item = col.ref && value ? refIndex.get(refKey(col.ref.kind, col.ref.dimensionType, value)) : undefined;
                return (
                  <div
                    key={col.key}
                    id={`cell-${r}-${c}`}
                    role="gridcell"
                    aria-selected={selected}
                    aria-readonly={!col.editable || undefined}
                    data-testid={`cell-${row.sourceCode}-${col.key}`}
                    className={`grid-cell${active ? ' active' : ''}${selected && !single ? ' in-range' : ''}${col.editable ? '' : ' readonly'} check-${check}`}
                    onMouseDown={(e) => {
                      // Shift+click extends the block; while editing it is a plain click, so the editor commits on blur.
                      if (e.shiftKey && !edit) {
                        e.preventDefault();
                        setPos({ r, c });
                        focusGrid();
                      } else {
                        setPos({ r, c });
                        setAnchor({ r, c });
                      }
                    }}
                    onDoubleClick={() => col.editable && setEdit({ initial: value })}
                  >
                    {active && edit ? (
                      <CellEditor initial={edit.initial} options={refOptions(col)} label={`${col.label} for ${row.sourceCode}`} onCommit={commit} onCancel={() => (setEdit(null), focusGrid())} />
                    ) : (
                      <CellText value={value} name={item?.name} check={check} unmapped={col.key === 'target'} code={!!col.ref} />
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function CellText({ value, name, check, unmapped, code }: { value: string; name: string | undefined; check: ReturnType<typeof cellCheck>; unmapped: boolean; code: boolean }) {
  if (!value) return unmapped ? <span className="placeholder">Not mapped</span> : null;
  return (
    <>
      <span className={code ? 'cell-code' : 'cell-text'}>{value}</span>
      {name ? <span className="cell-name">{name}</span> : null}
      {check === 'inactive' ? <span className="tag tag-warn">inactive</span> : null}
      {check === 'unknown' ? <span className="tag tag-bad">not in ERP</span> : null}
    </>
  );
}
