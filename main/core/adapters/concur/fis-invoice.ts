// Pure mappers for FIS invoice (requestHeader, vendor, ownerEmployee, lineItem[]) and cash advance
// (employeeData, cashAdvanceData, journalData) documents. Problems instead of throws.
import type { Allocation, SourceDocument, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import type { MapSettings } from './from-remote';
import { decimalText } from './from-remote';
import { fisBase } from './fis-base';
import { fisTaxComponents } from './fis-tax';
import { lineTaxOf } from '../../money/line-tax';
import { INVOICE_ID_PREFIX } from './invoice-from-remote';

/** The expense type cash advances carry; the engine's cash-advance mapping fallback uses the same code. */
const CASH_ADVANCE_TYPE = 'CASHADV';
import type { FisItem } from './fis-schemas';
import { arr, currencyOf, dateOf, fisDimensions, moneyOf, obj, personName, text } from './map-common';
import type { Obj } from './map-common';

export function invoiceToDocument(item: FisItem, body: Obj, settings: MapSettings, problems: SourceProblem[]): SourceDocument {
  const doc = fisBase(item, 'invoice', problems);
  const header = obj(body.requestHeader) ?? {};
  const vendor = obj(body.vendor) ?? {};
  const owner = obj(body.ownerEmployee);
  const requestId = text(header.requestId);
  const label = `Invoice ${requestId ?? item.id}`;
  if (!requestId) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the request id is missing` });
  doc.currency = currencyOf(header.currencyAlphaCode, label, problems);
  doc.documentDate = dateOf(header.invoiceDate, `${label} invoice date`, problems, true);
  doc.invoiceNumber = text(header.vendorInvoiceNumber);
  doc.title = text(header.requestTitle) ?? text(header.requestDescription) ?? (doc.invoiceNumber ? `Invoice ${doc.invoiceNumber}` : '');
  doc.version = text(header.revisionNumber) ?? '1';
  const vendorCode = text(vendor.vendorCode);
  const vendorName = text(vendor.vendorName);
  if (vendorCode || vendorName) doc.vendor = { code: vendorCode, name: vendorName ?? vendorCode ?? '' };
  else problems.push({ code: 'SOURCE_INVALID', message: `${label}: the vendor is missing` });
  const ownerId = owner ? text(owner.employeeId) : null;
  if (owner && ownerId) doc.employee = { id: ownerId, name: personName(owner) ?? ownerId, email: null };

  doc.lines = arr(body.lineItem).map((li, i): SourceLine => {
    const lineId = text(li.lineItemSequenceOrder) ?? text(li.lineItemId) ?? String(i + 1);
    const typeName = text(li.expenseTypeName);
    const lineLabel = `${label} line ${lineId}${typeName ? ` (${typeName})` : ''}`;
    const typeCode = text(li.expenseTypeCode) ?? text(li.lineItemCode);
    if (!typeCode) problems.push({ code: 'SOURCE_INVALID', message: `${lineLabel}: the expense type is missing`, lineId });
    // Gross is the line's total; net (without shipping and tax) only when gross is absent.
    const amount = moneyOf(li.amountGross ?? li.amountNet, doc.currency, `${lineLabel} amount`, problems, lineId);
    const tax = amount ? lineTaxOf(amount.amountMinor, fisTaxComponents([li, ...arr(li.allocation ?? li.allocations)], doc.currency, lineLabel, lineId, problems, 'all')) : undefined;
    return {
      lineId,
      expenseType: { code: typeCode ?? '', name: typeName ?? '' },
      transactionDate: doc.documentDate,
      amount,
      transactionAmount: null,
      exchangeRate: null,
      description: text(li.lineItemDescription) ?? typeName ?? '',
      vendorName: vendorName,
      isPersonal: false,
      paidBy: 'employee',
      allocations: lineAllocations(li, lineLabel, lineId, settings, problems),
      dimensions: fisDimensions(li, 'lineItem', settings.dimensionFields),
      ...(text(li.accountCode) ? { sourceAccount: text(li.accountCode)! } : {}),
      ...(tax ? { tax } : {}),
    };
  });
  if (doc.lines.length === 0) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the invoice has no line items` });

  const put = (k: string, v: unknown) => {
    const t = text(v);
    if (t) doc.meta[k] = t;
  };
  put('requestId', requestId);
  // The same payment request read through the v3 Invoice API (reports mode with invoices).
  if (requestId) doc.aliases = [`${INVOICE_ID_PREFIX}${requestId}`];
  put('requestTotal', header.requestTotal);
  put('amountTax', header.amountTax);
  put('ledger', header.ledgerCode);
  put('paymentDueDate', header.paymentDueDate);
  put('vendorRemitToAddressCode', vendor.vendorRemitToAddressCode);
  return doc;
}

