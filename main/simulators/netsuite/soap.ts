// SuiteTalk SOAP for the simulator, the operations receipts use: upsert / update / get of a File record and
// attach of a file to a transaction. Its own XML reading (fast-xml-parser set up here). Every request must
// carry a valid TokenPassport (HMAC-SHA256 over account&consumerKey&token&nonce&timestamp, key consumerSecret&
// tokenSecret, timestamp within 5 minutes); OAuth 2.0 is never accepted. Unknown elements, a missing or unknown
// folder, a file over the File Cabinet's 10 MB, a record or file that does not exist are refused the way the
// help describes (codes marked inferred where the help names none).
import { createHmac } from 'node:crypto';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { NetSuiteSimState, SimRecordType } from './state';

export const SOAP_PATH = /^\/services\/NetSuitePort_(\d{4}_\d)$/;

type Node = Record<string, unknown>;
export type SoapReply = { status: number; xml: string; op: string | null; committed: boolean };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true });
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', suppressEmptyNode: true, suppressBooleanAttributes: false });

const obj = (v: unknown): Node | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : v === '' ? {} : undefined);
const text = (v: unknown): string => (typeof v === 'string' ? v : obj(v) && typeof obj(v)!['#text'] === 'string' ? (obj(v)!['#text'] as string) : '');
const elements = (n: Node) => Object.keys(n).filter((k) => !k.startsWith('@') && k !== '#text');

