// Sage Intacct target settings (non-secret). Secrets: senderPassword (Web Services sender) and
// userPassword (the API user's sign-in). Posting goes through the single XML gateway endpoint.
import { z } from 'zod';
import { httpUrl } from './common';

export const SAGE_INTACCT_DEFAULT_ENDPOINT = 'https://api.intacct.com/ia/xml/xmlgw.phtml';

export const sageIntacctTargetSchema = z.object({
  system: z.literal('sage-intacct'),
  /**
   * The XML gateway; after getAPISession the adapter follows the endpoint the session names, but only over
   * https on an intacct.com host (or the configured gateway's own origin), as the official SDKs do.
   */
  endpointUrl: httpUrl.default(SAGE_INTACCT_DEFAULT_ENDPOINT),
  /** A simulator or test gateway: the session endpoint may then be any http(s) URL. Never set for a real company. */
  testEndpoint: z.boolean().default(false),
  /** Web Services sender ID (case-sensitive), authorised in the company. */
  senderId: z.string().min(1),
  companyId: z.string().min(1),
  /** Web Services user of the company. */
  userId: z.string().min(1),
  /** Entity (location) to sign in to; '' = top level. */
  locationId: z.string().default(''),
  /** Engine posting mode: GL journal entries, or AP bills for every document. */
  postingMode: z.enum(['journal', 'ap_bill']).default('journal'),
  /** Journal symbol the GLBATCH entries go into. */
  journal: z.string().min(1).default('GJ'),
  /** Company base currency: CURRENCY is only sent on lines in another currency. */
  baseCurrency: z.string().regex(/^[A-Z]{3}$/).default('USD'),
  /** Rate type for foreign-currency lines (Intacct converts); '' sends none, so the company's own default applies. */
  exchangeRateType: z.string().default(''),
  /** How a journal line's partner is sent: the employee dimension or the vendor dimension. */
  journalPartner: z.enum(['employee', 'vendor']).default('employee'),
  /** APBILL field carrying the idempotency key (searchable); RECORDID keeps the invoice number. */
  billKeyField: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an Intacct field name').default('DOCNUMBER'),
  /**
   * Where a bill's due date comes from: the vendor's own payment terms in Intacct (TERMNAME read from the vendor,
   * the default), one payment term for every bill (`billTermName`), or the bill date plus `billDueDays`.
   */
  billDueRule: z.enum(['vendor_terms', 'term_name', 'days']).default('vendor_terms'),
  /** The AP term (TERMNAME) every bill carries under billDueRule 'term_name'. */
  billTermName: z.string().default(''),
  /** Bill due date = bill date + this many days, only under billDueRule 'days'. */
  billDueDays: z.number().int().min(0).max(365).default(0),
  /** Rows per readByQuery page (Intacct allows 1..1000). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /** Create functions sent in one request by postBatch. */
  maxBatch: z.number().int().min(1).max(100).default(20),
  /** Renew the session this long before its announced timeout. */
  sessionRenewSeconds: z.number().int().min(0).max(3600).default(120),
  /**
   * Batches as one transaction (transaction="true"): one bad document aborts the request, and the documents
   * aborted with it are re-sent one by one. Off: every create in a batch stands on its own.
   */
  batchTransaction: z.boolean().default(false),
  /** A closed period: hold the document ("period closed"), or post it on the 1st of the next open period (the move is noted). */
  closedPeriod: z.enum(['hold', 'next_open_period']).default('hold'),
  /** Create vendors/employees the source knows and Intacct lacks (off by default; each creation is audited). */
  createMissingPartners: z.boolean().default(false),
  /** Per-request timeout; Intacct's synchronous calls may take minutes. */
  requestTimeoutMs: z.number().int().min(1000).max(900_000).default(120_000),
  /**
   * The entity keeps VAT (a VAT/GST tax solution): bills carry tax entries (APBILLITEM TAXENTRIES, the ERP tax code
   * being the tax detail's DETAILID) and tax details are read as reference data. Off (US companies): VAT stays an
   * explicit line on the mapped VAT account.
   */
  vatEnabled: z.boolean().default(false),
  /** TAXSOLUTIONID on bills (e.g. "United Kingdom - VAT"); needed at the top level of a multi-jurisdiction company, '' sends none. */
  taxSolutionId: z.string().default(''),
});
export type SageIntacctTargetSettings = z.infer<typeof sageIntacctTargetSchema>;
