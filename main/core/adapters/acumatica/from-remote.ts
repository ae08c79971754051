// PURE: what Acumatica sends back, as the engine's data: value-wrapped fields unwrapped, a 422 entity's
// per-field errors (header and detail rows) turned into hold reasons naming the field, saved records into
// reference numbers, and vendor/account/subaccount/branch rows into ReferenceItems.
import type { PlanLine, PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldCode, HoldReason } from '../../../../shared/schemas/posting';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { AcuEntity } from './schemas';
import { billLines } from './to-remote';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `value` of a wrapped field as text ('' when absent or null). */
export function textOf(entity: AcuEntity, field: string): string {
  const f = entity[field];
  const v = isObj(f) ? f.value : undefined;
  return v === null || v === undefined ? '' : String(v);
}

/** A wrapped boolean; `fallback` when the field is absent. */
export function boolOf(entity: AcuEntity, field: string, fallback: boolean): boolean {
  const f = entity[field];
  if (!isObj(f) || f.value === null || f.value === undefined) return fallback;
  return f.value === true || String(f.value).toLowerCase() === 'true';
}

export interface FieldError {
  /** Header field, or the detail collection's field. */
  field: string;
  /** Detail collection (e.g. Details) and the row's index, for errors inside a line. */
  collection?: string;
  row?: number;
  value: string;
  error: string;
}

/** Every `error` on a value object, in the header and in each detail row (one level of collections). */
export function fieldErrors(entity: AcuEntity): FieldError[] {
  const out: FieldError[] = [];
  const scan = (e: AcuEntity, where: { collection?: string; row?: number }) => {
    for (const [field, v] of Object.entries(e)) {
      if (isObj(v) && typeof v.error === 'string' && v.error.trim()) out.push({ field, ...where, value: v.value === null || v.value === undefined ? '' : String(v.value), error: v.error.trim() });
      if (Array.isArray(v) && where.collection === undefined) v.forEach((r, i) => isObj(r) && scan(r, { collection: field, row: i }));
    }
  };
  scan(entity, {});
  return out;
}

const INACTIVE = /inactive|not active|is on hold|hold status|disabled/i;
const CLOSED = /closed|locked|not (an )?open|inactive period/i;

type Subject = 'partner' | 'account' | 'subaccount' | 'branch' | 'period' | 'amount' | 'currency' | null;

function subjectOf(field: string): Subject {
  const f = field.toLowerCase();
  if (f === 'vendor' || f === 'vendorid' || f === 'vendororcustomer') return 'partner';
  if (f === 'account' || f === 'accountid') return 'account';
  if (f === 'subaccount' || f === 'subaccountid') return 'subaccount';
  if (f === 'branch' || f === 'branchid') return 'branch';
  if (f === 'postperiod' || f === 'date' || f === 'transactiondate' || f === 'financialperiod') return 'period';
  if (/amount|cost|qty|total/.test(f)) return 'amount';
  if (f === 'currencyid') return 'currency';
  return null;
}

function codeFor(subject: Subject, error: string): HoldCode {
  const inactive = INACTIVE.test(error);
  switch (subject) {
    case 'partner':
      return inactive ? 'PARTNER_INACTIVE' : 'PARTNER_UNKNOWN';
    case 'account':
      return inactive ? 'ACCOUNT_INACTIVE' : 'ACCOUNT_UNKNOWN';
    case 'subaccount':
    case 'branch':
      return inactive ? 'DIMENSION_INACTIVE' : 'DIMENSION_UNKNOWN';
    case 'period':
      return CLOSED.test(error) ? 'PERIOD_CLOSED' : 'INVALID_DATE';
    case 'amount':
      return 'INVALID_AMOUNT';
    case 'currency':
      return 'INVALID_CURRENCY';
    default:
      return 'ERP_REJECTED';
  }
}

/** The plan line a detail row came from (bills leave the vendor's payable credit out). */
function planLineAt(plan: PostingPlan, row: number): PlanLine | undefined {
  return plan.kind === 'supplier_invoice' ? billLines(plan)[row]?.line : plan.lines[row];
}

/**
 * A 422 entity as hold reasons, one per field error, each naming the field, the line and the value.
 * With no field error at all, the top-level `error` summary (or a generic text) is the reason.
 */
