// Display helpers in the user's locale (the browser's, which in Electron is the OS's): money from integer minor
// units (digits built from the integer, never through a float), dates and ages.
import type { Money } from '../../shared/schemas/money';

const ZERO_DECIMALS = new Set(['JPY', 'KRW', 'CLP', 'VND', 'ISK', 'HUF', 'XOF', 'XAF']);
const THREE_DECIMALS = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD']);

/** The browser's language (in Electron the OS's); read through globalThis so Node-side tests can use this file. */
export const userLocale = (): string => (globalThis as { navigator?: { language?: string } }).navigator?.language || 'en-US';

interface Seps {
  group: string;
  decimal: string;
}
const sepCache = new Map<string, Seps>();
export function separators(locale = userLocale()): Seps {
  let s = sepCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    s = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    sepCache.set(locale, s);
  }
  return s;
}

export const currencyDigits = (currency: string): number => (ZERO_DECIMALS.has(currency) ? 0 : THREE_DECIMALS.has(currency) ? 3 : 2);

/** "1,018.20" (en) or "1 018,20" (fr) from 101820 minor units. */
export function formatMinor(amountMinor: number, currency: string, locale = userLocale()): string {
  const digits = currencyDigits(currency);
  const { group, decimal } = separators(locale);
  const neg = amountMinor < 0;
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = s.slice(0, s.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${neg ? '−' : ''}${whole}${digits ? decimal + s.slice(-digits) : ''}`;
}

/** Money the way the locale writes it: "1,018.20 EUR" pattern with the symbol where the locale puts it ("1 018,20 €"). */
export function formatMoney(m: Money | null | undefined, locale = userLocale()): string {
  if (!m) return '—';
  const number = formatMinor(m.amountMinor, m.currency, locale);
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).formatToParts(1);
  } catch {
    return `${number} ${m.currency}`;
  }
  const sym = parts.findIndex((p) => p.type === 'currency');
  const num = parts.findIndex((p) => p.type === 'integer');
  const symbol = parts[sym]?.value ?? m.currency;
  const between = parts.slice(Math.min(sym, num) + 1, Math.max(sym, num)).filter((p) => p.type === 'literal').map((p) => p.value).join('');
  return sym < num ? `${symbol}${between}${number}` : `${number}${between}${symbol}`;
}

/** Plain number for exports (no grouping): "1018.20" or "1018,20", which Excel on this PC reads as a number. */
export function plainMinor(amountMinor: number, currency: string, locale = userLocale()): string {
  const digits = currencyDigits(currency);
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${amountMinor < 0 ? '-' : ''}${s.slice(0, s.length - digits)}${digits ? separators(locale).decimal + s.slice(-digits) : ''}`;
}

export function formatDateTime(iso: string | null | undefined, locale = userLocale()): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** A calendar date (YYYY-MM-DD, no time zone) as the locale writes it: 06/12/2026 in France. */
export function formatDate(ymd: string | null | undefined, locale = userLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd ?? '');
  if (!m) return ymd ?? '—';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
}

export function formatAge(iso: string, now = Date.now()): string {
  const mins = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (mins < 60) return `${mins} min`;
  const hours = Math.round(mins / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

export function relativeTime(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - now;
  const mins = Math.round(Math.abs(diff) / 60_000);
  const span = mins < 1 ? 'less than a minute' : mins < 60 ? `${mins} min` : mins < 48 * 60 ? `${Math.round(mins / 60)} h` : `${Math.round(mins / 1440)} days`;
  return diff >= 0 ? `in ${span}` : `${span} ago`;
}