function envelope(version: string, body: Node): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ 'soapenv:Envelope': { '@xmlns:soapenv': 'http://schemas.xmlsoap.org/soap/envelope/', '@xmlns:platformCore': `urn:core_${version}.platform.webservices.netsuite.com`, 'soapenv:Body': body } }) as string}`;
}

function faultXml(version: string, kind: string, code: string, message: string): string {
  return envelope(version, { 'soapenv:Fault': { faultcode: 'soapenv:Server.userException', faultstring: message, detail: { [`platformFaults:${kind}`]: { '@xmlns:platformFaults': `urn:faults_${version}.platform.webservices.netsuite.com`, 'platformFaults:code': code, 'platformFaults:message': message } } } });
}

function fault(version: string, code: string, message: string): SoapReply {
  return { status: 500, op: null, committed: false, xml: faultXml(version, code === 'INVALID_LOGIN_ATTEMPT' ? 'invalidCredentialsFault' : 'invalidRequestFault', code, message) };
}

/** The answer to a SOAP request beyond the account's concurrency limit (TBA requests: WS_REQUEST_BLOCKED). */
export const concurrencyFault = (version: string): string => faultXml(version, 'exceededConcurrentRequestLimitFault', 'WS_REQUEST_BLOCKED', 'SuiteTalk concurrent request limit exceeded. Request blocked.');

function answer(version: string, op: string, inner: 'writeResponse' | 'readResponse', ok: { ref?: Node; record?: Node } | { code: string; message: string }): SoapReply {
  const status = 'code' in ok ? { 'platformCore:status': { '@isSuccess': 'false', 'platformCore:statusDetail': { '@type': 'ERROR', 'platformCore:code': ok.code, 'platformCore:message': ok.message } } } : { 'platformCore:status': { '@isSuccess': 'true' } };
  const rest = 'code' in ok ? {} : ok.ref ? { baseRef: ok.ref } : ok.record ? { record: ok.record } : {};
  return { status: 200, op, committed: !('code' in ok) && op !== 'get', xml: envelope(version, { [`${op}Response`]: { '@xmlns': `urn:messages_${version}.platform.webservices.netsuite.com`, [inner]: { ...status, ...rest } } }) };
}

/** The passport check, independent of the connector's signer. */
function passportError(state: NetSuiteSimState, header: Node | undefined, realm: string): string | null {
  const p = obj(header?.tokenPassport);
  if (!p) return 'no tokenPassport in the SOAP header (SOAP takes token-based authentication only)';
  const [account, consumerKey, token, nonce, timestamp] = ['account', 'consumerKey', 'token', 'nonce', 'timestamp'].map((k) => text(p[k]));
  const sig = obj(p.signature);
  if (account !== realm) return `account ${account} is not this account`;
  if (!/^[A-Za-z0-9]{6,64}$/.test(nonce!)) return 'the nonce must be 6-64 letters and digits';
  if (!/^\d+$/.test(timestamp!) || Math.abs(Number(timestamp) * 1000 - state.now()) > 300_000) return 'the timestamp is outside the 5-minute window';
  if (text(sig?.['@algorithm']) !== 'HMAC-SHA256') return 'the signature algorithm must be HMAC-SHA256';
  const tok = state.tbaTokens.find((t) => t.consumerKey === consumerKey && t.tokenId === token);
  if (!tok) return 'unknown consumer key or token';
  const expected = createHmac('sha256', `${tok.consumerSecret}&${tok.tokenSecret}`).update([account, consumerKey, token, nonce, timestamp].join('&')).digest('base64');
  return expected === text(sig) ? null : 'the signature does not match';
}

const FILE_FIELDS = new Set(['name', 'attachFrom', 'content', 'folder', 'description', 'fileType', 'mediaTypeName', 'isInactive', 'isOnline']);
const ATTACH_TARGETS = new Set<SimRecordType>(['journalEntry', 'vendorBill', 'vendorCredit']);
const OPS = new Set(['upsert', 'update', 'get', 'attach']);

/** Answers one SOAP POST. */
export function handleSoap(state: NetSuiteSimState, version: string, soapAction: string, xml: string, realm: string): SoapReply {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml) || XMLValidator.validate(xml) !== true) return fault(version, 'INVALID_REQUEST', 'The request is not well-formed XML.');
  const env = obj(obj(parser.parse(xml) as Node)?.Envelope);
  const body = obj(env?.Body);
  const ops = body ? elements(body) : [];
  const op = ops[0];
  if (!op || ops.length !== 1 || !OPS.has(op)) return fault(version, 'INVALID_REQUEST', `Unsupported or missing operation ${ops.join(', ') || '(none)'}.`);
  if (soapAction.replace(/"/g, '') !== op) return fault(version, 'INVALID_REQUEST', `SOAPAction ${soapAction || '(none)'} does not name the operation ${op}.`);
  const why = passportError(state, obj(env?.Header), realm);
  if (why) return fault(version, 'INVALID_LOGIN_ATTEMPT', `Invalid login attempt. (${why})`);
  const req = obj(body![op])!;
  if (op === 'get') return get(state, version, req);
  if (op === 'attach') return attach(state, version, req);
  return writeFile(state, version, op, req);
}

function get(state: NetSuiteSimState, version: string, req: Node): SoapReply {
  const ref = obj(req.baseRef);
  if (!ref || elements(req).some((e) => e !== 'baseRef')) return fault(version, 'INVALID_REQUEST', 'get takes one baseRef.');
  if (text(ref['@type']) === 'folder') {
    const folder = state.folders.get(text(ref['@internalId']));
    if (!folder) return answer(version, 'get', 'readResponse', { code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' });
    return answer(version, 'get', 'readResponse', { record: { '@internalId': text(ref['@internalId']), name: folder.name } });
  }
  if (text(ref['@type']) !== 'file') return fault(version, 'INVALID_REQUEST', `The simulator reads only file and folder records by get, not ${text(ref['@type'])}.`);
  const f = text(ref['@externalId']) ? state.fileByExternalId(text(ref['@externalId'])) : state.files.get(text(ref['@internalId']));
  if (!f) return answer(version, 'get', 'readResponse', { code: 'RCRD_DSNT_EXIST', message: 'That record does not exist.' });
  return answer(version, 'get', 'readResponse', { record: { '@internalId': f.id, ...(f.externalId ? { '@externalId': f.externalId } : {}), name: f.name, folder: { '@internalId': f.folder }, fileSize: String(f.bytes.byteLength), description: f.description, content: f.bytes.toString('base64') } });
}

function writeFile(state: NetSuiteSimState, version: string, op: string, req: Node): SoapReply {
  const rec = obj(req.record);
  if (!rec || elements(req).some((e) => e !== 'record')) return fault(version, 'INVALID_REQUEST', `${op} takes one record.`);
  if (!/(^|:)File$/.test(text(rec['@type']))) return fault(version, 'INVALID_REQUEST', `The simulator writes only File records, not ${text(rec['@type']) || '(no xsi:type)'}.`);
  const unknown = elements(rec).find((e) => !FILE_FIELDS.has(e));
  if (unknown) return fault(version, 'INVALID_REQUEST', `Invalid element ${unknown} in File.`);
  const refuse = (code: string, message: string) => answer(version, op, 'writeResponse', { code, message });
  const ref = (id: string, eid: string | null) => ({ ref: { '@internalId': id, '@type': 'file', ...(eid ? { '@externalId': eid } : {}) } });
  if (op === 'update') {
    const f = state.files.get(text(rec['@internalId']));
    if (!f) return refuse('RCRD_DSNT_EXIST', 'That record does not exist.');
    if (rec.content !== undefined || rec.folder !== undefined || rec.name !== undefined) return fault(version, 'INVALID_REQUEST', 'The simulator updates only the description of a file.');
    if (rec.description !== undefined) f.description = text(rec.description);
    f.updates++;
    return answer(version, op, 'writeResponse', ref(f.id, f.externalId));
  }
  const externalId = text(rec['@externalId']);
  if (!externalId) return refuse('USER_ERROR', 'upsert needs an externalId.');
  const name = text(rec.name);
  if (!name) return refuse('USER_ERROR', 'Please enter value(s) for: Name');
  if (!['_computer', '_web'].includes(text(rec.attachFrom))) return refuse('USER_ERROR', 'Please enter value(s) for: Attach From');
  const folder = text(obj(rec.folder)?.['@internalId']);
  if (!folder) return refuse('USER_ERROR', 'Please enter value(s) for: Folder');
  if (!state.folders.has(folder)) return refuse('INVALID_KEY_OR_REF', `Invalid folder reference key ${folder}.`);
  const content = text(rec.content);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) return refuse('USER_ERROR', 'The file content is not base64.');
  const bytes = Buffer.from(content, 'base64');
  // The refusal's code is not documented (inferred); the 10 MB limit is.
  if (bytes.byteLength > state.fileMaxBytes) return refuse('MAX_FILE_SIZE_EXCEEDED', `The file is ${bytes.byteLength} bytes; the File Cabinet takes files up to ${state.fileMaxBytes} bytes.`);
  const clash = [...state.files.values()].find((f) => f.folder === folder && f.name === name && f.externalId !== externalId);
  // Names are unique within a folder (inferred code and text).
  if (clash) return refuse('USER_ERROR', `A file named ${name} already exists in folder ${folder}.`);
  const { file } = state.upsertFile(externalId, { name, folder, bytes, description: text(rec.description) });
  return answer(version, op, 'writeResponse', ref(file.id, file.externalId));
}

function attach(state: NetSuiteSimState, version: string, req: Node): SoapReply {
  const ref = obj(req.attachReference);
  if (!ref || elements(req).some((e) => e !== 'attachReference')) return fault(version, 'INVALID_REQUEST', 'attach takes one attachReference.');
  if (!/(^|:)AttachBasicReference$/.test(text(ref['@type']))) return fault(version, 'INVALID_REQUEST', 'A file is attached with an AttachBasicReference.');
  const unknown = elements(ref).find((e) => e !== 'attachTo' && e !== 'attachedRecord');
  if (unknown) return fault(version, 'INVALID_REQUEST', `Invalid element ${unknown} in AttachBasicReference.`);
  const to = obj(ref.attachTo);
  const what = obj(ref.attachedRecord);
  const refuse = (message: string) => answer(version, 'attach', 'writeResponse', { code: 'USER_ERROR', message });
  const type = text(to?.['@type']) as SimRecordType;
  const record = state.transactions.get(text(to?.['@internalId']));
  // "A user error is thrown if you attempt to attach files or records that do not exist" (section_N3481947).
  if (!ATTACH_TARGETS.has(type) || !record || record.type !== type) return refuse(`The record ${type || '(no type)'} ${text(to?.['@internalId'])} to attach to does not exist.`);
  const fileId = text(what?.['@internalId']);
  if (text(what?.['@type']) !== 'file' || !state.files.has(fileId)) return refuse(`The file ${fileId} to attach does not exist.`);
  // The relation is a set: attaching the same file again leaves one attachment (inferred).
  if (!state.attachments.some((a) => a.recordId === record.id && a.fileId === fileId)) state.attachments.push({ recordType: type, recordId: record.id, fileId });
  return answer(version, 'attach', 'writeResponse', { ref: { '@internalId': record.id, '@type': type } });
}
