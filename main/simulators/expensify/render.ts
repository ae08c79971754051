// Stands in for the FreeMarker engine: recognises the ml-connector template by its marker line and renders
// what that template would print (quoted CSV, one row per expense, amounts in cents). Other templates are refused.
import { stringify } from 'csv-stringify/sync';
import type { ExpensifySimState, SimExpense, SimReport } from './state';
import { STATUS_NAME } from './state';

/** The template's first line carries this marker. */
export const KNOWN_TEMPLATE_MARKER = 'ml-connector export template csv-v2';

/** The contract of that template, written out independently of the adapter. */
const REPORT_COLUMNS = ['reportID', 'reportName', 'status', 'policyID', 'policyName', 'reportCurrency', 'reportTotalCents', 'created', 'submitted', 'approved', 'submitterEmail'];
const EXPENSE_COLUMNS = ['transactionID', 'expenseDate', 'merchant', 'amountCents', 'expenseCurrency', 'convertedCents', 'conversionRate', 'category', 'categoryGlCode', 'tag', 'tagGlCode', 'reimbursable', 'billable', 'comment', 'taxAmountCents', 'taxName', 'taxRate', 'taxCode', 'receiptURL'];

export interface RenderTweaks {
  /** Adds a column the template does not print (a changed template or server). */
  extraColumn?: string | null;
  /** Leaves a column out. */
  dropColumn?: string | null;
}

export function isKnownTemplate(template: string): boolean {
  return template.split('\n', 1)[0]?.includes(KNOWN_TEMPLATE_MARKER) ?? false;
}

const num = (v: number | null): string => (v === null ? '' : String(v));

function reportCells(state: ExpensifySimState, r: SimReport): string[] {
  const policy = state.policies.get(r.policyID);
  return [r.reportID, r.reportName, STATUS_NAME[r.state], r.policyID, policy?.name ?? '', r.currency, String(state.totalOf(r)), r.created, r.submitted ?? '', r.approved ?? '', r.accountEmail];
}

function expenseCells(e: SimExpense, origin: string): string[] {
  return [
    e.transactionID,
    e.created,
    e.merchant,
    String(e.modifiedAmount ?? e.amount),
    e.currency,
    num(e.convertedAmount),
    num(e.currencyConversionRate),
    e.category,
    e.categoryGlCode,
    e.tag,
    e.tagGlCode,
    String(e.reimbursable),
    String(e.billable),
    e.comment,
    // Expensify's tax fields (api/expensify.md §3.5): modifiedTaxAmount wins, like the amount.
    num(e.modifiedTaxAmount ?? e.taxAmount),
    e.taxName,
    e.taxRate,
    e.taxCode,
    e.receiptURL.startsWith('/') ? `${origin}${e.receiptURL}` : e.receiptURL,
  ];
}

export function renderCsv(state: ExpensifySimState, reports: SimReport[], tweaks: RenderTweaks = {}): string {
  const header = [...REPORT_COLUMNS, ...EXPENSE_COLUMNS];
  const rows: string[][] = [];
  for (const r of reports) {
    const head = reportCells(state, r);
    if (r.expenses.length === 0) rows.push([...head, ...EXPENSE_COLUMNS.map(() => '')]);
    for (const e of r.expenses) rows.push([...head, ...expenseCells(e, state.receiptOrigin)]);
  }
  let table = [header, ...rows];
  if (tweaks.extraColumn) table = table.map((row, i) => [...row, i === 0 ? (tweaks.extraColumn as string) : 'x']);
  if (tweaks.dropColumn) {
    const at = header.indexOf(tweaks.dropColumn);
    if (at >= 0) table = table.map((row) => row.filter((_, c) => c !== at));
  }
  return stringify(table, { quoted: true, record_delimiter: '\n' });
}
