// The simulators' own ISO 4217 table (active codes and their minor units), kept apart from the product's
// money code on purpose: a simulator that read amounts with the product's table would accept whatever
// the product got wrong (ISK listed with 2 decimals let 1500 ISK go out as "15.00" unnoticed).
// Source: ISO 4217 list one (SIX Group), minor-unit column.

const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW ' +
  'CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS ' +
  'INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN ' +
  'NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC ' +
  'SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG';

const EXPONENTS = new Map<string, number>([
  ...ZERO.split(' ').map((c) => [c, 0] as const),
  ...TWO.split(' ').map((c) => [c, 2] as const),
  ...THREE.split(' ').map((c) => [c, 3] as const),
  ...FOUR.split(' ').map((c) => [c, 4] as const),
]);

/** Decimal places of the currency's minor unit; undefined for a code that is not an active currency. */
export function simExponent(code: string): number | undefined {
  return EXPONENTS.get(code);
}

export function simIsCurrency(code: string): boolean {
  return EXPONENTS.has(code);
}

/**
 * A decimal amount as the ERP reads it from text ("1500", "-12.50"): integer minor units, or why it is
 * refused (not a plain decimal, more decimals than the currency has).
 */
export function simMinorFromText(raw: string, currency: string): { ok: true; minor: number } | { ok: false; message: string } {
  const digits = simExponent(currency);
  if (digits === undefined) return { ok: false, message: `currency ${currency} does not exist` };
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(raw.trim());
  if (!m) return { ok: false, message: `"${raw}" is not a decimal number` };
  const frac = m[3] ?? '';
  // Stricter than rounding: a decimal place the currency does not have is a sign the sender used the wrong table.
  if (frac.length > digits) return { ok: false, message: `${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}` };
  const minor = Number(m[2]) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, message: `"${raw}" is out of range` };
  return { ok: true, minor: m[1] ? -minor : minor };
}

/** Minor units as decimal text with the currency's places ("15.00", "1500"). */
export function simFormatMinor(minor: number, currency: string): string {
  const digits = simExponent(currency) ?? 2;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return minor < 0 ? `-${text}` : text;
}
