// PUT of a Bill or JournalTransaction: value-wrapped fields read (a bare value is a 400, as the
// deserialiser refuses it, and so is a field the endpoint's entity does not define), every field validated
// against the tenant, and either the saved record (new, or the one the PUT located, updated) or the 422
// echo of the entity with an `error` on each bad field (header and detail rows).
import { randomUUID } from 'node:crypto';
import { simExponent } from '../iso4217';
import type { AcumaticaSimState, SimLine, SimRecord, SimTaxRow } from './state';

export type WriteResult = { status: 200; record: SimRecord; body: Record<string, unknown> } | { status: 422; body: Record<string, unknown> } | { status: 400; message: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class BareValue extends Error {}

const SYSTEM_MEMBERS = new Set(['id', 'rowNumber', 'note', 'custom', 'files', 'error', '_links', 'delete']);

/** Fields of Default/23.200.001 (EndpointMetadata, ../shared/api/acumatica.md §4); anything else is refused. */
const FIELDS: Record<'Bill' | 'JournalTransaction', { header: Set<string>; detail: Set<string> }> = {
  Bill: {
    header: new Set(['Type', 'ReferenceNbr', 'Vendor', 'VendorRef', 'Date', 'DueDate', 'PostPeriod', 'Description', 'BranchID', 'LocationID', 'CurrencyID', 'Terms', 'Hold', 'Status', 'Amount', 'Balance', 'TaxTotal', 'IsTaxValid', 'Project', 'CashAccount', 'ApprovedForPayment', 'LastModifiedDateTime', 'Details', 'TaxDetails', 'Applications']),
    detail: new Set(['Branch', 'InventoryID', 'Account', 'Subaccount', 'ExtendedCost', 'Amount', 'Qty', 'UnitCost', 'UOM', 'TransactionDescription', 'Description', 'TaxCategory', 'Project', 'ProjectTask', 'CostCode', 'NonBillable', 'CalculateDiscountsOnImport', 'POOrderType', 'POOrderNbr', 'POLine', 'POReceiptType', 'POReceiptNbr', 'POReceiptLine']),
  },
  JournalTransaction: {
    header: new Set(['Module', 'BatchNbr', 'TransactionDate', 'PostPeriod', 'Description', 'BranchID', 'LedgerID', 'CurrencyID', 'Hold', 'Status', 'CreatedDateTime', 'LastModifiedDateTime', 'Details']),
    detail: new Set(['BranchID', 'Account', 'Subaccount', 'DebitAmount', 'CreditAmount', 'Description', 'TransactionDescription', 'ReferenceNbr', 'VendorOrCustomer', 'Project', 'ProjectTask', 'CostCode', 'IsNonPM', 'Qty', 'UOM', 'LineNbr', 'NonBillable']),
  },
};

/** AP document types a Bill takes, by their display labels. */
export const BILL_TYPES = ['Bill', 'Credit Adj.', 'Debit Adj.', 'Prepayment'];

function unknownField(entity: 'Bill' | 'JournalTransaction', body: Obj, details: Obj[]): string | null {
  const f = FIELDS[entity];
  const head = Object.keys(body).find((k) => !SYSTEM_MEMBERS.has(k) && !f.header.has(k));
  if (head) return head;
  for (const d of details) {
    const k = Object.keys(d).find((x) => !SYSTEM_MEMBERS.has(x) && !f.detail.has(x));
    if (k) return `Details/${k}`;
  }
  return null;
}
const DESCRIPTION_MAX = 255;

/** Ordinary fields must come as {"value": …}; system members and detail collections are bare. */
function checkWrapped(e: Obj): void {
  for (const [k, v] of Object.entries(e)) {
    if (SYSTEM_MEMBERS.has(k) || Array.isArray(v)) continue;
    if (!isObj(v) || !('value' in v)) throw new BareValue(`Field "${k}" must be an object with a "value" member`);
  }
}

const val = (e: Obj, f: string): unknown => (isObj(e[f]) ? (e[f] as Obj).value : undefined);
const str = (e: Obj, f: string): string => {
  const v = val(e, f);
  return v === undefined || v === null ? '' : String(v);
};

/** A JSON number as minor units, or an error text when it has more decimals than the currency allows. */
export function toMinor(v: unknown, currency: string): number | string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'The value must be a number.';
  const digits = simExponent(currency) ?? 2;
  const text = String(Math.abs(v));
  if (/e/i.test(text)) return 'The value is out of range.';
  const [int = '0', frac = ''] = text.split('.');
  if (frac.length > digits) return `The value has more than ${digits} decimal places allowed for ${currency}.`;
  const minor = Number(int) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  return v < 0 ? -minor : minor;
}

