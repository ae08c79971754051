// PURE: what Sage X3 sends back, as the engine's data: api1 resources -> ReferenceItems,
// CAdxMessages -> hold reasons / warnings, resultXml -> the document number.
import type { HoldCode, HoldReason } from '../../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { X3DimensionType } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError } from '../../errors';
import { allRecords, parseObjectXml, X3_SYSTEM, type X3Message } from './schemas';

export type X3RefKind = 'account' | 'supplier' | 'costCenter';

const CODE_KEYS: Record<X3RefKind, string[]> = {
  account: ['ACC', 'ACCNUM', 'code'],
  supplier: ['BPSNUM', 'BPRNUM', 'BPR', 'code'],
  costCenter: ['CCE', 'code'],
};
const NAME_KEYS: Record<X3RefKind, string[]> = {
  account: ['DES', 'DESTRA', 'ACCDES', 'description', 'name'],
  supplier: ['BPSNAM', 'BPRNAM', 'BPSSHO', 'BPRSHO', 'description', 'name'],
  costCenter: ['DES', 'DESTRA', 'CCEDES', 'description', 'name'],
};
const ACTIVE_KEYS = ['ENAFLG', 'ACTFLG', 'BPSACT', 'isActive', 'active'];

function scalar(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** X3 yes/no local menus are 1 = No, 2 = Yes; api1 may also give booleans or labels. Missing = active. */
export function x3Active(v: unknown): boolean {
  const t = scalar(v).toLowerCase();
  if (t === '') return true;
  return !['1', 'false', 'no', 'n', '0', 'inactive'].includes(t);
}

export interface ResourceMapOptions {
  /** The configured dimension types: records are kept when their DIE is one of them, under its name. */
  dimensions?: ReadonlyArray<Pick<X3DimensionType, 'name' | 'x3Type'>>;
}

/**
 * The plan-side dimension name for a record's X3 dimension type. A record without DIE (a representation
 * that leaves it out) only counts when exactly one type is configured.
 */
export function dimensionNameFor(die: string, dims: ReadonlyArray<Pick<X3DimensionType, 'name' | 'x3Type'>>): string | undefined {
  if (!die) return dims.length === 1 ? dims[0]!.name : undefined;
  return dims.find((d) => d.x3Type.toUpperCase() === die.toUpperCase())?.name;
}

const DEFAULT_DIMS = [{ name: 'costCenter', x3Type: '' }];

/** One api1 `$resources` page as ReferenceItems; records without a code are skipped. */
export function resourcesToReference(kind: X3RefKind, resources: unknown[], opts: ResourceMapOptions = {}): ReferenceItem[] {
  const out: ReferenceItem[] = [];
  const dims = opts.dimensions ?? DEFAULT_DIMS;
  for (const r of resources) {
    if (!r || typeof r !== 'object') continue;
    const rec = r as Record<string, unknown>;
    const code = CODE_KEYS[kind].map((k) => scalar(rec[k])).find(Boolean);
    if (!code) continue;
    let dimensionType = '';
    if (kind === 'costCenter') {
      const die = scalar(rec.DIE);
      const name = dims.length === 1 && !dims[0]!.x3Type ? dims[0]!.name : dimensionNameFor(die, dims);
      if (!name) continue;
      dimensionType = name;
    }
    const name = NAME_KEYS[kind].map((k) => scalar(rec[k])).find(Boolean) ?? code;
    const activeKey = ACTIVE_KEYS.find((k) => rec[k] !== undefined && rec[k] !== null);
    out.push({ kind: kind === 'costCenter' ? 'dimension' : kind, dimensionType, code, name, active: activeKey ? x3Active(rec[activeKey]) : true });
  }
  return out;
}

/** The X3 dimension types (DIE) present in an api1 dimension page. */
export function dimensionTypesIn(resources: unknown[]): string[] {
  const seen = new Set<string>();
  for (const r of resources) if (r && typeof r === 'object') seen.add(scalar((r as Record<string, unknown>).DIE).toUpperCase());
  seen.delete('');
  return [...seen];
}

const STOPWORDS = new Set(['record', 'does', 'is', 'not', 'the', 'inactive', 'mandatory', 'type', 'code', 'field', 'unknown', 'invalid']);

export const isError = (m: X3Message) => m.type.trim() === '3';

/**
 * Maps one X3 error text to a hold code. X3 messages are in the call's language (codeLang); the
 * patterns are English, anything unrecognised becomes ERP_REJECTED with X3's own text.
 */
export function classifyMessage(text: string): { code: HoldCode; subject?: string } {
  const t = text.toLowerCase();
  if (/unbalanced|not balanced|out of balance|balance (error|difference)|debit.*credit.*(differ|not equal)/.test(t)) return { code: 'UNBALANCED' };
  if (/period[^.]*(closed|not open|locked)|closed period|fiscal year[^.]*closed|(closed|locked) (fiscal )?(period|year)/.test(t)) return { code: 'PERIOD_CLOSED' };
  const inactive = /inactive|not active|blocked|disabled|not authori[sz]ed/.test(t);
  const unknown = /does not exist|doesn't exist|not found|unknown|non-?existent|no such|invalid|record not/.test(t);
  if (!inactive && !unknown) return { code: 'ERP_REJECTED' };
  const subjectAfter = (re: RegExp) => {
    const v = re.exec(text)?.[1];
    return v && !STOPWORDS.has(v.toLowerCase()) ? v : undefined;
  };
  if (/supplier|business partner|\bbp\b|\bbpr\b|\bbps\b/.test(t)) {
    return { code: inactive ? 'PARTNER_INACTIVE' : 'PARTNER_UNKNOWN', subject: subjectAfter(/(?:supplier|business partner|\bBPR?S?\b)\s*:?\s*([A-Z0-9_-]+)/i) };
  }
  if (/dimension|cost cent|analytic|\bcce\d*\b|section/.test(t)) {
    return { code: inactive ? 'DIMENSION_INACTIVE' : 'DIMENSION_UNKNOWN', subject: subjectAfter(/(?:dimension|cost cent(?:er|re)|\bCCE\d*)\s*:?\s*([A-Z0-9_-]+)/i) };
  }
  if (/account|\bacc\b/.test(t)) {
    return { code: inactive ? 'ACCOUNT_INACTIVE' : 'ACCOUNT_UNKNOWN', subject: subjectAfter(/(?:account|\bACC\b)\s*:?\s*([A-Z0-9_-]+)/i) };
  }
  return { code: 'ERP_REJECTED' };
}

/** Error messages (type 3) as hold reasons; `lineId` maps X3's "Line n" to the plan's source line. */
export function messagesToReasons(messages: X3Message[], lineId?: (lineNo: number) => string | undefined): HoldReason[] {
  const errors = messages.filter(isError);
  if (errors.length === 0) {
    const text = messages.map((m) => m.message).filter(Boolean).join(' / ');
    return [{ code: 'ERP_REJECTED', message: text ? `Sage X3 refused the document: ${text}` : 'Sage X3 refused the document without giving a reason' }];
  }
  return errors.map((m) => {
    const { code, subject } = classifyMessage(m.message);
    const reason: HoldReason = { code, message: m.message || 'Sage X3 error without text' };
    if (subject) reason.subject = subject;
    const lineNo = /\bline\s*(?:no\.?\s*)?(\d+)/i.exec(m.message)?.[1];
    const id = lineNo && lineId ? lineId(Number(lineNo)) : undefined;
    if (id) reason.lineId = id;
    return reason;
  });
}

/** Info and warning messages (types 1/2, or untyped) passed on with a posted document. */
export function messagesToWarnings(messages: X3Message[]): string[] {
  return messages.filter((m) => !isError(m) && m.message).map((m) => m.message);
}

/** The number X3 gave the saved document, read from the returned object XML. */
export function documentNumberFrom(resultXml: string, numberField: string): string {
  const number = resultXml.trim() ? allRecords(parseObjectXml(resultXml, 'resultXml')).map((r) => r.get(numberField)?.trim()).find(Boolean) : undefined;
  if (!number) {
    throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 reported the document as saved but returned no ${numberField} field: check that the field is on the published object`, {
      system: X3_SYSTEM,
      retryable: false,
      uncertain: true,
    });
  }
  return number;
}

/**
 * The document numbers of a query answer that carry `key`. Rows that show the reference field must
 * match it; if no row shows it, the server filtered for us, and one row is an answer while several
 * are ambiguous (a server that ignored the criterion must not make a missing document look posted).
 */
export function matchQuery(resultXml: string, referenceField: string, numberField: string, key: string): string[] {
  if (!resultXml.trim()) return [];
  const obj = parseObjectXml(resultXml, 'query result');
  const rows = [...obj.tables.values()].flat();
  const candidates = (rows.length ? rows : [...obj.groups.values()]).filter((r) => r.get(numberField)?.trim());
  const withRef = candidates.filter((r) => r.has(referenceField));
  if (withRef.length > 0) return withRef.filter((r) => r.get(referenceField)?.trim() === key).map((r) => r.get(numberField)!.trim());
  if (candidates.length <= 1) return candidates.map((r) => r.get(numberField)!.trim());
  throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 answered the look-up of ${key} with ${candidates.length} documents and no ${referenceField} field: make ${referenceField} a query criterion and a returned field of the published object`, {
    system: X3_SYSTEM,
    retryable: false,
  });
}
