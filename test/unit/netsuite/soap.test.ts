// The pure SOAP pieces of NetSuite receipts: the TokenPassport signature (Oracle's documented base string and
// key), the request envelopes (read back with a plain parser, not the builder's own), the answer parser for
// success, refusal and Fault, and the external id / file name a receipt gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { buildAttach, buildFileDescriptionUpdate, buildFileGet, buildFileUpsert, parseSoapAnswer, passportSignature, receiptExternalId, recordField, SOAP_NS, type TokenPassportInput } from '../../../main/core/adapters/netsuite/soap';
import { cabinetName } from '../../../main/core/adapters/netsuite/attachments';
import { faultError, soapUrl } from '../../../main/core/adapters/netsuite/soap-client';
import { netsuiteReceiptGap, netsuiteSoapGap } from '../../../shared/receipt-gaps';
import { isConnectorError } from '../../../main/core/errors';

const P: TokenPassportInput = { account: '1234567', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'tk', tokenSecret: 'ts', nonce: 'abcdef123456', timestamp: 1439829974 };
/** The request read back by a plain parser; `at(path)` walks it by '/'-separated names and answers the value. */
function read(xml: string): (path: string) => unknown {
  const doc: unknown = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(xml);
  return (path) => path.split('/').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

test('the passport signature is base64 HMAC-SHA256 of account&consumerKey&token&nonce&timestamp with key consumerSecret&tokenSecret', () => {
  const expected = createHmac('sha256', 'cs&ts').update('1234567&ck&tk&abcdef123456&1439829974').digest('base64');
  assert.equal(passportSignature(P), expected);
  assert.notEqual(passportSignature({ ...P, nonce: 'abcdef123457' }), expected);
});

test('the upsert envelope carries the passport in the header and a File with externalId, name, folder, base64 content', () => {
  const xml = buildFileUpsert(P, { externalId: 'MLCR-1', name: 'r.pdf', folderId: '512', bytes: new Uint8Array([1, 2, 3]), description: 'Receipt of K' });
  const at = read(xml);
  assert.equal(at('soapenv:Envelope/@xmlns:docFileCab'), SOAP_NS.filecabinet);
  const pass = 'soapenv:Envelope/soapenv:Header/platformMsgs:tokenPassport/platformCore:';
  assert.equal(at(`${pass}account`), '1234567');
  assert.equal(at(`${pass}token`), 'tk');
  assert.equal(at(`${pass}signature/@algorithm`), 'HMAC-SHA256');
  assert.equal(at(`${pass}signature/#text`), passportSignature(P));
  assert.ok(!xml.includes('>cs<') && !xml.includes('>ts<') && !xml.includes('cs&amp;ts'), 'no secret travels');
  const rec = 'soapenv:Envelope/soapenv:Body/platformMsgs:upsert/platformMsgs:record/';
  assert.equal(at(`${rec}@xsi:type`), 'docFileCab:File');
  assert.equal(at(`${rec}@externalId`), 'MLCR-1');
  assert.equal(at(`${rec}docFileCab:name`), 'r.pdf');
  assert.equal(at(`${rec}docFileCab:attachFrom`), '_computer');
  assert.equal(at(`${rec}docFileCab:folder/@internalId`), '512');
  assert.equal(at(`${rec}docFileCab:content`), 'AQID');
});

test('get, update and attach envelopes name what they act on', () => {
  const get = read(buildFileGet(P, 'MLCR-1'));
  const ref = 'soapenv:Envelope/soapenv:Body/platformMsgs:get/platformMsgs:baseRef/';
  assert.deepEqual([get(`${ref}@type`), get(`${ref}@externalId`)], ['file', 'MLCR-1']);
  const upd = read(buildFileDescriptionUpdate(P, '77', 'x & y'));
  const rec = 'soapenv:Envelope/soapenv:Body/platformMsgs:update/platformMsgs:record/';
  assert.deepEqual([upd(`${rec}@internalId`), upd(`${rec}docFileCab:description`)], ['77', 'x & y']);
  const att = read(buildAttach(P, { type: 'vendorBill', internalId: '1001' }, '77'));
  const a = 'soapenv:Envelope/soapenv:Body/platformMsgs:attach/platformMsgs:attachReference/';
  assert.equal(att(`${a}@xsi:type`), 'platformCore:AttachBasicReference');
  assert.deepEqual([att(`${a}platformCore:attachTo/@type`), att(`${a}platformCore:attachTo/@internalId`)], ['vendorBill', '1001']);
  assert.deepEqual([att(`${a}platformCore:attachedRecord/@type`), att(`${a}platformCore:attachedRecord/@internalId`)], ['file', '77']);
});

const wrap = (body: string) => `<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:core"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

test('answers: success with its reference, a refusal with its details, a Fault with its code', () => {
  const ok = parseSoapAnswer(wrap('<upsertResponse><writeResponse><c:status isSuccess="true"/><baseRef internalId="77" externalId="MLCR-1" type="file"/></writeResponse></upsertResponse>'), 'upsert');
  assert.deepEqual(ok, { kind: 'ok', internalId: '77', externalId: 'MLCR-1', record: null });
  const got = parseSoapAnswer(wrap('<getResponse><readResponse><c:status isSuccess="true"/><record internalId="77"><name>r.pdf</name><description>attached to vendorBill 9</description></record></readResponse></getResponse>'), 'get');
  assert.equal(got.kind === 'ok' && recordField(got.record, 'description'), 'attached to vendorBill 9');
  const no = parseSoapAnswer(wrap('<getResponse><readResponse><c:status isSuccess="false"><c:statusDetail type="ERROR"><c:code>RCRD_DSNT_EXIST</c:code><c:message>That record does not exist.</c:message></c:statusDetail></c:status></readResponse></getResponse>'), 'get');
  assert.deepEqual(no, { kind: 'refused', details: [{ code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' }] });
  const f = parseSoapAnswer(wrap('<soapenv:Fault><faultcode>soapenv:Server.userException</faultcode><faultstring>Invalid login attempt.</faultstring><detail><x:invalidCredentialsFault xmlns:x="urn:f"><x:code>INVALID_LOGIN_ATTEMPT</x:code><x:message>Invalid login attempt.</x:message></x:invalidCredentialsFault></detail></soapenv:Fault>'), 'attach');
  assert.deepEqual(f, { kind: 'fault', code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' });
  assert.equal(parseSoapAnswer(wrap('<attachResponse/>'), 'attach').kind, 'fault');
  assert.throws(() => parseSoapAnswer('<!DOCTYPE x [<!ENTITY a "b">]><x/>', 'get'), (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL');
});

test('a receipt gets one external id per posting and name (NetSuite external id alphabet), and a file name tagged with it', () => {
  const a = receiptExternalId('MLC-K1', 'concur-report-R1');
  assert.match(a, /^MLCR-[0-9a-f]{32}$/);
  assert.equal(receiptExternalId('MLC-K1', 'concur-report-R1'), a);
  assert.notEqual(receiptExternalId('MLC-K2', 'concur-report-R1'), a);
  assert.equal(cabinetName('concur-report-R1.pdf', a), `concur-report-R1-${a.slice(5, 13)}.pdf`);
});

test('the SOAP endpoint follows the REST override or the account host; OAuth 2.0 alone cannot upload', () => {
  assert.equal(soapUrl({ accountId: '1234567_SB1', restUrl: 'http://127.0.0.1:9/services/rest' }), 'http://127.0.0.1:9/services/NetSuitePort_2025_2');
  assert.equal(soapUrl({ accountId: '1234567_SB1', restUrl: null }), 'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2');
  assert.match(netsuiteSoapGap({ auth: 'oauth2', consumerKey: '', tokenId: '' })!, /only over SuiteTalk SOAP, which does not accept OAuth 2\.0/);
  assert.equal(netsuiteSoapGap({ auth: 'oauth2', consumerKey: 'ck', tokenId: 'tk' }), null);
  assert.match(netsuiteSoapGap({ auth: 'tba', consumerKey: '', tokenId: 'tk' })!, /consumer key and token ID/);
  assert.match(netsuiteReceiptGap({ auth: 'tba', consumerKey: 'ck', tokenId: 'tk', receiptFolderId: '' })!, /no File Cabinet folder is set/);
  assert.equal(netsuiteReceiptGap({ auth: 'tba', consumerKey: 'ck', tokenId: 'tk', receiptFolderId: '512' }), null);
  assert.match(netsuiteReceiptGap({ auth: 'oauth2', consumerKey: '', tokenId: '', receiptFolderId: '512' })!, /does not accept OAuth 2\.0/, 'the sign-in is said first');
});

test('Faults: a refused sign-in forgets the secrets and is final; a blocked request is retried; a server error on a write is uncertain', () => {
  let forgot = 0;
  const forget = () => void forgot++;
  const login = faultError({ code: 'INVALID_LOGIN_ATTEMPT', message: 'Invalid login attempt.' }, 'upsert', true, 500, forget);
  assert.deepEqual([login.code, login.retryable, forgot], ['AUTH_FAILED', false, 1]);
  const blocked = faultError({ code: 'WS_REQUEST_BLOCKED', message: 'SuiteTalk concurrent request limit exceeded. Request blocked.' }, 'attach', true, 500, forget);
  assert.deepEqual([blocked.code, blocked.retryable, blocked.uncertain], ['RATE_LIMITED', true, false]);
  const unexpectedWrite = faultError({ code: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred.' }, 'upsert', true, 500, forget);
  assert.deepEqual([unexpectedWrite.retryable, unexpectedWrite.uncertain], [true, true]);
  assert.equal(faultError({ code: 'UNEXPECTED_ERROR', message: '' }, 'get', false, 500, forget).uncertain, false);
  const other = faultError({ code: 'INVALID_REQUEST', message: 'Invalid element color in File.' }, 'upsert', true, 500, forget);
  assert.deepEqual([other.code, other.retryable, other.uncertain, forgot], ['REMOTE_PROTOCOL', false, false, 1]);
});
