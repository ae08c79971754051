// Contract test with a third-party artifact: Sage Intacct's official SDK (@intacct/intacct-sdk) talks to the
// simulator — session, GLBATCH create, the SDK's (legacy create_bill) bill, readByQuery, query with an `in`
// filter, a refused create — and the product's request XML is compared with the SDK's for the same entries.
// The SDK only accepts endpoints on an intacct.com host (its Endpoint check); the test gives the simulator
// such a name (sim.intacct.com) and resolves it to 127.0.0.1 for this process's HTTP agent only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import http from 'node:http';
import type { LookupFunction } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { ClientConfig, Functions, OnlineClient, SessionProvider } from '@intacct/intacct-sdk';
import { createSageIntacctSimulator, GATEWAY_PATH, SESSION_PATH, type SageIntacctSimOptions, type SageIntacctSimulator } from '../../../main/simulators/sage-intacct';
import { createSageIntacctTarget } from '../../../main/core/adapters/sage-intacct/adapter';
import { IA, IA_SEED, billPlan, intacctContext, intacctSettings, line, plan } from '../../helpers/intacct-context';

const HOST = 'sim.intacct.com';
const bodies: string[] = [];
const opts: SageIntacctSimOptions = { ...IA_SEED, onRequest: (b) => bodies.push(b) };
let sim: SageIntacctSimulator;
let port = '';
let savedLookup: unknown;

before(async () => {
  sim = createSageIntacctSimulator(opts);
  port = new URL((await sim.start()).url).port;
  opts.sessionEndpointUrl = `http://${HOST}:${port}${SESSION_PATH}`;
  const agentOptions = (http.globalAgent as unknown as { options: { lookup?: LookupFunction } }).options;
  savedLookup = agentOptions.lookup;
  const lookup: LookupFunction = (host, options, cb) => {
    if (host !== HOST) return dns.lookup(host, options, cb);
    if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  };
  agentOptions.lookup = lookup;
});
after(async () => {
  (http.globalAgent as unknown as { options: { lookup?: unknown } }).options.lookup = savedLookup;
  await sim.stop();
});

async function sdkClient(): Promise<OnlineClient> {
  const config = new ClientConfig();
  config.endpointUrl = `http://${HOST}:${port}${GATEWAY_PATH}`;
  config.senderId = IA.senderId;
  config.senderPassword = IA.senderPassword;
  config.companyId = IA.companyId;
  config.userId = IA.userId;
  config.userPassword = IA.userPassword;
  return new OnlineClient(await SessionProvider.factory(config));
}

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });
type Ordered = Array<Record<string, unknown>>;
const nameOf = (n: Record<string, unknown>) => Object.keys(n).find((k) => k !== ':@' && k !== '#text') ?? '';
/** The element named `name` anywhere below, as [child name, child text] pairs in document order. */
function findElement(tree: Ordered, name: string): Ordered | null {
  for (const n of tree) {
    const k = nameOf(n);
    if (k === name) return n[k] as Ordered;
    const inner = Array.isArray(n[k]) ? findElement(n[k] as Ordered, name) : null;
    if (inner) return inner;
  }
  return null;
}
const pairs = (el: Ordered): Array<[string, string]> => el.map((c) => [nameOf(c), String(((c[nameOf(c)] as Ordered)[0] as { '#text'?: unknown } | undefined)?.['#text'] ?? '')]);
const lastBodyWith = (tag: string) => [...bodies].reverse().find((b) => b.includes(`<${tag}>`))!;

