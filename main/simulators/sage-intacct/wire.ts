// The simulator's own reading and writing of the gateway XML (fast-xml-parser set up here, not the
// connector's helpers): elements as plain objects, attributes as `@_name`, every value kept as text, and
// the repeatable elements always as lists so one line never arrives as a bare object.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type Node = { [key: string]: unknown };

/** An error element as the gateway writes it. */
export interface SimError {
  errorno: string;
  description: string;
  description2: string;
  correction: string;
}

/** Element names that may repeat wherever they appear. */
const REPEATABLE = new Set(['function', 'GLENTRY', 'APBILLITEM', 'lineitem', 'value', 'order', 'and', 'or']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATABLE.has(name),
});

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: false, suppressEmptyNode: false, processEntities: true, suppressBooleanAttributes: false });

/** The request document, or null when it is not well-formed XML. */
export function readXml(xml: string): Node | null {
  if (XMLValidator.validate(xml) !== true) return null;
  const out: unknown = parser.parse(xml);
  return out && typeof out === 'object' ? (out as Node) : null;
}

export const writeXml = (tree: Node): string => `<?xml version="1.0" encoding="UTF-8"?>${builder.build(tree) as string}`;

export function list<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'object' && '#text' in (v as Node)) return text((v as Node)['#text']);
  return '';
}

/** A child element as an object ('' → {}); undefined when absent or plain text. */
export function child(v: unknown, name: string): Node | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const c = (v as Node)[name];
  if (c === '') return {};
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as Node) : undefined;
}

/** Element children (attributes and text left out), in document order. */
export function elements(v: unknown): Array<[string, unknown]> {
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v as Node).filter(([k]) => !k.startsWith('@_') && k !== '#text');
}

export const simError = (errorno: string, description2: string, correction = '', description = ''): SimError => ({ errorno, description, description2, correction });
