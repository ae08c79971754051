// The X3 simulator refuses what X3 refuses, each class sent wrong on purpose with hand-written XML (not
// the product's builders): a field given twice, a SOAP part given twice, a field or block the published
// object lacks, a lowercase field code, an unknown FLD TYPE, decimals a currency does not have, and
// requests to any path other than the documented SOAP one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handleSoap, type SoapConfig } from '../../../main/simulators/sage-x3/soap';
import { SIM_JOURNAL_FIELDS, SIM_SUPPLIER_INVOICE_FIELDS } from '../../../main/simulators/sage-x3/published';
import { SageX3SimState } from '../../../main/simulators/sage-x3/state';
import { createSageX3Simulator, SIM_SOAP_PATH } from '../../../main/simulators/sage-x3';

const cfg: SoapConfig = { journalPublicName: 'YGAS', supplierInvoicePublicName: 'YBIS', journal: SIM_JOURNAL_FIELDS, supplierInvoice: SIM_SUPPLIER_INVOICE_FIELDS, warnOnSave: null };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fld = (name: string, value: string, type = 'Char') => `<FLD NAME="${name}" TYPE="${type}">${value}</FLD>`;

function envelope(inner: string, op = 'save'): string {
  return `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wss="http://www.adonix.com/WSS"><soapenv:Body><wss:${op}>` +
    `<callContext><codeLang>ENG</codeLang><poolAlias>POOL1</poolAlias><poolId></poolId><requestConfig>adxwss.optreturn=XML</requestConfig></callContext>${inner}</wss:${op}></soapenv:Body></soapenv:Envelope>`;
}

function journal(opts: { header?: string[]; lines?: string[][]; currency?: string } = {}): string {
  const cur = opts.currency ?? 'EUR';
  const header = opts.header ?? [fld('TYP', 'ODEXP'), fld('ACCDAT', '20240315', 'Date'), fld('CUR', cur), fld('REF', 'MLC-REFUSE0000001')];
  const lines = opts.lines ?? [
    [fld('ACC', '625100'), fld('DEB', '10.00', 'Decimal')],
    [fld('ACC', '421000'), fld('CDT', '10.00', 'Decimal')],
  ];
  const lin = lines.map((l, i) => `<LIN NUM="${i + 1}">${l.join('')}</LIN>`).join('');
  return `<PARAM><GRP ID="GAS0_1">${header.join('')}</GRP><TAB ID="GAS1_1" SIZE="${lines.length}">${lin}</TAB></PARAM>`;
}

const save = (objectXml: string, state = seeded(), extraParts = '') => handleSoap(envelope(`<publicName>YGAS</publicName><objectXml>${esc(objectXml)}</objectXml>${extraParts}`), state, cfg, new Date());

function seeded(): SageX3SimState {
  return new SageX3SimState('SEED', 'POOL1').addAccounts([{ code: '625100' }, { code: '421000' }]);
}

test('a well-formed hand-written save passes (the baseline the refusals differ from)', () => {
  const state = seeded();
  const r = save(journal(), state);
  assert.equal(r.committed, true, r.body);
  assert.equal(state.documentCount(), 1);
});

test('a field given twice in a block or a line is refused, never "last value wins"', () => {
  const state = seeded();
  const twiceHeader = save(journal({ header: [fld('TYP', 'ODEXP'), fld('ACCDAT', '20240315', 'Date'), fld('CUR', 'EUR'), fld('REF', 'MLC-A'), fld('REF', 'MLC-B')] }), state);
  assert.match(twiceHeader.body, /Field REF : given more than once/);
  const twiceLine = save(journal({ lines: [[fld('ACC', '625100'), fld('DEB', '10.00', 'Decimal'), fld('DEB', '99.00', 'Decimal')], [fld('ACC', '421000'), fld('CDT', '10.00', 'Decimal')]] }), state);
  assert.match(twiceLine.body, /Line 1 : Field DEB : given more than once/);
  assert.equal(state.documentCount(), 0);
});

test('a SOAP part given twice or unknown to the operation is a SOAP Fault', () => {
  const twice = save(journal(), seeded(), '<publicName>YGAS</publicName>');
  assert.equal(twice.status, 500);
  assert.match(twice.body, /Fault.*publicName given more than once/s);
  const unknown = save(journal(), seeded(), '<listSize>5</listSize>');
  assert.equal(unknown.status, 500);
  assert.match(unknown.body, /Unknown part listSize in save/);
});

test('fields and blocks the published object lacks, lowercase codes and unknown types are refused', () => {
  const state = seeded();
  assert.match(save(journal({ header: [fld('TYP', 'ODEXP'), fld('ACCDAT', '20240315', 'Date'), fld('CUR', 'EUR'), fld('REF', 'MLC-X'), fld('ZZMEMO', 'x')] }), state).body, /Field ZZMEMO : unknown field/);
  assert.match(save(journal({ header: [fld('TYP', 'ODEXP'), fld('ACCDAT', '20240315', 'Date'), fld('CUR', 'EUR'), fld('ref', 'MLC-X')] }), state).body, /Field ref : unknown field/);
  assert.match(save(journal({ header: [fld('TYP', 'ODEXP'), fld('ACCDAT', '20240315', 'date'), fld('CUR', 'EUR'), fld('REF', 'MLC-X')] }), state).body, /unknown type "date"/);
  assert.match(save(journal().replace('GAS1_1', 'gas1_1'), state).body, /Block gas1_1 : does not exist/);
  assert.equal(state.documentCount(), 0);
});

test('amounts are read with the simulator\'s own currency table: "15.00" ISK is refused, 1500 ISK passes', () => {
  const state = seeded();
  const isk = (v: string) => journal({ currency: 'ISK', lines: [[fld('ACC', '625100'), fld('DEB', v, 'Decimal')], [fld('ACC', '421000'), fld('CDT', v, 'Decimal')]] });
  assert.match(save(isk('15.00'), state).body, /Amount 15.00 : ISK has 0 decimal places/);
  assert.equal(save(isk('1500'), state).committed, true);
});

test('query keys must be fields of the object', () => {
  const r = handleSoap(envelope('<publicName>YGAS</publicName><objectKeys><item><key>ref</key><value>MLC-X</value></item></objectKeys><listSize>5</listSize>', 'query'), seeded(), cfg, new Date());
  assert.match(r.body, /Key ref : unknown field/);
});

test('only the documented SOAP path answers: a wrong path is a 404 and nothing is saved', async () => {
  const sim = createSageX3Simulator({ users: { U: 'P' }, poolAlias: 'POOL1', accounts: [{ code: '625100' }, { code: '421000' }] });
  const { url } = await sim.start();
  try {
    const body = envelope(`<publicName>YGAS</publicName><objectXml>${esc(journal())}</objectXml>`);
    const headers = { authorization: `Basic ${Buffer.from('U:P').toString('base64')}`, 'content-type': 'text/xml' };
    const wrong = await fetch(`${url}/adxwsvc/services/CAdxWebServiceXmlCC`, { method: 'POST', headers, body });
    assert.equal(wrong.status, 404);
    assert.equal(sim.state.documentCount(), 0);
    const right = await fetch(url + SIM_SOAP_PATH, { method: 'POST', headers, body });
    assert.equal(right.status, 200);
    assert.equal(sim.state.documentCount(), 1);
  } finally {
    await sim.stop();
  }
});
