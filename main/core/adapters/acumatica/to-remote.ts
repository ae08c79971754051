// PURE: posting plans as Acumatica contract-based entities. Every ordinary field travels value-wrapped
// ({"value": …}); amounts are JSON numbers written from integer minor units; the idempotency key opens the
// header Description (keys.ts says how it is found again), and a bill's VendorRef is the vendor's invoice
// number (or the report id), what Acumatica's duplicate check and the AP clerk read
// (../shared/api/acumatica.md §3-5, ../shared/design/exactly-once.md).
import type { PlanLine, PostingPlan } from '../../../../shared/schemas/plan';
import { foldBillTax } from '../tax-fold';
import type { AcumaticaTargetSettings } from '../../../../shared/schemas/systems/acumatica';
import { ConnectorError } from '../../errors';
import { formatMinor } from '../../money/parse';
import { truncate } from '../../engine/text';
import { keyedDescription } from './keys';
import { ACUMATICA_SYSTEM, type AcuEntity, type AcuValue } from './schemas';

/** Longest header/line description we send (AP and GL description columns hold 255+ characters). */
export const ACUMATICA_DESCRIPTION_MAX = 255;
/** VendorRef (APInvoice.InvoiceNbr) is nvarchar(40). */
export const VENDOR_REF_MAX = 40;
export const BILL_TYPE = 'Bill';
export const GL_MODULE = 'GL';

export type AcuEntityName = 'Bill' | 'JournalTransaction';

/** Posting settings the mappers need (a subset, so tests can pass literals). */
export type PostingSettings = Pick<AcumaticaTargetSettings, 'branch'> & { defaultSubaccount?: string; taxCategoryByTaxId?: Record<string, string> };

export const wrap = <T extends string | number | boolean>(value: T): AcuValue<T> => ({ value });

export function entityFor(plan: PostingPlan): AcuEntityName {
  return plan.kind === 'supplier_invoice' ? 'Bill' : 'JournalTransaction';
}

/** Text without line breaks, cut to the field's length. */
export function cutText(text: string, max = ACUMATICA_DESCRIPTION_MAX): string {
  return truncate(text, max).text;
}

/** YYYY-MM-DD -> the ISO date-time Acumatica reads as a business date (no zone: it is not an instant). */
export function acuDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.slice(0, 10));
  if (!m) throw new ConnectorError('VALIDATION_REJECTED', `"${iso}" is not a date Acumatica can take`, { system: ACUMATICA_SYSTEM, retryable: false });
  return `${m[1]}-${m[2]}-${m[3]}T00:00:00`;
}

/**
 * Minor units as the JSON number Acumatica's DecimalValue takes. The decimal text is built from the
 * integer, and refused if the number would not print back to exactly that text (never silently rounded).
 */
export function decimalValue(amountMinor: number, currency: string): number {
  const text = formatMinor(amountMinor, currency);
  const n = Number(text);
  const canonical = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  if (!Number.isSafeInteger(amountMinor) || String(n) !== canonical.replace(/^(-?)0+(?=\d)/, '$1')) {
    throw new ConnectorError('VALIDATION_REJECTED', `Amount ${text} ${currency} cannot be sent exactly as a JSON number`, { system: ACUMATICA_SYSTEM, retryable: false });
  }
  return n;
}

const put = (e: AcuEntity, field: string, value: string | number | boolean | null | undefined) => {
  if (value === null || value === undefined || value === '') return;
  e[field] = wrap(value);
};

/**
 * Bill lines are the expense lines. A credit carrying the vendor itself is the payable side of a
 * balanced plan, which Acumatica books from the vendor's AP account; other credits go out negative.
 */
export function billLines(plan: PostingPlan): Array<{ line: PlanLine; signed: number }> {
  return plan.lines
    .filter((l) => !(l.side === 'credit' && plan.partner !== null && l.partner === plan.partner))
    .map((l) => ({ line: l, signed: l.side === 'debit' ? l.amountMinor : -l.amountMinor }));
}

function lineBranch(line: PlanLine, s: PostingSettings): string {
  return line.dimensions.branch ?? s.branch;
}

function lineSubaccount(line: PlanLine, s: PostingSettings): string {
  return line.dimensions.subaccount ?? s.defaultSubaccount ?? '';
}

/** VendorRef: the vendor's invoice number for invoices, the report id for expense reports (nvarchar 40). */
export function vendorRefOf(plan: PostingPlan): string {
  return Array.from((plan.invoiceNumber ?? '').trim() || plan.sourceId).slice(0, VENDOR_REF_MAX).join('');
}

