// SuiteTalk SOAP, only what receipts need: File Cabinet uploads and attaching a file to a transaction exist in
// SOAP (File record add/upsert, "attach / detach" section_N3481947) and not in the REST record service. Pure
// builders and parsers; the transport is soap-client.ts.
// Request-level token-based authentication (TokenPassport Complex Type, section_4395630653): account,
// consumerKey, token, nonce (6-64 alphanumerics), timestamp (Unix seconds) and a signature = base64
// HMAC-SHA256 of "account&consumerKey&token&nonce&timestamp" keyed with "consumerSecret&tokenSecret"
// (the same base string Oracle documents for the Connect token password, article_163240164565). SOAP never
// accepts OAuth 2.0 (netsuite.md §1a). Inferred: the values are joined without percent-encoding (Oracle's SOAP
// Java sample joins them as they are; NetSuite's keys and ids are hex/alphanumeric, where both forms agree).
import { createHash, createHmac } from 'node:crypto';
import { asArray, attrOf, buildXml, childOf, parseXml, textOf, type XmlNode } from '../xml';
import { NETSUITE_SYSTEM } from './schemas';

/**
 * The WSDL version of the endpoint (NetSuitePort_<version>, urn:*_<version>.*). Inferred: 2025_2, the newest
 * endpoint we know of; any endpoint still served accepts these operations, whose shape has not changed.
 */
export const SOAP_VERSION = '2025_2';

export const SOAP_NS = {
  soapenv: 'http://schemas.xmlsoap.org/soap/envelope/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  messages: `urn:messages_${SOAP_VERSION}.platform.webservices.netsuite.com`,
  core: `urn:core_${SOAP_VERSION}.platform.webservices.netsuite.com`,
  filecabinet: `urn:filecabinet_${SOAP_VERSION}.documents.webservices.netsuite.com`,
} as const;

/** The File Cabinet's documented limit per file (File Record Supported Operations, section_4443167525). */
export const NETSUITE_FILE_MAX_BYTES = 10 * 1024 * 1024;

export interface TokenPassportInput {
  /** The account id in NetSuite's own form (1234567_SB1). */
  account: string;
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
  nonce: string;
  /** Unix seconds. */
  timestamp: number;
}

export function passportSignature(p: TokenPassportInput): string {
  const base = [p.account, p.consumerKey, p.tokenId, p.nonce, String(p.timestamp)].join('&');
  return createHmac('sha256', `${p.consumerSecret}&${p.tokenSecret}`).update(base).digest('base64');
}

function passportNode(p: TokenPassportInput): XmlNode {
  return {
    'platformMsgs:tokenPassport': {
      'platformCore:account': p.account,
      'platformCore:consumerKey': p.consumerKey,
      'platformCore:token': p.tokenId,
      'platformCore:nonce': p.nonce,
      'platformCore:timestamp': String(p.timestamp),
      'platformCore:signature': { '@_algorithm': 'HMAC-SHA256', '#text': passportSignature(p) },
    },
  };
}

export type SoapOperation = 'upsert' | 'get' | 'attach' | 'update';

function envelope(op: SoapOperation, passport: TokenPassportInput, body: XmlNode): string {
  return buildXml({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_NS.soapenv,
      '@_xmlns:xsi': SOAP_NS.xsi,
      '@_xmlns:platformMsgs': SOAP_NS.messages,
      '@_xmlns:platformCore': SOAP_NS.core,
      '@_xmlns:docFileCab': SOAP_NS.filecabinet,
      'soapenv:Header': passportNode(passport),
      'soapenv:Body': { [`platformMsgs:${op}`]: body },
    },
  });
}

/** The record types a receipt is attached to (REST record ids; SOAP RecordRef types use the same names). */
export type AttachTarget = 'journalEntry' | 'vendorBill' | 'vendorCredit';

export interface ReceiptFileRecord {
  externalId: string;
  name: string;
  folderId: string;
  bytes: Uint8Array;
  description: string;
}

/** upsert of a File record under its external id: a repeat after a lost answer updates the same file. */
export function buildFileUpsert(passport: TokenPassportInput, f: ReceiptFileRecord): string {
  return envelope('upsert', passport, {
    'platformMsgs:record': {
      '@_xsi:type': 'docFileCab:File',
      '@_externalId': f.externalId,
      'docFileCab:name': f.name,
      'docFileCab:attachFrom': '_computer',
      'docFileCab:content': Buffer.from(f.bytes).toString('base64'),
      'docFileCab:folder': { '@_internalId': f.folderId },
      'docFileCab:description': f.description,
    },
  });
}

/** get of a File by its external id (the look-up before any re-send). */
export function buildFileGet(passport: TokenPassportInput, externalId: string): string {
  return envelope('get', passport, { 'platformMsgs:baseRef': { '@_xsi:type': 'platformCore:RecordRef', '@_type': 'file', '@_externalId': externalId } });
}

