// Outbox rows as the UI and CLI see them: status, hold reason and the plan behind them.
import { z } from 'zod';
import { errorPayloadSchema } from '../errors';
import { moneySchema } from './money';
import { postingPlanSchema } from './plan';
import { receiptAttachmentSchema } from './receipt';

export const HOLD_CODES = [
  'NEEDS_MAPPING',
  'EMPLOYEE_UNMAPPED',
  'ACCOUNT_UNKNOWN',
  'ACCOUNT_INACTIVE',
  'DIMENSION_MISSING',
  'DIMENSION_UNKNOWN',
  'DIMENSION_INACTIVE',
  'PARTNER_UNKNOWN',
  'PARTNER_INACTIVE',
  'INVALID_AMOUNT',
  'INVALID_CURRENCY',
  'CURRENCY_MISMATCH',
  'ZERO_AMOUNT',
  'INVALID_DATE',
  'PERIOD_CLOSED',
  'ALLOCATION_INVALID',
  'EMPTY_DOCUMENT',
  'UNBALANCED',
  'DUPLICATE_SOURCE',
  'ERP_REJECTED',
  'FAILED_RETRY_LATER',
  'SOURCE_INVALID',
  /** A document kind the product does not post (e.g. a Concur funds reservation); reported back to the source. */
  'UNSUPPORTED_DOCUMENT',
  /** A source tax code (or rate) with no ERP tax code, or recoverable tax with no recoverable-VAT account. */
  'TAX_UNMAPPED',
  /** Tax the source sent that cannot be right: larger than the line, wrong sign, rate against amount, other currency. */
  'TAX_INVALID',
] as const;
export const holdCodeSchema = z.enum(HOLD_CODES);
export type HoldCode = z.infer<typeof holdCodeSchema>;

export const holdReasonSchema = z.object({
  code: holdCodeSchema,
  message: z.string(),
  /** What to fix, when it is a mapping: the expense type, employee or value concerned. */
  subject: z.string().optional(),
  lineId: z.string().optional(),
});
export type HoldReason = z.infer<typeof holdReasonSchema>;

export const POSTING_STATUSES = ['pending', 'sending', 'uncertain', 'posted', 'held', 'failed', 'dismissed'] as const;
export const postingStatusSchema = z.enum(POSTING_STATUSES);
export type PostingStatus = z.infer<typeof postingStatusSchema>;

export const postingSummarySchema = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  sourceId: z.string(),
  sourceKind: z.string(),
  title: z.string(),
  party: z.string().nullable(),
  total: moneySchema.nullable(),
  status: postingStatusSchema,
  reasons: z.array(holdReasonSchema),
  erpId: z.string().nullable(),
  idempotencyKey: z.string(),
  attempts: z.number().int(),
  changedAfterPosting: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastError: errorPayloadSchema.nullable(),
});
export type PostingSummary = z.infer<typeof postingSummarySchema>;

export const postingDetailSchema = postingSummarySchema.extend({
  plan: postingPlanSchema.nullable(),
  dismissReason: z.string().nullable(),
  /** Receipts of the document and where each stands in the attachment queue (absent: none). */
  receipts: z.array(receiptAttachmentSchema).optional(),
});
export type PostingDetail = z.infer<typeof postingDetailSchema>;