function isoDay(v: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+)?$/.exec(v) ?? null;
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : null;
}

/** `existing`: the record the PUT located (by its $filter or key fields), updated in place when valid. */
export function writeRecord(entity: 'Bill' | 'JournalTransaction', body: unknown, state: AcumaticaSimState, existing?: SimRecord): WriteResult {
  if (!isObj(body)) return { status: 400, message: 'The request body must be a JSON object' };
  const details = Array.isArray(body.Details) ? (body.Details as unknown[]).filter(isObj) : [];
  const unknown = unknownField(entity, body, details);
  if (unknown) return { status: 400, message: `The field ${unknown} is not defined in the ${entity} entity of this endpoint.` };
  try {
    checkWrapped(body);
    details.forEach(checkWrapped);
  } catch (e) {
    if (e instanceof BareValue) return { status: 400, message: e.message };
    throw e;
  }
  const echo: Obj = structuredClone(body);
  const echoDetails = (Array.isArray(echo.Details) ? echo.Details : []) as Obj[];
  let bad = false;
  const fail = (target: Obj, field: string, error: string) => {
    bad = true;
    target[field] = { ...(isObj(target[field]) ? target[field] : { value: null }), error };
  };
  const isBill = entity === 'Bill';
  const currency = str(body, 'CurrencyID') || 'USD';
  if (!state.currencies.has(currency)) fail(echo, 'CurrencyID', `'Currency ID' cannot be found in the system. Value: ${currency}`);
  const dateField = isBill ? 'Date' : 'TransactionDate';
  const day = isoDay(str(body, dateField));
  if (!day) fail(echo, dateField, `'${dateField}' cannot be empty or is not a date.`);
  else if (state.closedPeriods.has(day.slice(0, 7))) fail(echo, dateField, `The financial period ${day.slice(5, 7)}-${day.slice(0, 4)} is closed.`);
  else if (isBill && state.apClosedPeriods.has(day.slice(0, 7))) fail(echo, dateField, `The financial period ${day.slice(5, 7)}-${day.slice(0, 4)} is closed in AP.`);
  const description = str(body, 'Description');
  if (Array.from(description).length > DESCRIPTION_MAX) fail(echo, 'Description', `The value exceeds the maximum length of ${DESCRIPTION_MAX} characters.`);
  const headerBranch = str(body, 'BranchID');
  if (headerBranch && !state.branches.get(headerBranch)?.active) fail(echo, 'BranchID', `'Branch' cannot be found in the system or is inactive. Value: ${headerBranch}`);

  let vendor = '';
  let vendorRef = '';
  let type = 'GL';
  if (isBill) {
    type = str(body, 'Type') || 'Bill';
    if (!BILL_TYPES.includes(type)) fail(echo, 'Type', `'Type' must be one of the listed values. Value: ${type}`);
    vendor = str(body, 'Vendor');
    const v = state.vendors.get(vendor);
    if (!vendor) fail(echo, 'Vendor', "'Vendor' cannot be empty.");
    else if (!v) fail(echo, 'Vendor', `'Vendor' cannot be found in the system. Value: ${vendor}`);
    else if (['Inactive', 'Hold'].includes(v.status)) fail(echo, 'Vendor', `The vendor status is '${v.status}'.`);
    vendorRef = str(body, 'VendorRef');
    if (vendorRef.length > 40) fail(echo, 'VendorRef', 'The value exceeds the maximum length of 40 characters.');
    else if (vendorRef && state.rejectDuplicateVendorRef && state.records('Bill').some((r) => r !== existing && r.vendor === vendor && r.vendorRef === vendorRef)) fail(echo, 'VendorRef', `Document with Vendor Ref. ${vendorRef} already exists for this vendor.`);
  } else if (str(body, 'Module') !== 'GL') fail(echo, 'Module', "'Module' must be GL.");

  if (!details.length) {
    bad = true;
    echo.error = 'The document has no lines.';
  }
  const lines: SimLine[] = details.map((d, i) => {
    const out = echoDetails[i]!;
    const branchField = isBill ? 'Branch' : 'BranchID';
    const branch = str(d, branchField) || headerBranch;
    if (branch && !state.branches.get(branch)?.active) fail(out, branchField, `'Branch' cannot be found in the system or is inactive. Value: ${branch}`);
    const account = str(d, 'Account');
    const acc = state.accounts.get(account);
    if (!account) fail(out, 'Account', "'Account' cannot be empty.");
    else if (!acc) fail(out, 'Account', `'Account' cannot be found in the system. Value: ${account}`);
    else if (!acc.active) fail(out, 'Account', `Account '${account}' is inactive.`);
    const subaccount = str(d, 'Subaccount') || '000000';
    const sub = state.subaccounts.get(subaccount);
    if (str(d, 'Subaccount') && !sub) fail(out, 'Subaccount', `'Subaccount' cannot be found in the system. Value: ${subaccount}`);
    else if (sub && !sub.active) fail(out, 'Subaccount', `Subaccount '${subaccount}' is inactive.`);
    const text = str(d, 'TransactionDescription');
    if (Array.from(text).length > DESCRIPTION_MAX) fail(out, 'TransactionDescription', `The value exceeds the maximum length of ${DESCRIPTION_MAX} characters.`);
    const amount = (field: string): number => {
      const m = toMinor(val(d, field) ?? 0, currency);
      if (typeof m === 'string') {
        fail(out, field, m);
        return 0;
      }
      return m;
    };
    const line: SimLine = { branch, account, subaccount, description: text, amountMinor: 0, debitMinor: 0, creditMinor: 0 };
    if (isBill) {
      line.amountMinor = amount('ExtendedCost');
      const category = str(d, 'TaxCategory');
      const cat = state.taxCategories.get(category);
      if (category && !cat) fail(out, 'TaxCategory', `'Tax Category' cannot be found in the system. Value: ${category}`);
      else if (cat && !cat.active) fail(out, 'TaxCategory', `Tax Category '${category}' is inactive.`);
      line.taxCategory = category;
    }
    else {
      line.debitMinor = amount('DebitAmount');
      line.creditMinor = amount('CreditAmount');
      if (line.debitMinor < 0 || line.creditMinor < 0 || (line.debitMinor > 0 && line.creditMinor > 0)) fail(out, 'DebitAmount', 'A line has either a debit or a credit amount, not negative and not both.');
      line.amountMinor = line.debitMinor - line.creditMinor;
    }
    return line;
  });
  const taxes = isBill ? taxRows(body, echo, lines, state, currency, () => (bad = true)) : [];
  const hold = val(body, 'Hold') === true;
  if (!isBill && !bad && !hold && lines.reduce((s, l) => s + l.amountMinor, 0) !== 0) {
    bad = true;
    echo.error = 'Batch is out of balance, please review.';
  }
  if (isBill && !bad && lines.reduce((s, l) => s + l.amountMinor, 0) + taxes.reduce((s, t) => s + t.taxMinor, 0) <= 0) {
    bad = true;
    echo.error = 'The document balance cannot be negative or zero.';
  }
  if (bad) {
    echo.error ??= `Inserting '${isBill ? 'Bill' : 'Journal Transaction'}' record raised at least one error. Please review the errors.`;
    echo.id = randomUUID();
    return { status: 422, body: echo };
  }
  const record: SimRecord = {
    entity,
    id: existing?.id ?? randomUUID(),
    number: existing?.number ?? state.nextNumber(entity),
    type,
    vendor,
    vendorRef,
    date: day!,
    description,
    currency,
    branch: headerBranch,
    status: hold ? 'On Hold' : 'Balanced',
    lines,
    createdAt: existing?.createdAt ?? new Date(state.nowMs()).toISOString(),
    taxes,
  };
  if (existing) state.replace(existing, record);
  else state.store(record);
  return { status: 200, record, body: recordEntity(record, true) };
}

