// A multi-entity Intacct company whose French entity keeps VAT while the (US) top level does not (issue 15): a
// connection signed in to the entity posts a EUR bill with TAXENTRIES on the entity's tax details (no
// TAXSOLUTIONID needed: the entity's own solution applies), the bill is filed in the entity's base currency, and
// the read-back finds the gross (the tax reads back on the tax detail's account). The same bill sent at the top
// level is refused: only the entity keeps VAT. The entity's records are private to it: the top level does not see them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSageIntacctTarget } from '../../../main/core/adapters/sage-intacct/adapter';
import { billPlan, IA_SEED, intacctContext, intacctSettings, line, startIntacctFixture } from '../../helpers/intacct-context';

const FR = 'France - VAT';
const STD = 'FR Purchase Standard Rate';
const sim = {
  locations: [...(IA_SEED.locations ?? []), { id: 'FR', name: 'Northwind France SAS' }],
  accounts: [...(IA_SEED.accounts ?? []), { id: '1420', name: 'VAT recoverable (France)' }],
  taxDetails: [{ id: STD, description: 'FR Purchase Standard Rate', value: '20', taxSolutionId: FR, accountNo: '1420' }],
  entityBooks: { FR: { baseCurrency: 'EUR', taxSolutionId: FR } },
};
const frenchBill = () =>
  billPlan({
    currency: 'EUR',
    lines: [line(1, '6000', 'debit', 10000, { taxCode: STD, taxRole: 'net', sourceLineId: 'A', dimensions: { location: 'FR' } }), line(2, '1420', 'debit', 2000, { taxCode: STD, taxRole: 'tax', sourceLineId: 'A' }), line(3, '2000', 'credit', 12000, { partner: 'V100' })],
    totalMinor: 12000,
  });

test('the French entity (VAT) posts a EUR bill with its tax entry, filed in EUR, read back at its gross', async (t) => {
  const f = await startIntacctFixture({ sim, settings: { locationId: 'FR', vatEnabled: true, baseCurrency: 'EUR' } });
  t.after(() => f.stop());
  const p = frenchBill();
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const [rec] = f.sim.state.find('APBILL', 'DOCNUMBER', p.idempotencyKey);
  assert.ok(rec);
  assert.equal(rec.fields.MEGAENTITYID, 'FR');
  assert.equal(rec.fields.CURRENCY, undefined, 'the entity base currency: no CURRENCY sent');
  assert.equal(rec.fields.TAXSOLUTIONID, undefined);
  assert.deepEqual(rec.lines.map((l) => [l.ACCOUNTNO, l.TRX_AMOUNT, l.TRX_TAX, l.TAXDETAILIDS]), [['6000', '100.00', '20.00', STD]]);
  const back = await f.adapter.readBack!({ keys: [p.idempotencyKey], range: { from: '2024-03-01', to: '2024-03-31' }, prefix: 'MLC-' });
  const doc = back.documents.find((d) => d.key === p.idempotencyKey);
  assert.deepEqual(doc?.totals, [{ currency: 'EUR', amountMinor: 12000 }]);
  assert.deepEqual(doc?.accounts?.map((a) => [a.account, a.debitMinor]).sort(), [['1420', 2000], ['6000', 10000]]);
  // The bill is the entity's own: a session at the top level does not see it (no showprivate), so another
  // connection of the same company never counts it as a document of its own.
  const top = createSageIntacctTarget(intacctSettings(f.url), intacctContext().ctx);
  const fromTop = await top.readBack!({ keys: [p.idempotencyKey], range: { from: '2024-03-01', to: '2024-03-31' }, prefix: 'MLC-' });
  assert.equal(fromTop.documents.length, 0);
});

test('the same bill at the top level (no VAT there) is refused: only the entity keeps VAT', async (t) => {
  const f = await startIntacctFixture({ sim, settings: { vatEnabled: true, baseCurrency: 'EUR' } });
  t.after(() => f.stop());
  const out = await f.adapter.post(frenchBill());
  assert.notEqual(out.status, 'posted');
  assert.match(JSON.stringify(out), /only entity FR keeps VAT/);
  assert.equal(f.sim.state.recordCount('APBILL'), 0);
});
