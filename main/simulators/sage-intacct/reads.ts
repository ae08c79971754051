// The simulator's reads: readByQuery (+ readMore with resultId / numremaining) and query (select, filter,
// orderby, options/caseinsensitive, pagesize / offset) over master data and created records. Every object
// has its field list: an unknown field in a select, filter or order is refused, as Intacct does.
import { randomUUID } from 'node:crypto';
import { filterOf, queryTextOf, type Row } from './filters';
import type { MasterKind, RecordObject, SageIntacctSimState, StoredRecord } from './state';
import { child, list, simError, text, type Node, type SimError } from './wire';

export type FnReply = { ok: true; data: Node } | { ok: false; errors: SimError[] };

const MASTER_OBJECTS: Record<string, { kind: MasterKind; fields: string[]; row: (m: { id: string; name: string; active: boolean; termName: string }, n: number) => Row }> = {
  DEPARTMENT: { kind: 'department', fields: ['RECORDNO', 'DEPARTMENTID', 'TITLE', 'STATUS'], row: (m, n) => ({ RECORDNO: String(n), DEPARTMENTID: m.id, TITLE: m.name, STATUS: status(m) }) },
  LOCATION: { kind: 'location', fields: ['RECORDNO', 'LOCATIONID', 'NAME', 'STATUS'], row: (m, n) => ({ RECORDNO: String(n), LOCATIONID: m.id, NAME: m.name, STATUS: status(m) }) },
  GLACCOUNT: { kind: 'account', fields: ['RECORDNO', 'ACCOUNTNO', 'TITLE', 'STATUS'], row: (m, n) => ({ RECORDNO: String(n), ACCOUNTNO: m.id, TITLE: m.name, STATUS: status(m) }) },
  VENDOR: { kind: 'vendor', fields: ['RECORDNO', 'VENDORID', 'NAME', 'STATUS', 'TERMNAME'], row: (m, n) => ({ RECORDNO: String(n), VENDORID: m.id, NAME: m.name, STATUS: status(m), TERMNAME: m.termName }) },
  EMPLOYEE: {
    kind: 'employee',
    fields: ['RECORDNO', 'EMPLOYEEID', 'STATUS', 'CONTACT.FIRSTNAME', 'CONTACT.LASTNAME'],
    row: (m, n) => {
      const [first = '', ...rest] = m.name.split(' ');
      return { RECORDNO: String(n), EMPLOYEEID: m.id, 'CONTACT.FIRSTNAME': first, 'CONTACT.LASTNAME': rest.join(' '), STATUS: status(m) };
    },
  },
};
const status = (m: { active: boolean }) => (m.active ? 'active' : 'inactive');

/** Fields of the created records that reads answer to. */
export const RECORD_FIELDS: Record<RecordObject, string[]> = {
  GLBATCH: ['RECORDNO', 'BATCHNO', 'JOURNAL', 'BATCH_DATE', 'BATCH_TITLE', 'REFERENCENO', 'STATE', 'SUPDOCID'],
  // AP adjustments: the documented query selects VENDORID and RECORDNO; the other names are inferred from APBILL's.
  APADJUSTMENT: ['RECORDNO', 'RECORDID', 'VENDORID', 'DOCNUMBER', 'WHENCREATED', 'DESCRIPTION', 'CURRENCY', 'BASECURR', 'EXCH_RATE_TYPE_ID', 'TOTALENTERED', 'STATE'],
  APBILL: ['RECORDNO', 'RECORDID', 'VENDORID', 'DOCNUMBER', 'WHENCREATED', 'WHENDUE', 'TERMNAME', 'DESCRIPTION', 'CURRENCY', 'BASECURR', 'EXCH_RATE_TYPE_ID', 'TOTALENTERED', 'STATE', 'SUPDOCID'],
};

/**
 * Line objects of the created records, read by their header (BATCHNO / RECORDKEY). Field names follow the
 * create payload's lines (sage-intacct.md, GLENTRY / APBILLITEM); the header link fields are inferred from
 * Intacct's object model (GLENTRY.BATCHNO, APBILLITEM.RECORDKEY), not confirmed against a live tenant.
 */
export const LINE_FIELDS: Record<'GLENTRY' | 'APBILLITEM', string[]> = {
  GLENTRY: ['RECORDNO', 'BATCHNO', 'ACCOUNTNO', 'TR_TYPE', 'TRX_AMOUNT', 'CURRENCY'],
  APBILLITEM: ['RECORDNO', 'RECORDKEY', 'ACCOUNTNO', 'TRX_AMOUNT', 'CURRENCY'],
};

