// ERP accounting periods and their status, cached with the reference data (kind 'period') so a document dated
// in a closed period is held, or moved, before anything is sent. The ERP's own refusal stays the safety net.
import { z } from 'zod';
import type { ReferenceItem } from './reference';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-11-30');

export const erpPeriodSchema = z.object({
  start: isoDate,
  end: isoDate,
  /** The ERP's own name for it ("Nov 2026", "11-2026"); '' when it has none. */
  name: z.string(),
  /** Closed for every posting. */
  closed: z.boolean(),
  /** NetSuite "All Locked": no transactions at all. */
  allLocked: z.boolean(),
  /** NetSuite "A/P Locked" / Acumatica "Closed in AP": no payables documents (supplier invoices). */
  apLocked: z.boolean(),
  /** NetSuite "A/R Locked": receivables only; never blocks what this product posts, kept for the accountant. */
  arLocked: z.boolean(),
});
export type ErpPeriod = z.infer<typeof erpPeriodSchema>;

/** A document dated in a closed period: hold it, or post it on the 1st day of the first open period (noted). */
export const closedPeriodRuleSchema = z.enum(['hold', 'next_open_period']);
export type ClosedPeriodRule = z.infer<typeof closedPeriodRuleSchema>;

/**
 * The connection's rule. `rules.closedPeriod` is the setting for all ERPs; Sage Intacct connections written before
 * it carry the rule in `target.closedPeriod`, which still counts when the new setting is absent.
 */
export function closedPeriodRule(conn: { rules: { closedPeriod?: ClosedPeriodRule | undefined }; target: { system: string } }): ClosedPeriodRule {
  if (conn.rules.closedPeriod) return conn.rules.closedPeriod;
  const legacy = (conn.target as { closedPeriod?: unknown }).closedPeriod;
  return legacy === 'next_open_period' ? 'next_open_period' : 'hold';
}

const FLAGS = ['closed', 'allLocked', 'apLocked', 'arLocked'] as const;

/** A period as a reference row: code "start/end" (ISO 8601 interval), status flags in dimensionType, active = open for journals. */
export function periodToReference(p: ErpPeriod): ReferenceItem {
  return { kind: 'period', dimensionType: FLAGS.filter((f) => p[f]).join('+'), code: `${p.start}/${p.end}`, name: p.name, active: !p.closed && !p.allLocked };
}

/** The reverse of periodToReference; null for rows of other kinds or malformed codes. */
export function referenceToPeriod(item: ReferenceItem): ErpPeriod | null {
  if (item.kind !== 'period') return null;
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(item.code);
  if (!m) return null;
  const flags = new Set(item.dimensionType.split('+'));
  return { start: m[1]!, end: m[2]!, name: item.name, closed: flags.has('closed'), allLocked: flags.has('allLocked'), apLocked: flags.has('apLocked'), arLocked: flags.has('arLocked') };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Last day of the month of `iso` (YYYY-MM-DD). */
export function monthEnd(iso: string): string {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${iso.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** "November 2026" for a calendar month; otherwise the ERP's name with its dates. */
export function periodLabel(p: Pick<ErpPeriod, 'start' | 'end' | 'name'>): string {
  if (p.start.endsWith('-01') && p.end === monthEnd(p.start)) return `${MONTHS[Number(p.start.slice(5, 7)) - 1]} ${p.start.slice(0, 4)}`;
  return `${p.name ? `${p.name} ` : 'The period '}(${p.start} to ${p.end})`;
}
