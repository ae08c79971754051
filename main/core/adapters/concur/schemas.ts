// Lenient zod schemas for what SAP Concur sends: token responses and v3 report/entry/allocation pages.
// Unknown fields pass through; the mapper validates values, so only structural breakage fails here.
import { z } from 'zod';

const optText = z.string().nullish();

export const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: optText,
  /** "3600" in some examples, 3600 in others. */
  expires_in: z.union([z.number(), z.string()]).nullish(),
  refresh_token: optText,
  /** Absolute Unix epoch seconds (not a duration). */
  refresh_expires_in: z.union([z.number(), z.string()]).nullish(),
  scope: optText,
  geolocation: optText,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const tokenErrorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
  geolocation: z.string().optional(),
});

/** v3 ReportGet: only ID is structural; every other field is read defensively by the mapper. */
export const reportSchema = z.looseObject({
  ID: z.string().min(1),
  Name: z.unknown().optional(),
  CurrencyCode: z.unknown().optional(),
  LastModifiedDate: z.unknown().optional(),
  OwnerLoginID: z.unknown().optional(),
});
export type ConcurReport = z.infer<typeof reportSchema>;

export const entrySchema = z.looseObject({
  ID: z.string().min(1),
  ReportID: z.unknown().optional(),
});
export type ConcurEntry = z.infer<typeof entrySchema>;

export const allocationSchema = z.looseObject({
  ID: z.unknown().optional(),
  EntryID: z.string().min(1),
  Percentage: z.unknown().optional(),
});
export type ConcurAllocation = z.infer<typeof allocationSchema>;

/** v3 list envelope: `Items` plus `NextPage` (absolute URI or null). */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    Items: z.array(item).nullish(),
    NextPage: z.string().nullish(),
  });
}

/** v3 PaymentRequestDigest (I1): ID or PaymentRequestId names the payment request to read with I2. */
export const invoiceDigestSchema = z.looseObject({
  ID: z.string().nullish(),
  PaymentRequestId: z.string().nullish(),
  LastModifiedDate: z.unknown().optional(),
  ApprovalStatusCode: z.unknown().optional(),
  IsDeleted: z.unknown().optional(),
});
export type InvoiceDigest = z.infer<typeof invoiceDigestSchema>;

/** v3 PaymentRequest (I2): amounts are strings; every field is read defensively by the mapper. */
export const paymentRequestSchema = z.looseObject({ ID: z.string().nullish(), PaymentRequestId: z.string().nullish() });
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

export const reportPageSchema = pageSchema(reportSchema);
/** I1's schema names the list both `Items` and `PaymentRequestDigest`; whichever is filled is the page. */
export const invoiceDigestPageSchema = z
  .looseObject({ Items: z.array(invoiceDigestSchema).nullish(), PaymentRequestDigest: z.array(invoiceDigestSchema).nullish(), NextPage: z.string().nullish() })
  .transform((p) => ({ ...p, Items: p.Items ?? p.PaymentRequestDigest ?? null }));
export const entryPageSchema = pageSchema(entrySchema);
export const allocationPageSchema = pageSchema(allocationSchema);

/** Short readable summary of a zod failure, for REMOTE_PROTOCOL messages (no payload values). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : 'body'}: ${i.message}`)
    .join('; ');
}
