// ERP reference data cached locally so every dimension can be validated before posting.
import { z } from 'zod';

export const referenceKindSchema = z.enum(['account', 'supplier', 'employee', 'dimension']);
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
