// The simulator's CAdxWebServiceXmlCC endpoint: reads the RPC/encoded request, runs save / query /
// read against the state, and answers with a CAdxResultXml (or a SOAP Fault with HTTP 500).
import type { SageX3JournalFields, SageX3SupplierInvoiceFields } from '../../../shared/schemas/systems/sage-x3';
import { asArray, buildXml, childOf, elementEntries, parseXml, textOf, type XmlNode } from '../../core/adapters/xml';
import { buildObjectXml, parseObjectXml, SOAP_ENC_NS, SOAP_ENV_NS, WSS_NS, XSD_NS, XSI_NS, type X3Field, type X3Message } from '../../core/adapters/sage-x3/schemas';
import { saveJournal, saveSupplierInvoice } from './books';
import type { SageX3SimState, StoredDocument } from './state';

export interface SoapConfig {
  journalPublicName: string;
  supplierInvoicePublicName: string;
  journal: SageX3JournalFields;
  supplierInvoice: SageX3SupplierInvoiceFields;
  /** Extra type-2 message added to every successful save (to exercise warnings). */
  warnOnSave: string | null;
}

export interface SoapReply {
  status: number;
  body: string;
  /** Set when a save committed: the caller may drop the connection instead of answering. */
  committed?: boolean;
  op?: string;
}

const env = (body: XmlNode) =>
  buildXml({
    'soapenv:Envelope': { '@_xmlns:soapenv': SOAP_ENV_NS, '@_xmlns:soapenc': SOAP_ENC_NS, '@_xmlns:xsi': XSI_NS, '@_xmlns:xsd': XSD_NS, 'soapenv:Body': body },
  });

export function soapFault(code: string, message: string): SoapReply {
  return { status: 500, body: env({ 'soapenv:Fault': { faultcode: `soapenv:${code}`, faultstring: message } }) };
}

function result(op: string, status: number, messages: X3Message[], resultXml: string): SoapReply {
  const s = (v: string) => ({ '@_xsi:type': 'xsd:string', '#text': v });
  return {
    status: 200,
    op,
    body: env({
      [`wss:${op}Response`]: {
        '@_xmlns:wss': WSS_NS,
        '@_soapenv:encodingStyle': SOAP_ENC_NS,
        [`${op}Return`]: {
          '@_xsi:type': 'wss:CAdxResultXml',
          messages: {
            '@_xsi:type': 'soapenc:Array',
            '@_soapenc:arrayType': `wss:CAdxMessage[${messages.length}]`,
            item: messages.map((m) => ({ '@_xsi:type': 'wss:CAdxMessage', message: s(m.message), type: s(m.type) })),
          },
          resultXml: s(resultXml),
          status: { '@_xsi:type': 'xsd:int', '#text': String(status) },
          technicalInfos: { '@_xsi:type': 'wss:CAdxTechnicalInfos', busy: 'false', poolExecDuration: '1', totalDuration: '1' },
        },
      },
    }),
  };
}

const asFields = (rec: Record<string, string>): X3Field[] => Object.entries(rec).map(([name, value]) => ({ name, type: /DAT$/.test(name) ? 'Date' : 'Char', value }));

function documentXml(doc: StoredDocument, headerBlock: string, linesBlock: string): string {
  return buildObjectXml({ groups: [{ id: headerBlock, fields: asFields(doc.header) }], tables: [{ id: linesBlock, lines: doc.lines.map(asFields) }] }, 'RESULT');
}

export function handleSoap(xml: string, state: SageX3SimState, cfg: SoapConfig, now: Date): SoapReply {
  let body: XmlNode | undefined;
  try {
    body = childOf(childOf(parseXml(xml, { system: 'simulator', what: 'SOAP request', arrays: ['Envelope.Body.*.objectKeys.*'] }), 'Envelope'), 'Body');
  } catch (e) {
    return soapFault('Client', `Malformed SOAP request: ${(e as Error).message}`);
  }
  const [op, call] = elementEntries(body)[0] ?? [];
  if (!op || !call || typeof call !== 'object') return soapFault('Client', 'SOAP body without an operation');
  const c = call as XmlNode;
  const cc = childOf(c, 'callContext') ?? {};
  const pool = textOf(cc.poolAlias);
  if (pool !== state.poolAlias) return soapFault('Server', `Pool alias "${pool}" not found`);
  const publicName = textOf(c.publicName);
  const kind = publicName === cfg.journalPublicName ? 'journal' : publicName === cfg.supplierInvoicePublicName ? 'supplier_invoice' : null;
  if (!['save', 'query', 'read'].includes(op)) return soapFault('Server', `Operation ${op} is not supported by the simulator`);
  if (!kind) return result(op, 0, [{ type: '3', message: `Web service ${publicName} not published` }], '');
  const f = kind === 'journal' ? cfg.journal : cfg.supplierInvoice;

  if (op === 'save') {
    let obj;
    try {
      obj = parseObjectXml(textOf(c.objectXml));
    } catch (e) {
      return result(op, 0, [{ type: '3', message: `XML parsing error: ${(e as Error).message}` }], '');
    }
    const out = kind === 'journal' ? saveJournal(state, obj, cfg.journal, publicName, now) : saveSupplierInvoice(state, obj, cfg.supplierInvoice, publicName, now);
    if (!out.ok) return result(op, 0, out.messages, '');
    const msgs = cfg.warnOnSave ? [{ type: '2', message: cfg.warnOnSave }] : [];
    return { ...result(op, 1, msgs, documentXml(out.doc, f.headerBlock, f.linesBlock)), committed: true };
  }

  const keys = asArray(childOf(c, 'objectKeys') ? elementEntries(c.objectKeys).flatMap(([, v]) => asArray(v)) : [])
    .map((k) => ({ key: textOf((k as XmlNode).key), value: textOf((k as XmlNode).value) }))
    .filter((k) => k.key);
  const matches = (d: StoredDocument) => d.publicName === publicName && keys.every((k) => (k.key === f.documentNumber ? d.number : d.header[k.key]) === k.value);
  // The reference index keeps key look-ups O(1) when thousands of documents are stored.
  const refKey = keys.find((k) => k.key === f.reference);
  const candidates = refKey ? state.findByReference(refKey.value) : state.documents();

  if (op === 'read') {
    const doc = candidates.find(matches);
    return doc ? result(op, 1, [], documentXml(doc, f.headerBlock, f.linesBlock)) : result(op, 0, [{ type: '3', message: 'Record does not exist' }], '');
  }
  const listSize = Number(textOf(c.listSize)) || 20;
  const found = candidates.filter(matches).slice(0, listSize);
  const summary = (d: StoredDocument): X3Field[] => [
    { name: f.documentNumber, type: 'Char', value: d.number },
    { name: f.reference, type: 'Char', value: d.reference },
    { name: f.accountingDate, type: 'Date', value: d.header[f.accountingDate] ?? '' },
  ];
  return result(op, 1, [], buildObjectXml({ groups: [], tables: [{ id: f.headerBlock, lines: found.map(summary) }] }, 'RESULT'));
}