test('the official SDK opens a session, creates a GLBATCH, reads, queries and meets a refusal on the simulator', async () => {
  const client = await sdkClient();
  assert.ok(bodies.some((b) => b.includes('<getAPISession')), 'the session came from getAPISession');

  const je = new Functions.GeneralLedger.JournalEntryCreate();
  je.journalSymbol = 'GJ';
  je.postingDate = new Date(2024, 2, 15);
  je.description = 'SDK journal';
  je.referenceNumber = 'SDK-REF-1';
  const debit = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(debit, { glAccountNumber: '6000', transactionAmount: 123.45, departmentId: 'D100', locationId: 'L10', memo: 'Line 1' });
  const credit = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(credit, { glAccountNumber: '2050', transactionAmount: -123.45, employeeId: 'E001', memo: 'Line 2' });
  je.lines = [debit, credit];
  const created = (await client.execute(je)).getResult();
  assert.equal(created.status, 'success');
  assert.equal(sim.state.find('GLBATCH', 'REFERENCENO', 'SDK-REF-1').length, 1);

  const bill = new Functions.AccountsPayable.BillCreate();
  Object.assign(bill, { vendorId: 'V100', transactionDate: new Date(2024, 2, 15), paymentTerm: 'N30', billNumber: 'SDK-BILL-1', referenceNumber: 'SDK-BILL-REF' });
  const billLine = new Functions.AccountsPayable.BillLineCreate();
  Object.assign(billLine, { glAccountNumber: '6000', transactionAmount: 200, memo: 'Line 1', departmentId: 'D200' });
  bill.lines = [billLine];
  assert.equal((await client.execute(bill)).getResult().status, 'success');
  const [sdkBill] = sim.state.find('APBILL', 'RECORDID', 'SDK-BILL-1');
  assert.equal(sdkBill?.fields.WHENDUE, '04/14/2024', 'the legacy bill is due by its term');

  const read = new Functions.Common.ReadByQuery();
  Object.assign(read, { objectName: 'VENDOR', fields: ['VENDORID', 'TERMNAME'], query: "VENDORID = 'V100'" });
  const readResult = (await client.execute(read)).getResult();
  assert.equal(readResult.status, 'success');
  assert.equal(readResult.count, 1);

  const q = new Functions.Common.NewQuery.Query();
  q.assignFromObject('GLBATCH')
    .assignSelectFields(new Functions.Common.NewQuery.QuerySelect.SelectBuilder().addFields(['RECORDNO', 'REFERENCENO']).selects)
    .assignFilter(new Functions.Common.NewQuery.QueryFilter.Filter('REFERENCENO').in(['SDK-REF-1', 'NOT-THERE']));
  const qResult = (await client.execute(q)).getResult();
  assert.equal(qResult.status, 'success');
  assert.equal(qResult.totalCount, 1);

  const bad = new Functions.GeneralLedger.JournalEntryCreate();
  Object.assign(bad, { journalSymbol: 'GJ', postingDate: new Date(2024, 2, 15), description: 'bad' });
  const l1 = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(l1, { glAccountNumber: '9999', transactionAmount: 1 });
  const l2 = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(l2, { glAccountNumber: '2050', transactionAmount: -1 });
  bad.lines = [l1, l2];
  // The SDK turns a failed result into its ResultException with Intacct's error texts.
  await assert.rejects(client.execute(bad), (e: unknown) => (e as { errors?: string[] }).errors?.some((t) => /BL03000018 Account 9999 is not valid/.test(t)) === true);
});

