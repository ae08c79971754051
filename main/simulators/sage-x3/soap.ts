// The simulator's CAdxWebServiceXmlCC endpoint: reads the RPC/encoded request with its own XML code,
// refuses a part given twice or a part the operation does not have (SOAP Fault, HTTP 500), runs save /
// query / read against the state, and answers with a CAdxResultXml.
import { saveJournal, saveSupplierInvoice } from './books';
import { readObject, writeObject, type SimMessage } from './object-xml';
import { journalLayout, supplierInvoiceLayout, type SimJournalFields, type SimSupplierInvoiceFields } from './published';
import type { SageX3SimState, StoredDocument } from './state';
import { child, el, readXml, repeated, type XNode } from './wire';

export interface SoapConfig {
  journalPublicName: string;
  supplierInvoicePublicName: string;
  journal: SimJournalFields;
  supplierInvoice: SimSupplierInvoiceFields;
  /** Extra type-2 message added to every successful save (to exercise warnings). */
  warnOnSave: string | null;
  /** The customer's control refusing a second document with the same reference (off by default, as in X3). */
  uniqueReference?: boolean;
  /** Queries fail with this message (fault injection). */
  failQueries?: string | null;
}

export interface SoapReply {
  status: number;
  body: string;
  /** Set when a save committed: the caller may drop the connection instead of answering. */
  committed?: boolean;
  op?: string;
}

