// Pure mapper: one FIS financial document -> SourceDocument. Expense and payroll (employee, report,
// expenseEntry[] with allocation[]) live here; invoice and cash advance in fis-invoice.ts. Never throws:
// every unreadable value is a `problems` entry; sourceId is always the FIS document id.
import type { Allocation, SourceDocument, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import type { ConcurFisDocType } from '../../../../shared/schemas/systems/concur';
import type { MapSettings } from './from-remote';
import { decimalText } from './from-remote';
import type { FisItem } from './fis-schemas';
import { fisBase } from './fis-base';
import { cashAdvanceToDocument, invoiceToDocument } from './fis-invoice';
import { cashAdvanceSettlements, entrySettlement, journalRows } from './fis-journal';
import type { JournalRow } from './fis-journal';
import { unsupportedKind } from './fis-kinds';
import { fisTaxComponents } from './fis-tax';
import { lineTaxOf } from '../../money/line-tax';
import { arr, currencyOf, dateOf, fisDimensions, moneyOf, obj, personName, text, yes } from './map-common';
import type { Obj } from './map-common';

export function fisToDocument(item: FisItem, docType: ConcurFisDocType, settings: MapSettings): SourceDocument {
  const problems: SourceProblem[] = [];
  if (!item.body) {
    problems.push({ code: 'SOURCE_INVALID', message: `FIS document ${item.id}: ${item.problem ?? 'unreadable'}` });
    return fisBase(item, docType, problems);
  }
  const unsupported = unsupportedKind(item, item.body);
  if (unsupported) {
    problems.push({ code: 'UNSUPPORTED_DOCUMENT', message: `FIS document ${item.id} is ${unsupported}, which ml-connector does not post: it was refused and reported to SAP Concur as not posted. Handle it in the ERP by hand, or stop sending this kind to this system in Concur` });
    const doc = fisBase(item, docType, problems);
    const header = obj(item.body.report) ?? obj(item.body.requestHeader) ?? {};
    doc.title = text(header.reportName) ?? text(header.requestName) ?? '';
    doc.meta.unsupported = unsupported;
    return doc;
  }
  if (item.docType && item.docType !== docType) {
    problems.push({ code: 'SOURCE_INVALID', message: `FIS document ${item.id}: listed as ${docType} but marked ${item.docType}` });
  }
  if (docType === 'invoice') return invoiceToDocument(item, item.body, settings, problems);
  if (docType === 'cashadvance') return cashAdvanceToDocument(item, item.body, problems);
  return expenseToDocument(item, item.body, docType, settings, problems);
}

function expenseToDocument(item: FisItem, body: Obj, docType: 'expense' | 'payroll', settings: MapSettings, problems: SourceProblem[]): SourceDocument {
  const doc = fisBase(item, docType, problems);
  const report = obj(body.report) ?? {};
  const employee = obj(body.employee) ?? {};
  const reportId = text(report.reportId);
  const label = `Report ${reportId ?? item.id}`;
  if (!reportId) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the report id is missing` });
  doc.currency = currencyOf(report.employeeCurrencyAlphaCode, label, problems);
  doc.documentDate = dateOf(report.reportSubmitDate ?? report.reportPaymentProcessingDate ?? report.reportCreationDate, `${label} submit date`, problems, true);
  doc.title = text(report.reportName) ?? '';
  doc.version = text(report.revisionNumber) ?? '1';
  const employeeId = text(employee.employeeId) ?? text(employee.loginId);
  if (employeeId) doc.employee = { id: employeeId, name: personName(employee) ?? employeeId, email: null };
  else problems.push({ code: 'SOURCE_INVALID', message: `${label}: the employee id is missing` });

  doc.lines = arr(body.expenseEntry).map((e, i) => entryToLine(e, i, doc.currency, settings, problems));
  if (doc.lines.length === 0) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the document has no expense entries` });

  const put = (k: string, v: unknown) => {
    const t = text(v);
    if (t) doc.meta[k] = t;
  };
  put('reportId', reportId);
  // The same report read through the v3 Reports API has the report id as its source id.
  if (reportId) doc.aliases = [reportId];
  put('reportKey', report.reportKey);
  put('ledger', report.ledgerCode);
  put('policy', report.policyId);
  put('ownerLoginId', employee.loginId);
  const advances = cashAdvanceSettlements(body, doc.currency, label, problems);
  if (advances.length) {
    doc.settlements = advances;
    put('cashAdvanceApplications', advances.length / 2);
  }
  return doc;
}