/** The Bill body for PUT …/Bill: header (Description opens with the key), one detail per expense line. */
export function billEntity(plan: PostingPlan, s: PostingSettings): AcuEntity {
  if (!plan.partner) throw new ConnectorError('VALIDATION_REJECTED', `Bill ${plan.idempotencyKey} has no vendor`, { system: ACUMATICA_SYSTEM, retryable: false });
  const header: AcuEntity = {};
  put(header, 'Type', BILL_TYPE);
  put(header, 'Vendor', plan.partner);
  put(header, 'VendorRef', vendorRefOf(plan));
  put(header, 'Date', acuDate(plan.postingDate));
  put(header, 'Description', keyedDescription(plan.idempotencyKey, plan.description, ACUMATICA_DESCRIPTION_MAX));
  put(header, 'CurrencyID', plan.currency);
  put(header, 'BranchID', s.branch);
  put(header, 'Hold', false);
  const categories = s.taxCategoryByTaxId ?? {};
  // A tax whose Tax ID has a tax category rides on its net line (TaxCategory + a TaxDetails row); any other stays a bill line.
  const folded = foldBillTax(billLines(plan), (code) => Boolean(categories[code]));
  header.Details = folded.map(({ line, signed, taxSigned }) => {
    const d: AcuEntity = {};
    put(d, 'Branch', lineBranch(line, s));
    put(d, 'Account', line.account);
    put(d, 'Subaccount', lineSubaccount(line, s));
    put(d, 'ExtendedCost', decimalValue(signed, plan.currency));
    put(d, 'TransactionDescription', cutText(line.description));
    if (taxSigned && line.taxCode) put(d, 'TaxCategory', categories[line.taxCode]!);
    return d;
  });
  const taxDetails = billTaxDetails(folded, plan.currency);
  if (taxDetails.length) header.TaxDetails = taxDetails;
  return header;
}

/**
 * One TaxDetails row per Tax ID: TaxableAmount the lines it was charged on, TaxAmount the source's tax, TaxRate
 * derived from the two (shown, not used to recompute) — the Postman item "Create a Bill with Tax Parameters
 * Overridden" sends TaxID, TaxRate, TaxableAmount and TaxAmount (acumatica.md §4).
 */
export function billTaxDetails(folded: Array<{ line: PlanLine; signed: number; taxSigned: number }>, currency: string): AcuEntity[] {
  const byId = new Map<string, { taxable: number; tax: number }>();
  for (const f of folded) {
    if (!f.taxSigned || !f.line.taxCode) continue;
    const t = byId.get(f.line.taxCode) ?? { taxable: 0, tax: 0 };
    t.taxable += f.signed;
    t.tax += f.taxSigned;
    byId.set(f.line.taxCode, t);
  }
  return [...byId].map(([id, t]) => {
    const row: AcuEntity = {};
    put(row, 'TaxID', id);
    put(row, 'TaxRate', t.taxable ? Math.round((t.tax / t.taxable) * 100 * 1e6) / 1e6 : 0);
    put(row, 'TaxableAmount', decimalValue(t.taxable, currency));
    put(row, 'TaxAmount', decimalValue(t.tax, currency));
    return row;
  });
}

/** The JournalTransaction body: module GL, Description opening with the key (the searchable header text), debit/credit lines. */
export function journalEntity(plan: PostingPlan, s: PostingSettings): AcuEntity {
  const header: AcuEntity = {};
  put(header, 'Module', GL_MODULE);
  put(header, 'TransactionDate', acuDate(plan.postingDate));
  put(header, 'Description', keyedDescription(plan.idempotencyKey, plan.description, ACUMATICA_DESCRIPTION_MAX));
  put(header, 'CurrencyID', plan.currency);
  put(header, 'BranchID', s.branch);
  put(header, 'Hold', false);
  header.Details = plan.lines.map((line) => {
    const d: AcuEntity = {};
    put(d, 'BranchID', lineBranch(line, s));
    put(d, 'Account', line.account);
    put(d, 'Subaccount', lineSubaccount(line, s));
    put(d, 'DebitAmount', line.side === 'debit' ? decimalValue(line.amountMinor, plan.currency) : 0);
    put(d, 'CreditAmount', line.side === 'credit' ? decimalValue(line.amountMinor, plan.currency) : 0);
    put(d, 'TransactionDescription', cutText(line.partner ? `${line.description} (${line.partner})` : line.description));
    return d;
  });
  return header;
}

export function entityBody(plan: PostingPlan, s: PostingSettings): AcuEntity {
  return plan.kind === 'supplier_invoice' ? billEntity(plan, s) : journalEntity(plan, s);
}

/** An OData string literal: single quotes, an embedded quote doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Query text for the URL: `$` names kept readable, values percent-encoded (spaces as %20, never '+'). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The body of an action call such as ReleaseBill: the record's keys under `entity`. */
export function actionBody(keys: Record<string, string>): { entity: AcuEntity; parameters: Record<string, never> } {
  const entity: AcuEntity = {};
  for (const [k, v] of Object.entries(keys)) entity[k] = wrap(v);
  return { entity, parameters: {} };
}