export function errorsToReasons(entity: AcuEntity, plan: PostingPlan): HoldReason[] {
  const errors = fieldErrors(entity);
  if (errors.length === 0) {
    const summary = typeof entity.error === 'string' && entity.error.trim() ? entity.error.trim() : 'no reason given';
    if (/out of balance|not balanced|unbalanced/i.test(summary)) return [{ code: 'UNBALANCED', message: `Acumatica refused the journal transaction: ${summary}` }];
    return [{ code: 'ERP_REJECTED', message: `Acumatica refused the ${plan.kind === 'supplier_invoice' ? 'bill' : 'journal transaction'}: ${summary}` }];
  }
  return errors.map((e) => {
    const subject = subjectOf(e.field);
    const line = e.row !== undefined ? planLineAt(plan, e.row) : undefined;
    const where = e.row !== undefined ? `line ${e.row + 1} ${e.field}` : e.field;
    const shown = e.value ? ` "${e.value}"` : '';
    const reason: HoldReason = { code: codeFor(subject, e.error), message: `Acumatica refused ${where}${shown}: ${e.error}` };
    if (e.value && (subject === 'partner' || subject === 'account')) reason.subject = e.value;
    if (e.value && (subject === 'subaccount' || subject === 'branch')) reason.subject = `${subject}:${e.value}`;
    if (line?.sourceLineId) reason.lineId = line.sourceLineId;
    return reason;
  });
}

/** The reference number of a saved record: ReferenceNbr (Bill) or BatchNbr (JournalTransaction); '' if absent. */
export function erpIdOf(entity: AcuEntity, plan: PostingPlan): string {
  const id = textOf(entity, plan.kind === 'supplier_invoice' ? 'ReferenceNbr' : 'BatchNbr');
  return id && id !== '<NEW>' ? id : '';
}

export type AcuRefKind = 'vendor' | 'account' | 'subaccount' | 'branch' | 'tax';

/** Vendor statuses that still take bills (Hold and Inactive do not). */
const VENDOR_ACTIVE = new Set(['active', 'one-time', 'hold payments', '']);

export function rowsToReference(kind: AcuRefKind, rows: AcuEntity[]): ReferenceItem[] {
  const out: ReferenceItem[] = [];
  for (const r of rows) {
    if (kind === 'vendor') {
      const code = textOf(r, 'VendorID').trim();
      if (code) out.push({ kind: 'supplier', dimensionType: '', code, name: textOf(r, 'VendorName') || code, active: VENDOR_ACTIVE.has(textOf(r, 'Status').trim().toLowerCase()) });
    } else if (kind === 'account') {
      const code = textOf(r, 'AccountCD').trim();
      if (code) out.push({ kind: 'account', dimensionType: '', code, name: textOf(r, 'Description') || code, active: boolOf(r, 'Active', true) });
    } else if (kind === 'subaccount') {
      const code = textOf(r, 'SubaccountCD').trim();
      if (code) out.push({ kind: 'dimension', dimensionType: 'subaccount', code, name: textOf(r, 'Description') || code, active: boolOf(r, 'Active', true) });
    } else if (kind === 'tax') {
      // Tax entity (TaxID, Description; inactive when TaxDisabled — field names inferred from the Default endpoint).
      const code = textOf(r, 'TaxID').trim();
      if (code) out.push({ kind: 'tax_code', dimensionType: '', code, name: textOf(r, 'Description') || code, active: !boolOf(r, 'TaxDisabled', false) });
    } else {
      // Branches come as the Branches detail of each Ledger; the same branch may sit in several ledgers.
      const branches = Array.isArray(r.Branches) ? (r.Branches as AcuEntity[]) : [];
      for (const b of branches) {
        const code = textOf(b, 'BranchID').trim();
        if (code && !out.some((o) => o.code === code)) out.push({ kind: 'dimension', dimensionType: 'branch', code, name: textOf(b, 'BranchName') || code, active: boolOf(b, 'Active', true) });
      }
    }
  }
  return out;
}

/**
 * A 422 whose only errors say the VendorRef is already used (AP preference "raise an error on duplicate vendor
 * reference number"): Acumatica's own duplicate check; its text, or null when the 422 says anything else.
 */
export function duplicateVendorRef(entity: AcuEntity): string | null {
  const errors = fieldErrors(entity);
  const dup = errors.filter((e) => e.field === 'VendorRef' && e.row === undefined && /already (exists|used|entered)|duplicate/i.test(e.error));
  return dup.length > 0 && dup.length === errors.length ? dup[0]!.error : null;
}
