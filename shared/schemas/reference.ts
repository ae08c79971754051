// ERP reference data cached locally so every dimension can be validated before posting.
import { z } from 'zod';

export const referenceKindSchema = z.enum(['account', 'supplier', 'employee', 'dimension', 'period', 'tax_code']);
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

export const referenceItemSchema = z.object({
  kind: referenceKindSchema,
  /** Dimension type for kind=dimension (costCenter, department ...); '' otherwise. */
  dimensionType: z.string(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
});
export type ReferenceItem = z.infer<typeof referenceItemSchema>;

/** What one push of target reference data to the source did (Concur lists and vendors). */
export const referencePushSummarySchema = z.object({
  /** False when the source cannot take reference data or nothing is configured to receive it. */
  pushed: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  deferred: z.number().int(),
  /** Source vendors and mapped employees the target does not have (reported, or created when allowed). */
  missingInTarget: z.number().int(),
  partnersCreated: z.number().int(),
  destinations: z.array(z.string()),
  message: z.string(),
});
export type ReferencePushSummary = z.infer<typeof referencePushSummarySchema>;
