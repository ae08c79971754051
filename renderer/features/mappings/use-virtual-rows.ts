// Row virtualisation for the mappings grid (and the Held table): only the rows in view plus a margin are in the
// DOM. @tanstack/react-virtual measures the scroll area and flushes scroll updates synchronously, so a fast fling
// paints rows instead of the blank frames the hand-written window showed; the grid keeps its own keyboard model.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';

export const ROW_HEIGHT = 32;
/** The sticky column header inside the scroll area. */
export const HEADER_HEIGHT = 34;
const OVERSCAN = 12;

export function useVirtualRows(count: number, rowHeight = ROW_HEIGHT, headerHeight = HEADER_HEIGHT) {
  const ref = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => ref.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The rows start below the sticky header inside the same scroll area.
    scrollMargin: headerHeight,
    // Before the first measurement (and in a hidden tab) assume a laptop-sized area rather than nothing.
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const start = items[0]?.index ?? 0;
  const end = items.length ? items[items.length - 1]!.index + 1 : 0;
  const height = virtualizer.scrollRect?.height ?? 600;
  const pageRows = Math.max(1, Math.floor(height / rowHeight) - 1);
  // Keyboard moves keep the current row just in view (under the sticky header), as a spreadsheet does.
  const scrollToRow = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el) return;
      const top = i * rowHeight;
      const bottom = top + rowHeight + headerHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
    },
    [rowHeight, headerHeight],
  );
  return { ref, start, end, totalHeight: count * rowHeight, pageRows, scrollToRow };
}
