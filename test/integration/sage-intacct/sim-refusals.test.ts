// The Intacct simulator refuses what Intacct refuses and accepts what it accepts: each case sends the wrong
// thing on the wire (built by hand, not by the adapter) and expects the refusal. Before, wrong GLENTRY
// dimension names were dropped silently, unknown elements stored, unknown rate types accepted, Draft stored
// as Posted, query filters ignored, bad select fields accepted, unknown entities signed in, and the legacy
// create_bill, TERMNAME-only bills and dtdversion 2.1 refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, parseResponse } from '../../../main/core/adapters/sage-intacct/envelope';
import type { XmlNode } from '../../../main/core/adapters/xml';
import { createSageIntacctSimulator, type SageIntacctSimulator } from '../../../main/simulators/sage-intacct';
import { IA, IA_SEED } from '../../helpers/intacct-context';

let sim: SageIntacctSimulator;
let url: string;
before(async () => {
  sim = createSageIntacctSimulator({ ...IA_SEED, multiEntity: true, entities: ['L10'] });
  url = (await sim.start()).url;
});
after(() => sim.stop());

let n = 0;
async function call(body: XmlNode, opts: { dtd?: string; locationId?: string } = {}) {
  n++;
  let xml = buildRequest({ senderId: IA.senderId, senderPassword: IA.senderPassword, controlId: `c${n}`, uniqueId: false }, { login: { userId: IA.userId, companyId: IA.companyId, password: IA.userPassword, locationId: opts.locationId } }, [{ controlId: `f${n}`, body }]);
  if (opts.dtd) xml = xml.replace('<dtdversion>3.0</dtdversion>', `<dtdversion>${opts.dtd}</dtdversion>`);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
  return parseResponse(await res.text());
}
const errorsOf = (r: Awaited<ReturnType<typeof call>>) => [...(r.auth?.errors ?? []), ...r.results.flatMap((x) => x.errors)].map((e) => `${e.errorno} ${e.description} ${e.description2}`).join(' | ');

const entry = (extra: XmlNode = {}) => ({ ACCOUNTNO: '6000', TR_TYPE: '1', TRX_AMOUNT: '10.00', ...extra });
const glbatch = (header: XmlNode, debit: XmlNode = {}) => ({ create: { GLBATCH: { JOURNAL: 'GJ', BATCH_DATE: '03/15/2024', BATCH_TITLE: 't', ...header, ENTRIES: { GLENTRY: [entry(debit), { ACCOUNTNO: '2050', TR_TYPE: '-1', TRX_AMOUNT: '10.00' }] } } } });

test('GLENTRY dimensions under the APBILLITEM names (LOCATIONID / DEPARTMENTID) are refused, not dropped', async () => {
  const r = await call(glbatch({}, { DEPARTMENTID: 'D100', LOCATIONID: 'L10' }));
  assert.equal(r.results[0]?.status, 'failure');
  assert.match(errorsOf(r), /'DEPARTMENTID' is not a field of GLENTRY/);
  assert.match(errorsOf(r), /'LOCATIONID' is not a field of GLENTRY/);
});

test('an unknown department on a line, an unknown header element, an unknown rate type and STATE values are checked', async () => {
  assert.match(errorsOf(await call(glbatch({}, { DEPARTMENT: 'D999' }))), /Department 'D999' is not valid/);
  assert.match(errorsOf(await call(glbatch({ MEMO: 'x' }))), /'MEMO' is not a field of GLBATCH/);
  assert.match(errorsOf(await call(glbatch({}, { CURRENCY: 'EUR', EXCH_RATE_TYPE_ID: 'Made Up Rate' }))), /exchange rate type 'Made Up Rate' is not valid/);
  assert.match(errorsOf(await call(glbatch({ STATE: 'Approved' }))), /STATE 'Approved' is not valid/);
  const draft = await call(glbatch({ STATE: 'Draft', REFERENCENO: 'DRAFT-1' }));
  assert.equal(draft.results[0]?.status, 'success');
  assert.equal(sim.state.find('GLBATCH', 'REFERENCENO', 'DRAFT-1')[0]?.fields.STATE, 'Draft');
});

