// What NetSuite sends back over REST (../shared/api/netsuite.md §1a, §3, §4), parsed at the edge with zod.
import { z } from 'zod';

export const NETSUITE_SYSTEM = 'NetSuite';

/** A count NetSuite may send as a JSON number or as digits in a string. */
const count = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

/** The documented token lifetime, used when an answer leaves `expires_in` out. */
export const TOKEN_LIFETIME_S = 3600;

/** Client-credentials token response: a 60-minute bearer token, no refresh token. */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: count.optional().transform((v) => (v && v > 0 ? v : TOKEN_LIFETIME_S)),
  token_type: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** OAuth error answer of the token endpoint (RFC 6749 §5.2). */
export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export const errorDetailSchema = z.object({
  detail: z.string().nullish().transform((v) => v ?? ''),
  'o:errorCode': z.string().nullish().transform((v) => v ?? ''),
  'o:errorPath': z.string().optional(),
  'o:errorQueryParam': z.string().optional(),
  'o:errorHeader': z.string().optional(),
  'o:urlPath': z.string().optional(),
});
export type NetSuiteErrorDetail = z.infer<typeof errorDetailSchema>;

/** RFC 7807-like error body of the REST services. */
export const errorBodySchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: count.optional(),
  'o:errorDetails': z.array(errorDetailSchema).nullish().transform((v) => v ?? []),
});
export type NetSuiteErrorBody = z.infer<typeof errorBodySchema>;

const link = z.object({ rel: z.string(), href: z.string().optional() }).passthrough();

/**
 * One SuiteQL page (collection shape): rows come with lower-case column names, values as text. Counts may
 * come as strings; an answer without `hasMore` says "more" by a `next` link or by totalResults.
 */
export const suiteqlPageSchema = z
  .object({
    items: z.array(z.record(z.string(), z.unknown())).nullish().transform((v) => v ?? []),
    hasMore: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
    links: z.array(link).optional(),
    count: count.optional(),
    offset: count.optional(),
    totalResults: count.optional(),
  })
  .transform((p) => ({
    ...p,
    hasMore: p.hasMore ?? (p.links?.some((l) => l.rel === 'next') || (p.totalResults !== undefined && (p.offset ?? 0) + p.items.length < p.totalResults)),
  }));
export type SuiteqlPage = z.infer<typeof suiteqlPageSchema>;

/** A record read back (GET …/eid:K): only the internal id matters here. */
export const recordIdSchema = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) });
