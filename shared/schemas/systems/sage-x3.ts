// Sage X3 target settings (non-secret). Secrets by auth variant: password (Basic), clientSecret (OAuth2),
// appSecret (connected application JWT), servicesClientSecret + servicesAuthCode/servicesRefreshToken
// (Sage X3 Services). Facts: ../shared/api/sage-x3.md. Screen block ids and field codes are customer-specific in X3 (read them from getDescription on the
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
  /** Tax code of a taxed line (GACCENTRYD VAT, inferred from the standard dictionary): on the net line and on the VAT account line. */
  lineTax: code('VAT'),
  /** Dimension type (as used in the plan) -> line field code; a configured type not listed goes to CCE<position>. */
  dimensions: z.record(z.string(), z.string()).default({}),
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
  /** Tax code of a taxed line (BPSINVOICED VAT, inferred). */
  lineTax: code('VAT'),
  dimensions: z.record(z.string(), z.string()).default({}),
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
  /**
   * The published objects refuse a second document with the same reference (a control the customer adds in
   * X3; off in a standard folder). When off, each post is checked right after it is saved, so that two installs
   * posting the same document in the same second keep only the older one (one query per post).
   */
  uniqueReference: z.boolean().default(false).optional(),
  supplierInvoicePublicName: z.string().default('YBIS'),
  journalFields: sageX3JournalFieldsSchema.prefault({}),
  supplierInvoiceFields: sageX3SupplierInvoiceFieldsSchema.prefault({}),
  /**
   * The customer's analytical structure: `<dimension name>=<X3 dimension type code>`, in the order of the
   * ledger's dimension types (position n is sent as CCE<n> unless the field codes say otherwise). The
   * name is what mappings and required dimensions use (costCenter, department, project ...).
   */
  dimensionTypes: z
    .array(z.string().trim().regex(/^[A-Za-z][A-Za-z0-9_]*=[A-Za-z0-9_]+$/, 'name=X3 dimension type code, e.g. costCenter=CCT'))
    .min(1)
    .refine((l) => new Set(l.map((e) => e.split('=')[0])).size === l.length, 'each dimension name once')
    .default(['costCenter=CCT']),
  /** How SOAP posting and REST api1 reads sign in: Basic, an OAuth2 bearer, or the connected-application JWT (V12). */
  authMode: z.enum(['basic', 'oauth2', 'connectedApp']).default('basic'),
  /** OAuth2 (authMode oauth2): the token URL of the provider Syracuse trusts, client id and scope (client credentials). */
  tokenUrl: z.string().default(''),
  clientId: z.string().default(''),
  scope: z.string().default(''),
  /** Connected application (Administration > Settings > Authentication > Connected applications): its client id. */
  appClientId: z.string().default(''),
  /** Lifetime of each JWT we mint; must not exceed the application's "Tokens validity". */
  jwtLifetimeSeconds: z.number().int().min(10).max(3600).default(300),
  /** Where reference data is read: REST api1 or GraphQL. Posting is always SOAP (GraphQL journal entries are read-only). */
  reads: z.enum(['api1', 'graphql']).default('api1'),
  /** GraphQL sign-in: the self-hosted connected application, or Sage X3 Services (5-minute tokens, refresh). */
  graphqlAuth: z.enum(['connectedApp', 'x3Services']).default('connectedApp'),
  /** GraphQL URL; '' = <serverUrl>/xtrem/api. For X3 Services, the folder's GraphQL URL from /v1/folders. */
  graphqlUrl: z.string().default(''),
  /** Sage X3 Services regional gateway, e.g. https://api.eu-sagex3.com/v1, the app's client id and redirect URI. */
  servicesApiUrl: z.string().default(''),
  servicesClientId: z.string().default(''),
  servicesRedirectUri: z.string().default(''),
  /** api1 representation names used for reference reads (the class is assumed to have the same name). */
  representations: z
    .object({ supplier: z.string(), account: z.string(), costCenter: z.string() })
    .default({ supplier: 'BPSUPPLIER', account: 'GACCOUNT', costCenter: 'CACCE' }),
  /** api1 / GraphQL page size (`count` / `first`); the server may cap it. */
  pageSize: z.number().int().min(1).max(1000).default(100),
  /** Per-call timeout; X3 saves through a busy pool can be slow. */
  requestTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
});
export type SageX3TargetSettings = z.infer<typeof sageX3TargetSchema>;

export interface X3DimensionType {
  /** Name used in mappings and plans (costCenter). */
  name: string;
  /** X3 dimension type code (CACCE.DIE), e.g. CCT. */
  x3Type: string;
  /** 1-based position in the configured list. */
  position: number;
}

/** The configured dimension structure as data. */
export function x3DimensionTypes(s: Pick<SageX3TargetSettings, 'dimensionTypes'>): X3DimensionType[] {
  return s.dimensionTypes.map((entry, i) => {
    const [name = '', x3Type = ''] = entry.split('=').map((p) => p.trim());
    return { name, x3Type, position: i + 1 };
  });
}

/** Which settings each auth variant needs, as plain messages (empty = complete). */
export function x3AuthProblems(s: SageX3TargetSettings): string[] {
  const out: string[] = [];
  const url = (v: string) => /^https?:\/\/[^\s/]+/.test(v);
  if (s.authMode === 'oauth2' && (!url(s.tokenUrl) || !s.clientId)) out.push('OAuth2 needs the token URL and the client ID');
  const needsApp = s.authMode === 'connectedApp' || (s.reads === 'graphql' && s.graphqlAuth === 'connectedApp');
  if (needsApp && !s.appClientId) out.push('the connected application needs its client ID');
  if (s.reads === 'graphql' && s.graphqlAuth === 'x3Services') {
    if (!url(s.servicesApiUrl) || !s.servicesClientId) out.push('Sage X3 Services needs the regional API URL and the client ID');
    if (!url(s.graphqlUrl)) out.push("Sage X3 Services needs the folder's GraphQL URL (from /v1/folders)");
  }
  return out;
}
