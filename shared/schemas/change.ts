// Changes after posting: a posted document that changed at the source, its new version beside the posted one,
// and how the accountant resolved it (adjustment documents posted, or accepted as is with a reason).
import { z } from 'zod';
import { planKindSchema, postingPlanSchema } from './plan';
import { holdReasonSchema } from './posting';

export const changeStatusSchema = z.enum(['open', 'adjusting', 'adjusted', 'accepted']);
export type ChangeStatus = z.infer<typeof changeStatusSchema>;

/** changed: a new version at the source; recalled: the source took the posted document back (no new version yet). */
export const changeKindSchema = z.enum(['changed', 'recalled']);
export type ChangeKind = z.infer<typeof changeKindSchema>;

export const adjustModeSchema = z.enum(['reverse', 'difference']);
export type AdjustMode = z.infer<typeof adjustModeSchema>;

/** reversal: the posted document on swapped sides; new_version: the document as it is now; difference: new minus posted. */
export const adjustmentRoleSchema = z.enum(['reversal', 'new_version', 'difference']);
export type AdjustmentRole = z.infer<typeof adjustmentRoleSchema>;

/** One adjustment document: its own key (document + changed version + role), sent through the outbox states. */
export const adjustmentDocSchema = z.object({
  role: adjustmentRoleSchema,
  key: z.string(),
  status: z.enum(['pending', 'sending', 'posted', 'rejected']),
  erpId: z.string().nullable(),
  message: z.string().nullable(),
  plan: postingPlanSchema,
});
export type AdjustmentDoc = z.infer<typeof adjustmentDocSchema>;

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

/** Net debit (debit minus credit) per account, dimensions and partner: before, after, and the difference. */
export const accountDifferenceSchema = z.object({
  account: z.string(),
  dimensions: z.record(z.string(), z.string()),
  partner: z.string().nullable(),
  /** What the partner is (plan line partnerRole), so a difference journal sends a vendor as a vendor. */
  partnerRole: z.enum(['employee', 'vendor']).optional(),
  beforeMinor: z.number().int(),
  afterMinor: z.number().int(),
  differenceMinor: z.number().int(),
});
export type AccountDifference = z.infer<typeof accountDifferenceSchema>;

export const changeSummarySchema = z.object({
  id: z.number().int(),
  postingId: z.number().int(),
  connectionId: z.string(),
  sourceId: z.string(),
  title: z.string(),
  /** 1 for the first change after posting, 2 for a change after that one was resolved, ... */
  seq: z.number().int(),
  changeKind: changeKindSchema,
  status: changeStatusSchema,
  kind: planKindSchema.nullable(),
  /** The ERP id of the posted document. */
  erpId: z.string().nullable(),
  before: moneySchema.nullable(),
  after: moneySchema.nullable(),
  /** What may be done: the adjustment modes this ERP and document kind allow, and why not where none. */
  modes: z.array(adjustModeSchema),
  defaultMode: adjustModeSchema.nullable(),
  whyNoAdjustment: z.string().nullable(),
  mode: adjustModeSchema.nullable(),
  adjustments: z.array(adjustmentDocSchema.omit({ plan: true })),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  reason: z.string().nullable(),
  detectedAt: z.string(),
  updatedAt: z.string(),
});
export type ChangeSummary = z.infer<typeof changeSummarySchema>;

export const changeDetailSchema = changeSummarySchema.extend({
  beforePlan: postingPlanSchema.nullable(),
  afterPlan: postingPlanSchema.nullable(),
  /** Why the new version cannot be posted as it is (unmapped expense type, unknown account ...). */
  reasons: z.array(holdReasonSchema),
  differences: z.array(accountDifferenceSchema),
  adjustmentPlans: z.array(adjustmentDocSchema),
});
export type ChangeDetail = z.infer<typeof changeDetailSchema>;
