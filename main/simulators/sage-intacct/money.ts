// Amounts as the simulated company reads them: decimal text to integer minor units with the currency's
// own decimals (its own table, never the connector's), so sums and balance checks are exact.

/** ISO 4217 decimals of the currencies the simulated company knows. */
const DECIMALS: Record<string, number> = { USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, MXN: 2, INR: 2, CNY: 2, JPY: 0, KRW: 0, KWD: 3, BHD: 3 };

export const knownCurrency = (code: string): boolean => code in DECIMALS;

/** "123.45" → 12345 (USD); null when not a number or with more decimals than the currency has. */
export function toMinor(raw: string, currency: string): number | null {
  const d = DECIMALS[currency] ?? 2;
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > d) return null;
  const n = Number(m[2]) * 10 ** d + Number(frac.padEnd(d, '0') || '0');
  return Number.isSafeInteger(n) ? (m[1] ? -n : n) : null;
}

export function fromMinor(minor: number, currency: string): string {
  const d = DECIMALS[currency] ?? 2;
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 10 ** d);
  const frac = d ? `.${String(abs % 10 ** d).padStart(d, '0')}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${frac}`;
}
