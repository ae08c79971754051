// The simulator's own XML reading and writing for the SOAP envelope and X3 object XML: elements in
// document order with every repetition kept (so a field sent twice is seen twice, never "last one wins"),
// namespace prefixes dropped, text as text. Independent of the product's XML helpers on purpose.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XNode {
  /** Local name (prefix removed). */
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  /** Concatenated text content of this element. */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
});

type Ordered = Record<string, unknown>;

function toNodes(list: unknown): XNode[] {
  const out: XNode[] = [];
  for (const item of Array.isArray(list) ? (list as Ordered[]) : []) {
    const name = Object.keys(item).find((k) => k !== ':@' && k !== '#text');
    if (!name || name.startsWith('?')) continue;
    const rawAttrs = (item[':@'] ?? {}) as Record<string, unknown>;
    const attrs = Object.fromEntries(Object.entries(rawAttrs).map(([k, v]) => [k.replace(/^[\w-]+:/, ''), String(v)]));
    const kids = item[name] as Ordered[];
    const text = (Array.isArray(kids) ? kids : [])
      .filter((k) => '#text' in k)
      .map((k) => String(k['#text']))
      .join('');
    out.push({ name, attrs, children: toNodes(kids), text });
  }
  return out;
}

/** The document's root element; throws an Error with the parser's reason on malformed XML. */
export function readXml(xml: string): XNode {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) throw new Error(`line ${checked.err.line}: ${checked.err.msg}`);
  const root = toNodes(parser.parse(xml))[0];
  if (!root) throw new Error('no root element');
  return root;
}

export const child = (n: XNode | undefined, name: string): XNode | undefined => n?.children.find((c) => c.name === name);
export const childrenNamed = (n: XNode | undefined, name: string): XNode[] => n?.children.filter((c) => c.name === name) ?? [];

/** Names that occur more than once among a node's children (or among given keys). */
export function repeated(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return [...twice];
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

/** One element: attributes escaped, content either escaped text or already-built child XML. */
export function el(name: string, attrs: Record<string, string>, content: { text: string } | { xml: string[] } = { xml: [] }): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const inner = 'text' in content ? content.text.replace(/[&<>]/g, (c) => ESC[c]!) : content.xml.join('');
  return `<${name}${a}>${inner}</${name}>`;
}
