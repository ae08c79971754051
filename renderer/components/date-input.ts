// Dates typed the way the user's locale writes them (06/12/2026 in France, 12/06/2026 in the US, 06.12.2026 in
// Germany), checked, and turned into a calendar date (YYYY-MM-DD). Free of DOM so Node-side tests can use it.
import { userLocale } from './format';

type Part = 'd' | 'm' | 'y';

export interface DatePattern {
  order: Part[];
  separator: string;
  /** What to type, in the locale's letters: "jj/mm/aaaa" in French, "mm/dd/yyyy" in US English. */
  placeholder: string;
}

/** The letters for day, month and year in the languages we know; English letters otherwise. */
const LETTERS: Record<string, Record<Part, string>> = {
  fr: { d: 'jj', m: 'mm', y: 'aaaa' },
  de: { d: 'TT', m: 'MM', y: 'JJJJ' },
  es: { d: 'dd', m: 'mm', y: 'aaaa' },
  it: { d: 'gg', m: 'mm', y: 'aaaa' },
  nl: { d: 'dd', m: 'mm', y: 'jjjj' },
  pt: { d: 'dd', m: 'mm', y: 'aaaa' },
};

export function datePattern(locale = userLocale()): DatePattern {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 6));
  const order = parts.flatMap((p): Part[] => (p.type === 'day' ? ['d'] : p.type === 'month' ? ['m'] : p.type === 'year' ? ['y'] : []));
  const separator = parts.find((p) => p.type === 'literal')?.value.trim() || '/';
  const letters = LETTERS[locale.slice(0, 2).toLowerCase()] ?? { d: 'dd', m: 'mm', y: 'yyyy' };
  const used: Part[] = order.length === 3 ? order : ['d', 'm', 'y'];
  return { order: used, separator, placeholder: used.map((p) => letters[p]).join(separator) };
}

export type ParsedDate = { ok: true; ymd: string | null } | { ok: false; error: string };

/**
 * A typed date: empty (no limit), the locale's order with any of / . - as separator, or YYYY-MM-DD. A day
 * that does not exist (31/02/2026) or a two-digit year is refused with what to type instead.
 */
export function parseLocalDate(text: string, locale = userLocale()): ParsedDate {
  const t = text.trim();
  if (!t) return { ok: true, ymd: null };
  const p = datePattern(locale);
  const expect = `type the date as ${p.placeholder} (for example ${formatYmd('2026-12-06', locale)})`;
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    const bits = t.split(/[/.\-\s]+/);
    if (bits.length !== 3 || bits.some((b) => !/^\d+$/.test(b))) return { ok: false, error: `"${t}" is not a date: ${expect}` };
    const at = (part: Part) => Number(bits[p.order.indexOf(part)]);
    [y, m, d] = [at('y'), at('m'), at('d')];
    if (bits[p.order.indexOf('y')]!.length !== 4) return { ok: false, error: `"${t}": the year needs four digits — ${expect}` };
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, error: `"${t}" is not a day of the calendar: ${expect}` };
  }
  return { ok: true, ymd: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** YYYY-MM-DD as the locale writes it (06/12/2026 in France). */
export function formatYmd(ymd: string, locale = userLocale()): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** The chosen period in words and in the locale: "from 01/12/2026 to 06/12/2026", "since …", "until …". */
export function periodText(from: string | null, to: string | null, locale = userLocale()): string {
  if (from && to) return `from ${formatYmd(from, locale)} to ${formatYmd(to, locale)}`;
  if (from) return `since ${formatYmd(from, locale)}`;
  if (to) return `until ${formatYmd(to, locale)}`;
  return 'all dates';
}
