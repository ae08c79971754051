// Reconciliation of one month per connection: the source, the local outbox and the ERP side by side, and
// every difference in one category with the action that resolves it ("unexplained" should stay at 0).
import { z } from 'zod';

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const periodSchema = z.string().regex(PERIOD_PATTERN, 'period as YYYY-MM');

export const RECONCILE_CATEGORIES = [
  'held',
  'failed',
  'dismissed',
  'not_posted',
  'changed_after_posting',
  'amount_differs',
  'erp_unknown',
  'erp_duplicate',
  'unexplained',
] as const;
export const reconcileCategorySchema = z.enum(RECONCILE_CATEGORIES);
export type ReconcileCategory = z.infer<typeof reconcileCategorySchema>;

export const moneySumSchema = z.object({ currency: z.string(), amountMinor: z.number().int() });
export type MoneySum = z.infer<typeof moneySumSchema>;

export const differenceSchema = z.object({
  category: reconcileCategorySchema,
  sourceId: z.string().nullable(),
  title: z.string(),
  idempotencyKey: z.string().nullable(),
  postingId: z.number().int().nullable(),
  erpIds: z.array(z.string()),
  /** The ERP's own link to the document, where it has one. */
  erpUrl: z.string().nullable(),
  date: z.string().nullable(),
  source: moneySumSchema.nullable(),
  posted: moneySumSchema.nullable(),
  erp: z.array(moneySumSchema),
  /** What happened, in words (the hold reason, who dismissed it and why, what differs). */
  detail: z.string(),
  /** What resolves it. */
  action: z.string(),
});
export type Difference = z.infer<typeof differenceSchema>;

/** Where a side's figures came from: read now from the system, from the local copy, or not read. */
export const sideBasisSchema = z.enum(['read', 'local_copy', 'presence_only', 'not_read']);

export const outboxTotalsSchema = z.object({
  posted: z.array(moneySumSchema),
  held: z.array(moneySumSchema),
  failed: z.array(moneySumSchema),
  dismissed: z.array(moneySumSchema),
  waiting: z.array(moneySumSchema),
});

export const connectionReconciliationSchema = z.object({
  connectionId: z.string(),
  name: z.string(),
  sourceSystem: z.string(),
  targetSystem: z.string(),
  /** True when any side could not be read completely; `partialReasons` says which and why. */
  partial: z.boolean(),
  partialReasons: z.array(z.string()),
  sourceBasis: sideBasisSchema,
  erpBasis: sideBasisSchema,
  totals: z.object({
    source: z.array(moneySumSchema),
    posted: z.array(moneySumSchema),
    erp: z.array(moneySumSchema),
  }),
  outbox: outboxTotalsSchema,
  /** ERP totals per GL account and currency (debit minus credit), where the ERP read-back gives lines. */
  erpAccounts: z.array(z.object({ account: z.string(), currency: z.string(), debitMinor: z.number().int(), creditMinor: z.number().int() })),
  documents: z.object({ source: z.number().int(), outbox: z.number().int(), erp: z.number().int(), matched: z.number().int() }),
  counts: z.record(reconcileCategorySchema, z.number().int()),
  differences: z.array(differenceSchema),
});
export type ConnectionReconciliation = z.infer<typeof connectionReconciliationSchema>;

export const reconciliationSchema = z.object({
  period: periodSchema,
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  partial: z.boolean(),
  connections: z.array(connectionReconciliationSchema),
});
export type Reconciliation = z.infer<typeof reconciliationSchema>;

/** The dashboard's amounts: this period's posted and held totals per currency per connection. */
export const periodAmountsSchema = z.object({
  period: periodSchema,
  connections: z.array(z.object({ connectionId: z.string(), posted: z.array(moneySumSchema), held: z.array(moneySumSchema), failed: z.array(moneySumSchema), postedCount: z.number().int(), heldCount: z.number().int() })),
});
export type PeriodAmounts = z.infer<typeof periodAmountsSchema>;
