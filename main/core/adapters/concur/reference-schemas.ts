// Lenient zod schemas for the reference-data APIs the connector writes to: List Item v4 (paged children of a
// list) and Invoice Vendor v3 (Items/NextPage pages, per-vendor StatusList on writes).
import { z } from 'zod';

/** A List Item v4 record; only id and shortCode are structural. */
export const listItemSchema = z.looseObject({
  id: z.string().min(1),
  code: z.string().nullish(),
  shortCode: z.string(),
  value: z.string().nullish(),
  parentId: z.string().nullish(),
  level: z.number().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type ListItem = z.infer<typeof listItemSchema>;

/** Paged Resources List Item: content plus page metadata (page numbers start at 1, size fixed at 100). */
export const listItemPageSchema = z.looseObject({
  content: z.array(listItemSchema).nullish(),
  page: z
    .looseObject({
      number: z.number().int().nullish(),
      size: z.number().int().nullish(),
      totalElements: z.number().int().nullish(),
      totalPages: z.number().int().nullish(),
    })
    .nullish(),
});

/** Vendor v3 record as read; Approved is text ("true"/"false"). */
export const vendorSchema = z.looseObject({
  VendorCode: z.string().nullish(),
  AddressCode: z.string().nullish(),
  VendorName: z.string().nullish(),
  Approved: z.union([z.string(), z.boolean()]).nullish(),
  StatusList: z.array(z.looseObject({ Code: z.union([z.number(), z.string()]).nullish(), Message: z.string().nullish(), Type: z.string().nullish() })).nullish(),
});
export type ConcurVendor = z.infer<typeof vendorSchema>;

/** VendorCollection: reads fill Items/NextPage; writes echo the Vendor array with a StatusList each. */
export const vendorCollectionSchema = z.looseObject({
  Items: z.array(vendorSchema).nullish(),
  Vendor: z.array(vendorSchema).nullish(),
  NextPage: z.string().nullish(),
  TotalCount: z.union([z.number(), z.string()]).nullish(),
});