/** allocation[] when present; otherwise the flat allocation fields the schema lists on the line itself. */
function lineAllocations(li: Obj, label: string, lineId: string, settings: MapSettings, problems: SourceProblem[]): Allocation[] {
  const list = arr(li.allocation ?? li.allocations);
  const sources = list.length ? list : li.allocationPercentage !== undefined && li.allocationPercentage !== null ? [li] : [];
  const out: Allocation[] = [];
  for (const a of sources) {
    const pct = decimalText(a.allocationPercentage);
    if (pct === null) problems.push({ code: 'INVALID_AMOUNT', message: `${label}: an allocation has no readable percentage`, lineId });
    else {
      // The allocation's own account, else its journal row's (Concur's accounting configuration).
      const account = text(a.allocationAccountCode) ?? arr(a.journal).map((j) => text(j.journalAccountCode)).find((x) => !!x) ?? null;
      out.push({ percentage: pct, dimensions: fisDimensions(a, 'allocation', settings.dimensionFields), ...(account ? { sourceAccount: account } : {}) });
    }
  }
  return out;
}

/**
 * Cash advance issuance (SAP use case 5.1.1 "Paid Cash"): debit the cash-advance clearing account, credit
 * the employee vendor. The journal row is in the reimbursement currency (employeeCurrencyAlphaCode) while
 * requestAmount is in the currency of issue (extract notes for 5.2.1: "Journal Amount is a DR transaction in
 * the reimbursement currency"), so the journal row, when there is one, is what is booked; its accountCode
 * is the employee's cash-advance account in Concur. A CR row (a return to the administrator) books the
 * other way round.
 */
export function cashAdvanceToDocument(item: FisItem, body: Obj, problems: SourceProblem[]): SourceDocument {
  const doc = fisBase(item, 'cashadvance', problems);
  const employee = obj(body.employeeData) ?? obj(body.employee) ?? {};
  const ca = obj(body.cashAdvanceData) ?? obj(body.cashAdvance) ?? {};
  const id = text(ca.cashAdvanceId);
  const label = `Cash advance ${id ?? item.id}`;
  if (!id) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the cash advance id is missing` });
  const journal = arr(body.journalData ?? body.journal);
  const row = journal.find((j) => /^(DR|CR)$/i.test(text(j.debitOrCredit) ?? '')) ?? journal[0];
  // The journal amount when there is one; an amount-less row still names the account.
  const booked = !!row && row.amount !== undefined && row.amount !== null;
  doc.currency = currencyOf(booked ? (ca.employeeCurrencyAlphaCode ?? ca.currencyAlphaCode) : (ca.currencyAlphaCode ?? ca.employeeCurrencyAlphaCode), label, problems);
  doc.documentDate = dateOf(ca.issuedDate ?? ca.requestDate, `${label} issue date`, problems, true);
  doc.title = text(ca.name) ?? text(ca.purpose) ?? '';
  const employeeId = text(employee.employeeId);
  if (employeeId) doc.employee = { id: employeeId, name: personName(employee) ?? employeeId, email: null };
  else problems.push({ code: 'SOURCE_INVALID', message: `${label}: the employee id is missing` });
  const lineId = id ?? '1';
  const raw = booked ? moneyOf(typeof row.amount === 'number' ? Math.abs(row.amount) : text(row.amount)?.replace(/^[-+]/, ''), doc.currency, `${label} amount`, problems, lineId) : moneyOf(ca.requestAmount, doc.currency, `${label} amount`, problems, lineId);
  const credit = booked && text(row.debitOrCredit)?.toUpperCase() === 'CR';
  const amount = raw && credit ? { ...raw, amountMinor: -raw.amountMinor } : raw;
  const issueCurrency = text(ca.currencyAlphaCode)?.toUpperCase() ?? null;
  const transactionAmount = issueCurrency && issueCurrency !== doc.currency ? moneyOf(ca.requestAmount, issueCurrency, `${label} amount issued`, problems, lineId) : null;
  const account = row ? text(row.accountCode) : null;
  doc.lines = [
    {
      lineId,
      expenseType: { code: CASH_ADVANCE_TYPE, name: 'Cash advance' },
      transactionDate: doc.documentDate,
      amount,
      transactionAmount,
      exchangeRate: transactionAmount ? decimalText(ca.exchangeRate) : null,
      description: text(ca.purpose) ?? text(ca.name) ?? 'Cash advance',
      vendorName: null,
      isPersonal: false,
      paidBy: 'employee',
      allocations: [],
      dimensions: {},
      role: 'cash_advance',
      ...(amount ? { settlements: [{ party: 'employee' as const, amountMinor: amount.amountMinor, reason: 'cash_advance' as const }] } : {}),
      ...(account ? { sourceAccount: account } : {}),
    },
  ];
  if (id) doc.meta.cashAdvanceId = id;
  if (account) doc.meta.journalAccountCode = account;
  return doc;
}
