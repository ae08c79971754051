// Concur source settings (non-secret). Secrets: clientSecret, password (user password or request token).
// Fields added after the first release are `.default(x).optional()`: parsing fills the default, older
// literal settings objects still typecheck; the adapter resolves them with withConcurDefaults.
import { z } from 'zod';
import { httpUrl, isoDateString } from './common';

/** FIS docTypes the connector reads, acknowledges and confirms (obligations are funds reservations, not posts). */
export const CONCUR_FIS_DOC_TYPES = ['expense', 'invoice', 'cashadvance', 'payroll'] as const;
export type ConcurFisDocType = (typeof CONCUR_FIS_DOC_TYPES)[number];

export const CONCUR_DEFAULTS = {
  mode: 'reports' as 'reports' | 'fis',
  fisDocTypes: [...CONCUR_FIS_DOC_TYPES] as ConcurFisDocType[],
  systemId: '',
  erpCompanyCode: '',
  includeInvoices: false,
  invoiceStartDate: null as string | null,
  /** The documented wait after a 503 (maintenance) or a timeout: 5 minutes. */
  outageWaitMs: 300_000,
  /** How many documented waits one call may sit through before the run gives up (the next run retries). */
  outageRetries: 2,
  requestTimeoutMs: 60_000,
  /** Reference push: which Concur list (List v4 id) receives each target dimension type, e.g. { department: '<list uuid>' }. */
  referenceLists: {} as Record<string, string>,
  /** Reference push: also keep Concur Invoice vendors (Vendor v3) in step with the target's suppliers. */
  pushVendors: false,
  /** Address code of the vendor records the connector creates and manages (Concur keys vendors by code + address code). */
  vendorAddressCode: 'MAIN',
  /** Most writes one reference push sends; the rest wait for the next daily push (Concur publishes no list limits). */
  referencePushMaxWrites: 500,
};

export const concurSourceSchema = z.object({
  system: z.literal('concur'),
  /** Host for the first token call; every later call follows the geolocation returned with the token. */
  tokenUrl: httpUrl.default('https://us2.api.concursolutions.com'),
  clientId: z.string().min(1),
  /** password = a user's own login; authtoken = company-level connect with the App Center request token. */
  grant: z.enum(['password', 'authtoken']).default('password'),
  /** Login id (password grant) or company UUID (authtoken grant). */
  username: z.string().min(1),
  /**
   * The company UUID for a user login (password grant), so documents get the same ERP reference on every
   * install, whoever signs in; company connections (authtoken) use `username`, which is that UUID.
   */
  companyUuid: z.string().min(1).optional(),
  /** Reports modified after this date are read on the first sync. */
  startDate: isoDateString,
  pageSize: z.number().int().min(1).max(100).default(100),
  /** Which v3 allocation/entry custom field carries each dimension type, e.g. { costCenter: 'Custom1' }. */
  dimensionFields: z.record(z.string(), z.string()).default({ costCenter: 'Custom1' }),
  /** Payment type ids of company-paid expenses (balanced against card clearing, not the employee). */
  companyPaidPaymentTypes: z.array(z.string()).default(['IBCP', 'CBCP']),
  /** Company-billed card payment types (subset of the above): a personal charge on them is paid to the card and owed by the employee. */
  companyBilledPaymentTypes: z.array(z.string()).default(['CBCP']).optional(),
  /** reports = v3 approved expense reports (and invoices); fis = Financial Integration Service v4 (company token). */
  mode: z.enum(['reports', 'fis']).default(CONCUR_DEFAULTS.mode).optional(),
  /** FIS docTypes to read (one listing per type). */
  fisDocTypes: z.array(z.enum(CONCUR_FIS_DOC_TYPES)).min(1).default(CONCUR_DEFAULTS.fisDocTypes).optional(),
  /** FIS systemId: this ERP's name at Concur (≤50 chars), sent with listings, acknowledgements and confirmations. */
  systemId: z.string().max(50).default(CONCUR_DEFAULTS.systemId).optional(),
  /** ERP org unit (company code) reported as postingDocs.companyId in FIS posting confirmations. */
  erpCompanyCode: z.string().max(50).default(CONCUR_DEFAULTS.erpCompanyCode).optional(),
  /** Reports mode: also read approved invoices (v3 payment requests). */
  includeInvoices: z.boolean().default(CONCUR_DEFAULTS.includeInvoices).optional(),
  /** Invoices modified after this date are read on the first sync; null = startDate. */
  invoiceStartDate: isoDateString.nullable().default(CONCUR_DEFAULTS.invoiceStartDate).optional(),
  /** Wait after a 503 (maintenance) or a timeout before trying again; documented as 5 minutes. */
  outageWaitMs: z.number().int().min(0).max(900_000).default(CONCUR_DEFAULTS.outageWaitMs).optional(),
  outageRetries: z.number().int().min(0).max(5).default(CONCUR_DEFAULTS.outageRetries).optional(),
  /** A Concur request should answer within 60 s (documented). */
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(CONCUR_DEFAULTS.requestTimeoutMs).optional(),
  /** An empty list id (a cleared form field) means that dimension type is not pushed. */
  referenceLists: z.record(z.string(), z.string().max(100)).default(CONCUR_DEFAULTS.referenceLists).optional(),
  pushVendors: z.boolean().default(CONCUR_DEFAULTS.pushVendors).optional(),
  vendorAddressCode: z.string().min(1).max(32).default(CONCUR_DEFAULTS.vendorAddressCode).optional(),
  referencePushMaxWrites: z.number().int().min(1).max(10_000).default(CONCUR_DEFAULTS.referencePushMaxWrites).optional(),
});
export type ConcurSourceSettings = z.infer<typeof concurSourceSchema>;
export type ResolvedConcurSettings = Required<ConcurSourceSettings>;

/** Settings with every optional field filled from CONCUR_DEFAULTS (what the adapter works with). */
export function withConcurDefaults(s: ConcurSourceSettings): ResolvedConcurSettings {
  const out = { ...s } as Record<string, unknown>;
  for (const [k, v] of Object.entries(CONCUR_DEFAULTS)) if (out[k] === undefined) out[k] = Array.isArray(v) ? [...v] : v;
  return out as ResolvedConcurSettings;
}
