// Oracle NetSuite target settings (non-secret). Secrets: privateKey (PEM, PKCS#8; OAuth 2.0 client
// credentials) or consumerSecret + tokenSecret (Token-Based Authentication, legacy). See ../shared/api/netsuite.md.
import { z } from 'zod';
import { httpUrl, isoDateString } from './common';

/** Account ids as NetSuite shows them: digits, optionally `_SB1` / `_RP2` style suffixes (sandbox, release preview). */
export const NETSUITE_ACCOUNT_ID = /^[0-9A-Za-z]+(_[0-9A-Za-z]+)?$/;

/** The settings form sends '' for a cleared field: that means "not set". */
const emptyToNull = (v: unknown) => (v === '' ? null : v);

export const netsuiteTargetSchema = z.object({
  system: z.literal('netsuite'),
  /** Drives the host `<account>.suitetalk.api.netsuite.com` and the TBA realm. */
  accountId: z.string().regex(NETSUITE_ACCOUNT_ID, 'a NetSuite account id such as 1234567 or 1234567_SB1'),
  /** Override of `https://<account>.suitetalk.api.netsuite.com/services/rest` (tests, simulators, proxies); null = derived. */
  restUrl: z.preprocess(emptyToNull, httpUrl.nullable()).default(null),
  /** oauth2 = client credentials with a signed JWT (recommended); tba = OAuth 1.0a token-based authentication (legacy). */
  auth: z.enum(['oauth2', 'tba']).default('oauth2'),
  /** OAuth 2.0: client ID of the integration record (the JWT `iss`). */
  clientId: z.string().default(''),
  /** OAuth 2.0: certificate ID NetSuite shows for the uploaded certificate (the JWT `kid`). */
  certificateId: z.string().default(''),
  /** OAuth 2.0: last day the uploaded certificate is valid (NetSuite allows at most two years); warned about ahead. */
  certificateValidUntil: z.preprocess(emptyToNull, isoDateString.nullable()).default(null),
  certificateWarnDays: z.number().int().min(0).max(365).default(30),
  /** OAuth 2.0 scope(s), comma-separated. */
  scope: z.string().min(1).default('rest_webservices'),
  /**
   * TBA: consumer key of the integration record and the token id (their secrets are stored as secrets). With
   * OAuth 2.0 they are optional and used only to attach receipts: file uploads exist only in SOAP, which refuses OAuth 2.0.
   */
  consumerKey: z.string().default(''),
  tokenId: z.string().default(''),
  /** Internal id of the File Cabinet folder receipts are uploaded to; '' = receipts are not attached. */
  receiptFolderId: z.string().regex(/^\d*$/, 'the folder internal id (digits) or empty').default(''),
  /** Internal id of the subsidiary every transaction is booked in; '' for accounts without OneWorld. */
  subsidiary: z.string().regex(/^\d*$/, 'the subsidiary internal id (digits) or empty').default(''),
  /** Engine posting mode for document kinds without their own rule: journal entries or vendor bills. */
  postingMode: z.enum(['journal', 'supplier_invoice']).default('journal'),
  /** This connection's share of the account-wide concurrency limit (shared by SOAP, REST and RESTlets). */
  concurrencyLimit: z.number().int().min(1).max(50).default(2),
  /** SuiteQL rows per page (NetSuite allows 1..1000). */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /** Renew the 60-minute access token this long before it expires (there is no refresh token). */
  tokenRenewSeconds: z.number().int().min(0).max(1800).default(300),
  /** Per-request timeout; NetSuite ends requests that run longer than 15 minutes. */
  requestTimeoutMs: z.number().int().min(1000).max(900_000).default(120_000),
});
export type NetSuiteTargetSettings = z.infer<typeof netsuiteTargetSchema>;
