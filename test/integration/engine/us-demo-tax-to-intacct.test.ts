// Issue 15, the US demo (Concur v3 payment requests → Sage Intacct, VAT off): Skyline Airways bills 5 % Canadian
// GST (`VatAmount` / `VatRate` on its lines); each of its bills posts the expense net and the GST as an explicit line
// on 1410, and totals the vendor's gross to the cent. The other vendors' bills carry no tax line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoConcur } from '../../../main/demo/systems';
import { seedUsCompany, US_COMPANY, US_CONNECTION_ID, US_GST, US_INVOICES, usConnection, usMappings, usSecrets } from '../../../main/demo/us-company';
import { invoicesOf } from '../../../main/simulators/concur';
import { createSageIntacctSimulator, intacctDemoSeed } from '../../../main/simulators/sage-intacct';
import { startEngineWorld } from '../../helpers/engine-world';

type Obj = Record<string, unknown>;
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);

test('US demo: the GST a supplier bills posts net + an explicit line on the GST account; every bill totals its gross', async (t) => {
  const concur = createDemoConcur(0);
  seedUsCompany(concur, 0);
  const intacct = createSageIntacctSimulator(intacctDemoSeed());
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-us-tax-',
    concur,
    target: intacct,
    connection: (concurUrl, url) => ({ ...usConnection(concurUrl, url), schedule: { mode: 'manual' } }),
    secrets: usSecrets,
    mappings: usMappings(),
  });
  const run = await core.sync(US_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');

  const invoices = [...invoicesOf(concur.state).invoices.values()].filter((r) => r.companyId === US_COMPANY.concurCompanyId).map((r) => r.data as Obj);
  assert.equal(invoices.length, US_INVOICES);
  const posted = core.runtime.store.postings.list({ connectionId: US_CONNECTION_ID, status: 'posted', limit: 1000 });
  const linesOf = (inv: Obj) => (inv.LineItems as { LineItem: Obj[] }).LineItem;
  const vendorOf = (inv: Obj) => (inv.VendorRemitToIdentifier as Obj).VendorCode;
  const bills = intacct.state.records('APBILL');
  assert.equal(bills.length, 6, 'six bills; the two from the inactive vendor V103 are held');
  let taxed = 0;
  for (const bill of bills) {
    const sourceId = posted.find((p) => p.idempotency_key === bill.fields.DOCNUMBER)?.source_id;
    const inv = invoices.find((i) => `invoice:${String(i.ID)}` === sourceId);
    assert.ok(inv, `bill ${String(bill.fields.DOCNUMBER)} is a posted Concur invoice (${String(sourceId)})`);
    const sum = bill.lines.reduce((s, l) => s + cents(l.TRX_AMOUNT), 0);
    assert.equal(sum, cents(inv.InvoiceAmount), `${String(inv.InvoiceNumber)}: the bill's lines total the vendor's gross`);
    const gst = bill.lines.filter((l) => l.ACCOUNTNO === US_GST.vatAccount);
    if (vendorOf(inv) !== US_GST.vendor) {
      assert.equal(gst.length, 0, `${String(inv.InvoiceNumber)}: no tax line`);
      continue;
    }
    taxed++;
    const vat = linesOf(inv).map((l) => cents(l.VatAmount));
    assert.ok(vat.every((v) => v > 0), 'each GST line carries VatAmount');
    assert.deepEqual(gst.map((l) => cents(l.TRX_AMOUNT)).sort((a, b) => a - b), [...vat].sort((a, b) => a - b), 'one GST line per source line, the source amounts');
    const expense = bill.lines.filter((l) => l.ACCOUNTNO !== US_GST.vatAccount).reduce((s, l) => s + cents(l.TRX_AMOUNT), 0);
    assert.equal(expense, cents(inv.InvoiceAmount) - vat.reduce((a, b) => a + b, 0), 'the expense is the net');
  }
  assert.equal(taxed, 2, 'both Skyline Airways bills carry GST lines');
  assert.equal(intacct.state.records('GLBATCH').filter((b) => b.lines.some((l) => l.ACCOUNTNO === US_GST.vatAccount)).length, 0, 'expense reports carry no tax (Concur v3 reports have no tax amounts)');
});
