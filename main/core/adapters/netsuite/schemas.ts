// What NetSuite sends back over REST (../shared/api/netsuite.md §1a, §3, §4), parsed at the edge with zod.
import { z } from 'zod';

export const NETSUITE_SYSTEM = 'NetSuite';

/** Client-credentials token response: a 60-minute bearer token, no refresh token. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** OAuth error answer of the token endpoint (RFC 6749 §5.2). */
export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const errorDetailSchema = z.object({
  detail: z.string().default(''),
  'o:errorCode': z.string().default(''),
  'o:errorPath': z.string().optional(),
  'o:errorQueryParam': z.string().optional(),
  'o:errorUrl': z.string().optional(),
});
export type NetSuiteErrorDetail = z.infer<typeof errorDetailSchema>;

/** RFC 7807-like error body of the REST services. */
export const errorBodySchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  'o:errorDetails': z.array(errorDetailSchema).default([]),
});
export type NetSuiteErrorBody = z.infer<typeof errorBodySchema>;

/** One SuiteQL page (collection shape): rows come with lower-case column names, values as text. */
export const suiteqlPageSchema = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  hasMore: z.boolean(),
  count: z.number().optional(),
  offset: z.number().optional(),
  totalResults: z.number().optional(),
});
export type SuiteqlPage = z.infer<typeof suiteqlPageSchema>;

/** A record read back (GET …/eid:K): only the internal id matters here. */
export const recordIdSchema = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });
