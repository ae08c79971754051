// Connection settings: one source, one target, posting rules, schedule. Secrets are never part of it.
import { z } from 'zod';

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

export const concurSourceSchema = z.object({
  system: z.literal('concur'),
  /** Host for the first token call; every later call follows the geolocation returned with the token. */
  tokenUrl: httpUrl.default('https://us2.api.concursolutions.com'),
  clientId: z.string().min(1),
  /** password = a user's own login; authtoken = company-level connect with the App Center request token. */
  grant: z.enum(['password', 'authtoken']).default('password'),
  /** Login id (password grant) or company UUID (authtoken grant). */
  username: z.string().min(1),
  /** Reports modified after this date are read on the first sync. */
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  pageSize: z.number().int().min(1).max(100).default(100),
});

export const expensifySourceSchema = z.object({
  system: z.literal('expensify'),
  baseUrl: httpUrl.default('https://integrations.expensify.com'),
  partnerUserId: z.string().min(1),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export const sourceSettingsSchema = z.discriminatedUnion('system', [concurSourceSchema, expensifySourceSchema]);
export type SourceSettings = z.infer<typeof sourceSettingsSchema>;

export const sageX3TargetSchema = z.object({
  system: z.literal('sage-x3'),
  /** Customer Syracuse server, e.g. https://x3.example.com:8124 */
  serverUrl: httpUrl,
  /** Syracuse endpoint name (maps to the X3 folder), e.g. SEED. */
  folder: z.string().min(1),
  poolAlias: z.string().min(1),
  language: z.string().default('ENG'),
  username: z.string().min(1),
  postingMode: z.enum(['journal', 'supplier_invoice']).default('journal'),
  company: z.string().min(1),
  site: z.string().min(1),
  journal: z.string().default('PUR'),
  entryType: z.string().default('ODEXP'),
  /** Published SOAP object names (GESAWE) for each posting mode. */
  journalPublicName: z.string().default('YGAS'),
  supplierInvoicePublicName: z.string().default('YBIS'),
  /** api1 representation names used for reference reads. */
  representations: z
    .object({ supplier: z.string(), account: z.string(), costCenter: z.string() })
    .default({ supplier: 'BPSUPPLIER', account: 'GACCOUNT', costCenter: 'CACCE' }),
});

export const targetSettingsSchema = z.discriminatedUnion('system', [sageX3TargetSchema]);
export type TargetSettings = z.infer<typeof targetSettingsSchema>;

export const postingRulesSchema = z.object({
  /** Employee liability (balancing) account for reimbursable lines. */
  liabilityAccount: z.string().min(1),
  /** Card clearing account for company-paid lines. */
  cardClearingAccount: z.string().min(1),
  /** Personal (non-reimbursable) lines are left out of the entry: the employee paid them. */
  personalLines: z.enum(['exclude']).default('exclude'),
  /** How the entry is dated: the report/approval date, or the latest expense date in it. */
  dateRule: z.enum(['document_date', 'latest_expense_date']).default('document_date'),
  /** Dimension types every expense line must carry (e.g. costCenter). */
  requiredDimensions: z.array(z.string()).default(['costCenter']),
  /** Longest description the target accepts; longer text is cut and the cut noted in the plan. */
  maxDescriptionLength: z.number().int().min(10).max(4000).default(250),
});
export type PostingRules = z.infer<typeof postingRulesSchema>;

export const scheduleSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('manual') }),
  z.object({ mode: z.literal('interval'), minutes: z.number().int().min(1).max(24 * 60) }),
  z.object({ mode: z.literal('daily'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(20).default(5),
  baseDelayMs: z.number().int().min(0).max(60_000).default(500),
  maxDelayMs: z.number().int().min(0).max(3_600_000).default(60_000),
  /** Consecutive authentication failures after which the connection pauses itself. */
  pauseAfterAuthFailures: z.number().int().min(1).max(20).default(3),
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
export const SECRET_NAMES = {
  concur: ['clientSecret', 'password'],
  expensify: ['partnerUserSecret'],
  'sage-x3': ['password'],
} as const;
