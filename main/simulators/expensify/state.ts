// Expensify simulator state: partner credentials, policies (categories, tags), employees, reports with
// expenses (amounts in cents, as Expensify keeps them), export labels and generated files.
import { ReceiptFileStore } from '../receipt-files';

export const REPORT_STATES = ['OPEN', 'SUBMITTED', 'APPROVED', 'REIMBURSED', 'ARCHIVED'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Names the UI and the template's `status` show for each state (api/expensify.md §3.2). */
export const STATUS_NAME: Record<ReportState, string> = { OPEN: 'Open', SUBMITTED: 'Processing', APPROVED: 'Approved', REIMBURSED: 'Reimbursed', ARCHIVED: 'Closed' };

export interface SimCategory {
  name: string;
  enabled?: boolean;
  glCode?: string;
}

export interface SimTag {
  name: string;
  enabled?: boolean;
  glCode?: string;
}

export interface PolicyInput {
  id: string;
  name: string;
  outputCurrency?: string;
  type?: string;
  categories?: SimCategory[];
  tags?: SimTag[];
  /** How the policy getter shows tags: flat list, or grouped under a tag list name. */
  tagFormat?: 'flat' | 'grouped';
  tagListName?: string;
}
export type SimPolicy = Required<Omit<PolicyInput, 'tagListName'>> & { tagListName: string };

export interface ExpenseInput {
  transactionID: string;
  /** Expense date, yyyy-mm-dd. */
  created: string;
  merchant?: string;
  /** Original amount in cents of `currency` (negative for refunds/credits). */
  amount: number;
  currency: string;
  /** Amount in the report currency, cents; defaults to `amount` when the currencies match, else absent. */
  convertedAmount?: number | null;
  currencyConversionRate?: number | null;
  modifiedAmount?: number | null;
  category?: string;
  categoryGlCode?: string;
  tag?: string;
  tagGlCode?: string;
  reimbursable?: boolean;
  billable?: boolean;
  comment?: string;
  /** Tax in cents of `currency`, as Expensify computes it from the workspace's tax rate; absent: no tax. */
  taxAmount?: number | null;
  modifiedTaxAmount?: number | null;
  taxName?: string;
  /** As Expensify prints it, e.g. "20%". */
  taxRate?: string;
  taxCode?: string;
  /** The receipt link the export prints (receiptObject.url); '' = no receipt. */
  receiptURL?: string;
}
export type SimExpense = Required<Omit<ExpenseInput, 'convertedAmount' | 'currencyConversionRate' | 'modifiedAmount' | 'taxAmount' | 'modifiedTaxAmount'>> & {
  convertedAmount: number | null;
  currencyConversionRate: number | null;
  modifiedAmount: number | null;
  taxAmount: number | null;
  modifiedTaxAmount: number | null;
};

export interface ReportInput {
  reportID: string;
  reportName?: string;
  state?: ReportState;
  policyID: string;
  currency?: string;
  accountEmail: string;
  /** "yyyy-mm-dd hh:mm:ss" stamps; submitted/approved may be absent. */
  created: string;
  submitted?: string | null;
  approved?: string | null;
  expenses?: ExpenseInput[];
  exportLabels?: string[];
}
export type SimReport = Omit<Required<ReportInput>, 'expenses'> & { expenses: SimExpense[]; currency: string };

export class ExpensifySimState {
  /** Receipt files behind the expenses' receipt links (served by the simulator at /receipt-files/). */
  readonly receiptFiles = new ReceiptFileStore();
  /** The simulator's origin once started: a receipt link stored as a path is printed under it. */
  receiptOrigin = '';
  readonly partners = new Map<string, string>();
  readonly policies = new Map<string, SimPolicy>();
  readonly employees = new Map<string, { email: string; name: string; policyID: string }>();
  readonly reports = new Map<string, SimReport>();
  readonly files = new Map<string, string>();

  addPartner(partnerUserID: string, partnerUserSecret: string): void {
    this.partners.set(partnerUserID, partnerUserSecret);
  }

  addPolicy(p: PolicyInput): SimPolicy {
    const policy: SimPolicy = {
      id: p.id,
      name: p.name,
      outputCurrency: p.outputCurrency ?? 'USD',
      type: p.type ?? 'corporate',
      categories: p.categories ?? [],
      tags: p.tags ?? [],
      tagFormat: p.tagFormat ?? 'flat',
      tagListName: p.tagListName ?? 'Tag',
    };
    this.policies.set(p.id, policy);
    return policy;
  }

  addEmployee(e: { email: string; name: string; policyID: string }): void {
    this.employees.set(e.email, e);
  }

  addReport(r: ReportInput): SimReport {
    const policy = this.policies.get(r.policyID);
    const currency = r.currency ?? policy?.outputCurrency ?? 'USD';
    const report: SimReport = {
      reportID: r.reportID,
      reportName: r.reportName ?? `Report ${r.reportID}`,
      state: r.state ?? 'APPROVED',
      policyID: r.policyID,
      currency,
      accountEmail: r.accountEmail,
      created: r.created,
      submitted: r.submitted ?? null,
      approved: r.approved ?? null,
      expenses: (r.expenses ?? []).map((e) => ({
        merchant: '',
        category: '',
        categoryGlCode: '',
        tag: '',
        tagGlCode: '',
        reimbursable: true,
        billable: false,
        comment: '',
        taxName: '',
        taxRate: '',
        taxCode: '',
        receiptURL: '',
        ...e,
        taxAmount: e.taxAmount ?? null,
        modifiedTaxAmount: e.modifiedTaxAmount ?? null,
        convertedAmount: e.convertedAmount !== undefined ? e.convertedAmount : e.currency === currency ? e.amount : null,
        currencyConversionRate: e.currencyConversionRate ?? (e.currency === currency ? 1 : null),
        modifiedAmount: e.modifiedAmount ?? null,
      })),
      exportLabels: [...(r.exportLabels ?? [])],
    };
    this.reports.set(report.reportID, report);
    return report;
  }

  /** Export labels stamped on a report (markAsExported), oldest first. */
  labels(reportID: string): string[] {
    return [...(this.reports.get(reportID)?.exportLabels ?? [])];
  }

  /** Report ids carrying `label`. */
  markedWith(label: string): string[] {
    return [...this.reports.values()].filter((r) => r.exportLabels.includes(label)).map((r) => r.reportID);
  }

  setState(reportID: string, state: ReportState): void {
    const r = this.reports.get(reportID);
    if (!r) throw new Error(`no report ${reportID}`);
    r.state = state;
  }

  /** Report total in cents of the report currency (what the template's `total` shows). */
  totalOf(r: SimReport): number {
    return r.expenses.reduce((s, e) => s + (e.convertedAmount ?? 0), 0);
  }
}