/**
 * Which transactions a session sees: one signed in to an entity sees that entity's records; the top level sees its
 * own and, with the `showprivate` query option, the entities' private ones too (sage-intacct.md §6; the exact
 * scope is inferred). Master data is shared.
 */
export interface RecordView {
  entity: string;
  showPrivate: boolean;
}

const sees = (view: RecordView, r: StoredRecord): boolean => {
  const owner = r.fields.MEGAENTITYID ?? '';
  return view.entity ? owner === view.entity : owner === '' || view.showPrivate;
};

function lineRows(state: SageIntacctSimState, object: 'GLENTRY' | 'APBILLITEM', view: RecordView): Row[] {
  const out: Row[] = [];
  for (const r of state.records(object === 'GLENTRY' ? 'GLBATCH' : 'APBILL').filter((x) => sees(view, x))) {
    for (const l of r.lines) {
      const currency = l.CURRENCY || state.currencyOf(r.fields);
      out.push(object === 'GLENTRY'
        ? { RECORDNO: String(out.length + 1), BATCHNO: r.fields.BATCHNO ?? '', ACCOUNTNO: l.ACCOUNTNO ?? '', TR_TYPE: l.TR_TYPE ?? '', TRX_AMOUNT: l.TRX_AMOUNT ?? '', CURRENCY: currency }
        : { RECORDNO: String(out.length + 1), RECORDKEY: r.recordNo, ACCOUNTNO: l.ACCOUNTNO ?? '', TRX_AMOUNT: l.TRX_AMOUNT ?? '', CURRENCY: currency });
      // A bill line's tax entries are booked on their tax details' accounts: each reads back as a line of its own
      // (inferred: Intacct adds the tax lines to the bill's entries; how they read over the API is not public).
      if (object === 'APBILLITEM') for (const t of taxEntriesOf(l)) out.push({ RECORDNO: String(out.length + 1), RECORDKEY: r.recordNo, ACCOUNTNO: state.taxDetails.get(t.detailId)?.accountNo ?? '', TRX_AMOUNT: t.amount, CURRENCY: currency });
    }
  }
  return out;
}

/** The tax entries a bill line was booked with (books.ts keeps them as TAXDETAILIDS / TAXAMOUNTS, comma-separated). */
function taxEntriesOf(l: Record<string, string>): Array<{ detailId: string; amount: string }> {
  const ids = (l.TAXDETAILIDS ?? '').split(',').filter(Boolean);
  const amounts = (l.TAXAMOUNTS ?? '').split(',');
  return ids.map((detailId, i) => ({ detailId, amount: amounts[i] ?? '' }));
}

const fail = (errorno: string, description2: string): FnReply => ({ ok: false, errors: [simError(errorno, description2)] });

function objectRows(state: SageIntacctSimState, object: string, view: RecordView): { rows: Row[]; fields: Set<string> } | null {
  const m = MASTER_OBJECTS[object];
  if (m) return { rows: [...state.master[m.kind].values()].map((r, i) => m.row(r, i + 1)), fields: new Set(m.fields) };
  if (object === 'GLENTRY' || object === 'APBILLITEM') return { rows: lineRows(state, object, view), fields: new Set(LINE_FIELDS[object]) };
  if (object === 'TAXDETAIL') {
    // Field names as fyle's tax-detail sync reads them (DETAILID, VALUE, TAXTYPE, TAXSOLUTIONID, STATUS).
    const rows = [...state.taxDetails.values()].map((d, i) => ({ RECORDNO: String(i + 1), DETAILID: d.id, DESCRIPTION: d.description, VALUE: d.value, TAXTYPE: d.taxType, TAXSOLUTIONID: d.taxSolutionId, STATUS: status(d) }));
    return { rows, fields: new Set(['RECORDNO', 'DETAILID', 'DESCRIPTION', 'VALUE', 'TAXTYPE', 'TAXSOLUTIONID', 'STATUS']) };
  }
  if (object === 'GLBATCH' || object === 'APBILL' || object === 'APADJUSTMENT') {
    const fields = RECORD_FIELDS[object];
    return { rows: state.records(object).filter((r) => sees(view, r)).map((r) => Object.fromEntries(fields.map((f) => [f, r.fields[f] ?? '']))), fields: new Set(fields) };
  }
  return null;
}

/** Dotted field names come back nested (CONTACT.FIRSTNAME -> CONTACT/FIRSTNAME). */
function toNode(row: Row, fields: string[]): Node {
  const out: Node = {};
  for (const k of fields) {
    const v = row[k] ?? '';
    const [head, ...tail] = k.split('.');
    if (tail.length === 0) out[k] = v;
    else out[head!] = { ...((out[head!] as Node | undefined) ?? {}), [tail.join('.')]: v };
  }
  return out;
}

