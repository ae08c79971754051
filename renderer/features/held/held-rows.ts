// Held rows as the accountant reads them: reason labels (each once), amounts that say "mixed currencies"
// instead of a meaningless 0.00, a search over everything shown (amounts in any writing, reason text,
// names), the reasons actually present, and the rows of the export.
import type { HoldCode, PostingSummary } from '../../../shared/schemas/posting';
import { formatMinor, formatMoney, plainMinor } from '../../components/format';
import { REASON_LABEL } from './reason-labels';

export const reasonLabels = (r: PostingSummary): string =>
  r.status === 'failed'
    ? 'Failed, will retry'
    : [...new Set(r.reasons.map((x) => REASON_LABEL[x.code] ?? x.code))].join(', ') || (r.lastError ? 'Failed, will retry' : '—');

/** The engine's message without its retry preamble, which the label already says. */
export const plainMessage = (m: string): string => m.replace(/^Failed after \d+ attempts?, retry later: /i, '');

const MIXED = 'Mixed currencies';

export function amountText(r: PostingSummary): string {
  if (r.reasons.some((x) => x.code === 'CURRENCY_MISMATCH') && (!r.total || r.total.amountMinor === 0)) return MIXED;
  return formatMoney(r.total);
}

/**
 * What the rows add up to, one sum per currency ("€1,018.20 + $45.00 in total"). Rows with no amount to add (none read,
 * or mixed currencies) are counted and said, never left out silently.
 */
export function totalText(rows: PostingSummary[]): string {
  const sums = new Map<string, number>();
  let without = 0;
  for (const r of rows) {
    if (!r.total || amountText(r) === MIXED) without++;
    else sums.set(r.total.currency, (sums.get(r.total.currency) ?? 0) + r.total.amountMinor);
  }
  const sum = [...sums].map(([currency, amountMinor]) => formatMoney({ currency, amountMinor })).join(' + ');
  const note = `${without} without an amount`;
  if (!without) return sum && `${sum} in total`;
  return sum ? `${sum} in total (${note})` : note;
}

/** Every way the row could be looked for: ids, names, reason labels and texts, amounts as typed in any locale. */
function haystack(r: PostingSummary, connectionName: string): string {
  const amounts = r.total ? [formatMinor(r.total.amountMinor, r.total.currency, 'en-US'), formatMinor(r.total.amountMinor, r.total.currency, 'fr-FR'), plainMinor(r.total.amountMinor, r.total.currency, 'en-US'), plainMinor(r.total.amountMinor, r.total.currency, 'fr-FR'), r.total.currency] : [];
  return [r.sourceId, r.title, r.party ?? '', connectionName, reasonLabels(r), ...r.reasons.map((x) => `${x.message} ${x.subject ?? ''}`), r.lastError?.message ?? '', ...amounts].join('\n').toLowerCase().replace(/[\s\u202f\u00a0]+/g, ' ');
}

export function matches(r: PostingSummary, search: string, connectionName: string): boolean {
  const words = search.toLowerCase().replace(/[\s\u202f\u00a0]+/g, ' ').trim();
  if (!words) return true;
  const hay = haystack(r, connectionName);
  // An amount may be typed with its own grouping ("1 018,20", "1,018.20"); also try it without spaces.
  return words.split(' ').every((w) => hay.includes(w)) || hay.replace(/ /g, '').includes(words.replace(/ /g, ''));
}

export function codesPresent(rows: PostingSummary[]): Array<[HoldCode, number]> {
  const counts = new Map<HoldCode, number>();
  for (const r of rows) for (const c of new Set(r.reasons.map((x) => x.code))) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

export const HELD_EXPORT_HEADER = ['Connection', 'Source document', 'Title', 'Employee / vendor', 'Amount', 'Currency', 'Reason', 'What is wrong', 'Received', 'Status'];

export function exportRow(r: PostingSummary, connectionName: string, locale: string): string[] {
  return [
    connectionName,
    r.sourceId,
    r.title,
    r.party ?? '',
    r.total ? plainMinor(r.total.amountMinor, r.total.currency, locale) : '',
    r.total?.currency ?? '',
    reasonLabels(r),
    [...new Set([...r.reasons.map((x) => x.message), r.lastError?.message ?? ''].filter(Boolean))].join(' | '),
    r.createdAt.slice(0, 10),
    r.status,
  ];
}
