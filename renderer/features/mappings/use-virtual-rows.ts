// Row virtualisation for the mappings grid: only the rows in view (plus a margin) are in the DOM.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export const ROW_HEIGHT = 32;
/** The sticky column header inside the scroll area. */
export const HEADER_HEIGHT = 34;
const OVERSCAN = 8;

export function useVirtualRows(count: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const onScroll = useCallback(() => setScrollTop(ref.current?.scrollTop ?? 0), []);
  const start = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
  const scrollToRow = useCallback((i: number) => {
    const el = ref.current;
    if (!el) return;
    const top = i * ROW_HEIGHT;
    const bottom = top + ROW_HEIGHT + HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (bottom > el.scrollTop + el.clientHeight) el.scrollTop = bottom - el.clientHeight;
  }, []);
  return { ref, onScroll, start, end, totalHeight: count * ROW_HEIGHT, pageRows, scrollToRow };
}
