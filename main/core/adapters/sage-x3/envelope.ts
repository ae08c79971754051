// SOAP 1.1 RPC/encoded envelopes for CAdxWebServiceXmlCC: requests out, CAdxResultXml (or a Fault) in.
// Parts are unqualified accessors under the namespaced operation element; strings carry xsi:type.
import { ConnectorError } from '../../errors';
import { asArray, buildXml, childOf, elementEntries, parseXml, textOf, type XmlNode } from '../xml';
import { SOAP_ENC_NS, SOAP_ENV_NS, WSS_NS, X3_SYSTEM, XSD_NS, XSI_NS, type X3CallContext, type X3KeyValue, type X3Message, type X3Result } from './schemas';

/** delete(callContext, publicName, objectKeys): ../shared/api/sage-x3.md §SOAP operations. */
export type X3Operation = 'save' | 'query' | 'read' | 'delete';

export interface X3RequestArgs {
  objectXml?: string;
  objectKeys?: X3KeyValue[];
  listSize?: number;
}

const str = (v: string) => ({ '@_xsi:type': 'xsd:string', '#text': v });

/** The request body; objectXml travels as an escaped xsd:string, as RPC/encoded requires. */
export function buildSoapRequest(op: X3Operation, cc: X3CallContext, publicName: string, args: X3RequestArgs): string {
  const call: XmlNode = {
    '@_soapenv:encodingStyle': SOAP_ENC_NS,
    callContext: {
      '@_xsi:type': 'wss:CAdxCallContext',
      codeLang: str(cc.codeLang),
      poolAlias: str(cc.poolAlias),
      poolId: str(cc.poolId),
      requestConfig: str(cc.requestConfig),
    },
    publicName: str(publicName),
  };
  if (op === 'save') call.objectXml = str(args.objectXml ?? '');
  if (op === 'query' || op === 'read' || op === 'delete') {
    const keys = args.objectKeys ?? [];
    call.objectKeys = {
      '@_xsi:type': 'soapenc:Array',
      '@_soapenc:arrayType': `wss:CAdxParamKeyValue[${keys.length}]`,
      item: keys.map((k) => ({ '@_xsi:type': 'wss:CAdxParamKeyValue', key: str(k.key), value: str(k.value) })),
    };
  }
  if (op === 'query') call.listSize = { '@_xsi:type': 'xsd:int', '#text': String(args.listSize ?? 10) };
  return buildXml({
    'soapenv:Envelope': {
      '@_xmlns:soapenv': SOAP_ENV_NS,
      '@_xmlns:soapenc': SOAP_ENC_NS,
      '@_xmlns:xsi': XSI_NS,
      '@_xmlns:xsd': XSD_NS,
      '@_xmlns:wss': WSS_NS,
      'soapenv:Body': { [`wss:${op}`]: call },
    },
  });
}

export type SoapAnswer = { kind: 'result'; result: X3Result } | { kind: 'fault'; code: string; message: string };

/**
 * Reads the response envelope. Tolerates both inline values and SOAP-encoding multiRef/href
 * indirection (Axis-style servers), and any element name for array items.
 */
export function parseSoapResponse(text: string, op: X3Operation): SoapAnswer {
  const doc = parseXml(text, { system: X3_SYSTEM, what: 'SOAP response', arrays: ['Envelope.Body.multiRef', `Envelope.Body.${op}Response.${op}Return.messages.*`] });
  const body = childOf(childOf(doc, 'Envelope'), 'Body');
  if (!body) throw new ConnectorError('REMOTE_PROTOCOL', `${X3_SYSTEM} answered without a SOAP body: check the server URL`, { system: X3_SYSTEM, retryable: false });
  const fault = childOf(body, 'Fault');
  if (fault) return { kind: 'fault', code: textOf(fault.faultcode), message: textOf(fault.faultstring) || 'SOAP Fault without a message' };

  const refs = new Map<string, unknown>();
  for (const m of asArray(body.multiRef)) {
    const id = m && typeof m === 'object' ? textOf((m as XmlNode)['@_id']) : '';
    if (id) refs.set(id, m);
  }
  const deref = (v: unknown): unknown => {
    const href = v && typeof v === 'object' ? textOf((v as XmlNode)['@_href']) : '';
    return href.startsWith('#') ? refs.get(href.slice(1)) : v;
  };

  const response = deref(childOf(body, `${op}Response`) ?? elementEntries(body).find(([k]) => k !== 'multiRef')?.[1]);
  const ret = deref(childOf(response, `${op}Return`) ?? elementEntries(response)[0]?.[1]);
  if (!ret || typeof ret !== 'object') {
    throw new ConnectorError('REMOTE_PROTOCOL', `${X3_SYSTEM} answered the ${op} call without a CAdxResultXml`, { system: X3_SYSTEM, retryable: false });
  }
  const r = ret as XmlNode;
  const statusText = textOf(deref(r.status)).trim();
  if (!/^-?\d+$/.test(statusText)) {
    throw new ConnectorError('REMOTE_PROTOCOL', `${X3_SYSTEM} answered the ${op} call without a status`, { system: X3_SYSTEM, retryable: false });
  }
  const messages: X3Message[] = [];
  for (const [, items] of elementEntries(deref(r.messages))) {
    for (const raw of asArray(items)) {
      const m = deref(raw);
      if (!m || typeof m !== 'object') continue;
      messages.push({ type: textOf(deref((m as XmlNode).type)).trim(), message: textOf(deref((m as XmlNode).message)).trim() });
    }
  }
  return { kind: 'result', result: { status: Number(statusText), messages, resultXml: textOf(deref(r.resultXml)) } };
}
