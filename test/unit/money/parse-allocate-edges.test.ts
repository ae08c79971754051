// Item 10 (money): the edges of parsing and allocation asserted exactly (codes, messages, signs, remainder
// order), so mutation testing of main/core/money finds no change that the suite would let through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate } from '../../../main/core/money/allocate';
import { formatMinor, parseMoney } from '../../../main/core/money/parse';

const fail = (raw: unknown, currency: string) => {
  const r = parseMoney(raw, currency);
  assert.equal(r.ok, false, `${String(raw)} ${currency} accepted`);
  return r as { ok: false; code: string; message: string };
};

test('parseMoney: every refusal has its code and plain message', () => {
  assert.deepEqual(fail('1', 'ABC'), { ok: false, code: 'INVALID_CURRENCY', message: '"ABC" is not an ISO 4217 currency code' });
  for (const missing of [null, undefined, '']) assert.deepEqual(fail(missing, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount is missing' });
  assert.deepEqual(fail(Number.POSITIVE_INFINITY, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount Infinity is not a number' });
  assert.deepEqual(fail(Number.NaN, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount NaN is not a number' });
  assert.deepEqual(fail(1e21, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount 1e+21 is out of range' });
  assert.deepEqual(fail(1e-7, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount 1e-7 is out of range' });
  assert.deepEqual(fail(true, 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: 'amount has type boolean' });
  assert.deepEqual(fail('12,50', 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: '"12,50" is not a decimal amount' });
  assert.equal(fail('x'.repeat(100), 'EUR').message, `"${'x'.repeat(40)}" is not a decimal amount`);
  assert.deepEqual(fail('1.5', 'JPY'), { ok: false, code: 'INVALID_AMOUNT', message: '1.5 JPY has more than 0 decimal places' });
  assert.deepEqual(fail('1.2345', 'KWD'), { ok: false, code: 'INVALID_AMOUNT', message: '1.2345 KWD has more than 3 decimal places' });
  assert.deepEqual(fail('99999999999999999999', 'EUR'), { ok: false, code: 'INVALID_AMOUNT', message: '99999999999999999999 is too large' });
});

test('parseMoney: signs, spaces, trailing zeros and padding', () => {
  assert.deepEqual(parseMoney(' +7 ', 'EUR'), { ok: true, amountMinor: 700 });
  assert.deepEqual(parseMoney('-0.5', 'EUR'), { ok: true, amountMinor: -50 });
  assert.deepEqual(parseMoney('1.50000', 'JPY'), { ok: false, code: 'INVALID_AMOUNT', message: '1.50000 JPY has more than 0 decimal places' });
  assert.deepEqual(parseMoney('3.000', 'JPY'), { ok: true, amountMinor: 3 });
  assert.deepEqual(parseMoney('0.1', 'KWD'), { ok: true, amountMinor: 100 });
  assert.deepEqual(parseMoney('.5', 'EUR').ok, false);
  assert.deepEqual(parseMoney('5.', 'EUR').ok, false);
  assert.deepEqual(parseMoney(-0.07, 'EUR'), { ok: true, amountMinor: -7 });
  assert.deepEqual(parseMoney(0, 'EUR'), { ok: true, amountMinor: 0 });
  assert.deepEqual(parseMoney('90071992547409.91', 'EUR'), { ok: true, amountMinor: 9007199254740991 });
  assert.equal(parseMoney('90071992547409.92', 'EUR').ok, false, 'one past the safe integer range');
});

test('formatMinor pads small amounts and keeps the sign', () => {
  assert.equal(formatMinor(0, 'EUR'), '0.00');
  assert.equal(formatMinor(7, 'EUR'), '0.07');
  assert.equal(formatMinor(-7, 'EUR'), '-0.07');
  assert.equal(formatMinor(-1500, 'JPY'), '-1500');
  assert.equal(formatMinor(5, 'KWD'), '0.005');
  assert.equal(formatMinor(123456, 'CLF'), '12.3456');
});

test('allocate: refusals name the problem', () => {
  assert.deepEqual(allocate(100, []), { ok: false, message: 'no allocation percentages' });
  assert.deepEqual(allocate(100, ['50', 'x']), { ok: false, message: 'allocation percentage "x" is not a number between 0 and 100' });
  assert.deepEqual(allocate(100, ['1000']), { ok: false, message: 'allocation percentage "1000" is not a number between 0 and 100' });
  assert.deepEqual(allocate(100, ['50.1234567', '49.8765433']), { ok: false, message: 'allocation percentage "50.1234567" is not a number between 0 and 100' });
  assert.deepEqual(allocate(100, ['-50', '150']), { ok: false, message: 'allocation percentage "-50" is not a number between 0 and 100' });
  assert.deepEqual(allocate(100, ['60.5', '40']), { ok: false, message: 'allocation percentages add up to 100.5%, not 100%' });
  assert.deepEqual(allocate(100, ['33.333333', '33.333333', '33.333333']), { ok: false, message: 'allocation percentages add up to 99.999999%, not 100%' });
});

test('allocate: leftovers go to the largest remainders, ties to the earlier share, signs kept', () => {
  assert.deepEqual(allocate(1, ['50', '50']), { ok: true, parts: [1, 0] });
  assert.deepEqual(allocate(-1, ['50', '50']), { ok: true, parts: [-1, 0] });
  assert.deepEqual(allocate(2, ['10', '45', '45']), { ok: true, parts: [0, 1, 1] });
  assert.deepEqual(allocate(10, ['14', '86']), { ok: true, parts: [1, 9] });
  assert.deepEqual(allocate(10, ['16', '84']), { ok: true, parts: [2, 8] });
  assert.deepEqual(allocate(7, ['20', '20', '20', '20', '20']), { ok: true, parts: [2, 2, 1, 1, 1] });
  assert.deepEqual(allocate(0, ['30', '70']), { ok: true, parts: [0, 0] });
  assert.deepEqual(allocate(100, [' 25 ', '75.000000']), { ok: true, parts: [25, 75] });
  assert.deepEqual(allocate(3, ['0.000001', '99.999999']), { ok: true, parts: [0, 3] });
  assert.deepEqual(allocate(100, ['100']), { ok: true, parts: [100] });
});

test('a leftover minor unit between equal remainders goes to the earlier share', () => {
  assert.deepEqual(allocate(1, ['50', '50']), { ok: true, parts: [1, 0] });
  assert.deepEqual(allocate(2, ['33.333333', '33.333333', '33.333334']), { ok: true, parts: [1, 0, 1] }, 'the largest remainder first, then the earlier of two equal ones');
  assert.deepEqual(allocate(-1, ['50', '50']), { ok: true, parts: [-1, 0] });
});

test('only trailing zeros of the decimals are free: a zero inside them is a decimal place', () => {
  assert.deepEqual(parseMoney('1.0500', 'BHD'), { ok: true, amountMinor: 1050 });
  const r = parseMoney('1.0501', 'BHD');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.message, '1.0501 BHD has more than 3 decimal places');
});