/**
 * TaxDetails of a bill (rows TaxID, TaxRate, TaxableAmount, TaxAmount; acumatica.md §4). Each TaxID must exist and
 * be active and belong to the TaxCategory of some line; its TaxableAmount must be the sum of those lines. TaxAmount
 * may be overridden (the Postman example sends amounts without a rate); when a TaxRate is sent too, the amount must
 * be the taxable times that rate within one minor unit (inferred).
 */
function taxRows(body: Obj, echo: Obj, lines: SimLine[], state: AcumaticaSimState, currency: string, markBad: () => void): SimTaxRow[] {
  if (body.TaxDetails === undefined) return [];
  const setError = (target: Obj, field: string, error: string) => {
    markBad();
    target[field] = { ...(isObj(target[field]) ? target[field] : { value: null }), error };
  };
  if (!Array.isArray(body.TaxDetails)) {
    markBad();
    echo.error = 'TaxDetails must be a list of rows.';
    return [];
  }
  const rows = (body.TaxDetails as unknown[]).filter(isObj);
  const echoRows = echo.TaxDetails as Obj[];
  const out: SimTaxRow[] = [];
  rows.forEach((row, i) => {
    const e = echoRows[i]!;
    const extra = Object.keys(row).find((k) => !SYSTEM_MEMBERS.has(k) && !TAX_FIELDS.has(k));
    if (extra) return setError(e, extra, `The field TaxDetails/${extra} is not defined in the Bill entity of this endpoint.`);
    for (const [k, v] of Object.entries(row)) if (!SYSTEM_MEMBERS.has(k) && (!isObj(v) || !('value' in v))) return setError(e, k, `Field "${k}" must be an object with a "value" member`);
    const taxId = str(row, 'TaxID');
    const tax = state.taxes.get(taxId);
    if (!tax) return setError(e, 'TaxID', `'Tax ID' cannot be found in the system. Value: ${taxId}`);
    if (!tax.active) return setError(e, 'TaxID', `Tax '${taxId}' is disabled.`);
    const taxed = lines.filter((l) => l.taxCategory && state.taxCategories.get(l.taxCategory)?.taxIds.includes(taxId));
    if (!taxed.length) return setError(e, 'TaxID', `Tax '${taxId}' is not in the tax category of any line.`);
    const taxable = toMinor(val(row, 'TaxableAmount') ?? 0, currency);
    const amount = toMinor(val(row, 'TaxAmount') ?? 0, currency);
    const sentRate = val(row, 'TaxRate');
    const rate = Number(sentRate);
    if (typeof taxable === 'string') return setError(e, 'TaxableAmount', taxable);
    if (typeof amount === 'string') return setError(e, 'TaxAmount', amount);
    const base = taxed.reduce((s, l) => s + l.amountMinor, 0);
    if (taxable !== base) return setError(e, 'TaxableAmount', `The taxable amount ${taxable / 100} is not the amount of the lines of tax ${taxId} (${base / 100}).`);
    if (sentRate !== undefined && (!Number.isFinite(rate) || Math.abs(amount - (taxable * rate) / 100) > 1)) return setError(e, 'TaxAmount', `The tax amount does not match the taxable amount at ${rate} %.`);
    out.push({ taxId, taxableMinor: taxable, taxMinor: amount });
  });
  return out;
}
const TAX_FIELDS = new Set(['TaxID', 'TaxRate', 'TaxableAmount', 'TaxAmount', 'ExpenseAmount']);

