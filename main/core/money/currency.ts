// ISO 4217 minor units. Most currencies have 2; the exceptions below are listed by the standard.

const ZERO = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR = ['CLF', 'UYW'];

const EXPONENT = new Map<string, number>([...ZERO.map((c) => [c, 0] as const), ...THREE.map((c) => [c, 3] as const), ...FOUR.map((c) => [c, 4] as const)]);

/** Codes that are not currencies of account (precious metals, testing, no-currency). */
const NOT_MONEY = new Set(['XAU', 'XAG', 'XPT', 'XPD', 'XTS', 'XXX', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA']);

let known: Set<string> | null = null;
function knownCodes(): Set<string> {
  if (!known) {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    known = new Set(intl.supportedValuesOf ? intl.supportedValuesOf('currency') : []);
    for (const c of EXPONENT.keys()) known.add(c);
  }
  return known;
}

export function isKnownCurrency(code: string): boolean {
  return isCurrencyIn(code, knownCodes());
}

/**
 * Whether `code` is money among the codes a runtime lists: ICU builds differ (some list XAU or XDR as
 * currencies), so the not-money codes are refused whatever the list says.
 */
export function isCurrencyIn(code: string, listed: ReadonlySet<string>): boolean {
  return /^[A-Z]{3}$/.test(code) && !NOT_MONEY.has(code) && listed.has(code);
}

/** Number of decimal places of the currency's minor unit. */
export function minorUnits(code: string): number {
  return EXPONENT.get(code) ?? 2;
}