test("the product's GLBATCH and APBILL use the SDK's element names in the SDK's order, and book the same entries", async () => {
  const client = await sdkClient();
  // The product follows the session endpoint with Node's own fetch: give it the loopback address.
  opts.sessionEndpointUrl = `http://127.0.0.1:${port}${SESSION_PATH}`;
  const adapter = createSageIntacctTarget(intacctSettings(`http://127.0.0.1:${port}${GATEWAY_PATH}`), intacctContext().ctx);
  const p = plan({ description: 'Same entries' });
  assert.equal((await adapter.post(p)).status, 'posted');
  const ours = pairs(findElement(ordered.parse(lastBodyWith('GLBATCH')) as Ordered, 'GLBATCH')!);

  const je = new Functions.GeneralLedger.JournalEntryCreate();
  Object.assign(je, { journalSymbol: 'GJ', postingDate: new Date(2024, 2, 15), description: 'Same entries', referenceNumber: `${p.idempotencyKey}-SDK` });
  const debit = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(debit, { glAccountNumber: '6000', transactionAmount: 123.45, locationId: 'L10', departmentId: 'D100', memo: 'Line 1' });
  const credit = new Functions.GeneralLedger.JournalEntryLineCreate();
  Object.assign(credit, { glAccountNumber: '2050', transactionAmount: -123.45, employeeId: 'E001', memo: 'Line 2' });
  je.lines = [debit, credit];
  assert.equal((await client.execute(je)).getResult().status, 'success');
  const sdkTree = ordered.parse(lastBodyWith('GLBATCH')) as Ordered;
  const sdk = pairs(findElement(sdkTree, 'GLBATCH')!);
  assert.deepEqual(ours.map(([k]) => k), sdk.map(([k]) => k), 'GLBATCH header elements and order');
  const entries = (tree: Ordered) => (findElement(tree, 'ENTRIES') as Ordered).map((e) => pairs(e.GLENTRY as Ordered));
  const [oursEntries, sdkEntries] = [entries(ordered.parse(bodies.filter((b) => b.includes(p.idempotencyKey)).find((b) => b.includes('<GLBATCH>'))!) as Ordered), entries(sdkTree)];
  assert.deepEqual(oursEntries.map((e) => e.map(([k]) => k)), sdkEntries.map((e) => e.map(([k]) => k)), 'GLENTRY element names and order');
  const norm = (e: Array<[string, string]>) => e.map(([k, v]) => [k, k === 'TRX_AMOUNT' ? String(Number(v)) : v]);
  assert.deepEqual(oursEntries.map(norm), sdkEntries.map(norm), 'the same entries');
  const [a, b] = [sim.state.findByKey(p.idempotencyKey)[0]!, sim.state.find('GLBATCH', 'REFERENCENO', `${p.idempotencyKey}-SDK`)[0]!];
  assert.deepEqual(a.lines, b.lines, 'booked identically');

  // Bills: the SDK only has the legacy create_bill; each of its fields maps to the APBILL field the product sends, in the same order.
  const LEGACY: Record<string, string> = { vendorid: 'VENDORID', datecreated: 'WHENCREATED', termname: 'TERMNAME', billno: 'RECORDID', glaccountno: 'ACCOUNTNO', amount: 'TRX_AMOUNT', memo: 'ENTRYDESCRIPTION', locationid: 'LOCATIONID', departmentid: 'DEPARTMENTID' };
  const bp = billPlan({ lines: [line(1, '6000', 'debit', 20000, { dimensions: { department: 'D200', location: 'L10' } }), line(2, '2000', 'credit', 20000, { partner: 'V100' })], totalMinor: 20000 });
  assert.equal((await adapter.post(bp)).status, 'posted');
  const ourBill = findElement(ordered.parse(bodies.filter((x) => x.includes(bp.idempotencyKey)).find((x) => x.includes('<APBILL>'))!) as Ordered, 'APBILL')!;
  const bill = new Functions.AccountsPayable.BillCreate();
  Object.assign(bill, { vendorId: 'V100', transactionDate: new Date(2024, 2, 15), paymentTerm: 'N30', billNumber: 'INV-SDK-2' });
  const bl = new Functions.AccountsPayable.BillLineCreate();
  Object.assign(bl, { glAccountNumber: '6000', transactionAmount: 200, memo: 'Line 1', locationId: 'L10', departmentId: 'D200' });
  bill.lines = [bl];
  assert.equal((await client.execute(bill)).getResult().status, 'success');
  const sdkBill = findElement(ordered.parse(lastBodyWith('create_bill')) as Ordered, 'create_bill')!;
  const mapped = (el: Ordered) => el.map(nameOf).map((k) => LEGACY[k]).filter(Boolean);
  const ourNames = ourBill.map(nameOf).filter((k) => Object.values(LEGACY).includes(k));
  assert.deepEqual(ourNames, mapped(sdkBill), 'APBILL header fields in the SDK order');
  const ourItem = (findElement(ourBill, 'APBILLITEMS') as Ordered)[0]!.APBILLITEM as Ordered;
  const sdkItem = (findElement(sdkBill, 'billitems') as Ordered)[0]!.lineitem as Ordered;
  assert.deepEqual(ourItem.map(nameOf), mapped(sdkItem), 'APBILLITEM fields in the SDK lineitem order');
  const [ourRec, sdkRec] = [sim.state.find('APBILL', 'DOCNUMBER', bp.idempotencyKey)[0]!, sim.state.find('APBILL', 'RECORDID', 'INV-SDK-2')[0]!];
  const amounts = (lines: Array<Record<string, string>>) => lines.map((l) => ({ ...l, TRX_AMOUNT: String(Number(l.TRX_AMOUNT)) }));
  assert.deepEqual([ourRec.fields.WHENDUE, ourRec.fields.TERMNAME, ourRec.fields.TOTALENTERED, amounts(ourRec.lines)], [sdkRec.fields.WHENDUE, sdkRec.fields.TERMNAME, sdkRec.fields.TOTALENTERED, amounts(sdkRec.lines)], 'booked identically');
});