/** get of a File Cabinet folder by internal id (the connection test's check of the receipt folder). */
export function buildFolderGet(passport: TokenPassportInput, internalId: string): string {
  return envelope('get', passport, { 'platformMsgs:baseRef': { '@_xsi:type': 'platformCore:RecordRef', '@_type': 'folder', '@_internalId': internalId } });
}

/** update of a File's description only (the mark that the attach went through). */
export function buildFileDescriptionUpdate(passport: TokenPassportInput, internalId: string, description: string): string {
  return envelope('update', passport, { 'platformMsgs:record': { '@_xsi:type': 'docFileCab:File', '@_internalId': internalId, 'docFileCab:description': description } });
}

/**
 * attach with an AttachBasicReference (attachTo = the transaction, attachedRecord = the file). Oracle's sample
 * spells the element "attachReferece"; the WSDL's name, used here, is attachReference (so the toolkits generated
 * from the WSDL spell it, e.g. netsuite-php's AttachRequest).
 */
export function buildAttach(passport: TokenPassportInput, to: { type: AttachTarget; internalId: string }, fileInternalId: string): string {
  return envelope('attach', passport, {
    'platformMsgs:attachReference': {
      '@_xsi:type': 'platformCore:AttachBasicReference',
      'platformCore:attachTo': { '@_xsi:type': 'platformCore:RecordRef', '@_type': to.type, '@_internalId': to.internalId },
      'platformCore:attachedRecord': { '@_xsi:type': 'platformCore:RecordRef', '@_type': 'file', '@_internalId': fileInternalId },
    },
  });
}

export interface SoapStatusDetail {
  code: string;
  message: string;
}

/** A write or read answer: its status, the record reference or record it names. */
export type SoapResult =
  | { kind: 'ok'; internalId: string; externalId: string; record: XmlNode | null }
  | { kind: 'refused'; details: SoapStatusDetail[] }
  | { kind: 'fault'; code: string; message: string };

const RESPONSE: Record<SoapOperation, { wrapper: string; inner: string }> = {
  upsert: { wrapper: 'upsertResponse', inner: 'writeResponse' },
  update: { wrapper: 'updateResponse', inner: 'writeResponse' },
  attach: { wrapper: 'attachResponse', inner: 'writeResponse' },
  get: { wrapper: 'getResponse', inner: 'readResponse' },
};

/** Reads a SOAP answer: a Fault (sign-in refused, malformed request) or the operation's status and reference. */
export function parseSoapAnswer(text: string, op: SoapOperation): SoapResult {
  const { wrapper, inner } = RESPONSE[op];
  const doc = parseXml(text, { system: NETSUITE_SYSTEM, what: 'SOAP response', arrays: [`Envelope.Body.${wrapper}.${inner}.status.statusDetail`] });
  const body = childOf(childOf(doc, 'Envelope'), 'Body');
  const fault = childOf(body, 'Fault');
  if (fault) {
    const detail = childOf(fault, 'detail');
    const anyFault = detail ? Object.values(detail).find((v): v is XmlNode => !!v && typeof v === 'object') : undefined;
    return { kind: 'fault', code: textOf(anyFault?.code) || textOf(fault.faultcode), message: textOf(anyFault?.message) || textOf(fault.faultstring) };
  }
  const answer = childOf(childOf(body, wrapper), inner);
  const status = childOf(answer, 'status');
  if (!answer || !status) return { kind: 'fault', code: 'NO_ANSWER', message: `the answer holds no ${wrapper}/${inner} status` };
  if (attrOf(status, 'isSuccess') !== 'true') {
    const details = asArray<XmlNode>(status.statusDetail).map((d) => ({ code: textOf(d.code), message: textOf(d.message) }));
    return { kind: 'refused', details };
  }
  const ref = op === 'get' ? childOf(answer, 'record') : childOf(answer, 'baseRef');
  return { kind: 'ok', internalId: attrOf(ref, 'internalId'), externalId: attrOf(ref, 'externalId'), record: op === 'get' ? (ref ?? null) : null };
}

/** A field of a record read by get ('' when absent). */
export const recordField = (record: XmlNode | null, name: string): string => textOf(record?.[name]);

/**
 * The File's external id for one receipt of one posting: letters, digits and '-' only (NetSuite's external id
 * alphabet), derived from the posting key and the receipt's name so every retry and every install agrees.
 */
export function receiptExternalId(idempotencyKey: string, baseName: string): string {
  return `MLCR-${createHash('sha256').update(`${idempotencyKey}\n${baseName}`).digest('hex').slice(0, 32)}`;
}

/** The description a file carries once attached: findAttached trusts a file only when it says so. */
export const attachedMark = (type: AttachTarget, internalId: string): string => `attached to ${type} ${internalId}`;
