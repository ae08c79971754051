// The simulator's reads: readByQuery (+ readMore with resultId / numremaining) and query (select,
// filter equalto, pagesize / offset) over master data and created records.
import { randomUUID } from 'node:crypto';
import { asArray, childOf, textOf, type XmlNode } from '../../core/adapters/xml';
import type { IntacctError } from '../../core/adapters/sage-intacct/schemas';
import type { MasterKind, RecordObject, SageIntacctSimState } from './state';

export type FnReply = { ok: true; data: XmlNode } | { ok: false; errors: IntacctError[] };
type Row = Record<string, string>;

const MASTER_OBJECTS: Record<string, { kind: MasterKind; row: (id: string, name: string, status: string, n: number) => Row }> = {
  DEPARTMENT: { kind: 'department', row: (id, name, status, n) => ({ RECORDNO: String(n), DEPARTMENTID: id, TITLE: name, STATUS: status }) },
  LOCATION: { kind: 'location', row: (id, name, status, n) => ({ RECORDNO: String(n), LOCATIONID: id, NAME: name, STATUS: status }) },
  GLACCOUNT: { kind: 'account', row: (id, name, status, n) => ({ RECORDNO: String(n), ACCOUNTNO: id, TITLE: name, STATUS: status }) },
  VENDOR: { kind: 'vendor', row: (id, name, status, n) => ({ RECORDNO: String(n), VENDORID: id, NAME: name, STATUS: status }) },
  EMPLOYEE: {
    kind: 'employee',
    row: (id, name, status, n) => {
      const [first = '', ...rest] = name.split(' ');
      return { RECORDNO: String(n), EMPLOYEEID: id, 'CONTACT.FIRSTNAME': first, 'CONTACT.LASTNAME': rest.join(' '), STATUS: status };
    },
  },
};

const fail = (errorno: string, description2: string): FnReply => ({ ok: false, errors: [{ errorno, description: '', description2, correction: '' }] });

function rowsOf(state: SageIntacctSimState, object: string): Row[] | null {
  const m = MASTER_OBJECTS[object];
  if (m) return [...state.master[m.kind].values()].map((r, i) => m.row(r.id, r.name, r.active ? 'active' : 'inactive', i + 1));
  if (object === 'GLBATCH' || object === 'APBILL') return state.records(object as RecordObject).map((r) => ({ ...r.fields }));
  return null;
}

/** Dotted field names come back nested (CONTACT.FIRSTNAME -> CONTACT/FIRSTNAME). */
function toNode(row: Row, fields: string[] | null): XmlNode {
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(row)) {
    if (fields && !fields.includes(k)) continue;
    const [head, ...tail] = k.split('.');
    if (tail.length === 0) out[k] = v;
    else out[head!] = { ...((out[head!] as XmlNode | undefined) ?? {}), [tail.join('.')]: v };
  }
  return out;
}

function pickFields(raw: string[], rows: Row[], object: string): string[] | null | string {
  if (raw.length === 0 || (raw.length === 1 && raw[0] === '*')) return null;
  // Created records carry whatever fields were sent: only master objects are strict.
  if (!MASTER_OBJECTS[object] || rows.length === 0) return raw;
  const known = new Set(Object.keys(rows[0]!));
  const bad = raw.find((f) => !known.has(f));
  return bad ? `Field '${bad}' is not a valid field of ${object}.` : raw;
}

function page(state: SageIntacctSimState, object: string, rows: Row[], fields: string[] | null, start: number, size: number, listName: string): XmlNode {
  const slice = rows.slice(start, start + size);
  const remaining = Math.max(0, rows.length - start - slice.length);
  let resultId = '';
  if (remaining > 0) {
    resultId = randomUUID();
    state.resultSets.set(resultId, { object, rows, fields, pos: start + slice.length, pageSize: size });
  }
  return {
    '@_listtype': listName,
    '@_count': String(slice.length),
    '@_totalcount': String(rows.length),
    '@_numremaining': String(remaining),
    '@_resultId': resultId,
    [object.toLowerCase()]: slice.map((r) => toNode(r, fields)),
  };
}

export function readByQuery(state: SageIntacctSimState, fn: XmlNode): FnReply {
  const object = textOf(fn.object).trim().toUpperCase();
  const all = rowsOf(state, object);
  if (!all) return fail('Query Failed', `Object '${object}' is not a valid object for readByQuery.`);
  const fields = pickFields(textOf(fn.fields).split(',').map((f) => f.trim()).filter(Boolean), all, object);
  if (typeof fields === 'string') return fail('Query Failed', fields);
  const q = textOf(fn.query).trim();
  let rows = all;
  if (q) {
    const m = /^([A-Z0-9_.]+)\s*=\s*'([^']*)'$/i.exec(q);
    if (!m) return fail('Query Failed', `The simulator only understands FIELD = 'value' queries, not: ${q}`);
    rows = all.filter((r) => r[m[1]!] === m[2]);
  }
  const size = Number(textOf(fn.pagesize) || '100');
  if (!Number.isInteger(size) || size < 1 || size > 1000) return fail('Query Failed', 'pagesize must be between 1 and 1000.');
  return { ok: true, data: page(state, object, rows, fields, 0, size, object.toLowerCase()) };
}

export function readMore(state: SageIntacctSimState, fn: XmlNode): FnReply {
  const id = textOf(fn.resultId).trim();
  const set = state.resultSets.get(id);
  if (!set) return fail('Query Failed', `resultId '${id}' is not valid or has expired.`);
  state.resultSets.delete(id);
  return { ok: true, data: page(state, set.object, set.rows, set.fields, set.pos, set.pageSize, set.object.toLowerCase()) };
}

export function query(state: SageIntacctSimState, fn: XmlNode): FnReply {
  const object = textOf(fn.object).trim().toUpperCase();
  const all = rowsOf(state, object);
  if (!all) return fail('Query Failed', `Object '${object}' is not a valid object.`);
  const select = asArray(childOf(fn, 'select')?.field).map((f) => textOf(f).trim()).filter(Boolean);
  if (select.length === 0) return fail('Query Failed', 'select needs at least one field.');
  const fields = pickFields(select, all, object);
  if (typeof fields === 'string') return fail('Query Failed', fields);
  const eq = childOf(childOf(fn, 'filter'), 'equalto');
  const [field, value] = [textOf(eq?.field).trim(), textOf(eq?.value)];
  const rows = eq ? (object === 'GLBATCH' || object === 'APBILL' ? state.find(object, field, value).map((r) => ({ ...r.fields })) : all.filter((r) => r[field] === value)) : all;
  const size = Number(textOf(fn.pagesize) || '100');
  const offset = Number(textOf(fn.offset) || '0');
  if (!Number.isInteger(size) || size < 1 || size > 2000 || !Number.isInteger(offset) || offset < 0) return fail('Query Failed', 'pagesize must be 1..2000 and offset 0 or more.');
  const slice = rows.slice(offset, offset + size);
  return {
    ok: true,
    data: {
      '@_listtype': object,
      '@_totalcount': String(rows.length),
      '@_offset': String(offset),
      '@_count': String(slice.length),
      '@_numremaining': String(Math.max(0, rows.length - offset - slice.length)),
      [object]: slice.map((r) => toNode(r, fields === null ? null : fields)),
    },
  };
}
