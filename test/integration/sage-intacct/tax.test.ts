// VAT into Sage Intacct (issue 15): in a VAT company a bill line carries its tax as a TAXENTRY on the tax detail
// (DETAILID, TRX_TAX) with TAXSOLUTIONID on the header, and the bill totals the gross; journals keep the VAT as an
// explicit line; tax details are read as reference data. The simulator refuses tax entries in a company without
// VAT, unknown / inactive / sales tax details, and lines whose total is not the amount plus its tax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, parseResponse } from '../../../main/core/adapters/sage-intacct/envelope';
import type { XmlNode } from '../../../main/core/adapters/xml';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { billPlan, IA, line, plan, startIntacctFixture, type IntacctFixture } from '../../helpers/intacct-context';

const UK = 'United Kingdom - VAT';
const STD = 'UK Purchase Goods Standard Rate';
const RED = 'UK Purchase Goods Reduced Rate';
const TAX_DETAILS = [
  { id: STD, description: 'UK Purchase Goods Standard Rate', value: '20', taxSolutionId: UK },
  { id: RED, description: 'UK Purchase Goods Reduced Rate', value: '5', taxSolutionId: UK },
  { id: 'UK Purchase Old Rate', description: 'UK Purchase Old Rate', value: '17.5', taxSolutionId: UK, active: false },
  { id: 'UK Sale Goods Standard Rate', description: 'UK Sale Goods Standard Rate', value: '20', taxSolutionId: UK, taxType: 'Sale' as const },
];
const vatCompany = () => startIntacctFixture({ sim: { vatEnabled: true, taxDetails: TAX_DETAILS, accounts: [{ id: '2000' }, { id: '2050' }, { id: '1450', name: 'VAT recoverable' }, { id: '6000' }, { id: '6020' }] }, settings: { vatEnabled: true, taxSolutionId: UK, baseCurrency: 'USD' } });

const net = (n: number, account: string, amount: number, taxCode: string, src: string) => line(n, account, 'debit', amount, { taxCode, taxRole: 'net', sourceLineId: src });
const vat = (n: number, amount: number, taxCode: string, src: string) => line(n, '1450', 'debit', amount, { taxCode, taxRole: 'tax', sourceLineId: src });

async function refs(f: IntacctFixture): Promise<ReferenceItem[]> {
  const items: ReferenceItem[] = [];
  for await (const page of f.adapter.readReference()) items.push(...page);
  return items;
}

test('a VAT company\'s purchase tax details are reference data (inactive flagged, sales ones left out); a US company reads none', async (t) => {
  const f = await vatCompany();
  t.after(() => f.stop());
  assert.deepEqual((await refs(f)).filter((i) => i.kind === 'tax_code').map((i) => [i.code, i.active]), [[STD, true], [RED, true], ['UK Purchase Old Rate', false]]);
  const us = await startIntacctFixture();
  t.after(() => us.stop());
  assert.equal((await refs(us)).filter((i) => i.kind === 'tax_code').length, 0);
});

test('a bill line carries its tax as a TAXENTRY on the tax detail; the bill totals the gross to the cent', async (t) => {
  const f = await vatCompany();
  t.after(() => f.stop());
  const p = billPlan({ lines: [net(1, '6000', 10000, STD, 'A'), vat(2, 2000, STD, 'A'), net(3, '6020', 1000, RED, 'B'), vat(4, 50, RED, 'B'), line(5, '2000', 'credit', 13050, { partner: 'V100' })], totalMinor: 13050 });
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted', JSON.stringify(out));
  const [rec] = f.sim.state.find('APBILL', 'DOCNUMBER', p.idempotencyKey);
  assert.ok(rec);
  assert.equal(rec.fields.TAXSOLUTIONID, UK);
  assert.deepEqual(rec.lines.map((l) => [l.ACCOUNTNO, l.TRX_AMOUNT, l.TRX_TAX, l.TAXDETAILIDS, l.TOTALTRXAMOUNT]), [['6000', '100.00', '20.00', STD, '120.00'], ['6020', '10.00', '0.50', RED, '10.50']]);
  assert.equal(rec.fields.TOTALENTERED, '130.50');
});

test('tax that cannot be carried on one line (two codes on one source line) stays an explicit line on the VAT account', async (t) => {
  const f = await vatCompany();
  t.after(() => f.stop());
  const p = billPlan({ lines: [net(1, '6000', 10000, STD, 'A'), net(2, '6000', 1000, RED, 'A'), vat(3, 2000, STD, 'A'), vat(4, 50, RED, 'A'), line(5, '2000', 'credit', 13050, { partner: 'V100' })], totalMinor: 13050 });
  assert.equal((await f.adapter.post(p)).status, 'posted');
  const [rec] = f.sim.state.find('APBILL', 'DOCNUMBER', p.idempotencyKey);
  assert.deepEqual(rec!.lines.map((l) => [l.ACCOUNTNO, l.TRX_AMOUNT, l.TRX_TAX ?? null]), [['6000', '100.00', null], ['6000', '10.00', null], ['1450', '20.00', null], ['1450', '0.50', null]]);
  assert.equal(rec!.fields.TOTALENTERED, '130.50');
});

