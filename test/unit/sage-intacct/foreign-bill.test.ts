// Item 10 (Sage Intacct): a bill in a currency other than the company's carries BASECURR, CURRENCY and the
// rate type (without them Intacct books it in the base currency at the wrong amount); a base-currency bill
// carries none of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apbill } from '../../../main/core/adapters/sage-intacct/to-remote';
import { billPlan, intacctSettings } from '../../helpers/intacct-context';

const s = { ...intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml'), exchangeRateType: 'Intacct Daily Rate' };
const due = { termName: 'N30' };

test('a foreign-currency APBILL names BASECURR, CURRENCY and EXCH_RATE_TYPE_ID; a base-currency one none', () => {
  const foreignCurrency = s.baseCurrency === 'EUR' ? 'GBP' : 'EUR';
  const foreign = apbill(billPlan({ currency: foreignCurrency }), s, due).APBILL as Record<string, unknown>;
  assert.equal(foreign.BASECURR, s.baseCurrency);
  assert.equal(foreign.CURRENCY, foreignCurrency);
  assert.equal(foreign.EXCH_RATE_TYPE_ID, s.exchangeRateType);
  const base = apbill(billPlan({ currency: s.baseCurrency }), s, due).APBILL as Record<string, unknown>;
  for (const k of ['BASECURR', 'CURRENCY', 'EXCH_RATE_TYPE_ID']) assert.equal(k in base, false, `${k} on a base-currency bill`);
});
