// The posting plan: what will be sent to the ERP, balanced to the cent before anything is sent.
import { z } from 'zod';
import { currencyCodeSchema } from './money';
import { documentKindSchema, sourceSystemSchema } from './document';

export const postingKindSchema = z.enum(['journal', 'supplier_invoice']);
export type PostingKind = z.infer<typeof postingKindSchema>;
/**
 * What a plan posts: a posting kind, or a supplier credit (the ERP's credit document against a supplier
 * invoice), which only an adjustment of a supplier invoice changed after posting produces — never a sync.
 */
export const planKindSchema = z.enum([...postingKindSchema.options, 'supplier_credit']);
export type PlanKind = z.infer<typeof planKindSchema>;

export const planLineSchema = z.object({
  lineNo: z.number().int().positive(),
  sourceLineId: z.string().nullable(),
  account: z.string(),
  side: z.enum(['debit', 'credit']),
  /** Always positive; the side says which way it goes. */
  amountMinor: z.number().int().positive(),
  dimensions: z.record(z.string(), z.string()),
  description: z.string(),
  /** Business partner on the line (employee vendor for the liability line). */
  partner: z.string().nullable(),
  /**
   * What the partner is: the employee (liability line) or a vendor (an invoice posted as a journal), so a target
   * with separate partner fields (Intacct VENDORID / EMPLOYEEID) knows where it goes. Absent = the employee
   * (plans stored before this field).
   */
  partnerRole: z.enum(['employee', 'vendor']).optional(),
  sourceAmountMinor: z.number().int().nullable(),
  sourceCurrency: currencyCodeSchema.nullable(),
  sourceRate: z.string().nullable(),
  transactionDate: z.string().nullable(),
  /** Where the account came from (dry run): the expense-type mapping, the source's journal, or a connection rule. */
  accountSource: z.enum(['mapping', 'source', 'rule']).optional(),
  /** The ERP tax code (tax mapping) on a taxed line: on its net line (`net`) and on its recoverable tax line (`tax`). */
  taxCode: z.string().optional(),
  taxRole: z.enum(['net', 'tax']).optional(),
  /** Tax line: the net amount the tax was charged on, in minor units (ERPs that take a tax base). */
  taxBaseMinor: z.number().int().optional(),
});
export type PlanLine = z.infer<typeof planLineSchema>;

export const postingPlanSchema = z.object({
  kind: planKindSchema,
  /** The key written into the ERP (see ../shared/design/exactly-once.md): derived from the document, not the install. */
  idempotencyKey: z.string(),
  /**
   * Other forms the same document may carry in the ERP (the pre-tenant key of older installs, the keys of
   * its twin on another read path). findExisting/findExistingMany look these up too; nothing is sent under them.
   */
  lookupKeys: z.array(z.string()).optional(),
  sourceSystem: sourceSystemSchema,
  sourceKind: documentKindSchema,
  sourceId: z.string(),
  sourceVersion: z.string(),
  postingDate: z.string(),
  documentDate: z.string(),
  currency: currencyCodeSchema,
  description: z.string(),
  /** Supplier (supplier invoice) or the employee's vendor code (journal liability line). */
  partner: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  lines: z.array(planLineSchema),
  /** Sum of the debit lines, in minor units. */
  totalMinor: z.number().int(),
  /** Plain-language notes shown in the dry run (date rule used, truncations). */
  notes: z.array(z.string()),
});
export type PostingPlan = z.infer<typeof postingPlanSchema>;
