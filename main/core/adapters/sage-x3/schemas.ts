// Sage X3 wire shapes: the SOAP constants, CAdxResultXml as data, and the object XML
// (PARAM / GRP ID / FLD NAME TYPE / TAB ID / LIN NUM) built and read through the shared XML helper.
import { z } from 'zod';
import { asArray, attrOf, buildXml, parseXml, textOf } from '../xml';

export const X3_SYSTEM = 'Sage X3';
export const WSS_NS = 'http://www.adonix.com/WSS';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const SOAP_PATH = '/soap-generic/syracuse/collaboration/syracuse/CAdxWebServiceXmlCC';
/** Self-hosted GraphQL endpoint (connected application), relative to the Syracuse server. */
export const GRAPHQL_PATH = '/xtrem/api';

const seconds = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

const CAMEL_TOKEN_FIELDS: Record<string, string> = {
  accessToken: 'access_token',
  tokenType: 'token_type',
  expiresIn: 'expires_in',
  refreshToken: 'refresh_token',
  refreshTokenExpiresIn: 'refresh_token_expires_in',
};

/**
 * A token endpoint's success answer (OAuth2 RFC 6749 §5.1 names). The X3 Services token API's answer
 * fields are not spelled out in its docs, so camelCase spellings are read too (snake_case wins).
 */
export const tokenResponseSchema = z.preprocess(
  (v) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = { ...(v as Record<string, unknown>) };
    for (const [camel, snake] of Object.entries(CAMEL_TOKEN_FIELDS)) if (o[snake] === undefined && o[camel] !== undefined) o[snake] = o[camel];
    return o;
  },
  z.object({
    access_token: z.string().min(1),
    token_type: z.string().optional(),
    expires_in: seconds.optional(),
    refresh_token: z.string().min(1).optional(),
    refresh_token_expires_in: seconds.optional(),
  }),
);

/** A GraphQL answer: data and/or errors (GraphQL over HTTP). */
export const graphqlResponseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string().default('') }).passthrough()).optional(),
});

export type X3FieldType = 'Char' | 'Integer' | 'Decimal' | 'Date';

export interface X3Field {
  name: string;
  type: X3FieldType;
  value: string;
}

export interface X3ObjectData {
  groups: Array<{ id: string; fields: X3Field[] }>;
  tables: Array<{ id: string; lines: X3Field[][] }>;
}

/** CAdxMessage; type is "1" info, "2" warning, "3" error (Sage's convention, unconfirmed in the docs). */
export interface X3Message {
  type: string;
  message: string;
}

/** CAdxResultXml: status 1 = success, 0 = failure. */
export interface X3Result {
  status: number;
  messages: X3Message[];
  resultXml: string;
}

export interface X3CallContext {
  codeLang: string;
  poolAlias: string;
  poolId: string;
  requestConfig: string;
}

export interface X3KeyValue {
  key: string;
  value: string;
}

/** A parsed object XML: header values by block id, grid rows by block id, field name -> text. */
export interface X3ParsedObject {
  groups: Map<string, Map<string, string>>;
  tables: Map<string, Array<Map<string, string>>>;
}

const OBJECT_ARRAYS = ['*.GRP', '*.GRP.FLD', '*.TAB', '*.TAB.LIN', '*.TAB.LIN.FLD', '*.GRP.LST', '*.GRP.LST.ITM', '*.TAB.LIN.LST', '*.TAB.LIN.LST.ITM'];

const fld = (f: X3Field) => ({ '@_NAME': f.name, '@_TYPE': f.type, '#text': f.value });

/** Object XML for save/modify, root PARAM. Empty-coded fields must already be left out. */
export function buildObjectXml(data: X3ObjectData, root = 'PARAM'): string {
  return buildXml({
    [root]: {
      GRP: data.groups.map((g) => ({ '@_ID': g.id, FLD: g.fields.map(fld) })),
      TAB: data.tables.map((t) => ({
        '@_ID': t.id,
        '@_SIZE': String(t.lines.length),
        LIN: t.lines.map((line, i) => ({ '@_NUM': String(i + 1), FLD: line.map(fld) })),
      })),
    },
  });
}

function fieldsOf(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of asArray(typeof node === 'object' && node ? (node as Record<string, unknown>).FLD : undefined)) {
    const name = attrOf(f, 'NAME');
    if (name) out.set(name, textOf(f));
  }
  // Multi-value fields (LST NAME=X with ITM children) surface as X1, X2 ... so dimension codes like CCE1 resolve.
  for (const l of asArray(typeof node === 'object' && node ? (node as Record<string, unknown>).LST : undefined)) {
    const name = attrOf(l, 'NAME');
    asArray((l as Record<string, unknown>).ITM).forEach((it, i) => out.set(`${name}${i + 1}`, textOf(it)));
  }
  return out;
}

/** Reads object XML whatever its root (PARAM in requests, RESULT in answers). */
export function parseObjectXml(xml: string, what = 'object XML'): X3ParsedObject {
  const doc = parseXml(xml, { system: X3_SYSTEM, what, arrays: OBJECT_ARRAYS });
  const rootKey = Object.keys(doc).find((k) => k !== '?xml');
  const root = rootKey ? doc[rootKey] : undefined;
  const groups = new Map<string, Map<string, string>>();
  const tables = new Map<string, Array<Map<string, string>>>();
  if (root && typeof root === 'object') {
    const r = root as Record<string, unknown>;
    for (const g of asArray(r.GRP)) groups.set(attrOf(g, 'ID'), fieldsOf(g));
    for (const t of asArray(r.TAB)) tables.set(attrOf(t, 'ID'), asArray((t as Record<string, unknown>).LIN).map(fieldsOf));
  }
  return { groups, tables };
}

/** Every record in a parsed object: each header block, then each grid row. */
export function allRecords(obj: X3ParsedObject): Array<Map<string, string>> {
  return [...obj.groups.values(), ...[...obj.tables.values()].flat()];
}

/** X3 Date on the wire: YYYYMMDD. */
export function toX3Date(isoDate: string): string {
  return isoDate.slice(0, 10).replace(/-/g, '');
}

/** YYYYMMDD (or YYYY-MM-DD) -> YYYY-MM-DD; '' when not a date. */
export function fromX3Date(x3: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(x3.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : '';
}
