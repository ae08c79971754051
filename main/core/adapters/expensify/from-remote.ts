// Pure mapper: the rows of one exported report -> a canonical SourceDocument. Never throws on bad data:
// every unreadable value becomes a `problems` entry, so the engine holds the report with a reason.
import { createHash } from 'node:crypto';
import type { ReceiptRef } from '../../../../shared/schemas/receipt';
import type { SourceDocument, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import type { Money } from '../../../../shared/schemas/money';
import type { ExpensifySourceSettings } from '../../../../shared/schemas/systems/expensify';
import { isKnownCurrency } from '../../money/currency';
import { lineTaxOf, rateText } from '../../money/line-tax';
import { parseMoney } from '../../money/parse';
import type { ExportRow } from './parse';

export type MapSettings = Pick<ExpensifySourceSettings, 'tagDimension'>;

/** Groups rows by report, keeping the export's order. */
export function groupByReport(rows: ExportRow[]): ExportRow[][] {
  const groups = new Map<string, ExportRow[]>();
  for (const r of rows) {
    const g = groups.get(r.reportID);
    if (g) g.push(r);
    else groups.set(r.reportID, [r]);
  }
  return [...groups.values()];
}

export function rowsToDocuments(rows: ExportRow[], settings: MapSettings): SourceDocument[] {
  return groupByReport(rows).map((g) => reportToDocument(g, settings));
}

/**
 * Dating: documentDate = the approval date, else the submission date, else the creation date (which one is
 * in meta.documentDateFrom); every line keeps its own expense date, so a connection whose rule is
 * 'latest_expense_date' dates an entry spanning several days with its latest expense.
 */
export function reportToDocument(rows: ExportRow[], settings: MapSettings): SourceDocument {
  const head = rows[0] as ExportRow;
  const id = head.reportID;
  const problems: SourceProblem[] = [];
  const rawCurrency = head.reportCurrency.toUpperCase();
  const currency = isKnownCurrency(rawCurrency) ? rawCurrency : null;
  if (!currency) problems.push({ code: 'INVALID_CURRENCY', message: `Report ${id}: currency "${head.reportCurrency || 'missing'}" is not an ISO 4217 code` });

  const candidates: Array<[string, string]> = [['approved', head.approved], ['submitted', head.submitted], ['created', head.created]];
  const dated = candidates.find(([, v]) => v !== '');
  const documentDate = dated ? datePart(dated[1]) : null;
  if (!documentDate) problems.push({ code: 'INVALID_DATE', message: `Report ${id}: ${dated ? `${dated[0]} date "${dated[1].slice(0, 40)}" is not a date` : 'it carries no approval, submission or creation date'}` });

  const email = head.submitterEmail;
  if (!email) problems.push({ code: 'SOURCE_INVALID', message: `Report ${id}: the submitter's email is missing` });

  const expenseRows = rows.filter((r) => r.transactionID !== '');
  if (expenseRows.length !== rows.length && expenseRows.length > 0) {
    problems.push({ code: 'SOURCE_INVALID', message: `Report ${id}: the export has a row without an expense id next to real expenses` });
  }
  if (expenseRows.length === 0) problems.push({ code: 'EMPTY_DOCUMENT', message: `Report ${id} has no expenses` });
  const lines = expenseRows.map((r) => rowToLine(r, currency, settings, problems));

  const meta: Record<string, string> = { expensifyReportId: id };
  const metaFields: Array<[string, string]> = [
    ['policyId', head.policyID],
    ['policyName', head.policyName],
    ['status', head.status],
    ['submitterEmail', email],
    ['created', head.created],
    ['submitted', head.submitted],
    ['approved', head.approved],
    ['reportTotalCents', head.reportTotalCents],
    ['documentDateFrom', dated?.[0] ?? ''],
  ];
  for (const [k, v] of metaFields) if (v) meta[k] = v;

  return {
    sourceSystem: 'expensify',
    // The workspace (policy) the report belongs to: with the report id it makes the key every install computes.
    ...(head.policyID ? { tenant: head.policyID } : {}),
    kind: 'expense_report',
    sourceId: id,
    // Expensify exports carry no change stamp: a digest of the report's rows stands in for one.
    version: createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16),
    title: head.reportName || `Expensify report ${id}`,
    currency,
    documentDate,
    employee: email ? { id: email, name: email, email } : null,
    vendor: null,
    invoiceNumber: null,
    lines,
    ...receiptsOf(id, expenseRows),
    problems,
    meta,
  };
}