test('a journal of a VAT company posts its VAT as an explicit GLENTRY and balances', async (t) => {
  const f = await vatCompany();
  t.after(() => f.stop());
  const p = plan({ lines: [net(1, '6000', 10000, STD, 'A'), vat(2, 2000, STD, 'A'), line(3, '2050', 'credit', 12000, { partner: 'E001' })], totalMinor: 12000 });
  assert.equal((await f.adapter.post(p)).status, 'posted');
  const [rec] = f.sim.state.findByKey(p.idempotencyKey);
  assert.deepEqual(rec!.lines.map((l) => [l.ACCOUNTNO, l.TR_TYPE, l.TRX_AMOUNT]), [['6000', '1', '100.00'], ['1450', '1', '20.00'], ['2050', '-1', '120.00']]);
});

test('a US company (VAT off) posts a taxed bill with the VAT as its own line and no tax entries', async (t) => {
  const f = await startIntacctFixture({ sim: { accounts: [{ id: '2000' }, { id: '1450' }, { id: '6000' }] } });
  t.after(() => f.stop());
  const p = billPlan({ lines: [net(1, '6000', 10000, STD, 'A'), vat(2, 2000, STD, 'A'), line(3, '2000', 'credit', 12000, { partner: 'V100' })], totalMinor: 12000 });
  assert.equal((await f.adapter.post(p)).status, 'posted');
  const [rec] = f.sim.state.find('APBILL', 'DOCNUMBER', p.idempotencyKey);
  assert.deepEqual(rec!.lines.map((l) => [l.ACCOUNTNO, l.TRX_AMOUNT, l.TRX_TAX ?? null]), [['6000', '100.00', null], ['1450', '20.00', null]]);
  assert.equal(rec!.fields.TAXSOLUTIONID, undefined);
});

async function send(f: IntacctFixture, apbill: XmlNode) {
  const xml = buildRequest({ senderId: IA.senderId, senderPassword: IA.senderPassword, controlId: 'tax', uniqueId: false }, { login: { userId: IA.userId, companyId: IA.companyId, password: IA.userPassword } }, [{ controlId: `t${Math.random()}`, body: { create: { APBILL: apbill } } }]);
  const r = parseResponse(await (await fetch(f.url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml })).text());
  return r.results.flatMap((x) => x.errors).map((e) => `${e.description} ${e.description2}`).join(' | ') || (r.results[0]?.status ?? 'no result');
}
const bill = (item: XmlNode, solution: string | null = UK): XmlNode => ({ VENDORID: 'V100', WHENCREATED: '03/15/2024', WHENDUE: '04/15/2024', ...(solution ? { TAXSOLUTIONID: solution } : {}), APBILLITEMS: { APBILLITEM: [{ ACCOUNTNO: '6000', TRX_AMOUNT: '100.00', ...item }] } });
const entry = (id: string, tax: string) => ({ TAXENTRIES: { TAXENTRY: [{ DETAILID: id, TRX_TAX: tax }] } });

test('the simulator refuses tax entries without VAT, unknown / inactive / sales tax details, a wrong solution, and totals that do not add up', async (t) => {
  const f = await vatCompany();
  const us = await startIntacctFixture();
  t.after(async () => { await f.stop(); await us.stop(); });
  assert.match(await send(us, bill(entry(STD, '20.00'), null)), /not configured for VAT/);
  assert.match(await send(us, bill({}, UK)), /not configured for VAT/);
  assert.match(await send(f, bill(entry('DE Vorsteuer 19', '19.00'))), /tax detail 'DE Vorsteuer 19' is not valid/);
  assert.match(await send(f, bill(entry('UK Sale Goods Standard Rate', '20.00'))), /is not valid/);
  assert.match(await send(f, bill(entry('UK Purchase Old Rate', '17.50'))), /inactive/);
  assert.match(await send(f, bill(entry(STD, '20.00'), 'Australia - GST')), /Tax solution 'Australia - GST' is not valid/);
  assert.match(await send(f, bill({ ...entry(STD, '20.00'), TOTALTRXAMOUNT: '119.00' })), /not the amount plus its tax \(120\.00\)/);
  assert.match(await send(f, bill(entry(STD, '-20.00'))), /does not fit/);
  assert.match(await send(f, bill({ TAXENTRIES: { TAXENTRY: [{ DETAILID: STD, TRX_TAX: '20.00', TAXCODE: 'S' }] } })), /'TAXCODE' is not a field of TAXENTRY/);
  assert.equal(await send(f, bill({ ...entry(STD, '20.00'), TOTALTRXAMOUNT: '120.00', INCLUSIVETAX: 'false' })), 'success');
});