const NS = {
  'xmlns:soapenv': 'http://schemas.xmlsoap.org/soap/envelope/',
  'xmlns:soapenc': 'http://schemas.xmlsoap.org/soap/encoding/',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
};
const WSS = 'http://www.adonix.com/WSS';
const env = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>${el('soapenv:Envelope', NS, { xml: [el('soapenv:Body', {}, { xml: [body] })] })}`;

export function soapFault(code: string, message: string): SoapReply {
  return { status: 500, body: env(el('soapenv:Fault', {}, { xml: [el('faultcode', {}, { text: `soapenv:${code}` }), el('faultstring', {}, { text: message })] })) };
}

function result(op: string, status: number, messages: SimMessage[], resultXml: string): SoapReply {
  const s = (name: string, v: string) => el(name, { 'xsi:type': 'xsd:string' }, { text: v });
  const items = messages.map((m) => el('item', { 'xsi:type': 'wss:CAdxMessage' }, { xml: [s('message', m.message), s('type', m.type)] }));
  const ret = el(`${op}Return`, { 'xsi:type': 'wss:CAdxResultXml' }, {
    xml: [
      el('messages', { 'xsi:type': 'soapenc:Array', 'soapenc:arrayType': `wss:CAdxMessage[${messages.length}]` }, { xml: items }),
      s('resultXml', resultXml),
      el('status', { 'xsi:type': 'xsd:int' }, { text: String(status) }),
      el('technicalInfos', { 'xsi:type': 'wss:CAdxTechnicalInfos' }, { xml: [el('busy', {}, { text: 'false' }), el('poolExecDuration', {}, { text: '1' }), el('totalDuration', {}, { text: '1' })] }),
    ],
  });
  return { status: 200, op, body: env(el(`wss:${op}Response`, { 'xmlns:wss': WSS, 'soapenv:encodingStyle': NS['xmlns:soapenc'] }, { xml: [ret] })) };
}

/** The parts (accessors) each operation of the WSDL takes. */
const PARTS: Record<string, string[]> = {
  save: ['callContext', 'publicName', 'objectXml'],
  query: ['callContext', 'publicName', 'objectKeys', 'listSize'],
  read: ['callContext', 'publicName', 'objectKeys'],
  delete: ['callContext', 'publicName', 'objectKeys'],
};
const CONTEXT_PARTS = ['codeLang', 'poolAlias', 'poolId', 'requestConfig', 'codeUser', 'password'];

function documentXml(doc: StoredDocument, headerBlock: string, linesBlock: string): string {
  return writeObject({ id: headerBlock, fields: doc.header }, { id: linesBlock, rows: doc.lines });
}

export function handleSoap(xml: string, state: SageX3SimState, cfg: SoapConfig, now: Date): SoapReply {
  let root: XNode;
  try {
    root = readXml(xml);
  } catch (e) {
    return soapFault('Client', `Malformed SOAP request: ${(e as Error).message}`);
  }
  const body = root.name === 'Envelope' ? child(root, 'Body') : undefined;
  if (!body) return soapFault('Client', 'SOAP request without Envelope/Body');
  const call = body.children[0];
  if (!call || body.children.length > 1) return soapFault('Client', 'SOAP body must hold exactly one operation');
  const op = call.name;
  const parts = PARTS[op];
  if (!parts) return soapFault('Server', `Operation ${op} is not supported by the simulator`);
  const names = call.children.map((c) => c.name);
  const twice = repeated(names);
  if (twice.length) return soapFault('Client', `Part ${twice.join(', ')} given more than once in ${op}`);
  const unknown = names.filter((n) => !parts.includes(n));
  if (unknown.length) return soapFault('Client', `Unknown part ${unknown.join(', ')} in ${op}`);
  const cc = child(call, 'callContext');
  const ccNames = cc?.children.map((c) => c.name) ?? [];
  if (repeated(ccNames).length || ccNames.some((n) => !CONTEXT_PARTS.includes(n))) return soapFault('Client', 'Malformed callContext');
  const pool = child(cc, 'poolAlias')?.text ?? '';
  if (pool !== state.poolAlias) return soapFault('Server', `Pool alias "${pool}" not found`);
  const publicName = child(call, 'publicName')?.text ?? '';
  const kind = publicName === cfg.journalPublicName ? 'journal' : publicName === cfg.supplierInvoicePublicName ? 'supplier_invoice' : null;
  if (!kind) return result(op, 0, [{ type: '3', message: `Web service ${publicName} not published` }], '');
  const f = kind === 'journal' ? cfg.journal : cfg.supplierInvoice;

  if (op === 'save') {
    const parsed = readObject(child(call, 'objectXml')?.text ?? '', kind === 'journal' ? journalLayout(cfg.journal) : supplierInvoiceLayout(cfg.supplierInvoice));
    if (!parsed.ok) return result(op, 0, parsed.messages, '');
    const ref = parsed.obj.header.get(f.reference) ?? '';
    if (cfg.uniqueReference && ref && state.findByReference(ref).some((d) => d.publicName === publicName)) {
      return result(op, 0, [{ type: '3', message: `${f.reference} ${ref} : Record already exists` }], '');
    }
    const out = kind === 'journal' ? saveJournal(state, parsed.obj, cfg.journal, publicName, now) : saveSupplierInvoice(state, parsed.obj, cfg.supplierInvoice, publicName, now);
    if (!out.ok) return result(op, 0, out.messages, '');
    const msgs = cfg.warnOnSave ? [{ type: '2', message: cfg.warnOnSave }] : [];
    return { ...result(op, 1, msgs, documentXml(out.doc, f.headerBlock, f.linesBlock)), committed: true };
  }

  if (op === 'query' && cfg.failQueries) return result(op, 0, [{ type: '3', message: cfg.failQueries }], '');
  const keys = child(call, 'objectKeys')?.children.map((k) => ({ key: child(k, 'key')?.text ?? '', value: child(k, 'value')?.text ?? '' })) ?? [];
  if (keys.some((k) => !k.key) || repeated(keys.map((k) => k.key)).length) return soapFault('Client', 'objectKeys: every CAdxParamKeyValue needs a key, each key once');
  const known = new Set([...(kind === 'journal' ? journalLayout(cfg.journal).header : supplierInvoiceLayout(cfg.supplierInvoice).header)]);
  const badKey = keys.find((k) => !known.has(k.key));
  if (badKey) return result(op, 0, [{ type: '3', message: `Key ${badKey.key} : unknown field in this object` }], '');
  const matches = (d: StoredDocument) => d.publicName === publicName && keys.every((k) => (k.key === f.documentNumber ? d.number : d.header[k.key]) === k.value);
  // The reference index keeps key look-ups O(1) when thousands of documents are stored.
  const refKey = keys.find((k) => k.key === f.reference);
  const candidates = refKey ? state.findByReference(refKey.value) : state.documents();

  if (op === 'delete') {
    const doc = candidates.find(matches);
    if (!doc) return result(op, 0, [{ type: '3', message: 'Record does not exist' }], '');
    if (state.isFinal(doc.number)) return result(op, 0, [{ type: '3', message: `${doc.number} : final entry, deletion not allowed` }], '');
    state.remove(doc.number);
    return result(op, 1, [], '');
  }
  if (op === 'read') {
    const doc = candidates.find(matches);
    return doc ? result(op, 1, [], documentXml(doc, f.headerBlock, f.linesBlock)) : result(op, 0, [{ type: '3', message: 'Record does not exist' }], '');
  }
  const listSize = Number(child(call, 'listSize')?.text) || 20;
  const found = candidates.filter(matches).slice(0, listSize);
  const summary = (d: StoredDocument) => ({ [f.documentNumber]: d.number, [f.reference]: d.reference, [f.accountingDate]: d.header[f.accountingDate] ?? '' });
  return result(op, 1, [], writeObject(null, { id: f.headerBlock, rows: found.map(summary) }));
}
