// Acumatica target settings (non-secret). Secrets: password (cookie login or OAuth password grant),
// clientSecret (OAuth connected application) and refreshToken (OAuth authorization code flow; kept
// encrypted). Calls go to <siteUrl>/entity/<endpointName>/<endpointVersion>/<Entity> (../shared/api/acumatica.md §1).
import { z } from 'zod';
import { httpUrl } from './common';

/** System endpoint versions we have field lists for; an instance may offer others (discovered with GET /entity). */
export const ACUMATICA_KNOWN_VERSIONS = ['20.200.001', '22.200.001', '23.200.001', '24.200.001'] as const;

export const acumaticaTargetSchema = z.object({
  system: z.literal('acumatica'),
  /** Full instance URL, with the instance segment when the site is not at the web root (https://host/AcumaticaERP). */
  siteUrl: httpUrl,
  /** Endpoint name: "Default" or the customer's extended endpoint. */
  endpointName: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'an endpoint name such as Default').default('Default'),
  /** Endpoint version, pinned to what the instance offers (the connection test lists them). */
  endpointVersion: z.string().regex(/^\d{2}\.\d{3}\.\d{3}$/, 'a version such as 23.200.001').default('23.200.001'),
  /** Tenant (company) signed in to; '' on single-tenant sites. */
  tenant: z.string().default(''),
  /** Branch signed in to and used on lines without a branch of their own. */
  branch: z.string().default(''),
  /** cookie = /entity/auth/login + logout; oauth_password = ROPC grant; oauth_code = refresh token from an authorization code. */
  auth: z.enum(['cookie', 'oauth_password', 'oauth_code']).default('cookie'),
  /** API user (cookie login and OAuth password grant). */
  username: z.string().default(''),
  /** Connected application client id, "<GUID>@<Tenant>" (OAuth only). */
  clientId: z.string().default(''),
  /** Extra OAuth scopes beyond "api offline_access" (e.g. api:concurrent_access). */
  extraScopes: z.array(z.string().regex(/^[A-Za-z0-9:_.-]+$/)).default([]),
  /** Subaccount for lines whose mapping names none (balancing lines); '' = Acumatica's own default. */
  defaultSubaccount: z.string().default(''),
  /** Engine posting mode: AP bills (VendorRef = the vendor's invoice number; the key opens the Description) or GL journal transactions. */
  postingMode: z.enum(['ap_bill', 'journal']).default('ap_bill'),
  /** Release each bill after it is created (ReleaseBill action, 202 + Location polled). */
  releaseBills: z.boolean().default(false),
  /** How long to wait for a release to finish before leaving the bill balanced with a warning. */
  releaseTimeoutMs: z.number().int().min(1000).max(600_000).default(60_000),
  releasePollMs: z.number().int().min(10).max(30_000).default(1000),
  /** Rows per $top/$skip page when reading vendors, accounts, subaccounts and branches. */
  pageSize: z.number().int().min(1).max(1000).default(500),
  /** Calls in flight at once (the licence caps concurrent requests; 1-2 unless api:concurrent_access). */
  maxConcurrentRequests: z.number().int().min(1).max(16).default(2),
  requestTimeoutMs: z.number().int().min(1000).max(600_000).default(120_000),
  /**
   * Tax ID -> the tax category whose taxes it applies, for bills: a line taxed with a listed Tax ID carries that
   * TaxCategory and the bill a TaxDetails row with the source's tax amount. Tax IDs not listed: the VAT stays an
   * explicit line on the mapped VAT account.
   */
  taxCategoryByTaxId: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type AcumaticaTargetSettings = z.infer<typeof acumaticaTargetSchema>;