function entryToLine(e: Obj, index: number, currency: string | null, settings: MapSettings, problems: SourceProblem[]): SourceLine {
  const lineId = text(e.entryId) ?? String(index + 1);
  const typeName = text(e.expenseTypeName);
  const label = `Entry ${lineId}${typeName ? ` (${typeName})` : ''}`;
  const typeCode = text(e.expenseTypeCode);
  if (!typeCode) problems.push({ code: 'SOURCE_INVALID', message: `${label}: the expense type is missing`, lineId });
  const transactionDate = dateOf(e.entryDate, label, problems, true, lineId);
  const amount = moneyOf(e.entryApprovedAmount, currency, `${label} approved amount`, problems, lineId);

  let transactionAmount: SourceLine['transactionAmount'] = null;
  const txRaw = e.reportEntryTransactionAmount ?? e.entryTransactionAmount;
  if (txRaw !== undefined && txRaw !== null) {
    const txCurrency = currencyOf(e.entryCurrAlphaCode, label, problems);
    transactionAmount = txCurrency ? moneyOf(txRaw, txCurrency, `${label} transaction amount`, problems, lineId) : null;
  }
  let exchangeRate: string | null = null;
  if (e.entryExchangeRate !== undefined && e.entryExchangeRate !== null) {
    exchangeRate = decimalText(e.entryExchangeRate);
    if (exchangeRate === null) problems.push({ code: 'INVALID_AMOUNT', message: `${label}: exchange rate "${String(e.entryExchangeRate).slice(0, 40)}" is not a number`, lineId });
  }
  const allocations: Allocation[] = [];
  const rows: JournalRow[] = journalRows(e, currency, label, lineId, problems);
  for (const a of arr(e.allocation)) {
    const own = journalRows(a, currency, label, lineId, problems);
    rows.push(...own);
    // A personal charge on a company-billed card carries an allocation with no id and no percentage: nothing to allocate.
    if ((a.allocationId === null || a.allocationId === undefined) && (a.allocationPercentage === null || a.allocationPercentage === undefined)) continue;
    const pct = decimalText(a.allocationPercentage);
    const account = own.find((r) => r.account)?.account;
    if (pct === null) problems.push({ code: 'INVALID_AMOUNT', message: `${label}: allocation ${text(a.allocationId) ?? '?'} has no readable percentage`, lineId });
    else allocations.push({ percentage: pct, dimensions: fisDimensions(a, 'allocation', settings.dimensionFields), ...(account ? { sourceAccount: account } : {}) });
  }
  const taxes = fisTaxComponents([e, ...arr(e.allocation)], currency, label, lineId, problems);
  const tax = amount ? lineTaxOf(amount.amountMinor, taxes) : undefined;
  const settled = entrySettlement(e, rows, amount?.amountMinor ?? null, { companyPaid: settings.companyPaidPaymentTypes, companyBilled: settings.companyBilledPaymentTypes ?? ['CBCP'] });
  return {
    lineId,
    expenseType: { code: typeCode ?? '', name: typeName ?? '' },
    transactionDate,
    amount,
    transactionAmount,
    exchangeRate,
    description: text(e.entryDescription) ?? text(e.entryVendorDescription) ?? '',
    vendorName: text(e.entryVendorDescription) ?? null,
    isPersonal: yes(e.entryIsPersonal),
    paidBy: settled.paidBy,
    allocations,
    dimensions: fisDimensions(e, 'entry', settings.dimensionFields),
    ...(settled.settlements ? { settlements: settled.settlements } : {}),
    ...(settled.sourceAccount ? { sourceAccount: settled.sourceAccount } : {}),
    ...(tax ? { tax } : {}),
  };
}
