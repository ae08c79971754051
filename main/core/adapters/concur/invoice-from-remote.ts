// Pure mapper: a v3 payment request (I2, amounts as strings) -> SourceDocument kind 'invoice', with the
// vendor, invoice number and date, and line items with allocations. Never throws: problems instead.
import type { Allocation, SourceDocument, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import type { MapSettings } from './from-remote';
import { decimalText, dimensionsOf } from './from-remote';
import { arr, currencyOf, dateOf, moneyOf, obj, text } from './map-common';
import { lineTaxOf, rateText } from '../../money/line-tax';
import type { Obj } from './map-common';
import type { PaymentRequest } from './schemas';

/** Invoice source ids carry a prefix so a payment request can never share the idempotency key of a report. */
export const INVOICE_ID_PREFIX = 'invoice:';

export function paymentRequestToDocument(pr: PaymentRequest, requestId: string, settings: MapSettings, digestModified?: unknown): SourceDocument {
  const problems: SourceProblem[] = [];
  const r = pr as Obj;
  const label = `Invoice ${text(r.InvoiceNumber) ?? requestId}`;
  const currency = currencyOf(r.CurrencyCode, label, problems);
  const documentDate = dateOf(r.InvoiceDate, `${label} invoice date`, problems, true);
  const remit = obj(r.VendorRemitToIdentifier) ?? {};
  const vendorName = text(remit.Name) ?? text(r.VendorName);
  const vendorCode = text(remit.VendorCode) ?? text(r.VendorCode);
  if (!vendorName && !vendorCode) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the vendor is missing` });

  const items = arr(obj(r.LineItems)?.LineItem ?? r.LineItems);
  const lines = items.map((li, i): SourceLine => {
    const lineId = text(li.LineItemId) ?? text(li.RequestLineItemNumber) ?? text(li.ID) ?? String(i + 1);
    const typeCode = text(li.ExpenseTypeCode);
    const typeName = text(li.ExpenseTypeName);
    const lineLabel = `${label} line ${lineId}`;
    if (!typeCode) problems.push({ code: 'SOURCE_INVALID', message: `${lineLabel}: the expense type is missing`, lineId });
    const allocations: Allocation[] = [];
    for (const a of arr(obj(li.Allocations)?.Allocation ?? li.Allocations)) {
      const pct = decimalText(a.Percentage);
      if (pct === null) problems.push({ code: 'INVALID_AMOUNT', message: `${lineLabel}: an allocation has no readable percentage`, lineId });
      else allocations.push({ percentage: pct, dimensions: dimensionsOf(a, settings) });
    }
    const amount = moneyOf(li.TotalPrice ?? li.Amount, currency, `${lineLabel} amount`, problems, lineId);
    const tax = amount && currency ? invoiceLineTax(li, amount.amountMinor, currency, lineLabel, lineId, problems) : undefined;
    return {
      lineId,
      expenseType: { code: typeCode ?? '', name: typeName ?? typeCode ?? '' },
      transactionDate: documentDate,
      amount,
      transactionAmount: null,
      exchangeRate: null,
      description: text(li.Description) ?? typeName ?? '',
      vendorName,
      isPersonal: false,
      paidBy: 'employee',
      allocations,
      dimensions: dimensionsOf(li, settings),
      ...(tax ? { tax } : {}),
    };
  });
  if (lines.length === 0) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the invoice has no line items` });

  const version = text(r.LastModifiedDate) ?? text(digestModified) ?? '';
  const meta: Record<string, string> = { requestId, docKind: 'invoice' };
  const fields: Array<[string, unknown]> = [
    ['invoiceAmount', r.InvoiceAmount],
    ['taxAmount', r.TaxAmount],
    ['shippingAmount', r.ShippingAmount],
    ['ledger', r.LedgerCode],
    ['paymentDueDate', r.PaymentDueDate],
    ['purchaseOrder', r.PurchaseOrderNumber],
    ['vendorRemitToAddressCode', remit.AddressCode],
    ['lastModified', version],
  ];
  for (const [k, v] of fields) {
    const t = text(v);
    if (t) meta[k] = t;
  }
  return {
    sourceSystem: 'concur',
    kind: 'invoice',
    sourceId: `${INVOICE_ID_PREFIX}${requestId}`,
    version,
    title: text(r.Name) ?? (text(r.InvoiceNumber) ? `Invoice ${text(r.InvoiceNumber)}` : ''),
    currency,
    documentDate,
    employee: null,
    vendor: vendorName || vendorCode ? { code: vendorCode, name: vendorName ?? vendorCode ?? '' } : null,
    invoiceNumber: text(r.InvoiceNumber),
    lines,
    problems,
    meta,
  };
}

/**
 * VAT of a payment-request line (v3.payment-request.markdown, LineItem `VatAmount` / `VatRate`, `Tax`). Inferred:
 * `TotalPrice` is what the vendor bills for the line, VAT included, and the whole VAT of a supplier invoice is
 * input VAT the company reclaims (Concur Invoice has no reclaim split). The rate keys the tax mapping ("20%").
 */
function invoiceLineTax(li: Obj, amountMinor: number, currency: string, label: string, lineId: string, problems: SourceProblem[]): SourceLine['tax'] {
  const raw = li.VatAmount ?? li.Tax;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const vat = moneyOf(raw, currency, `${label} VAT`, problems, lineId);
  if (!vat || vat.amountMinor === 0) return undefined;
  const rate = rateText(li.VatRate);
  return lineTaxOf(amountMinor, [{ code: text(li.VatCode) ?? '', name: 'VAT', rate, currency, amountMinor: vat.amountMinor, recoverableMinor: vat.amountMinor }]);
}
