// X3 answers -> engine data: api1 resources, message classification, warnings, result numbers, SOAP envelopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../../main/core/adapters/xml';
import { isConnectorError } from '../../../main/core/errors';
import { buildSoapRequest, parseSoapResponse } from '../../../main/core/adapters/sage-x3/envelope';
import { classifyMessage, documentNumberFrom, matchQuery, messagesToReasons, messagesToWarnings, resourcesToReference, x3Active } from '../../../main/core/adapters/sage-x3/from-remote';

test('api1 resources map to reference items with active flags in every X3 form', () => {
  assert.deepEqual(resourcesToReference('account', [{ ACC: '625100', DES: 'Travel', ENAFLG: 2 }, { ACC: '606400', DES: 'Old', ENAFLG: 1 }, { DES: 'no code' }]), [
    { kind: 'account', dimensionType: '', code: '625100', name: 'Travel', active: true },
    { kind: 'account', dimensionType: '', code: '606400', name: 'Old', active: false },
  ]);
  assert.deepEqual(resourcesToReference('supplier', [{ BPSNUM: 'S1', BPSNAM: 'Hotel', ENAFLG: false }]), [{ kind: 'supplier', dimensionType: '', code: 'S1', name: 'Hotel', active: false }]);
  const cc = resourcesToReference('costCenter', [{ CCE: 'CC1', DIE: 'CCT', DES: 'Sales' }, { CCE: 'D1', DIE: 'DEP' }], { dimensions: [{ name: 'costCenter', x3Type: 'CCT' }] });
  assert.deepEqual(cc, [{ kind: 'dimension', dimensionType: 'costCenter', code: 'CC1', name: 'Sales', active: true }]);
  assert.deepEqual(['2', 'Yes', true, undefined, ''].map(x3Active), [true, true, true, true, true]);
  assert.deepEqual(['1', 'No', false, 'Inactive'].map(x3Active), [false, false, false, false]);
});

test('X3 error texts map onto hold codes with the offending value', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['Line 2 : Account 999999 : record does not exist', 'ACCOUNT_UNKNOWN', '999999'],
    ['Line 1 : Account 606400 : inactive record', 'ACCOUNT_INACTIVE', '606400'],
    ['Line 1 : Dimension CC99 : inactive record', 'DIMENSION_INACTIVE', 'CC99'],
    ['Cost center XX1 not found', 'DIMENSION_UNKNOWN', 'XX1'],
    ['Supplier SUP900 : inactive record', 'PARTNER_INACTIVE', 'SUP900'],
    ['Line 2 : Business partner EMP404 : record does not exist', 'PARTNER_UNKNOWN', 'EMP404'],
    ['Unbalanced entry : debit 10.00 credit 9.00', 'UNBALANCED', undefined],
    ['Accounting date 20240131 : period 2024-01 is closed', 'PERIOD_CLOSED', undefined],
    ['Closed period', 'PERIOD_CLOSED', undefined],
    ['Tax rule missing for this site', 'ERP_REJECTED', undefined],
  ];
  for (const [text, code, subject] of cases) {
    const got = classifyMessage(text);
    assert.equal(got.code, code, text);
    assert.equal(got.subject, subject, text);
  }
});

test('only type-3 messages become reasons; types 1 and 2 are warnings', () => {
  const msgs = [
    { type: '1', message: 'Entry created' },
    { type: '2', message: 'Budget exceeded' },
    { type: '3', message: 'Line 2 : Account 1 : record does not exist' },
  ];
  const reasons = messagesToReasons(msgs, (n) => (n === 2 ? 'src-b' : undefined));
  assert.deepEqual(reasons, [{ code: 'ACCOUNT_UNKNOWN', message: 'Line 2 : Account 1 : record does not exist', subject: '1', lineId: 'src-b' }]);
  assert.deepEqual(messagesToWarnings(msgs), ['Entry created', 'Budget exceeded']);
  assert.equal(messagesToReasons([])[0]?.code, 'ERP_REJECTED');
  assert.match(messagesToReasons([{ type: '2', message: 'odd' }])[0]?.message ?? '', /odd/);
});

test('the document number is read from resultXml; a missing one is an uncertain protocol error', () => {
  const xml = '<RESULT><GRP ID="GAS0_1"><FLD NAME="TYP" TYPE="Char">ODEXP</FLD><FLD NAME="NUM" TYPE="Char">ODEXP0000042</FLD></GRP></RESULT>';
  assert.equal(documentNumberFrom(xml, 'NUM'), 'ODEXP0000042');
  assert.throws(() => documentNumberFrom('<RESULT><GRP ID="X"/></RESULT>', 'NUM'), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && e.uncertain);
});

