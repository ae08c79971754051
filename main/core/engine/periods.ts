// PURE: a plan's posting date against the ERP's period status cached with the reference data. A document dated
// in a closed/locked period is held as PERIOD_CLOSED naming the period, or (connection rule) moved to the 1st day
// of the first open period with the original date kept in the description. No period data = no opinion: the
// ERP's own refusal (from-remote PERIOD_CLOSED) stays the safety net.
import type { ClosedPeriodRule, ErpPeriod } from '../../../shared/schemas/period';
import { monthEnd, periodLabel, referenceToPeriod } from '../../../shared/schemas/period';
import type { PlanKind, PostingPlan } from '../../../shared/schemas/plan';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../shared/schemas/reference';

export const ERP_LABEL: Record<string, string> = { 'sage-x3': 'Sage X3', 'sage-intacct': 'Sage Intacct', acumatica: 'Acumatica', netsuite: 'NetSuite' };

/** The cached periods of a connection, oldest first (NetSuite year/quarter rows never reach the cache). */
export function periodsOf(items: readonly ReferenceItem[]): ErpPeriod[] {
  return items
    .map(referenceToPeriod)
    .filter((p): p is ErpPeriod => !!p)
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}

/** The period `date` falls in; the one starting latest when several overlap (an adjustment period inside a month). */
export function periodAt(periods: readonly ErpPeriod[], date: string): ErpPeriod | undefined {
  let best: ErpPeriod | undefined;
  for (const p of periods) if (p.start <= date && date <= p.end && (!best || p.start > best.start)) best = p;
  return best;
}

/** Why the period refuses this kind of document, in the accountant's words; null when it takes it. A supplier credit is an A/P document too. */
export function blockedBy(p: ErpPeriod, kind: PlanKind): string | null {
  if (p.closed) return 'closed';
  if (p.allLocked) return 'locked for all transactions';
  if (kind !== 'journal' && p.apLocked) return 'locked for payables (A/P)';
  return null;
}

/** The first period after `date` that takes this kind of document. */
export function firstOpenAfter(periods: readonly ErpPeriod[], date: string, kind: PlanKind): ErpPeriod | undefined {
  return periods.find((p) => p.start > date && !blockedBy(p, kind));
}

export function closedReason(p: ErpPeriod, why: string, erp: string, date: string): HoldReason {
  return { code: 'PERIOD_CLOSED', message: `${periodLabel(p)} is ${why} in ${erp}: the document is dated ${date}. Re-date it, reopen the period, or let the connection post to the next open period`, subject: p.start.slice(0, 7) };
}

/** The description with "(dated …)" at its end, cut so the whole fits `max`. */
export function withOriginalDate(description: string, date: string, max: number): string {
  const tail = ` (dated ${date})`;
  const room = Math.max(0, max - tail.length);
  return (description.length > room ? description.slice(0, Math.max(0, room - 1)) + '…' : description) + tail;
}

export interface PeriodCheck {
  plan: PostingPlan;
  reasons: HoldReason[];
}

/** Holds or moves a plan dated in a period that refuses it; anything else passes unchanged. */
export function checkPeriod(plan: PostingPlan, periods: readonly ErpPeriod[], rule: ClosedPeriodRule, system: string, maxDescription: number): PeriodCheck {
  const p = periodAt(periods, plan.postingDate);
  const why = p ? blockedBy(p, plan.kind) : null;
  if (!p || !why) return { plan, reasons: [] };
  const erp = ERP_LABEL[system] ?? system;
  if (rule === 'hold') return { plan, reasons: [closedReason(p, why, erp, plan.postingDate)] };
  const next = firstOpenAfter(periods, plan.postingDate, plan.kind);
  if (!next) {
    return { plan, reasons: [{ code: 'PERIOD_CLOSED', message: `${periodLabel(p)} is ${why} in ${erp} and no later open period is known there: open one, or re-date the document`, subject: p.start.slice(0, 7) }] };
  }
  const note = `Posting date moved from ${plan.postingDate} to ${next.start}: ${periodLabel(p)} is ${why} in ${erp} (connection rule: post to the next open period); the original date is kept in the description`;
  return { plan: { ...plan, postingDate: next.start, description: withOriginalDate(plan.description, plan.postingDate, maxDescription), notes: [...plan.notes, note] }, reasons: [] };
}

/**
 * A date the accountant wants to re-date a held document to: well-formed, a real day, not in a period that
 * refuses it, and not past the last period the ERP has (when its periods are known; else past this month). Null when fine.
 */
export function redateProblem(date: string, kind: PlanKind, periods: readonly ErpPeriod[], system: string, today: string, refusedMonths: readonly string[] = []): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return `"${date}" is not a date: use YYYY-MM-DD, e.g. 2026-12-01`;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return `${date} is not a day of the calendar`;
  // A month the ERP itself refused this document for (its PERIOD_CLOSED hold names it) is closed, period read or not.
  if (refusedMonths.includes(date.slice(0, 7))) {
    const start = `${date.slice(0, 7)}-01`;
    return `${periodLabel({ start, end: monthEnd(start), name: '' })} is closed in ${ERP_LABEL[system] ?? system} (it refused this document for that period): pick a date in an open period`;
  }
  // Without a period read (Sage Intacct, X3 over api1) the current month is the last one known to be open.
  if (periods.length === 0) return date.slice(0, 7) > today.slice(0, 7) ? `${date} is in the future, past the current month (${today.slice(0, 7)}): pick a date in an open period` : null;
  const erp = ERP_LABEL[system] ?? system;
  const p = periodAt(periods, date);
  if (!p) {
    const last = periods.reduce((a, b) => (b.end > a.end ? b : a));
    if (date > last.end) return `${date} is past the last period ${erp} has (${periodLabel(last)} ends ${last.end}): pick a date in an open period`;
    return `${date} falls in no accounting period ${erp} knows: pick a date in an open period`;
  }
  const why = blockedBy(p, kind);
  return why ? `${periodLabel(p)} is ${why} in ${erp}: pick a date in an open period` : null;
}

/**
 * The ERP's own "period closed" refusal (the safety net, e.g. X3 read over api1 or Intacct) said in the same words
 * as a hold before sending: the period named first, the ERP's text kept after it.
 */
export function namePeriodRefusals(reasons: readonly HoldReason[], postingDate: string | undefined, system: string): HoldReason[] {
  if (typeof postingDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(postingDate) || !reasons.some((r) => r.code === 'PERIOD_CLOSED')) return [...reasons];
  const erp = ERP_LABEL[system] ?? system;
  const month = `${postingDate.slice(0, 7)}-01`;
  const label = periodLabel({ start: month, end: monthEnd(month), name: '' });
  return reasons.map((r) => (r.code === 'PERIOD_CLOSED' && !r.message.startsWith(label)
    ? { ...r, subject: r.subject ?? postingDate.slice(0, 7), message: `${label} is closed in ${erp}: the document is dated ${postingDate} (${erp} said: ${r.message}). Re-date it, reopen the period, or let the connection post to the next open period` }
    : r));
}

/** Where a re-dated document keeps its new posting date: a meta key, outside the content hash (keys.ts). */
export const REDATE_META = 'mlc.postingDate';

export function redatedTo(meta: Readonly<Record<string, string>>): string | null {
  const v = meta[REDATE_META];
  return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
}
