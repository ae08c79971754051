// X3 object XML as the simulated folder reads it (PARAM > GRP ID > FLD NAME TYPE, TAB ID > LIN NUM > FLD,
// LST NAME > ITM) against the published object's layout, refusing what X3 refuses: a block or field the
// object does not have (codes are upper case, so "ref" is not "REF"), a field given twice, an unknown
// field TYPE. Answers are written back with root RESULT.
import type { ObjectLayout } from './published';
import { childrenNamed, el, readXml, repeated, type XNode } from './wire';

export interface SimMessage {
  type: string;
  message: string;
}

export interface SimObject {
  header: Map<string, string>;
  lines: Array<Map<string, string>>;
}

const FIELD_TYPES = new Set(['Char', 'Integer', 'Decimal', 'Date']);
const err = (message: string): SimMessage => ({ type: '3', message });

/** The fields of one GRP or LIN: FLDs and LST items (NAME1, NAME2 …), each name once and known. */
function recordOf(node: XNode, allowed: Set<string>, where: string, out: SimMessage[]): Map<string, string> {
  const fields = new Map<string, string>();
  const names: string[] = [];
  for (const f of childrenNamed(node, 'FLD')) {
    const name = f.attrs.NAME ?? '';
    const type = f.attrs.TYPE ?? '';
    names.push(name);
    if (!name) out.push(err(`${where} : FLD without NAME`));
    else if (!allowed.has(name)) out.push(err(`${where} : Field ${name} : unknown field in this object`));
    if (type && !FIELD_TYPES.has(type)) out.push(err(`${where} : Field ${name} : unknown type "${type}"`));
    fields.set(name, f.text);
  }
  for (const l of childrenNamed(node, 'LST')) {
    const name = l.attrs.NAME ?? '';
    childrenNamed(l, 'ITM').forEach((it, i) => {
      names.push(`${name}${i + 1}`);
      if (!allowed.has(`${name}${i + 1}`)) out.push(err(`${where} : Field ${name}${i + 1} : unknown field in this object`));
      fields.set(`${name}${i + 1}`, it.text);
    });
  }
  for (const twice of repeated(names)) out.push(err(`${where} : Field ${twice} : given more than once`));
  for (const c of node.children) if (!['FLD', 'LST'].includes(c.name)) out.push(err(`${where} : unexpected element ${c.name}`));
  return fields;
}

export function readObject(xml: string, layout: ObjectLayout): { ok: true; obj: SimObject } | { ok: false; messages: SimMessage[] } {
  let root: XNode;
  try {
    root = readXml(xml);
  } catch (e) {
    return { ok: false, messages: [err(`XML parsing error: ${(e as Error).message}`)] };
  }
  const out: SimMessage[] = [];
  const groups = childrenNamed(root, 'GRP');
  const tables = childrenNamed(root, 'TAB');
  for (const twice of repeated([...groups, ...tables].map((b) => b.attrs.ID ?? ''))) out.push(err(`Block ${twice} : given more than once`));
  for (const b of [...groups, ...tables]) {
    const id = b.attrs.ID ?? '';
    if (id !== layout.headerBlock && id !== layout.linesBlock) out.push(err(`Block ${id} : does not exist in this object`));
  }
  const headerNode = groups.find((g) => g.attrs.ID === layout.headerBlock);
  if (!headerNode) out.push(err(`Block ${layout.headerBlock} missing from the object XML`));
  const header = headerNode ? recordOf(headerNode, layout.header, `Block ${layout.headerBlock}`, out) : new Map<string, string>();
  const table = tables.find((t) => t.attrs.ID === layout.linesBlock);
  const lines = childrenNamed(table, 'LIN').map((lin, i) => recordOf(lin, layout.line, `Line ${i + 1}`, out));
  if (out.length) return { ok: false, messages: out };
  return { ok: true, obj: { header, lines } };
}

const fld = (name: string, value: string) => el('FLD', { NAME: name, TYPE: /DAT$/.test(name) ? 'Date' : 'Char' }, { text: value });

/** A saved document (or a query's summary rows) as resultXml. */
export function writeObject(header: { id: string; fields: Record<string, string> } | null, table: { id: string; rows: Array<Record<string, string>> }): string {
  const grp = header ? [el('GRP', { ID: header.id }, { xml: Object.entries(header.fields).map(([k, v]) => fld(k, v)) })] : [];
  const lins = table.rows.map((r, i) => el('LIN', { NUM: String(i + 1) }, { xml: Object.entries(r).map(([k, v]) => fld(k, v)) }));
  return `<?xml version="1.0" encoding="UTF-8"?>${el('RESULT', {}, { xml: [...grp, el('TAB', { ID: table.id, SIZE: String(table.rows.length) }, { xml: lins })] })}`;
}
