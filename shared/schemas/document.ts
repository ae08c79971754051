// The canonical source document every source adapter produces: expense report, invoice or FIS document.
import { z } from 'zod';
import { currencyCodeSchema, moneySchema } from './money';
import { receiptRefSchema } from './receipt';

export const SOURCE_SYSTEMS = ['concur', 'expensify'] as const;
export const sourceSystemSchema = z.enum(SOURCE_SYSTEMS);
export type SourceSystem = z.infer<typeof sourceSystemSchema>;

export const TARGET_SYSTEMS = ['sage-x3', 'sage-intacct', 'acumatica', 'netsuite'] as const;
export const targetSystemSchema = z.enum(TARGET_SYSTEMS);
export type TargetSystem = z.infer<typeof targetSystemSchema>;

const SYSTEM_LABELS: Record<SourceSystem | TargetSystem, string> = { concur: 'Concur', expensify: 'Expensify', 'sage-x3': 'Sage X3', 'sage-intacct': 'Sage Intacct', acumatica: 'Acumatica', netsuite: 'NetSuite' };

/** How a system is named to the accountant (connection test steps, secret labels, audit messages). */
export const systemLabel = (system: string): string => (SYSTEM_LABELS as Record<string, string>)[system] ?? system;

export const documentKindSchema = z.enum(['expense_report', 'invoice', 'cash_advance', 'payroll']);
export type DocumentKind = z.infer<typeof documentKindSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

/** A problem found while reading the source payload; the planner turns it into a held reason. */
export const sourceProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  lineId: z.string().optional(),
});
export type SourceProblem = z.infer<typeof sourceProblemSchema>;

export const allocationSchema = z.object({
  /** Decimal string ("33.33"), never a float, so the split can be computed exactly. */
  percentage: z.string(),
  /** Dimension values by dimension type, e.g. { costCenter: "CC100", project: "P7" }. */
  dimensions: z.record(z.string(), z.string()),
  /** The GL account the source's own accounting configuration gave this share (Concur journalAccountCode). */
  sourceAccount: z.string().min(1).optional(),
});
export type Allocation = z.infer<typeof allocationSchema>;

/**
 * Who settles part of a document: the employee (reimbursed, or owing), the card (issuer / clearing) or the
 * cash-advance clearing account. Positive amounts are owed BY the company TO the party (a credit), negative
 * ones are owed by the party to the company (a debit), in minor units of the document currency.
 */
export const settlementSchema = z.object({
  party: z.enum(['employee', 'card', 'cash_advance']),
  amountMinor: z.number().int(),
  /** expense: the business expense paid to/by the party; personal: a personal charge the employee owes back; cash_advance: an advance applied. */
  reason: z.enum(['expense', 'personal', 'cash_advance']),
  /** The account the source assigns to this side (Concur's card or cash-advance clearing account code). */
  sourceAccount: z.string().min(1).optional(),
});
export type Settlement = z.infer<typeof settlementSchema>;

/**
 * One tax on a line as the source computed it (Concur FIS `tax[]`, Expensify taxAmount/taxCode/taxRate):
 * amounts in minor units of the line's currency, signed like the line, never recomputed from the rate.
 */
export const taxComponentSchema = z.object({
  /** The source's tax code (FIS taxCode, else its authority label; Expensify taxCode); the tax mapping's key. */
  code: z.string(),
  name: z.string().nullable(),
  /** Percentage as a decimal string ("20", "5.5"); null when the source sent none. */
  rate: z.string().nullable(),
  currency: currencyCodeSchema,
  amountMinor: z.number().int(),
  /** The part the company reclaims (FIS amountReclaim); the rest stays in the expense. */
  recoverableMinor: z.number().int(),
});
export type TaxComponent = z.infer<typeof taxComponentSchema>;

/** A line's tax split: net + recoverable + non-recoverable = the line amount (checked by the planner). */
export const lineTaxSchema = z.object({
  netMinor: z.number().int(),
  recoverableMinor: z.number().int(),
  nonRecoverableMinor: z.number().int(),
  components: z.array(taxComponentSchema),
});
export type LineTax = z.infer<typeof lineTaxSchema>;

export const sourceLineSchema = z.object({
  lineId: z.string(),
  expenseType: z.object({ code: z.string(), name: z.string() }),
  transactionDate: isoDate.nullable(),
  /** Amount in the document currency (what is posted); null when the source sent none or garbage. */
  amount: moneySchema.nullable(),
  /** What the employee spent, in the original currency, with the rate the source applied. */
  transactionAmount: moneySchema.nullable(),
  exchangeRate: z.string().nullable(),
  description: z.string(),
  vendorName: z.string().nullable(),
  isPersonal: z.boolean(),
  /** Company-paid lines (corporate card) balance against the card clearing account. */
  paidBy: z.enum(['employee', 'company']),
  allocations: z.array(allocationSchema),
  /** Line-level dimension values from the source (org units, custom fields). */
  dimensions: z.record(z.string(), z.string()),
  /**
   * Who is owed this line, read from the source's own journal (Concur payee/payer rows) or payment type.
   * Business lines: the settlements add up to `amount`; personal lines: to zero (card credited, employee
   * owes). Absent: the line balances against `paidBy` as before.
   */
  settlements: z.array(settlementSchema).optional(),
  /** The GL account the source's accounting configuration assigned (Concur journalAccountCode / accountCode). */
  sourceAccount: z.string().min(1).optional(),
  /** cash_advance: the debit goes to the cash-advance clearing account (an advance issued), not an expense account. */
  role: z.enum(['expense', 'cash_advance']).optional(),
  /** Tax the source carries on this line; absent: the line is posted gross as before. */
  tax: lineTaxSchema.optional(),
});
export type SourceLine = z.infer<typeof sourceLineSchema>;

export const sourceDocumentSchema = z.object({
  sourceSystem: sourceSystemSchema,
  /**
   * The source account the document belongs to (Concur company UUID, Expensify policy id): with the system,
   * the kind and the id it makes the reference written into the ERP, the same on every install.
   */
  tenant: z.string().min(1).optional(),
  kind: documentKindSchema,
  sourceId: z.string().min(1),
  /** Source's own change marker (last-modified stamp); informative, not part of the idempotency key. */
  version: z.string(),
  title: z.string(),
  currency: currencyCodeSchema.nullable(),
  documentDate: isoDate.nullable(),
  employee: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }).nullable(),
  vendor: z.object({ code: z.string().nullable(), name: z.string() }).nullable(),
  invoiceNumber: z.string().nullable(),
  lines: z.array(sourceLineSchema),
  /** Document-level settlements that add up to zero (a cash advance applied: clearing credited, employee owed less). */
  settlements: z.array(settlementSchema).optional(),
  problems: z.array(sourceProblemSchema),
  /** Source-specific facts kept for the audit trail and confirmation (e.g. FIS docType). */
  meta: z.record(z.string(), z.string()),
  /**
   * Source ids the same business document has on another read path of the same source (a FIS expense
   * document is also v3 report <reportId>): a connection switched between paths never posts it twice.
   */
  aliases: z.array(z.string().min(1)).optional(),
  /** Receipt images/PDFs the source keeps for this document; fetched and attached only when the connection asks. */
  receipts: z.array(receiptRefSchema).optional(),
});
export type SourceDocument = z.infer<typeof sourceDocumentSchema>;
