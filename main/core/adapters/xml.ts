// XML in and out for the XML-speaking adapters (Sage X3, later Sage Intacct): one parser setup,
// explicit array paths so a one-element list never arrives as a bare object, values kept as text.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { ConnectorError } from '../errors';

export type XmlNode = { [key: string]: unknown };

export interface XmlParseOptions {
  /** Names the system in errors ("Sage X3"). */
  system: string;
  /** What is being parsed, for the error text ("SOAP response"). */
  what?: string;
  /**
   * Element paths that are always arrays, dotted from the root with namespace prefixes removed;
   * `*` matches any one element name, e.g. `Envelope.Body.*.*.messages.*` or `*.TAB.LIN`.
   */
  arrays?: readonly string[];
}

/** Attributes appear as `@_NAME`, mixed text as `#text`. */
export const ATTR = '@_';
export const TEXT = '#text';

function matches(pattern: string[], path: string[]): boolean {
  if (pattern.length !== path.length) return false;
  return pattern.every((seg, i) => seg === '*' || seg === path[i]);
}

/**
 * Parses XML into plain objects. Malformed input is a REMOTE_PROTOCOL ConnectorError, and so is any document
 * type declaration: SOAP forbids DTDs and no API we read sends one, while entities (external ones, or
 * internal ones that expand) are how XML answers attack their reader.
 */
export function parseXml(xml: string, opts: XmlParseOptions): XmlNode {
  const what = opts.what ?? 'XML';
  if (/<!DOCTYPE/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml)) {
    throw new ConnectorError('REMOTE_PROTOCOL', `${opts.system} sent ${opts.what ? `a ${what}` : 'XML'} with a document type declaration (DTD/entities), which is refused`, { system: opts.system, retryable: false });
  }
  const checked = XMLValidator.validate(xml);
  if (checked !== true) {
    throw new ConnectorError('REMOTE_PROTOCOL', `${opts.system} sent a malformed ${what} (line ${checked.err.line}: ${checked.err.msg})`, {
      system: opts.system,
      retryable: false,
    });
  }
  const patterns = (opts.arrays ?? []).map((p) => p.split('.'));
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTR,
    textNodeName: TEXT,
    removeNSPrefix: true,
    // Codes like "00123" and amounts like "10.50" must stay text.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Decodes numeric character references (&#233;) as well as the five XML entities.
    htmlEntities: true,
    isArray: (_name, jPath, _leaf, isAttribute) => {
      if (isAttribute || typeof jPath !== 'string') return false;
      const path = jPath.split('.');
      return patterns.some((p) => matches(p, path));
    },
  });
  let out: unknown;
  try {
    out = parser.parse(xml);
  } catch (e) {
    throw new ConnectorError('REMOTE_PROTOCOL', `${opts.system} sent a ${what} that cannot be read: ${e instanceof Error ? e.message : String(e)}`, { system: opts.system, retryable: false });
  }
  if (!out || typeof out !== 'object') {
    throw new ConnectorError('REMOTE_PROTOCOL', `${opts.system} sent an empty ${what}`, { system: opts.system, retryable: false });
  }
  return out as XmlNode;
}

// suppressBooleanAttributes off: an attribute valued "true" (Intacct transaction="true") must keep its value.
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: ATTR, textNodeName: TEXT, format: false, suppressEmptyNode: false, processEntities: true, suppressBooleanAttributes: false });

/** Builds XML from the same object shape parseXml produces; text and attribute values are escaped. */
export function buildXml(tree: XmlNode, declaration = true): string {
  const body = builder.build(tree) as string;
  return declaration ? `<?xml version="1.0" encoding="UTF-8"?>${body}` : body;
}

/** A value that may be one node or a list, as a list (missing -> []). */
export function asArray<T = unknown>(v: unknown): T[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]) as T[];
}

/** The text of a leaf: a plain string, or `#text` of an element that also has attributes. */
export function textOf(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && TEXT in (v as XmlNode)) return textOf((v as XmlNode)[TEXT]);
  return '';
}

export function attrOf(v: unknown, name: string): string {
  return v && typeof v === 'object' ? textOf((v as XmlNode)[ATTR + name]) : '';
}

/** Child element as an object ('' for an empty element becomes {}); undefined when absent or text. */
export function childOf(v: unknown, name: string): XmlNode | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const c = (v as XmlNode)[name];
  if (c === '') return {};
  return c && typeof c === 'object' && !Array.isArray(c) ? (c as XmlNode) : undefined;
}

/** Element children of a node (attributes and text left out), in document order of their names. */
export function elementEntries(v: unknown): Array<[string, unknown]> {
  if (!v || typeof v !== 'object') return [];
  return Object.entries(v as XmlNode).filter(([k]) => !k.startsWith(ATTR) && k !== TEXT);
}
