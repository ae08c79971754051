// Row virtualisation for the mappings grid and the Held table: only the rows in view plus a margin are in the
// DOM. @tanstack/react-virtual measures the scroll area and flushes scroll updates synchronously, so a fast fling
// paints rows instead of the blank frames the hand-written window showed; each screen keeps its own keyboard model.
import type { Key } from 'react';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef } from 'react';

export const ROW_HEIGHT = 32;
/** The sticky column header inside the scroll area. */
export const HEADER_HEIGHT = 34;
const OVERSCAN = 12;

export interface VirtualRowsOptions {
  /** Fixed height, or the first guess when rows are measured; a new value forgets the measured heights. */
  rowHeight?: number;
  /** Rows as tall as their content (wrapped text): each is measured once rendered (give it measureRow and data-index). */
  measured?: boolean;
  /** A row kept in the DOM wherever the scroll is: a roving-tabindex row must stay a Tab stop. */
  keep?: number;
  /** Stable identity, so measured heights follow their row through filters. */
  rowKey?(index: number): Key;
}

/** A rendered row: its index and where it sits from the top of the list (below the header). */
export interface VirtualRow {
  index: number;
  start: number;
  size: number;
}

export function useVirtualRows(count: number, { rowHeight = ROW_HEIGHT, measured = false, keep, rowKey }: VirtualRowsOptions = {}) {
  const ref = useRef<HTMLDivElement | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (keep === undefined || keep >= count || indexes.includes(keep)) return indexes;
      return [...indexes, keep].sort((a, b) => a - b);
    },
    [keep, count],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => ref.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The rows start below the sticky header inside the same scroll area, which also hides what scrolls under it.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
    ...(rowKey ? { getItemKey: rowKey } : {}),
    // Before the first measurement (and in a hidden tab) assume a laptop-sized area rather than nothing.
    initialRect: { width: 1000, height: 600 },
  });
  // The caller changed its guess because the layout changed (a column hidden): measured heights are stale.
  useEffect(() => {
    if (measured) virtualizer.measure();
  }, [rowHeight, measured, virtualizer]);
  const virtualItems = virtualizer.getVirtualItems();
  const items: VirtualRow[] = virtualItems.map((it) => ({ index: it.index, start: it.start - HEADER_HEIGHT, size: it.size }));
  const start = virtualItems[0]?.index ?? 0;
  const end = virtualItems.length ? virtualItems[virtualItems.length - 1]!.index + 1 : 0;
  const height = virtualizer.scrollRect?.height ?? 600;
  const pageRows = Math.max(1, Math.floor(height / rowHeight) - 1);
  // Keyboard moves keep the current row just in view (under the sticky header), as a spreadsheet does.
  const scrollToRow = useCallback(
    (i: number) => {
      // Measured rows: the virtualizer knows where they are and corrects the scroll as rows get measured.
      if (measured) return virtualizer.scrollToIndex(i);
      const el = ref.current;
      if (!el) return;
      const top = i * rowHeight;
      const bottom = top + rowHeight + HEADER_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    },
    [rowHeight, measured, virtualizer],
  );
  const totalHeight = measured ? virtualizer.getTotalSize() : count * rowHeight;
  return { ref, start, end, items, totalHeight, pageRows, scrollToRow, measureRow: virtualizer.measureElement };
}
