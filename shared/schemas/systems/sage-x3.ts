// Sage X3 target settings (non-secret). Secret: password (Basic auth for SOAP and REST api1).
// Screen block ids and field codes are customer-specific in X3 (read them from getDescription on the
// customer's published web service); the defaults follow the standard GESGAS / GESBIS screens.
import { z } from 'zod';
import { httpUrl } from './common';

/** A field code; '' means "do not send this field". */
const code = (d: string) => z.string().regex(/^[A-Z0-9_]*$/i, 'an X3 field or block code').default(d);

/** Journal entry (GESGAS-like, table GACCENTRY / GACCENTRYD). */
export const sageX3JournalFieldsSchema = z.object({
  headerBlock: code('GAS0_1'),
  linesBlock: code('GAS1_1'),
  entryType: code('TYP'),
  site: code('FCY'),
  journal: code('JOU'),
  accountingDate: code('ACCDAT'),
  documentDate: code('BPRDAT'),
  currency: code('CUR'),
  description: code('DESVCR'),
  /** Carries the idempotency key; findExisting queries on it. Must be a query criterion of the published object. */
  reference: code('REF'),
  /** Entry number X3 assigns (GACCENTRY.NUM), read back from resultXml. */
  documentNumber: code('NUM'),
  lineAccount: code('ACC'),
  lineDebit: code('DEB'),
  lineCredit: code('CDT'),
  lineDescription: code('DES'),
  linePartner: code('BPR'),
  /** Dimension type (as used in the plan) -> line field code. Types not listed are not sent. */
  dimensions: z.record(z.string(), z.string()).default({ costCenter: 'CCE1' }),
});
export type SageX3JournalFields = z.infer<typeof sageX3JournalFieldsSchema>;

/** Supplier BP invoice (GESBIS-like, table BPSINVOICE). */
export const sageX3SupplierInvoiceFieldsSchema = z.object({
  headerBlock: code('BIS0_1'),
  linesBlock: code('BIS1_1'),
  invoiceType: code('TYP'),
  site: code('FCY'),
  supplier: code('BPR'),
  accountingDate: code('ACCDAT'),
  documentDate: code('BPRDAT'),
  currency: code('CUR'),
  /** Supplier's own invoice number ("source document"). */
  supplierDocument: code('BPRVCR'),
  description: code('DES'),
  /** Carries the idempotency key; findExisting queries on it. */
  reference: code('REF'),
  total: code('AMTATI'),
  documentNumber: code('NUM'),
  lineAccount: code('ACC'),
  lineAmount: code('AMTNOT'),
  lineDescription: code('DES'),
  dimensions: z.record(z.string(), z.string()).default({ costCenter: 'CCE1' }),
});
export type SageX3SupplierInvoiceFields = z.infer<typeof sageX3SupplierInvoiceFieldsSchema>;

export const sageX3TargetSchema = z.object({
  system: z.literal('sage-x3'),
  /** Customer Syracuse server, e.g. https://x3.example.com:8124 */
  serverUrl: httpUrl,
  /** Syracuse endpoint name (maps to the X3 folder), e.g. SEED. */
  folder: z.string().min(1),
  poolAlias: z.string().min(1),
  language: z.string().default('ENG'),
  username: z.string().min(1),
  postingMode: z.enum(['journal', 'supplier_invoice']).default('journal'),
  company: z.string().min(1),
  site: z.string().min(1),
  journal: z.string().default('PUR'),
  entryType: z.string().default('ODEXP'),
  /** Supplier invoice type (GESBIS "invoice type"; customer-specific). */
  invoiceType: z.string().default('INV'),
  /** Published SOAP object names (GESAWE) for each posting mode. */
  journalPublicName: z.string().default('YGAS'),
  supplierInvoicePublicName: z.string().default('YBIS'),
  journalFields: sageX3JournalFieldsSchema.prefault({}),
  supplierInvoiceFields: sageX3SupplierInvoiceFieldsSchema.prefault({}),
  /** api1 representation names used for reference reads (the class is assumed to have the same name). */
  representations: z
    .object({ supplier: z.string(), account: z.string(), costCenter: z.string() })
    .default({ supplier: 'BPSUPPLIER', account: 'GACCOUNT', costCenter: 'CACCE' }),
  /** When set, only dimension records of this type (CACCE.DIE) are read as cost centers. */
  costCenterDimensionType: z.string().default(''),
  /** api1 page size (`count`); the server may cap it. */
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Per-call timeout; X3 saves through a busy pool can be slow. */
  requestTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
});
export type SageX3TargetSettings = z.infer<typeof sageX3TargetSchema>;