/** One receipt per expense that has a receipt link (receiptObject.url in the export template). */
function receiptsOf(reportId: string, rows: ExportRow[]): { receipts?: ReceiptRef[] } {
  const receipts = rows
    .filter((r) => /^https?:\/\//i.test(r.receiptURL.trim()))
    .map((r): ReceiptRef => ({ receiptId: `expense:${r.transactionID}`, kind: 'url', locator: r.receiptURL.trim(), fileName: `expensify-${reportId}-${r.transactionID}`, lineId: r.transactionID }));
  return receipts.length ? { receipts } : {};
}

function rowToLine(r: ExportRow, currency: string | null, settings: MapSettings, problems: SourceProblem[]): SourceLine {
  const lineId = r.transactionID;
  const label = `Expense ${lineId}${r.merchant ? ` (${r.merchant.slice(0, 60)})` : ''}`;
  const problem = (code: string, message: string) => problems.push({ code, message: `${label}: ${message}`, lineId });

  if (!r.category) problem('SOURCE_INVALID', 'it has no category; categorise it in Expensify (the report is read again on the next run)');
  const transactionDate = datePart(r.expenseDate);
  if (!transactionDate) problem('INVALID_DATE', r.expenseDate ? `expense date "${r.expenseDate.slice(0, 40)}" is not a date` : 'the expense date is missing');

  const expenseCurrency = (r.expenseCurrency || '').toUpperCase();
  let transactionAmount: Money | null = null;
  if (!isKnownCurrency(expenseCurrency)) problem('INVALID_CURRENCY', `currency "${r.expenseCurrency || 'missing'}" is not an ISO 4217 code`);
  else {
    const m = centsToMinor(r.amountCents, expenseCurrency);
    if (m.ok) transactionAmount = { amountMinor: m.minor, currency: expenseCurrency };
    else problem('INVALID_AMOUNT', `amount ${m.message}`);
  }

  // What is posted is in the report currency: the expense itself, or Expensify's converted amount.
  let amount: Money | null = null;
  let exchangeRate: string | null = null;
  if (currency && transactionAmount) {
    if (expenseCurrency === currency) amount = transactionAmount;
    else if (r.convertedCents === '') problem('CURRENCY_MISMATCH', `it is in ${expenseCurrency} and Expensify gave no amount converted to ${currency}, the report currency`);
    else {
      const m = centsToMinor(r.convertedCents, currency);
      if (!m.ok) problem('INVALID_AMOUNT', `converted amount ${m.message}`);
      else if (Math.sign(m.minor) !== Math.sign(transactionAmount.amountMinor)) problem('INVALID_AMOUNT', `the converted amount has another sign than the ${expenseCurrency} amount`);
      else amount = { amountMinor: m.minor, currency };
      exchangeRate = /^\d+(\.\d+)?$/.test(r.conversionRate) ? r.conversionRate : null;
    }
  }

  const tax = amount ? expenseTax(r, amount.amountMinor, expenseCurrency, problem) : undefined;
  return {
    lineId,
    expenseType: { code: r.category, name: r.category },
    transactionDate,
    amount,
    transactionAmount,
    exchangeRate,
    description: r.comment || r.merchant || r.category,
    vendorName: r.merchant || null,
    isPersonal: false,
    // Non-reimbursable expenses were paid by the company (corporate card): balanced against card clearing.
    paidBy: r.reimbursable.toLowerCase() === 'false' ? 'company' : 'employee',
    allocations: [],
    dimensions: tagDimensions(r, settings),
    ...(tax ? { tax } : {}),
  };
}

/**
 * The expense's tax as Expensify computed it (taxAmount, taxName, taxRate, taxCode; api/expensify.md §3.5). It is
 * in the expense's own currency (inferred, like amount): on a converted expense it is not the line's currency and
 * the planner holds it rather than convert tax itself. Expensify has no reclaim split: the whole tax is reclaimable
 * unless the tax mapping says the code is not (recoverable = no).
 */
function expenseTax(r: ExportRow, amountMinor: number, expenseCurrency: string, problem: (code: string, message: string) => void): SourceLine['tax'] {
  if (r.taxAmountCents === '' || r.taxAmountCents === '0' || !isKnownCurrency(expenseCurrency)) return undefined;
  const m = centsToMinor(r.taxAmountCents, expenseCurrency);
  if (!m.ok) {
    problem('TAX_INVALID', `tax amount ${m.message}`);
    return undefined;
  }
  const rate = rateText(r.taxRate);
  if (r.taxRate && rate === null) problem('TAX_INVALID', `tax rate "${r.taxRate.slice(0, 20)}" is not a percentage`);
  return lineTaxOf(amountMinor, [{ code: r.taxCode, name: r.taxName || null, rate, currency: expenseCurrency, amountMinor: m.minor, recoverableMinor: m.minor }]);
}

/** Dimension values from the tag, per the settings: `tag`, `tagGlCode`, or level `tagN` of "L1:L2". */
export function tagDimensions(r: Pick<ExportRow, 'tag' | 'tagGlCode'>, settings: MapSettings): Record<string, string> {
  const out: Record<string, string> = {};
  const levels = splitTag(r.tag);
  for (const [source, dimension] of Object.entries(settings.tagDimension)) {
    const level = /^tag(\d+)$/.exec(source);
    const value = source === 'tag' ? r.tag : source === 'tagGlCode' ? r.tagGlCode : level ? (levels[Number(level[1]) - 1] ?? '') : '';
    if (value.trim()) out[dimension] = value.trim();
  }
  return out;
}

/** Levels of a multi-level tag; "\:" is a colon inside a level name. */
export function splitTag(tag: string): string[] {
  if (!tag) return [];
  return tag.split(/(?<!\\):/).map((p) => p.replace(/\\:/g, ':').trim());
}

/** Expensify's cents (always 1/100 of the unit) -> minor units of `currency`, exactly (JPY 0, BHD 3 decimals). */
export function centsToMinor(cents: string, currency: string): { ok: true; minor: number } | { ok: false; message: string } {
  const m = /^(-?)(\d+)$/.exec(cents.trim());
  if (!m) return { ok: false, message: cents.trim() === '' ? 'is missing' : `"${cents.slice(0, 40)}" is not a whole number of cents` };
  const [, sign = '', digits = '0'] = m;
  const padded = digits.padStart(3, '0');
  const decimal = `${sign}${padded.slice(0, -2)}.${padded.slice(-2)}`;
  const parsed = parseMoney(decimal, currency);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  return { ok: true, minor: parsed.amountMinor };
}

/** The yyyy-mm-dd part of "2026-01-02" or "2026-01-02 10:00:00", when it is a real calendar date. */
export function datePart(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\S.*)?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const t = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (t.getUTCFullYear() !== Number(y) || t.getUTCMonth() !== Number(mo) - 1 || t.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}
