// PURE: the "post to the next open period" rule. Intacct publishes no simple open-period read, so the
// adapter tries the 1st of each following month, never past the current month, and notes the move.
import type { HoldReason } from '../../../../shared/schemas/posting';

/** First day of the month after the one `iso` (YYYY-MM-DD) falls in. */
export function nextMonthStart(iso: string): string {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The dates to try after `postingDate` was refused as closed: 1st of each later month up to `today`'s month. */
export function laterPeriodStarts(postingDate: string, today: string): string[] {
  const out: string[] = [];
  for (let d = nextMonthStart(postingDate); d.slice(0, 7) <= today.slice(0, 7) && out.length < 24; d = nextMonthStart(d)) out.push(d);
  return out;
}

export const isPeriodClosed = (reasons: readonly HoldReason[]): boolean => reasons.some((r) => r.code === 'PERIOD_CLOSED');

export function movedNote(from: string, to: string): string {
  return `Posting date moved from ${from} to ${to}: the period of ${from} is closed in Sage Intacct (connection rule: post to the next open period)`;
}

export function noOpenPeriod(from: string, today: string): HoldReason {
  return { code: 'PERIOD_CLOSED', message: `The period of ${from} is closed in Sage Intacct and no later period up to ${today.slice(0, 7)} is open: open a period or change the date`, subject: from };
}
