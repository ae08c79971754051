// Issue 15, the demo's Concur (v3) → Sage X3 connection: Northwind's French supplier invoices (Concur Invoice
// payment requests with `VatAmount` / `VatRate`) post as X3 supplier invoices: each reclaimed VAT a line on 445660
// with the folder's code for its rate (FRS 20 %, FRI 10 %, FRR 5.5 %), amounts from the source; the Geneva hotel's
// Swiss VAT stays in the expense under FRN; every invoice totals the vendor's gross.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPANY } from '../../../main/demo/catalog';
import { createDemoConcur, createDemoX3, DEMO_CONNECTION_ID, demoConnection, initialMappings } from '../../../main/demo/systems';
import { seedX3Invoices, X3_INVOICES } from '../../../main/demo/x3-invoices';
import { invoicesOf, SIM_CLIENT } from '../../../main/simulators/concur';
import { startEngineWorld } from '../../helpers/engine-world';

type Obj = Record<string, unknown>;
const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
const CODE_OF_RATE: Record<string, string> = { '20': 'FRS', '10': 'FRI', '5.5': 'FRR' };

test('Concur v3 invoices → X3: French VAT on 445660 by rate, Swiss VAT kept in the expense, every invoice its gross', async (t) => {
  const concur = createDemoConcur(0);
  seedX3Invoices(concur);
  const x3 = createDemoX3();
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-x3-inv-tax-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => ({ ...demoConnection(concurUrl, x3Url), schedule: { mode: 'manual' } }),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', 'demo-concur-password'], ['target.password', 'demo-x3-password']],
    mappings: initialMappings(),
  });
  const run = await core.sync(DEMO_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');

  const invoices = [...invoicesOf(concur.state).invoices.values()].filter((r) => r.companyId === COMPANY.concurCompanyId).map((r) => r.data as Obj);
  assert.equal(invoices.length, X3_INVOICES);
  const posted = core.runtime.store.postings.list({ connectionId: DEMO_CONNECTION_ID, status: 'posted', limit: 100 });
  const held = core.runtime.store.postings.list({ connectionId: DEMO_CONNECTION_ID, status: 'held', limit: 100 });
  assert.deepEqual(held.map((h) => h.reasons_json), [], 'no invoice is held');
  const docs = x3.state.documents().filter((d) => d.kind === 'supplier_invoice');
  assert.equal(docs.length, X3_INVOICES);
  const seen = new Set<string>();
  let swiss = 0;
  for (const d of docs) {
    const sourceId = posted.find((p) => p.idempotency_key === d.reference)?.source_id;
    const inv = invoices.find((i) => `invoice:${String(i.ID)}` === sourceId);
    assert.ok(inv, `${d.number} is a posted Concur invoice (${String(sourceId)})`);
    const lines = (inv.LineItems as { LineItem: Obj[] }).LineItem;
    assert.equal(d.lines.reduce((s, l) => s + cents(l.AMTNOT), 0), cents(inv.InvoiceAmount), `${d.number}: the lines total the vendor's gross`);
    assert.equal(cents(d.header.AMTATI), cents(inv.InvoiceAmount));
    const vat = d.lines.filter((l) => l.ACC === '445660');
    const rate = String(lines[0]!.VatRate);
    if (rate === '3.8') {
      swiss++;
      assert.equal(vat.length, 0, 'Swiss VAT is not reclaimed');
      assert.ok(d.lines.every((l) => l.VAT === 'FRN'), 'its lines carry FRN');
      continue;
    }
    seen.add(rate);
    assert.deepEqual(vat.map((l) => cents(l.AMTNOT)).sort((a, b) => a - b), lines.map((l) => cents(l.VatAmount)).sort((a, b) => a - b), 'one VAT line per source line, the source amounts');
    assert.ok(d.lines.every((l) => l.VAT === CODE_OF_RATE[rate]), `${d.number}: every line carries ${CODE_OF_RATE[rate]}`);
  }
  assert.deepEqual([...seen].sort(), ['10', '20', '5.5']);
  assert.equal(swiss, 2);
});
