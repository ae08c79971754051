// Decimal text -> integer minor units, without ever going through a float.
import { isKnownCurrency, minorUnits } from './currency';

export type ParseMoneyResult =
  | { ok: true; amountMinor: number }
  | { ok: false; code: 'INVALID_AMOUNT' | 'INVALID_CURRENCY'; message: string };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/**
 * Parses "1234.50", "-12.3", "7" (or a JSON number, via its shortest text form) into minor units.
 * More decimals than the currency allows is refused, unless the extra digits are zeros.
 */
export function parseMoney(raw: unknown, currency: string): ParseMoneyResult {
  if (!isKnownCurrency(currency)) return { ok: false, code: 'INVALID_CURRENCY', message: `"${currency}" is not an ISO 4217 currency code` };
  if (raw === null || raw === undefined || raw === '') return { ok: false, code: 'INVALID_AMOUNT', message: 'amount is missing' };
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return { ok: false, code: 'INVALID_AMOUNT', message: `amount ${raw} is not a number` };
    // JSON numbers arrive as doubles; their shortest round-trip text is the decimal the sender wrote.
    text = String(raw);
    if (/e/i.test(text)) return { ok: false, code: 'INVALID_AMOUNT', message: `amount ${text} is out of range` };
  } else if (typeof raw === 'string') {
    text = raw.trim();
  } else {
    return { ok: false, code: 'INVALID_AMOUNT', message: `amount has type ${typeof raw}` };
  }
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, code: 'INVALID_AMOUNT', message: `"${text.slice(0, 40)}" is not a decimal amount` };
  const [, sign, whole = '0', frac = ''] = m;
  const digits = minorUnits(currency);
  const significant = frac.replace(/0+$/, '');
  if (significant.length > digits) {
    return { ok: false, code: 'INVALID_AMOUNT', message: `${text} ${currency} has more than ${digits} decimal place${digits === 1 ? '' : 's'}` };
  }
  const minorText = whole + frac.padEnd(digits, '0').slice(0, digits);
  const value = Number(BigInt(minorText));
  if (!Number.isSafeInteger(value)) return { ok: false, code: 'INVALID_AMOUNT', message: `${text} is too large` };
  return { ok: true, amountMinor: sign === '-' ? -value : value };
}

/** Minor units -> plain decimal text ("1234.50"), as ERPs expect on the wire. */
export function formatMinor(amountMinor: number, currency: string): string {
  const digits = minorUnits(currency);
  const neg = amountMinor < 0;
  const abs = Math.abs(amountMinor).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return neg ? `-${text}` : text;
}