test('query answers: rows must carry the key; rows without the reference field are trusted only when single', () => {
  const row = (num: string, ref?: string) => `<LIN NUM="1"><FLD NAME="NUM">${num}</FLD>${ref ? `<FLD NAME="REF">${ref}</FLD>` : ''}</LIN>`;
  const q = (rows: string) => `<RESULT><TAB ID="T" SIZE="2">${rows}</TAB></RESULT>`;
  assert.deepEqual(matchQuery(q(row('A1', 'K1') + row('A2', 'K2')), 'REF', 'NUM', 'K2'), ['A2']);
  assert.deepEqual(matchQuery(q(row('A1', 'K1')), 'REF', 'NUM', 'K9'), []);
  assert.deepEqual(matchQuery(q(row('A1')), 'REF', 'NUM', 'K1'), ['A1']);
  assert.deepEqual(matchQuery('', 'REF', 'NUM', 'K1'), []);
  assert.deepEqual(matchQuery(q(''), 'REF', 'NUM', 'K1'), []);
  assert.throws(() => matchQuery(q(row('A1') + row('A2')), 'REF', 'NUM', 'K1'), /query criterion/);
});

test('SOAP request: RPC/encoded save with the callContext and objectXml as escaped text', () => {
  const xml = buildSoapRequest('save', { codeLang: 'ENG', poolAlias: 'P1', poolId: '', requestConfig: 'adxwss.optreturn=XML' }, 'YGAS', { objectXml: '<PARAM><GRP ID="A"/></PARAM>' });
  assert.match(xml, /<wss:save soapenv:encodingStyle="http:\/\/schemas.xmlsoap.org\/soap\/encoding\/">/);
  assert.match(xml, /xmlns:wss="http:\/\/www.adonix.com\/WSS"/);
  assert.match(xml, /<callContext xsi:type="wss:CAdxCallContext"><codeLang xsi:type="xsd:string">ENG<\/codeLang><poolAlias xsi:type="xsd:string">P1<\/poolAlias><poolId xsi:type="xsd:string"><\/poolId><requestConfig xsi:type="xsd:string">adxwss.optreturn=XML<\/requestConfig><\/callContext>/);
  assert.match(xml, /<objectXml xsi:type="xsd:string">&lt;PARAM&gt;&lt;GRP ID=&quot;A&quot;\/&gt;&lt;\/PARAM&gt;<\/objectXml>/);
  const q = buildSoapRequest('query', { codeLang: 'ENG', poolAlias: 'P1', poolId: '', requestConfig: '' }, 'YGAS', { objectKeys: [{ key: 'REF', value: 'K&1' }], listSize: 5 });
  assert.match(q, /<objectKeys xsi:type="soapenc:Array" soapenc:arrayType="wss:CAdxParamKeyValue\[1\]"><item xsi:type="wss:CAdxParamKeyValue"><key xsi:type="xsd:string">REF<\/key><value xsi:type="xsd:string">K&amp;1<\/value><\/item><\/objectKeys><listSize xsi:type="xsd:int">5<\/listSize>/);
});

test('SOAP response: inline, single message, multiRef/href and Fault shapes are all read', () => {
  const inline = `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns1:saveResponse xmlns:ns1="http://www.adonix.com/WSS"><saveReturn><messages><messages><message>Only one</message><type>2</type></messages></messages><resultXml>&lt;RESULT/&gt;</resultXml><status>1</status></saveReturn></ns1:saveResponse></soapenv:Body></soapenv:Envelope>`;
  assert.deepEqual(parseSoapResponse(inline, 'save'), { kind: 'result', result: { status: 1, messages: [{ type: '2', message: 'Only one' }], resultXml: '<RESULT/>' } });
  const multiRef = `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><q:queryResponse xmlns:q="x"><queryReturn href="#id0"/></q:queryResponse><multiRef id="id0"><messages href="#id1"/><resultXml><![CDATA[<RESULT></RESULT>]]></resultXml><status>0</status></multiRef><multiRef id="id1"><item href="#id2"/></multiRef><multiRef id="id2"><message>Nope</message><type>3</type></multiRef></e:Body></e:Envelope>`;
  assert.deepEqual(parseSoapResponse(multiRef, 'query'), { kind: 'result', result: { status: 0, messages: [{ type: '3', message: 'Nope' }], resultXml: '<RESULT></RESULT>' } });
  const fault = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Pool alias X not found</faultstring></s:Fault></s:Body></s:Envelope>`;
  assert.deepEqual(parseSoapResponse(fault, 'save'), { kind: 'fault', code: 's:Server', message: 'Pool alias X not found' });
  assert.throws(() => parseSoapResponse('<soapenv:Envelope><soapenv:Body>', 'save'), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL');
  assert.throws(() => parseSoapResponse('<a><b>1</b></a>', 'save'), /SOAP body/);
});

test('parseXml keeps one-element lists as arrays on the declared paths and text as text', () => {
  const doc = parseXml('<R><T><L><F>007</F></L></T></R>', { system: 'X', arrays: ['R.T.L', '*.T.L.F'] });
  assert.deepEqual(doc, { R: { T: { L: [{ F: ['007'] }] } } });
  assert.throws(() => parseXml('<R><T></R>', { system: 'Sage X3', what: 'answer' }), /Sage X3 sent a malformed answer/);
});
