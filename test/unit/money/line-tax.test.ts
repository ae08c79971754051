// A line's tax split from the source's own amounts, a rate read from the source, and whether a tax amount agrees
// with its rate within the source's rounding (exact integer arithmetic; money in minor units).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineTaxOf, rateAgrees, rateText } from '../../../main/core/money/line-tax';
import type { TaxComponent } from '../../../shared/schemas/document';

const vat = (amountMinor: number, recoverableMinor: number, code = 'FR20'): TaxComponent => ({ code, name: null, rate: '20', amountMinor, recoverableMinor }) as TaxComponent;

test('no tax components: no tax split at all', () => {
  assert.equal(lineTaxOf(12000, []), undefined);
});

test('net is the amount less every tax; recoverable is what the source reclaims; the rest stays in the expense', () => {
  const a = vat(2000, 2000);
  const b = vat(500, 300, 'X5');
  const t = lineTaxOf(12500, [a, b])!;
  assert.deepEqual(t, { netMinor: 10000, recoverableMinor: 2300, nonRecoverableMinor: 200, components: [a, b] });
  const input = [a];
  const one = lineTaxOf(12000, input)!;
  assert.deepEqual(one, { netMinor: 10000, recoverableMinor: 2000, nonRecoverableMinor: 0, components: [a] });
  input.push(b);
  assert.equal(one.components.length, 1, 'the split keeps its own copy of the components');
  // A credit: negative amounts subtract the same way.
  assert.deepEqual(lineTaxOf(-12000, [vat(-2000, -2000)]), { netMinor: -10000, recoverableMinor: -2000, nonRecoverableMinor: 0, components: [vat(-2000, -2000)] });
});

test('rateText: numbers and decimal strings, a trailing percent sign and spaces dropped; anything else is no rate', () => {
  assert.equal(rateText(20), '20');
  assert.equal(rateText(5.5), '5.5');
  assert.equal(rateText(-3), '-3');
  assert.equal(rateText(' 7.7 % '), '7.7');
  assert.equal(rateText('19%'), '19');
  assert.equal(rateText('5.55'), '5.55');
  assert.equal(rateText('%19'), null, 'only a trailing percent sign is dropped');
  assert.equal(rateText('10.'), null);
  assert.equal(rateText('.5'), null);
  assert.equal(rateText('1e2'), null);
  assert.equal(rateText('20 percent'), null);
  assert.equal(rateText('x20'), null);
  assert.equal(rateText('20x'), null);
  assert.equal(rateText(''), null);
  assert.equal(rateText(Number.NaN), null);
  assert.equal(rateText(Number.POSITIVE_INFINITY), null);
  assert.equal(rateText(null), null);
  assert.equal(rateText(undefined), null);
  assert.equal(rateText({}), null);
});

test('rateAgrees: exact, within two minor units, or within 1 % of the tax when that is more', () => {
  // A 0.20 tax: 1 % is under a cent, so two minor units of rounding are allowed, no more.
  assert.equal(rateAgrees(100, 20, '20'), true);
  assert.equal(rateAgrees(100, 22, '20'), true, 'two cents of rounding');
  assert.equal(rateAgrees(100, 18, '20'), true);
  assert.equal(rateAgrees(100, 23, '20'), false);
  assert.equal(rateAgrees(100, 17, '20'), false);
  // A 20.00 tax: 1 % of it (rounded up to whole minor units) is allowed.
  assert.equal(rateAgrees(10000, 2000, '20'), true);
  assert.equal(rateAgrees(10000, 2021, '20'), true, '21 off, and 1 % of 20.21 rounds up to 21');
  assert.equal(rateAgrees(10000, 2022, '20'), false);
  assert.equal(rateAgrees(10000, 1980, '20'), true);
  assert.equal(rateAgrees(10000, 1979, '20'), false);
  assert.equal(rateAgrees(250000, 50507, '20'), false);
  assert.equal(rateAgrees(250000, 50506, '20'), true);
  assert.equal(rateAgrees(250000, 49505, '20'), true);
  assert.equal(rateAgrees(250000, 49494, '20'), false);
  // Decimal rates to six places; the seventh is ignored.
  assert.equal(rateAgrees(10000, 550, '5.5'), true);
  assert.equal(rateAgrees(10000, 770, '7.7'), true);
  assert.equal(rateAgrees(10000, 556, '5.5'), true);
  assert.equal(rateAgrees(10000, 557, '5.5'), false);
  assert.equal(rateAgrees(100000000, 5500001, '5.5000019'), true);
  // Credits: negative net and tax agree the same way; 1 % of a negative tax counts by its size.
  assert.equal(rateAgrees(-10000, -2000, '20'), true);
  assert.equal(rateAgrees(-100, -23, '20'), false);
  assert.equal(rateAgrees(-250000, -50506, '20'), true);
  assert.equal(rateAgrees(-250000, -50507, '20'), false);
  // A negative rate is read with its sign.
  assert.equal(rateAgrees(10000, -2000, '-20'), true);
  assert.equal(rateAgrees(10000, 2000, '-20'), false);
  assert.equal(rateAgrees(0, 0, '20'), true);
  assert.equal(rateAgrees(0, 3, '20'), false);
  assert.equal(rateAgrees(10000, 0, '0'), true);
  // What is not a decimal rate never agrees.
  for (const bad of ['', '20%', 'x', '1e1', '.5', '5.', ' 20', '20 ']) assert.equal(rateAgrees(10000, 2000, bad), false, bad);
});
