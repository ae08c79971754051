// A line's tax is checked before anything is planned from it: each way the source can send an impossible tax
// holds the document with TAX_INVALID and a message naming the line, the tax and the amounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LineTax, TaxComponent } from '../../../shared/schemas/document';
import { checkLineTax } from '../../../main/core/engine/tax-check';
import { line } from '../../helpers/docs';

const vat = (over: Partial<TaxComponent> = {}): TaxComponent => ({ code: 'FR20', name: 'VAT', rate: '20', currency: 'EUR', amountMinor: 2000, recoverableMinor: 2000, ...over });
const taxed = (tax: LineTax, amount = 12000) => checkLineTax(line({ lineId: 'L7', tax }), amount, 'EUR');
const ok: LineTax = { netMinor: 10000, recoverableMinor: 2000, nonRecoverableMinor: 0, components: [vat()] };

test('a consistent tax, an untaxed line and a refund (all negative) pass', () => {
  assert.equal(taxed(ok), null);
  assert.equal(checkLineTax(line(), 12000, 'EUR'), null);
  assert.equal(taxed({ netMinor: -10000, recoverableMinor: -2000, nonRecoverableMinor: 0, components: [vat({ amountMinor: -2000, recoverableMinor: -2000 })] }, -12000), null);
  assert.equal(taxed({ netMinor: 10000, recoverableMinor: 1000, nonRecoverableMinor: 1000, components: [vat({ recoverableMinor: 1000 })] }), null, 'half reclaimed');
  assert.equal(taxed({ netMinor: 12000, recoverableMinor: 0, nonRecoverableMinor: 0, components: [vat({ amountMinor: 0, recoverableMinor: 0 })] }), null, 'a zero tax has no sign');
  assert.equal(taxed({ netMinor: 10000, recoverableMinor: 2000, nonRecoverableMinor: 0, components: [vat({ rate: null })] }), null, 'no rate: not checked');
});

test('each impossible tax is held with TAX_INVALID and says what is wrong, in the line currency', () => {
  const cases: Array<[LineTax, number, string]> = [
    [{ ...ok, components: [vat({ currency: 'USD' })] }, 12000, 'Line L7: tax VAT 20 % is in USD, the line in EUR; correct the tax at the source'],
    [{ ...ok, components: [vat({ amountMinor: -2000, recoverableMinor: 0 })] }, 12000, "Line L7: tax VAT 20 % of -20.00 EUR has the opposite sign to the line's 120.00 EUR; correct the tax at the source"],
    [{ ...ok, components: [vat({ recoverableMinor: -100 })] }, 12000, 'Line L7: tax VAT 20 %: the reclaimable -1.00 EUR has the opposite sign to the tax 20.00 EUR; correct the tax at the source'],
    [{ ...ok, components: [vat({ recoverableMinor: 2500 })] }, 12000, 'Line L7: tax VAT 20 %: the reclaimable 25.00 EUR is more than the tax 20.00 EUR; correct the tax at the source'],
    [{ netMinor: 0, recoverableMinor: 12000, nonRecoverableMinor: 0, components: [vat({ amountMinor: 12000, recoverableMinor: 12000, rate: null })] }, 12000, 'Line L7: the tax 120.00 EUR is not less than the line amount 120.00 EUR; correct the tax at the source'],
    [{ ...ok, netMinor: 9999 }, 12000, 'Line L7: net 99.99 EUR, reclaimable 20.00 EUR and non-reclaimable 0.00 EUR tax do not add up to the line amount 120.00 EUR; correct the tax at the source'],
    [{ ...ok, recoverableMinor: 1000, nonRecoverableMinor: 1000 }, 12000, 'Line L7: net 100.00 EUR, reclaimable 10.00 EUR and non-reclaimable 10.00 EUR tax do not add up to the line amount 120.00 EUR; correct the tax at the source'],
    [{ netMinor: 10001, recoverableMinor: 1999, nonRecoverableMinor: 0, components: [vat({ recoverableMinor: 1999 })] }, 12000, 'Line L7: net 100.01 EUR, reclaimable 19.99 EUR and non-reclaimable 0.00 EUR tax do not add up to the line amount 120.00 EUR; correct the tax at the source'],
    [{ ...ok, components: [vat({ rate: '5.5' })] }, 12000, 'Line L7: tax VAT of 20.00 EUR is not 5.5 % of the net 100.00 EUR; correct the tax at the source'],
  ];
  for (const [tax, amount, message] of cases) assert.deepEqual(taxed(tax, amount), { code: 'TAX_INVALID', message, lineId: 'L7' });
});

test('the tax is named by its code when it has no name, without a rate when it has none', () => {
  assert.match(taxed({ ...ok, components: [vat({ name: null, rate: null, currency: 'GBP' })] })!.message, /^Line L7: tax FR20 is in GBP/);
  assert.match(taxed({ ...ok, components: [vat({ name: null, rate: '7' })] })!.message, /^Line L7: tax FR20 of 20.00 EUR is not 7 % of the net/);
});

test('several components: each is checked, the total is what must stay below the line', () => {
  const two: LineTax = { netMinor: 10000, recoverableMinor: 2500, nonRecoverableMinor: 0, components: [vat(), vat({ code: 'X5', name: 'Extra', rate: '5', amountMinor: 500, recoverableMinor: 500 })] };
  assert.equal(taxed(two, 12500), null);
  assert.match(taxed({ ...two, components: [vat(), vat({ code: 'X5', name: 'Extra', rate: '5', amountMinor: 500, recoverableMinor: 400 })] }, 12500)!.message, /do not add up/);
  assert.match(taxed({ ...two, components: [vat(), vat({ code: 'X5', name: 'Extra', rate: '5', currency: 'CHF' })] }, 12500)!.message, /tax Extra 5 % is in CHF/);
});
