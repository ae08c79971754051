// Sage X3 target settings (non-secret). Secret: password (Basic auth for SOAP and REST api1).
import { z } from 'zod';
import { httpUrl } from './common';

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
  /** Published SOAP object names (GESAWE) for each posting mode. */
  journalPublicName: z.string().default('YGAS'),
  supplierInvoicePublicName: z.string().default('YBIS'),
  /** api1 representation names used for reference reads. */
  representations: z
    .object({ supplier: z.string(), account: z.string(), costCenter: z.string() })
    .default({ supplier: 'BPSUPPLIER', account: 'GACCOUNT', costCenter: 'CACCE' }),
});
export type SageX3TargetSettings = z.infer<typeof sageX3TargetSchema>;
