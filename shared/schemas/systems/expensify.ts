// Expensify source settings (non-secret). Secret: partnerUserSecret.
// Facts behind the defaults: ../../api/expensify.md (§3 export filters, §8 rate limits).
import { z } from 'zod';
import { httpUrl, isoDateString } from './common';

export const EXPENSIFY_REPORT_STATES = ['OPEN', 'SUBMITTED', 'APPROVED', 'REIMBURSED', 'ARCHIVED'] as const;

/** One sliding window of the client-side rate limit: at most `requests` jobs started per `windowMs`. */
export const expensifyRateWindowSchema = z.object({
  requests: z.number().int().min(1).max(1000),
  windowMs: z.number().int().min(1).max(3_600_000),
});
export type ExpensifyRateWindow = z.infer<typeof expensifyRateWindowSchema>;

/** The stricter documented limit: 5 requests per 10 s and 20 per 60 s (the other statement allows 50/min). */
export const EXPENSIFY_DEFAULT_RATE_LIMITS: ExpensifyRateWindow[] = [
  { requests: 5, windowMs: 10_000 },
  { requests: 20, windowMs: 60_000 },
];

export const expensifySourceSchema = z.object({
  system: z.literal('expensify'),
  baseUrl: httpUrl.default('https://integrations.expensify.com'),
  partnerUserId: z.string().min(1),
  /** Reports submitted/created on or after this date are exported. */
  startDate: isoDateString,
  /** Reports submitted/created after this date are left out; null = up to today. */
  endDate: isoDateString.nullable().default(null),
  /** Comma-separated report states to export (inputSettings.reportState). */
  reportStates: z
    .string()
    .refine((s) => s.split(',').every((p) => (EXPENSIFY_REPORT_STATES as readonly string[]).includes(p.trim().toUpperCase())), 'comma-separated OPEN, SUBMITTED, APPROVED, REIMBURSED, ARCHIVED')
    .default('APPROVED,REIMBURSED'),
  /** Only reports of these policies (workspace ids); empty = every policy the partner user sees. */
  policyIds: z.array(z.string().min(1)).default([]),
  /** Export label stamped on reports once their ERP post is recorded; reports carrying it are not exported again. */
  exportLabel: z.string().min(1).max(100).default('ml-connector'),
  /**
   * Which tag value feeds which dimension type: key = `tag` (whole tag), `tagGlCode`, or `tag1`, `tag2`, …
   * (one level of a multi-level "Level1:Level2" tag); value = dimension type, e.g. { tag: 'costCenter' }.
   */
  tagDimension: z.record(z.string(), z.string()).default({ tag: 'costCenter' }),
  /** Client-side sliding windows every request must fit in (all of them). */
  rateLimits: z.array(expensifyRateWindowSchema).min(1).default(EXPENSIFY_DEFAULT_RATE_LIMITS),
});
export type ExpensifySourceSettings = z.infer<typeof expensifySourceSchema>;
