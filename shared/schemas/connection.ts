// Connection settings: one source, one target, posting rules, schedule. Secrets are never part of it.
import { z } from 'zod';
import { documentKindSchema } from './document';
import { closedPeriodRuleSchema } from './period';
import { postingKindSchema } from './plan';
import { concurSourceSchema } from './systems/concur';
import { expensifySourceSchema } from './systems/expensify';
import { sageIntacctTargetSchema } from './systems/sage-intacct';
import { acumaticaTargetSchema } from './systems/acumatica';
import { netsuiteTargetSchema } from './systems/netsuite';
import { sageX3TargetSchema } from './systems/sage-x3';
import { receiptSettingsSchema } from './receipt';

export const sourceSettingsSchema = z.discriminatedUnion('system', [concurSourceSchema, expensifySourceSchema]);
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

export const targetSettingsSchema = z.discriminatedUnion('system', [sageX3TargetSchema, sageIntacctTargetSchema, netsuiteTargetSchema, acumaticaTargetSchema]);
export type TargetSettings = z.infer<typeof targetSettingsSchema>;

export const postingRulesSchema = z.object({
  /** Employee liability (balancing) account for reimbursable lines. */
  liabilityAccount: z.string().min(1),
  /**
   * Supplier payables account: credited, with the vendor as partner, when supplier invoices post as journals
   * (posting modes, or a target without supplier invoices). Empty = not set: such invoices are held.
   */
  payablesAccount: z.string().max(100).default('').optional(),
  /** Card clearing account for company-paid lines. */
  cardClearingAccount: z.string().min(1),
  /** Cash-advance clearing account: advances issued are debited to it, advances applied on a report credit it. Empty = unset. */
  cashAdvanceAccount: z.string().max(100).optional(),
  /**
   * Where expense lines take their GL account: the product's expense-type mapping, the account the source's
   * own accounting configuration assigned (Concur journalAccountCode), or the source's with the mapping as
   * fallback. Every account is validated against the ERP either way.
   */
  accountSource: z.enum(['mapping', 'source', 'source_then_mapping']).default('mapping').optional(),
  /** Personal (non-reimbursable) lines are left out of the entry: the employee paid them. */
  personalLines: z.enum(['exclude']).default('exclude'),
  /** How the entry is dated: the report/approval date, or the latest expense date in it. */
  dateRule: z.enum(['document_date', 'latest_expense_date']).default('document_date'),
  /** Dimension types every expense line must carry (e.g. costCenter). */
  requiredDimensions: z.array(z.string()).default(['costCenter']),
  /** Posting kind per document kind; others follow the target's posting mode. Invoices become supplier invoices. */
  postingModes: z.partialRecord(documentKindSchema, postingKindSchema).default({ invoice: 'supplier_invoice' }),
  /** Longest description the target accepts; longer text is cut and the cut noted in the plan. */
  maxDescriptionLength: z.number().int().min(10).max(4000).default(250),
  /**
   * A document dated in a period the ERP has closed (or locked): hold it as PERIOD_CLOSED, or post it on the 1st
   * day of the first open period with the original date kept in the description. Unset = the Sage Intacct
   * target's older `closedPeriod` setting, else hold (see shared/schemas/period.ts closedPeriodRule).
   */
  closedPeriod: closedPeriodRuleSchema.optional(),
  /**
   * How a journal changed at the source after posting is adjusted when the accountant chooses "adjust":
   * reverse the posted entry and post the new version (default: the ledger then holds the source's document as
   * it is now), or post only the difference per account. Unset = reverse.
   */
  changeAdjustment: z.enum(['reverse', 'difference']).optional(),
});
export type PostingRules = z.infer<typeof postingRulesSchema>;

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 06:00');

export const scheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('manual') }),
  z.object({ mode: z.literal('interval'), minutes: z.number().int().min(1).max(24 * 60) }),
  z.object({ mode: z.literal('daily'), at: localTime }),
  /** Every N minutes, only inside from-to (local time; "22:00"-"06:00" crosses midnight). "Sync now" ignores it. */
  z
    .object({ mode: z.literal('window'), from: localTime, to: localTime, minutes: z.number().int().min(1).max(24 * 60) })
    .refine((s) => s.from !== s.to, { message: 'the window must end at another time than it starts', path: ['to'] }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(5),
  baseDelayMs: z.number().int().min(0).max(60_000).default(500),
  maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** Consecutive authentication failures after which the connection pauses itself. */
  pauseAfterAuthFailures: z.number().int().min(1).max(20).default(3),
  /** Wall-clock budget of one sync run; past it the run stops and the rest waits (default one hour). */
  runBudgetMs: z.number().int().min(1000).max(86_400_000).optional(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const connectionInputSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1).max(200),
  source: sourceSettingsSchema,
  target: targetSettingsSchema,
  rules: postingRulesSchema,
  schedule: scheduleSchema.default({ mode: 'manual' }),
  retry: retryPolicySchema.default({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 60_000, pauseAfterAuthFailures: 3 }),
  concurrency: z.number().int().min(1).max(16).default(4),
  /** Receipts fetched from the source and attached to the ERP document (off unless set). */
  receipts: receiptSettingsSchema.optional(),
});
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

export const connectionStatusSchema = z.enum(['active', 'paused']);

export const connectionSchema = connectionInputSchema.extend({
  status: connectionStatusSchema,
  pausedReason: z.string().nullable(),
  /** Names of the secrets stored for this connection (values never leave the core). */
  secretNames: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** Secrets each system needs; written through connections.setSecret, never read back. */
export const SECRET_NAMES: Record<string, readonly string[]> = {
  concur: ['clientSecret', 'password'],
  expensify: ['partnerUserSecret'],
  'sage-x3': ['password', 'clientSecret', 'appSecret', 'servicesClientSecret', 'servicesAuthCode', 'servicesRefreshToken'],
  'sage-intacct': ['senderPassword', 'userPassword'],
  acumatica: ['password', 'clientSecret', 'refreshToken'],
  netsuite: ['privateKey', 'consumerSecret', 'tokenSecret'],
};

/** The names a connection accepts: "source.<name>" and "target.<name>", so two systems never collide. */
export function secretNamesFor(source: string, target: string): string[] {
  return [...(SECRET_NAMES[source] ?? []).map((n) => `source.${n}`), ...(SECRET_NAMES[target] ?? []).map((n) => `target.${n}`)];
}
