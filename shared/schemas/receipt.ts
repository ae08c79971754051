// Receipts that travel with a document: where the source keeps them, the per-connection limits, and the
// state of each attachment to the ERP document as the UI and CLI show it.
import { z } from 'zod';

/**
 * Where one receipt of a source document is read from. Concur: an Image v1 resource (report/{id} or
 * invoice/{id}) that answers a 15-minute URL; Expensify: the receipt URL of an expense (receiptObject.url).
 */
export const receiptRefSchema = z.object({
  /** Stable within the document (e.g. "report:ABC" or the expense's transaction id): half of the queue key. */
  receiptId: z.string().min(1).max(200),
  kind: z.enum(['concur-image', 'url']),
  /** concur-image: the Image v1 path below /api/image/v1.0 (e.g. "report/ABC"); url: the receipt URL itself. */
  locator: z.string().min(1).max(4000),
  /** Name the file should carry in the ERP, without extension (the extension follows the bytes' real type). */
  fileName: z.string().min(1).max(120),
  lineId: z.string().optional(),
});
export type ReceiptRef = z.infer<typeof receiptRefSchema>;

export const RECEIPT_TYPES = ['pdf', 'jpeg', 'png', 'tiff'] as const;
export const receiptTypeSchema = z.enum(RECEIPT_TYPES);
export type ReceiptType = z.infer<typeof receiptTypeSchema>;

export const receiptSettingsSchema = z.object({
  /** Off by default: fetching receipts costs a download per document and an upload to the ERP. */
  enabled: z.boolean().default(false),
  /** Largest receipt fetched and attached, in bytes (default 10 MB, Concur's and NetSuite's own limit). */
  maxBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  /** Types accepted, judged on the bytes themselves (magic numbers), never on the declared content type. */
  allowedTypes: z.array(receiptTypeSchema).min(1).default(['pdf', 'jpeg', 'png']),
});
export type ReceiptSettings = z.infer<typeof receiptSettingsSchema>;

export const RECEIPT_STATES = ['pending', 'attached', 'failed', 'skipped'] as const;
export const receiptStateSchema = z.enum(RECEIPT_STATES);
export type ReceiptState = z.infer<typeof receiptStateSchema>;

export const receiptAttachmentSchema = z.object({
  receiptId: z.string(),
  fileName: z.string(),
  state: receiptStateSchema,
  /** Why it failed or was skipped, or where it landed. */
  note: z.string().nullable(),
  /** The ERP's own reference of the attached file (Acumatica file id, Intacct SUPDOCID). */
  erpFileRef: z.string().nullable(),
  bytes: z.number().int().nullable(),
  type: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ReceiptAttachment = z.infer<typeof receiptAttachmentSchema>;