test('readByQuery and query apply like, and, in, orderby (never return every row), and refuse unknown fields and operators', async () => {
  const like = await call({ readByQuery: { object: 'DEPARTMENT', fields: 'DEPARTMENTID', query: "DEPARTMENTID LIKE 'D1%'", pagesize: '100' } });
  assert.deepEqual(like.results[0]?.data?.rows.map((x) => x.DEPARTMENTID), ['D100']);
  const andIn = await call({ readByQuery: { object: 'DEPARTMENT', fields: 'DEPARTMENTID', query: "DEPARTMENTID IN ('D100','D200','D400') AND STATUS = 'active'", pagesize: '100' } });
  assert.deepEqual(andIn.results[0]?.data?.rows.map((x) => x.DEPARTMENTID), ['D100', 'D200']);
  const q = await call({ query: { select: { field: ['DEPARTMENTID'] }, object: 'DEPARTMENT', filter: { and: { like: { field: 'DEPARTMENTID', value: 'D%' }, notequalto: { field: 'DEPARTMENTID', value: 'D200' } } }, orderby: { order: { field: 'DEPARTMENTID', descending: '' } } } });
  assert.deepEqual(q.results[0]?.data?.rows.map((x) => x.DEPARTMENTID), ['D400', 'D100']);
  assert.match(errorsOf(await call({ query: { select: { field: ['NOPE'] }, object: 'DEPARTMENT' } })), /'NOPE' in select is not a valid field/);
  assert.match(errorsOf(await call({ query: { select: { field: ['DEPARTMENTID'] }, object: 'DEPARTMENT', filter: { sortof: { field: 'DEPARTMENTID', value: 'D' } } } })), /'sortof' is not a filter operator/);
  assert.match(errorsOf(await call({ readByQuery: { object: 'DEPARTMENT', fields: 'DEPARTMENTID', query: "DEPARTMENTID ~ 'D1'", pagesize: '100' } })), /Invalid query/);
  assert.match(errorsOf(await call({ readByQuery: { object: 'GLBATCH', fields: 'RECORDNO,NOSUCH', query: '', pagesize: '100' } })), /'NOSUCH' is not a valid field of GLBATCH/);
});

test('sign-in to an unknown entity is refused; a known one is accepted', async () => {
  const bad = await call({ getAPISession: '' }, { locationId: 'L99' });
  assert.equal(bad.auth?.status, 'failure');
  assert.match(errorsOf(bad), /Entity 'L99' does not exist/);
  assert.equal((await call({ getAPISession: '' }, { locationId: 'L10' })).results[0]?.status, 'success');
});

test('what Intacct accepts: a bill with TERMNAME only (due date from the term), the legacy create_bill, dtdversion 2.1 for it', async () => {
  const bill = await call({ create: { APBILL: { WHENCREATED: '03/01/2024', VENDORID: 'V100', TERMNAME: 'N30', DOCNUMBER: 'TERMS-1', APBILLITEMS: { APBILLITEM: [{ ACCOUNTNO: '6000', TRX_AMOUNT: '5.00' }] } } } });
  assert.equal(bill.results[0]?.status, 'success', errorsOf(bill));
  assert.equal(sim.state.find('APBILL', 'DOCNUMBER', 'TERMS-1')[0]?.fields.WHENDUE, '03/31/2024');
  assert.match(errorsOf(await call({ create: { APBILL: { WHENCREATED: '03/01/2024', VENDORID: 'V100', TERMNAME: 'N999', APBILLITEMS: { APBILLITEM: [{ ACCOUNTNO: '6000', TRX_AMOUNT: '5.00' }] } } } })), /Term 'N999' is not valid/);
  const legacy = { create_bill: { vendorid: 'V100', datecreated: { year: '2024', month: '03', day: '02' }, termname: 'N30', billno: 'LEG-1', billitems: { lineitem: [{ glaccountno: '6000', amount: '7.50', memo: 'x', departmentid: 'D100' }] } } };
  for (const dtd of ['3.0', '2.1']) {
    const r = await call(legacy, { dtd });
    assert.equal(r.results[0]?.status, 'success', `${dtd}: ${errorsOf(r)}`);
    assert.ok(r.results[0]?.key, 'legacy functions answer with a key');
  }
  assert.match(errorsOf(await call({ readByQuery: { object: 'DEPARTMENT', fields: '*', query: '', pagesize: '10' } }, { dtd: '2.1' })), /not a function of dtdversion 2.1/);
});

test('a single-entity company refuses an entity at sign-in', async () => {
  const one = createSageIntacctSimulator({ ...IA_SEED, multiEntity: false });
  const u = (await one.start()).url;
  try {
    const xml = buildRequest({ senderId: IA.senderId, senderPassword: IA.senderPassword, controlId: 'x', uniqueId: false }, { login: { userId: IA.userId, companyId: IA.companyId, password: IA.userPassword, locationId: 'L10' } }, [{ controlId: 'g', body: { getAPISession: '' } }]);
    const r = parseResponse(await (await fetch(u, { method: 'POST', body: xml })).text());
    assert.equal(r.auth?.status, 'failure');
    assert.match(errorsOf(r), /has no entities/);
  } finally {
    await one.stop();
  }
});
