// PURE: what Intacct sends back, as the engine's data: per-function errors -> hold reasons (or a
// duplicate-controlid signal), create results -> RECORDNO, reference rows -> ReferenceItems.
import type { HoldCode, HoldReason } from '../../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { XmlNode } from '../xml';
import { fieldOf } from './envelope';
import type { IntacctError, IntacctResult } from './schemas';

/** Intacct's own wording for a repeated function controlid is unpublished; these cover the likely forms. */
const DUPLICATE = /already (been )?(executed|processed|exists?|used|submitted)|duplicate|control ?id[^.]*(used|unique|exists)/i;
const DUPLICATE_CODES = new Set(['BL34000061', 'PL05000104']);

/** A failure that may mean "this was posted before": the outbox's findExisting has to settle it. */
export function isDuplicate(errors: IntacctError[]): boolean {
  return errors.some((e) => DUPLICATE_CODES.has(e.errorno) || DUPLICATE.test([e.errorno, e.description, e.description2, e.correction].join(' ')));
}

type Entity = 'account' | 'department' | 'location' | 'vendor' | 'employee';
const ENTITY_WORDS: Array<[Entity, RegExp]> = [
  ['account', /\b(gl )?account\b/gi],
  ['department', /\bdepartment\b/gi],
  ['location', /\blocation\b/gi],
  ['vendor', /\bvendor\b/gi],
  ['employee', /\bemployee\b/gi],
];
const CODES: Record<Entity, [HoldCode, HoldCode]> = {
  account: ['ACCOUNT_UNKNOWN', 'ACCOUNT_INACTIVE'],
  department: ['DIMENSION_UNKNOWN', 'DIMENSION_INACTIVE'],
  location: ['DIMENSION_UNKNOWN', 'DIMENSION_INACTIVE'],
  vendor: ['PARTNER_UNKNOWN', 'PARTNER_INACTIVE'],
  employee: ['PARTNER_UNKNOWN', 'PARTNER_INACTIVE'],
};
const STOPWORDS = new Set(['is', 'was', 'specified', 'selected', 'must', 'number', 'no', 'id', 'the', 'record', 'not', 'invalid', 'inactive', 'then', 'dimension', 'requires', 'for']);

