// Cursor arithmetic for the v3 modifiedDateAfter watermark. Concur dates carry no zone; they are
// handled as UTC wall-clock text both ways, so parse/format round-trips exactly.

/** How far each new cursor steps back: a re-read is deduplicated by the outbox, a gap loses documents. */
export const CURSOR_OVERLAP_MS = 60_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]00:?00)?$/;

/** Epoch ms of a Concur date (`yyyy-MM-dd`, `yyyy-MM-ddTHH:mm:ss`, optional `.SSS`), or null when unreadable. */
export function parseConcurDate(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const back = new Date(t);
  // Reject 2024-02-30 and 25:00 instead of letting Date roll them over.
  if (back.getUTCFullYear() !== Number(y) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h) || back.getUTCMinutes() !== Number(mi)) return null;
  return t;
}

/** `yyyy-MM-ddTHH:mm:ss.SSS`, the format modifiedDateAfter documents. */
export function formatCursor(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

/** The date part (`yyyy-MM-dd`) of a Concur date, or null when unreadable. */
export function datePart(text: unknown): string | null {
  const t = parseConcurDate(text);
  return t === null ? null : formatCursor(t).slice(0, 10);
}

/** Where a pull starts: the stored cursor, else the connection start date stepped back by the overlap. */
export function startingCursor(cursor: string | null, startDate: string, overlapMs = CURSOR_OVERLAP_MS): string {
  const stored = cursor === null ? null : parseConcurDate(cursor);
  if (stored !== null) return formatCursor(stored);
  const start = parseConcurDate(startDate);
  if (start === null) throw new Error(`start date "${startDate}" is not a yyyy-MM-dd date`);
  return formatCursor(start - overlapMs);
}

/**
 * The cursor after a finished pull: newest LastModifiedDate seen minus the overlap, never earlier
 * than the cursor the pull started from (so an empty or older page never rewinds the watermark).
 */
export function advanceCursor(from: string, newestSeenMs: number | null, overlapMs = CURSOR_OVERLAP_MS): string {
  const base = parseConcurDate(from);
  if (base === null) throw new Error(`cursor "${from}" is not a Concur date`);
  if (newestSeenMs === null) return formatCursor(base);
  return formatCursor(Math.max(base, newestSeenMs - overlapMs));
}

/** The adapter's one cursor string carries two watermarks once invoices are read too. */
export interface PullCursor {
  reports: string | null;
  invoices: string | null;
}

/** Reads a stored cursor: a plain report timestamp (every cursor before invoices existed) or JSON {reports, invoices}. */
export function parsePullCursor(cursor: string | null): PullCursor {
  if (cursor === null || cursor.trim() === '') return { reports: null, invoices: null };
  if (!cursor.trim().startsWith('{')) return { reports: cursor, invoices: null };
  try {
    const o = JSON.parse(cursor) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
    return { reports: str(o.reports), invoices: str(o.invoices) };
  } catch {
    return { reports: null, invoices: null };
  }
}

/** Plain timestamp while only reports are read (backward compatible), JSON once invoices are. */
export function formatPullCursor(c: PullCursor, withInvoices: boolean): string | null {
  if (!withInvoices && c.invoices === null) return c.reports;
  return JSON.stringify({ reports: c.reports, invoices: c.invoices });
}

const DAY_MS = 86_400_000;

/** Invoice digests filter by day (`YYYY-MM-DD`): start one day early so "after" never skips a day. */
export function startingInvoiceCursor(cursor: string | null, startDate: string): string {
  const stored = cursor === null ? null : parseConcurDate(cursor);
  if (stored !== null) return formatCursor(stored).slice(0, 10);
  const start = parseConcurDate(startDate);
  if (start === null) throw new Error(`start date "${startDate}" is not a yyyy-MM-dd date`);
  return formatCursor(start - DAY_MS).slice(0, 10);
}

/** The invoice cursor after a finished pull: the day before the newest change seen, never going back. */
export function advanceInvoiceCursor(from: string, newestSeenMs: number | null): string {
  const base = parseConcurDate(from);
  if (base === null) throw new Error(`cursor "${from}" is not a Concur date`);
  if (newestSeenMs === null) return formatCursor(base).slice(0, 10);
  return formatCursor(Math.max(base, newestSeenMs - DAY_MS)).slice(0, 10);
}
