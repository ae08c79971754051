// Sage Intacct AP adjustments at the mapper (mutation testing, issue 19 item 10): a supplier credit is an
// APADJUSTMENT create whose adjustment number (RECORDID) is the key, the vendor's payable debit left to Intacct,
// credited expense lines positive (element names inferred from APBILL's, see to-remote.ts). The integration test
// in test/integration/changes covers it through the simulator; these pin the element itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { apadjustment, createFunction, keyFieldFor, objectFor } from '../../../main/core/adapters/sage-intacct/to-remote';
import { billPlan, intacctSettings, line } from '../../helpers/intacct-context';

const s = intacctSettings('https://api.intacct.com/ia/xml/xmlgw.phtml');

/** The bill of the helper turned into its credit: expense lines credited, the vendor's payable line debited. */
function creditPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  const bill = billPlan();
  return { ...bill, kind: 'supplier_credit', idempotencyKey: 'MLC-IACREDIT000001', lines: bill.lines.map((l) => ({ ...l, side: l.side === 'debit' ? ('credit' as const) : ('debit' as const) })), ...overrides };
}

test('a supplier credit is an APADJUSTMENT keyed by its adjustment number; the payable debit is not sent', () => {
  const p = creditPlan({ description: 'Credit for\nINV-2024-77' });
  assert.equal(objectFor(p), 'APADJUSTMENT');
  assert.equal(keyFieldFor(p, s), 'RECORDID');
  const fn = createFunction(p, s);
  assert.equal(fn.controlId, p.idempotencyKey);
  assert.deepEqual(fn.body, {
    create: {
      APADJUSTMENT: {
        VENDORID: 'V100',
        WHENCREATED: '03/15/2024',
        RECORDID: 'MLC-IACREDIT000001',
        DOCNUMBER: 'INV-2024-77',
        DESCRIPTION: 'Credit for INV-2024-77',
        APADJUSTMENTITEMS: {
          APADJUSTMENTITEM: [
            { ACCOUNTNO: '6000', TRX_AMOUNT: '200.00', ENTRYDESCRIPTION: 'Line 1', DEPARTMENTID: 'D200' },
            { ACCOUNTNO: '6020', TRX_AMOUNT: '45.50', ENTRYDESCRIPTION: 'Line 2', LOCATIONID: 'L10' },
          ],
        },
      },
    },
  });
});

test('an AP adjustment: a debited expense line goes out negative; a debit of another partner or a credit naming the vendor is an expense line', () => {
  const p = creditPlan({ invoiceNumber: null, description: '', lines: [line(1, '6000', 'credit', 1000), line(2, '6020', 'debit', 250), line(3, '6030', 'debit', 50, { partner: 'E001' }), line(4, '2000', 'debit', 700, { partner: 'V100' }), line(5, '6040', 'credit', 100, { partner: 'V100' })] });
  const adj = apadjustment(p, s).APADJUSTMENT as Record<string, unknown>;
  assert.equal('DOCNUMBER' in adj, false);
  assert.equal('DESCRIPTION' in adj, false);
  assert.deepEqual((adj.APADJUSTMENTITEMS as { APADJUSTMENTITEM: Array<Record<string, string>> }).APADJUSTMENTITEM.map((i) => [i.ACCOUNTNO, i.TRX_AMOUNT]), [['6000', '10.00'], ['6020', '-2.50'], ['6030', '-0.50'], ['6040', '1.00']]);
  // Without a vendor on the plan, nothing is the payable side: every line is sent.
  const none = apadjustment({ ...p, partner: null }, s).APADJUSTMENT as Record<string, unknown>;
  assert.equal('VENDORID' in none, false);
  assert.equal((none.APADJUSTMENTITEMS as { APADJUSTMENTITEM: unknown[] }).APADJUSTMENTITEM.length, 5);
});

test('an AP adjustment in a foreign currency names the base, the currency and the rate type; in the base it names none', () => {
  const eur = apadjustment(creditPlan({ currency: 'EUR' }), { ...s, baseCurrency: 'USD', exchangeRateType: 'Intacct Daily Rate' }).APADJUSTMENT as Record<string, unknown>;
  assert.deepEqual([eur.BASECURR, eur.CURRENCY, eur.EXCH_RATE_TYPE_ID], ['USD', 'EUR', 'Intacct Daily Rate']);
  const usd = apadjustment(creditPlan(), { ...s, baseCurrency: 'USD', exchangeRateType: 'Intacct Daily Rate' }).APADJUSTMENT as Record<string, unknown>;
  assert.deepEqual(['BASECURR', 'CURRENCY', 'EXCH_RATE_TYPE_ID'].filter((k) => k in usd), []);
});