/** The value an error names right after the entity word: a quoted value, else a code-like token. */
function subjectAfter(rest: string): string | undefined {
  const quoted = /^\s*(?:(?:number|no\.?|id)\s*)?:?\s*['"‘“]([^'"’”]+)['"’”]/i.exec(rest)?.[1];
  if (quoted) return quoted.trim();
  const words = rest.split(/[\s:,;()]+/).filter(Boolean).slice(0, 3).map((w) => w.replace(/[.'"’”]+$/, ''));
  return words.find((w) => w && !STOPWORDS.has(w.toLowerCase()) && /[0-9A-Z_-]/.test(w));
}

/** One error's hold code and named value; unrecognised text is ERP_REJECTED. */
export function classifyError(e: IntacctError): { code: HoldCode; subject?: string } {
  const text = [e.description2, e.description, e.correction].filter(Boolean).join(' ');
  if (/closed period|period[^.]{0,60}\bclosed\b|books are closed|date must be on or after|not in an open period/i.test(text)) return { code: 'PERIOD_CLOSED' };
  if (/(do(es)? not|don't) balance|not balanced|unbalanced|out of balance|debits?[^.]*(must )?equal[^.]*credits?/i.test(text)) return { code: 'UNBALANCED' };
  const missing = /missing (?:the )?'?([A-Za-z ]+?)'? dimension/i.exec(text);
  if (missing) return { code: 'DIMENSION_MISSING', subject: missing[1]!.trim().toLowerCase() };
  const inactive = /inactive|not active|\bactivate\b|is disabled/i.test(text);
  const unknown = /not valid|invalid|does not exist|doesn't exist|not found|unknown|no such|could not find/i.test(text);
  if (!inactive && !unknown) return { code: 'ERP_REJECTED' };
  let best: { entity: Entity; at: number; end: number } | null = null;
  for (const [entity, re] of ENTITY_WORDS) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { entity, at: m.index, end: m.index + m[0].length };
  }
  if (!best) return { code: 'ERP_REJECTED' };
  const code = CODES[best.entity][inactive ? 1 : 0];
  const subject = subjectAfter(text.slice(best.end));
  return subject ? { code, subject } : { code };
}

const messageOf = (e: IntacctError): string => {
  const main = [e.description2 || e.description, e.correction].filter(Boolean).join(' ');
  return main || e.errorno || 'Sage Intacct error without text';
};

/**
 * A failed function's errors as hold reasons. Follow-up errors ("Could not create GLBATCH record!")
 * add nothing once a specific reason was found, so they are left out then.
 */
export function errorsToReasons(errors: IntacctError[]): HoldReason[] {
  const classified = errors.map((e) => ({ e, ...classifyError(e) }));
  const specific = classified.filter((c) => c.code !== 'ERP_REJECTED');
  if (specific.length === 0) {
    const text = errors.map((e) => [e.errorno, messageOf(e)].filter(Boolean).join(': ')).join(' / ');
    return [{ code: 'ERP_REJECTED', message: text ? `Sage Intacct refused it: ${text}` : 'Sage Intacct refused it without giving a reason' }];
  }
  return specific.map((c) => (c.subject ? { code: c.code, message: messageOf(c.e), subject: c.subject } : { code: c.code, message: messageOf(c.e) }));
}

/** RECORDNO of a successful create (data/glbatch|apbill/RECORDNO, or a legacy key); '' if absent. */
export function recordNoOf(result: IntacctResult): string {
  for (const row of result.data?.rows ?? []) {
    const no = fieldOf(row, 'RECORDNO') || fieldOf(row, 'recordno');
    if (no) return no;
  }
  return result.key;
}

export type IntacctRefKind = 'department' | 'location' | 'account' | 'vendor' | 'employee' | 'taxDetail';

export interface RefSpec {
  object: string;
  fields: readonly string[];
  code: string;
  name: (row: XmlNode) => string;
}

/** Objects and fields read for reference data (field names as the public notes list them). */
export const REF_SPECS: Record<IntacctRefKind, RefSpec> = {
  department: { object: 'DEPARTMENT', fields: ['RECORDNO', 'DEPARTMENTID', 'TITLE', 'STATUS'], code: 'DEPARTMENTID', name: (r) => fieldOf(r, 'TITLE') },
  location: { object: 'LOCATION', fields: ['RECORDNO', 'LOCATIONID', 'NAME', 'STATUS'], code: 'LOCATIONID', name: (r) => fieldOf(r, 'NAME') },
  account: { object: 'GLACCOUNT', fields: ['RECORDNO', 'ACCOUNTNO', 'TITLE', 'STATUS'], code: 'ACCOUNTNO', name: (r) => fieldOf(r, 'TITLE') },
  vendor: { object: 'VENDOR', fields: ['RECORDNO', 'VENDORID', 'NAME', 'STATUS'], code: 'VENDORID', name: (r) => fieldOf(r, 'NAME') },
  employee: {
    object: 'EMPLOYEE',
    fields: ['RECORDNO', 'EMPLOYEEID', 'STATUS', 'CONTACT.FIRSTNAME', 'CONTACT.LASTNAME'],
    code: 'EMPLOYEEID',
    name: (r) => [fieldOf(r, 'CONTACT.FIRSTNAME'), fieldOf(r, 'CONTACT.LASTNAME')].filter(Boolean).join(' '),
  },
  // Tax details of VAT companies: DETAILID is the code a bill's TAXENTRY names (fields as fyle's sync_tax_details reads them).
  taxDetail: { object: 'TAXDETAIL', fields: ['RECORDNO', 'DETAILID', 'DESCRIPTION', 'VALUE', 'TAXTYPE', 'TAXSOLUTIONID', 'STATUS'], code: 'DETAILID', name: (r) => taxDetailName(r) },
};

function taxDetailName(r: XmlNode): string {
  const rate = fieldOf(r, 'VALUE');
  return [fieldOf(r, 'DESCRIPTION') || fieldOf(r, 'DETAILID'), rate ? `${rate} %` : ''].filter(Boolean).join(' · ');
}

/** Only purchase tax details can be on a bill; sales ones are left out of the reference data. */
function usableTaxDetail(r: XmlNode): boolean {
  const type = fieldOf(r, 'TAXTYPE').toLowerCase();
  return type === '' || type === 'purchase';
}

/** STATUS is "active"/"inactive" in readByQuery answers, T/F in some; missing means active. */
export function intacctActive(status: string): boolean {
  const s = status.trim().toLowerCase();
  return !(s.startsWith('inactive') || s === 'f' || s === 'false');
}

export function rowsToReference(kind: IntacctRefKind, rows: XmlNode[]): ReferenceItem[] {
  const spec = REF_SPECS[kind];
  const out: ReferenceItem[] = [];
  for (const row of rows) {
    const code = fieldOf(row, spec.code);
    if (!code) continue;
    if (kind === 'taxDetail') {
      if (usableTaxDetail(row)) out.push({ kind: 'tax_code', dimensionType: '', code, name: spec.name(row) || code, active: intacctActive(fieldOf(row, 'STATUS')) });
      continue;
    }
    const base = kind === 'department' || kind === 'location' ? { kind: 'dimension' as const, dimensionType: kind } : { kind: kind === 'vendor' ? ('supplier' as const) : kind, dimensionType: '' };
    out.push({ ...base, code, name: spec.name(row) || code, active: intacctActive(fieldOf(row, 'STATUS')) });
  }
  return out;
}
