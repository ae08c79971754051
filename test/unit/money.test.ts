import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate } from '../../main/core/money/allocate';
import { formatMinor, parseMoney } from '../../main/core/money/parse';

test('parses decimal text to minor units without floats', () => {
  assert.deepEqual(parseMoney('1234.50', 'EUR'), { ok: true, amountMinor: 123450 });
  assert.deepEqual(parseMoney('-12.3', 'USD'), { ok: true, amountMinor: -1230 });
  assert.deepEqual(parseMoney('0.30', 'USD'), { ok: true, amountMinor: 30 });
  assert.deepEqual(parseMoney(19.99, 'USD'), { ok: true, amountMinor: 1999 });
  assert.deepEqual(parseMoney('1500', 'JPY'), { ok: true, amountMinor: 1500 });
  assert.deepEqual(parseMoney('1.234', 'BHD'), { ok: true, amountMinor: 1234 });
  assert.deepEqual(parseMoney('10.500', 'EUR'), { ok: true, amountMinor: 1050 });
});

test('refuses three decimals in a two-decimal currency, garbage and unknown currencies', () => {
  const r = parseMoney('10.555', 'EUR');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /more than 2 decimal places/);
  assert.equal(parseMoney('12.5', 'JPY').ok, false);
  assert.equal(parseMoney(null, 'EUR').ok, false);
  assert.equal(parseMoney('1,000.00', 'EUR').ok, false);
  assert.equal(parseMoney('NaN', 'EUR').ok, false);
  assert.equal(parseMoney({}, 'EUR').ok, false);
  const cur = parseMoney('1.00', 'ABC');
  assert.equal(!cur.ok && cur.code, 'INVALID_CURRENCY');
  assert.equal(parseMoney('99999999999999999999', 'EUR').ok, false);
});

test('formats minor units per currency', () => {
  assert.equal(formatMinor(123450, 'EUR'), '1234.50');
  assert.equal(formatMinor(-5, 'USD'), '-0.05');
  assert.equal(formatMinor(1500, 'JPY'), '1500');
  assert.equal(formatMinor(1234, 'KWD'), '1.234');
});

test('allocation never loses or invents a cent', () => {
  assert.deepEqual(allocate(100, ['33.333333', '33.333333', '33.333334']), { ok: true, parts: [33, 33, 34] });
  assert.deepEqual(allocate(1000, ['50', '50']), { ok: true, parts: [500, 500] });
  assert.deepEqual(allocate(-101, ['50', '50']), { ok: true, parts: [-51, -50] });
  for (let amount = -997; amount < 5000; amount += 37) {
    const r = allocate(amount, ['12.5', '37.5', '17', '33']);
    assert.ok(r.ok);
    assert.equal(r.parts.reduce((a, b) => a + b, 0), amount);
  }
});

test('allocation percentages that do not total 100 are refused', () => {
  const r = allocate(100, ['50', '40']);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : '', /90%/);
  assert.equal(allocate(100, ['abc']).ok, false);
  assert.equal(allocate(100, []).ok, false);
});
