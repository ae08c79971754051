// The gateway envelope: request documents (control / operation / authentication / content with
// functions) built, and response documents read, through the shared fast-xml-parser setup.
import { ConnectorError } from '../../errors';
import { asArray, buildXml, childOf, elementEntries, parseXml, textOf, ATTR, type XmlNode } from '../xml';
import { DTD_VERSION, INTACCT_SYSTEM, type IntacctAuthInput, type IntacctControlInput, type IntacctError, type IntacctFunction, type IntacctResponse, type IntacctResult } from './schemas';

/** The request document; `transaction` false keeps every function independent. */
export function buildRequest(control: IntacctControlInput, auth: IntacctAuthInput, functions: IntacctFunction[], transaction = false): string {
  const authentication: XmlNode =
    'sessionId' in auth
      ? { sessionid: auth.sessionId }
      : {
          login: {
            userid: auth.login.userId,
            companyid: auth.login.companyId,
            password: auth.login.password,
            ...(auth.login.locationId ? { locationid: auth.login.locationId } : {}),
          },
        };
  return buildXml({
    request: {
      control: {
        senderid: control.senderId,
        password: control.senderPassword,
        controlid: control.controlId,
        uniqueid: control.uniqueId ? 'true' : 'false',
        dtdversion: DTD_VERSION,
        includewhitespace: 'false',
      },
      operation: {
        [`${ATTR}transaction`]: transaction ? 'true' : 'false',
        authentication,
        content: { function: functions.map((f) => ({ [`${ATTR}controlid`]: f.controlId, ...f.body })) },
      },
    },
  });
}

const ARRAYS = [
  'response.errormessage.error',
  'response.operation.errormessage.error',
  'response.operation.authentication.errormessage.error',
  'response.operation.result',
  'response.operation.result.errormessage.error',
  'response.operation.result.data.*',
];

/** "… [Support ID: abc%7E]" and similar trailers are noise for matching and for the accountant. */
export function stripSupportId(text: string): string {
  return text.replace(/\s*\[?\s*support\s*id\s*:[^\]]*\]?\s*$/i, '').trim();
}

function errorsOf(block: unknown): IntacctError[] {
  return asArray<XmlNode | string>(childOf(block, 'errormessage')?.error).map((raw) => {
    const e = typeof raw === 'object' && raw ? raw : {};
    return {
      errorno: stripSupportId(textOf(e.errorno)),
      description: stripSupportId(textOf(e.description)),
      description2: stripSupportId(textOf(e.description2)),
      correction: stripSupportId(textOf(e.correction)),
    };
  });
}

function resultOf(r: unknown): IntacctResult {
  const node = (r && typeof r === 'object' ? r : {}) as XmlNode;
  const dataNode = node.data;
  const data =
    dataNode === undefined
      ? null
      : {
          attrs: Object.fromEntries(Object.entries(typeof dataNode === 'object' && dataNode ? dataNode : {}).filter(([k]) => k.startsWith(ATTR)).map(([k, v]) => [k.slice(ATTR.length), textOf(v)])),
          rows: elementEntries(dataNode).flatMap(([, v]) => asArray(v)).map((row) => (row && typeof row === 'object' ? (row as XmlNode) : {})),
        };
  return {
    status: textOf(node.status).trim().toLowerCase(),
    function: textOf(node.function).trim(),
    controlid: textOf(node.controlid).trim(),
    errors: errorsOf(node),
    data,
    key: textOf(node.key).trim(),
  };
}

/** Reads a gateway response. Anything without a `response/control/status` is a REMOTE_PROTOCOL error. */
export function parseResponse(xml: string): IntacctResponse {
  const doc = parseXml(xml, { system: INTACCT_SYSTEM, what: 'XML gateway response', arrays: ARRAYS });
  const response = childOf(doc, 'response');
  const control = childOf(response, 'control');
  const status = textOf(control?.status).trim().toLowerCase();
  if (!response || !status) {
    throw new ConnectorError('REMOTE_PROTOCOL', `${INTACCT_SYSTEM} answered without a response/control status: check the gateway URL`, { system: INTACCT_SYSTEM, retryable: false });
  }
  const operation = childOf(response, 'operation');
  const authNode = childOf(operation, 'authentication');
  const opErrors = errorsOf(operation);
  return {
    control: { status, controlid: textOf(control?.controlid).trim(), errors: errorsOf(response) },
    auth: operation
      ? {
          status: textOf(authNode?.status).trim().toLowerCase() || (opErrors.length ? 'failure' : ''),
          sessionTimeout: textOf(authNode?.sessiontimeout).trim(),
          errors: [...opErrors, ...errorsOf(authNode)],
        }
      : null,
    results: asArray(operation?.result).map(resultOf),
  };
}

/** A data row's field: a direct child, or a dotted path (CONTACT.FIRSTNAME as one name or nested). */
export function fieldOf(row: XmlNode, name: string): string {
  if (name in row) return textOf(row[name]).trim();
  const parts = name.split('.');
  let cur: unknown = row;
  for (const p of parts) cur = childOf(cur, p) ?? (cur && typeof cur === 'object' ? (cur as XmlNode)[p] : undefined);
  return textOf(cur).trim();
}
