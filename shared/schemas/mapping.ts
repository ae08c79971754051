// Mapping rows: expense type -> GL account + dimensions, employee -> ERP vendor/employee, and defaults.
import { z } from 'zod';

export const mappingKindSchema = z.enum(['expense_type', 'employee', 'tax_code']);
export type MappingKind = z.infer<typeof mappingKindSchema>;

/** Source code "*" on an expense_type row is the fallback used when a type has no row of its own. */
export const FALLBACK_CODE = '*';

/**
 * tax_code rows: source tax code (or a rate written "20%") -> ERP tax code in `target`; the recoverable-VAT GL
 * account, where the ERP wants one on the tax line, is kept as this pseudo-dimension so CSV files keep their columns.
 */
export const TAX_ACCOUNT_FIELD = 'vatAccount';
/** tax_code rows: "no" = the company never reclaims this tax (whatever the source says), it stays in the expense. */
export const TAX_RECOVERABLE_FIELD = 'recoverable';

export const mappingSchema = z.object({
  kind: mappingKindSchema,
  sourceCode: z.string().min(1).max(200),
  sourceName: z.string().max(500).default(''),
  /** GL account (expense types), ERP vendor/employee code (employees) or ERP tax code (tax codes); empty = not mapped yet. */
  target: z.string().max(100),
  /** Dimension values by type (costCenter, department, project ...). */
  dimensions: z.record(z.string(), z.string().max(100)).default({}),
});
export type Mapping = z.infer<typeof mappingSchema>;

export const mappingRowSchema = mappingSchema.extend({
  connectionId: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Seen in source data but never mapped: pinned on top in the grid. */
  unmapped: z.boolean(),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;
