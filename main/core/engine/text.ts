// Text helpers for what goes on the wire: trimming to a field length without splitting a character.

/** Cuts to at most `max` code points, adding "…" when something was cut. */
export function truncate(text: string, max: number): { text: string; cut: boolean } {
  // Fast path for the common case: short, single-spaced, printable text.
  // eslint-disable-next-line no-control-regex
  if (text.length <= max && !/[\u0000-\u001F\u007F]|\s\s|^\s|\s$/.test(text)) return { text, cut: false };
  // Control characters break XML payloads and CSV exports; they carry no meaning in a description.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return { text: clean, cut: false };
  return { text: chars.slice(0, Math.max(0, max - 1)).join('') + '…', cut: true };
}
