// Concur data-call client: GETs JSON from the token's geolocation with a bearer token, retries reads,
// refreshes once on 401/403, validates the body, and follows NextPage only on the same origin.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ConnectorError } from '../../errors';
import { looksLikeHtml, send } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import type { ConcurAuth, Session } from './auth';
import { SYSTEM, dataError, protocolError } from './errors';
import { describeIssues } from './schemas';

export interface ConcurClient {
  /** GET `pathOrUrl` (a path on the geolocation, or a NextPage URL on its origin) and validate it. */
  getJson<S extends z.ZodType>(pathOrUrl: string, schema: S, what: string): Promise<z.infer<S>>;
  /** Every item of a v3 list, following NextPage until it is null. */
  getAllPages<T>(path: string, schema: z.ZodType<{ Items?: T[] | null; NextPage?: string | null }>, what: string): Promise<T[]>;
}

export function createConcurClient(ctx: AdapterContext, auth: ConcurAuth): ConcurClient {
  async function once(pathOrUrl: string, session: Session): Promise<{ status: number; text: string; correlationId: string | undefined; url: string }> {
    const url = resolveUrl(pathOrUrl, session.geolocation);
    const res = await ctx.limiter.run(() =>
      send(ctx.fetch, {
        system: SYSTEM,
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${session.accessToken}`, accept: 'application/json', 'concur-correlationid': randomUUID() },
        signal: ctx.signal,
      }),
    );
    return { status: res.status, text: res.text, correlationId: res.correlationId, url };
  }

  async function getJson<S extends z.ZodType>(pathOrUrl: string, schema: S, what: string): Promise<z.infer<S>> {
    return withRetry(
      async () => {
        // The token is fetched outside the limiter slot so a refresh never waits behind its own callers.
        let session = await auth.session();
        let res = await once(pathOrUrl, session);
        if (res.status === 401 || res.status === 403) {
          ctx.logger.info('concur: access token refused, refreshing once', { status: res.status, correlationId: res.correlationId });
          session = await auth.renewAfterReject(session.accessToken);
          res = await once(pathOrUrl, session);
        }
        if (res.status < 200 || res.status >= 300) {
          if (res.correlationId) ctx.note({ action: 'fetch', outcome: `http-${res.status}`, message: `SAP Concur answered HTTP ${res.status} for ${what}`, correlationId: res.correlationId });
          throw dataError(res.status, what, res.text, res.correlationId);
        }
        return decode(res.text, schema, what, res.status, res.correlationId);
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  async function getAllPages<T>(path: string, schema: z.ZodType<{ Items?: T[] | null; NextPage?: string | null }>, what: string): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let next: string | null | undefined = path;
    while (next) {
      if (seen.has(next)) throw protocolError(what, 'the next-page link points back to a page already read');
      seen.add(next);
      const page: { Items?: T[] | null; NextPage?: string | null } = await getJson(next, schema, what);
      out.push(...(page.Items ?? []));
      next = page.NextPage || null;
    }
    return out;
  }

  return { getJson, getAllPages };
}

/** Paths resolve against the geolocation; absolute URLs (NextPage) must stay on its origin. */
export function resolveUrl(pathOrUrl: string, geolocation: string): string {
  const base = new URL(geolocation);
  let url: URL;
  try {
    url = new URL(pathOrUrl, base);
  } catch {
    throw protocolError('a next-page link', 'it is not a URL');
  }
  if (url.origin !== base.origin) {
    throw new ConnectorError('REMOTE_PROTOCOL', `SAP Concur sent a next-page link to another host (${url.origin}); refusing to send the access token there`, { system: SYSTEM, retryable: false });
  }
  return url.toString();
}

function decode<S extends z.ZodType>(text: string, schema: S, what: string, status: number, correlationId: string | undefined): z.infer<S> {
  if (looksLikeHtml(text)) throw protocolError(what, 'an HTML page instead of JSON (a proxy or login page is in the way?)', status, correlationId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw protocolError(what, text.trim() === '' ? 'an empty body instead of JSON' : 'malformed JSON', status, correlationId);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw protocolError(what, `unexpected shape (${describeIssues(parsed.error)})`, status, correlationId);
  return parsed.data;
}
