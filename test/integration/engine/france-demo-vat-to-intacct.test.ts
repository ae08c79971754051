// Issue 15, the demo's French entity in Sage Intacct (Concur v3 payment requests → entity FR, VAT on): French VAT
// at 20 %, 10 % and 5.5 % goes as one TAXENTRY per bill line on the mapped tax detail with the source's amount, the
// Lausanne hotel's Swiss VAT stays in the expense (no tax entry), every bill totals the vendor's gross in EUR, is
// filed in the entity, and the reconciliation read-back finds that gross.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoConcur } from '../../../main/demo/systems';
import { FRANCE_COMPANY, FRANCE_CONNECTION_ID, FRANCE_INVOICES, franceConnection, franceMappings, franceSecrets, seedFranceCompany } from '../../../main/demo/france-entity';
import { invoicesOf } from '../../../main/simulators/concur';
import { createSageIntacctSimulator, INTACCT_FRANCE, intacctDemoSeed } from '../../../main/simulators/sage-intacct';
import { startEngineWorld } from '../../helpers/engine-world';

type Obj = Record<string, unknown>;
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const DETAIL_OF_RATE: Record<string, string> = { '20': INTACCT_FRANCE.details.standard, '10': INTACCT_FRANCE.details.intermediate, '5.5': INTACCT_FRANCE.details.reduced };

test('French entity: VAT as tax entries on the entity\'s tax details, Swiss VAT kept in the expense, every bill its gross', async (t) => {
  const concur = createDemoConcur(0);
  seedFranceCompany(concur);
  const intacct = createSageIntacctSimulator(intacctDemoSeed({ france: true }));
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-fr-tax-',
    concur,
    target: intacct,
    connection: (concurUrl, url) => ({ ...franceConnection(concurUrl, url), schedule: { mode: 'manual' } }),
    secrets: franceSecrets,
    mappings: franceMappings(),
  });
  const run = await core.sync(FRANCE_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');

  const invoices = [...invoicesOf(concur.state).invoices.values()].filter((r) => r.companyId === FRANCE_COMPANY.concurCompanyId).map((r) => r.data as Obj);
  assert.equal(invoices.length, FRANCE_INVOICES);
  const store = core.runtime.store;
  assert.deepEqual(store.postings.list({ connectionId: FRANCE_CONNECTION_ID, status: 'held', limit: 100 }).map((h) => h.reasons_json), [], 'nothing held');
  const posted = store.postings.list({ connectionId: FRANCE_CONNECTION_ID, status: 'posted', limit: 100 });
  const bills = intacct.state.records('APBILL');
  assert.equal(bills.length, FRANCE_INVOICES);
  const seen = new Set<string>();
  let swiss = 0;
  for (const bill of bills) {
    const sourceId = posted.find((p) => p.idempotency_key === bill.fields.DOCNUMBER)?.source_id;
    const inv = invoices.find((i) => `invoice:${String(i.ID)}` === sourceId);
    assert.ok(inv, `bill ${String(bill.fields.DOCNUMBER)} is a posted Concur invoice`);
    assert.equal(bill.fields.MEGAENTITYID, INTACCT_FRANCE.entity, 'filed in the French entity');
    assert.equal(intacct.state.currencyOf(bill.fields), 'EUR');
    assert.equal(cents(bill.fields.TOTALENTERED), cents(inv.InvoiceAmount), `${String(inv.InvoiceNumber)}: the bill totals the vendor's gross`);
    assert.equal(bill.lines.filter((l) => l.ACCOUNTNO === INTACCT_FRANCE.vatAccount).length, 0, 'no explicit VAT line: the tax rides on its line');
    const lines = (inv.LineItems as { LineItem: Obj[] }).LineItem;
    const rate = String(lines[0]!.VatRate);
    if (rate === '3.8') {
      swiss++;
      assert.ok(bill.lines.every((l) => l.TAXDETAILIDS === undefined), 'Swiss VAT: no tax entry');
      assert.equal(bill.lines.reduce((s, l) => s + cents(l.TRX_AMOUNT), 0), cents(inv.InvoiceAmount), 'the expense keeps the Swiss VAT');
      continue;
    }
    seen.add(rate);
    assert.ok(bill.lines.every((l) => l.TAXDETAILIDS === DETAIL_OF_RATE[rate]), `${String(inv.InvoiceNumber)}: each line's tax on ${DETAIL_OF_RATE[rate]}`);
    assert.deepEqual(bill.lines.map((l) => cents(l.TRX_TAX)), lines.map((l) => cents(l.VatAmount)), 'the source\'s VAT amounts, line by line');
    assert.deepEqual(bill.lines.map((l) => cents(l.TRX_AMOUNT)), lines.map((l) => cents(l.TotalPrice) - cents(l.VatAmount)), 'each line net of its VAT');
  }
  assert.deepEqual([...seen].sort(), ['10', '20', '5.5']);
  assert.equal(swiss, 2);

  const rec = await core.handlers('test')['reconcile.run']({ period: '2026-10', connectionId: FRANCE_CONNECTION_ID });
  const c = rec.connections[0]!;
  assert.equal(c.counts.unexplained, 0, JSON.stringify(c.differences));
  const gross = invoices.reduce((s, i) => s + cents(i.InvoiceAmount), 0);
  assert.deepEqual(c.totals.erp, [{ currency: 'EUR', amountMinor: gross }], 'the ERP holds the vendors\' gross');
  assert.deepEqual(c.totals.erp, c.totals.posted, 'ERP = posted');
});