function page(state: SageIntacctSimState, object: string, rows: Row[], fields: string[], start: number, size: number): Node {
  const slice = rows.slice(start, start + size);
  const remaining = Math.max(0, rows.length - start - slice.length);
  let resultId = '';
  if (remaining > 0) {
    resultId = randomUUID();
    state.resultSets.set(resultId, { object, rows, fields, pos: start + slice.length, pageSize: size });
  }
  return { '@_listtype': object.toLowerCase(), '@_count': String(slice.length), '@_totalcount': String(rows.length), '@_numremaining': String(remaining), '@_resultId': resultId, [object.toLowerCase()]: slice.map((r) => toNode(r, fields)) };
}

export function readByQuery(state: SageIntacctSimState, fn: Node, entity = ''): FnReply {
  const object = text(fn.object).trim().toUpperCase();
  const all = objectRows(state, object, { entity, showPrivate: false });
  if (!all) return fail('Query Failed', `Object '${object}' is not a valid object for readByQuery.`);
  const raw = text(fn.fields).split(',').map((f) => f.trim()).filter(Boolean);
  const fields = raw.length === 0 || (raw.length === 1 && raw[0] === '*') ? [...all.fields] : raw;
  const bad = fields.find((f) => !all.fields.has(f));
  if (bad) return fail('Query Failed', `Field '${bad}' is not a valid field of ${object}.`);
  const filter = queryTextOf(text(fn.query), all.fields);
  if (!filter.ok) return fail('Query Failed', `Invalid query: ${filter.why}.`);
  const size = Number(text(fn.pagesize) || '100');
  if (!Number.isInteger(size) || size < 1 || size > 1000) return fail('Query Failed', 'pagesize must be between 1 and 1000.');
  return { ok: true, data: page(state, object, all.rows.filter(filter.test), fields, 0, size) };
}

export function readMore(state: SageIntacctSimState, fn: Node): FnReply {
  const id = text(fn.resultId).trim();
  const set = state.resultSets.get(id);
  if (!set) return fail('Query Failed', `resultId '${id}' is not valid or has expired.`);
  state.resultSets.delete(id);
  return { ok: true, data: page(state, set.object, set.rows, set.fields, set.pos, set.pageSize) };
}

export function query(state: SageIntacctSimState, fn: Node, entity = ''): FnReply {
  const object = text(fn.object).trim().toUpperCase();
  const options = child(fn, 'options');
  const all = objectRows(state, object, { entity, showPrivate: text(options?.showprivate).trim() === 'true' });
  if (!all) return fail('Query Failed', `Object '${object}' is not a valid object.`);
  const select = list(child(fn, 'select')?.field).map((f) => text(f).trim()).filter(Boolean);
  if (select.length === 0) return fail('Query Failed', 'select needs at least one field; returning all fields is not supported.');
  const bad = select.find((f) => !all.fields.has(f));
  if (bad) return fail('Query Failed', `Field '${bad}' in select is not a valid field of ${object}.`);
  const ci = text(options?.caseinsensitive).trim() === 'true';
  let rows = all.rows;
  const filterNode = child(fn, 'filter');
  if (filterNode) {
    const f = filterOf(filterNode, all.fields, ci);
    if (!f.ok) return fail('Query Failed', `Invalid filter: ${f.why}.`);
    rows = rows.filter(f.test);
  }
  for (const order of list<Node>(child(fn, 'orderby')?.order).reverse()) {
    const field = text(order.field).trim();
    if (!all.fields.has(field)) return fail('Query Failed', `Field '${field}' in orderby is not a valid field of ${object}.`);
    const dir = 'descending' in order ? -1 : 1;
    rows = [...rows].sort((a, b) => dir * (a[field] ?? '').localeCompare(b[field] ?? '', 'en', { numeric: true }));
  }
  const size = Number(text(fn.pagesize) || '100');
  const offset = Number(text(fn.offset) || '0');
  if (!Number.isInteger(size) || size < 1 || size > 2000 || !Number.isInteger(offset) || offset < 0) return fail('Query Failed', 'pagesize must be 1..2000 and offset 0 or more.');
  const slice = rows.slice(offset, offset + size);
  return {
    ok: true,
    data: { '@_listtype': object, '@_totalcount': String(rows.length), '@_offset': String(offset), '@_count': String(slice.length), '@_numremaining': String(Math.max(0, rows.length - offset - slice.length)), [object]: slice.map((r) => toNode(r, select)) },
  };
}