const w = (value: unknown) => ({ value });

/** A stored record as the API returns it (details only when expanded). */
export function recordEntity(r: SimRecord, withDetails: boolean): Obj {
  const minor = (m: number) => m / 10 ** (simExponent(r.currency) ?? 2);
  const isBill = r.entity === 'Bill';
  const head: Obj = isBill
    ? { id: r.id, rowNumber: 1, Type: w(r.type), ReferenceNbr: w(r.number), Vendor: w(r.vendor), VendorRef: w(r.vendorRef), Date: w(`${r.date}T00:00:00`), Description: w(r.description), CurrencyID: w(r.currency), Status: w(r.status), Amount: w(minor(r.lines.reduce((s, l) => s + l.amountMinor, 0))) }
    : { id: r.id, rowNumber: 1, Module: w('GL'), BatchNbr: w(r.number), TransactionDate: w(`${r.date}T00:00:00`), Description: w(r.description), CurrencyID: w(r.currency), Status: w(r.status) };
  if (withDetails) {
    head.Details = r.lines.map((l, i) =>
      isBill
        ? { id: randomUUID(), rowNumber: i + 1, Branch: w(l.branch), Account: w(l.account), Subaccount: w(l.subaccount), ExtendedCost: w(minor(l.amountMinor)), TransactionDescription: w(l.description) }
        : { id: randomUUID(), rowNumber: i + 1, BranchID: w(l.branch), Account: w(l.account), Subaccount: w(l.subaccount), DebitAmount: w(minor(l.debitMinor)), CreditAmount: w(minor(l.creditMinor)), TransactionDescription: w(l.description) },
    );
  }
  return head;
}
