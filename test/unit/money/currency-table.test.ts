// Item 10 (money): the ISO 4217 exponent table and the not-money codes, entry by entry, so a currency moved to
// the wrong list (ISK as 2-decimal, TND as 2-decimal) or a metal accepted as money fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCurrencyIn, isKnownCurrency, minorUnits } from '../../../main/core/money/currency';
import { formatMinor, parseMoney } from '../../../main/core/money/parse';

const ZERO = ['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'];
const THREE = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'];
const FOUR = ['CLF', 'UYW'];
const NOT_MONEY = ['XAU', 'XAG', 'XPT', 'XPD', 'XTS', 'XXX', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA'];

test('every zero-, three- and four-decimal currency has its exponent; the rest have 2', () => {
  for (const c of ZERO) assert.equal(minorUnits(c), 0, c);
  for (const c of THREE) assert.equal(minorUnits(c), 3, c);
  for (const c of FOUR) assert.equal(minorUnits(c), 4, c);
  for (const c of ['EUR', 'USD', 'GBP', 'CHF', 'CAD']) assert.equal(minorUnits(c), 2, c);
  for (const c of [...ZERO, ...THREE, ...FOUR, 'EUR', 'USD']) assert.equal(isKnownCurrency(c), true, c);
});

test('ISK and TND amounts parse and format with their own decimals', () => {
  assert.deepEqual(parseMoney('1500', 'ISK'), { ok: true, amountMinor: 1500 });
  assert.equal(parseMoney('1500.5', 'ISK').ok, false);
  assert.deepEqual(parseMoney('12.345', 'TND'), { ok: true, amountMinor: 12345 });
  assert.equal(formatMinor(12345, 'TND'), '12.345');
  assert.equal(formatMinor(1500, 'ISK'), '1500');
  assert.equal(formatMinor(-5, 'CLF'), '-0.0005');
});

test('precious metals, fund and testing codes are not money; malformed codes neither', () => {
  for (const c of NOT_MONEY) {
    assert.equal(isKnownCurrency(c), false, c);
    assert.equal(parseMoney('1', c).ok, false, c);
  }
  for (const c of ['eur', 'EURO', 'EU', '', 'ABC', ' EUR']) assert.equal(isKnownCurrency(c), false, JSON.stringify(c));
});

test("not-money codes are refused even by a runtime whose ICU lists them as currencies", () => {
  const listed = new Set([...NOT_MONEY, 'EUR', 'USD']);
  for (const c of NOT_MONEY) assert.equal(isCurrencyIn(c, listed), false, c);
  assert.equal(isCurrencyIn('EUR', listed), true);
  assert.equal(isCurrencyIn('GBP', listed), false, 'not listed by the runtime');
  assert.equal(isCurrencyIn('eur', new Set(['eur'])), false, 'three capitals only');
});
