// Expensify Integration Server client: every job is a form POST of `requestJobDescription` (+ `template`)
// to the one endpoint, paced by the sliding window, capped by ctx.limiter and retried with backoff.
import type { ExpensifySourceSettings } from '../../../../shared/schemas/systems/expensify';
import { ConnectorError, isConnectorError } from '../../errors';
import { registerSecret } from '../../redact';
import { looksLikeHtml, send } from '../http';
import type { HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { SYSTEM, httpError, isNoReportsMessage, isRateLimitedPlainText, protocolError, readErrorBody, responseError } from './errors';
import { RateWindow, type RequestPacer } from './rate-window';
import { SharedRateWindow } from './shared-rate-window';

export const ENDPOINT_PATH = '/Integration-Server/ExpensifyIntegrations';
/** Large exports can take minutes (api/expensify.md §4): long timeouts on export and download. */
const EXPORT_TIMEOUT_MS = 300_000;
const DOWNLOAD_TIMEOUT_MS = 120_000;
const JSON_TIMEOUT_MS = 60_000;
const FILE_NAME = /^[A-Za-z0-9._-]{1,255}$/;

export type ClientSettings = Pick<ExpensifySourceSettings, 'baseUrl' | 'partnerUserId' | 'rateLimits'>;
export type Job = Record<string, unknown>;

export interface ExpensifyClient {
  /** A JSON job (policy list, policy getter): the body once its responseCode is 200. */
  jsonJob(job: Job, what: string): Promise<Record<string, unknown>>;
  /** An export ("file") job: the generated file name, or null when no report matched the filters. */
  exportJob(job: Job, template: string, what: string): Promise<string | null>;
  /** The bytes of a generated file, as text. */
  download(fileName: string, what: string): Promise<string>;
  readonly rate: RequestPacer;
}

export function createExpensifyClient(settings: ClientSettings, ctx: AdapterContext): ExpensifyClient {
  // Shared with every process on the data folder when the host keeps windows in its database.
  const rate: RequestPacer = ctx.rateWindows ? new SharedRateWindow(ctx.rateWindows, `expensify:${settings.partnerUserId}`, settings.rateLimits, ctx.clock) : new RateWindow(settings.rateLimits, ctx.clock);
  const url = `${settings.baseUrl.replace(/\/+$/, '')}${ENDPOINT_PATH}`;
  const partner = settings.partnerUserId;

  async function credentials(): Promise<{ partnerUserID: string; partnerUserSecret: string }> {
    const secret = await ctx.secrets.get('partnerUserSecret');
    if (!secret) {
      throw new ConnectorError('AUTH_FAILED', `No Expensify partner user secret is stored for "${partner}": enter it in the connection settings`, { system: SYSTEM, retryable: false });
    }
    registerSecret(secret);
    return { partnerUserID: partner, partnerUserSecret: secret };
  }

  async function post(job: Job, what: string, timeoutMs: number, template?: string): Promise<HttpResponse> {
    const form = new URLSearchParams({ requestJobDescription: JSON.stringify({ ...job, credentials: await credentials() }) });
    if (template !== undefined) form.set('template', template);
    return ctx.limiter.run(async () => {
      // Paced inside the concurrency slot so the recorded start is the real start.
      const answered = await rate.acquire(ctx.signal);
      try {
        return await send(ctx.fetch, {
          system: SYSTEM,
          method: 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: '*/*' },
          body: form.toString(),
          timeoutMs,
          signal: ctx.signal,
        });
      } finally {
        answered();
      }
    });
  }

  /** Runs one job with retries; `read` turns a 2xx answer into the result or throws. */
  function run<T>(job: Job, what: string, timeoutMs: number, read: (res: HttpResponse) => T, template?: string): Promise<T> {
    return withRetry(
      async (attempt) => {
        try {
          const res = await post(job, what, timeoutMs, template);
          if (res.status < 200 || res.status >= 300) {
            const body = readErrorBody(res.text);
            throw body ? responseError(body, what, partner, res.status) : httpError(res.status, what, partner, res.text);
          }
          if (isRateLimitedPlainText(res.text)) throw new ConnectorError('RATE_LIMITED', `Expensify is rate limiting this partner user (${what})`, { system: SYSTEM, httpStatus: res.status });
          return read(res);
        } catch (e) {
          if (isConnectorError(e) && e.code === 'RATE_LIMITED') {
            ctx.note({ action: 'fetch', outcome: 'rate-limited', message: `Expensify rate limited ${what} (attempt ${attempt} of ${ctx.retry.maxAttempts}); backing off` });
          }
          throw e;
        }
      },
      ctx.retry,
      ctx.clock,
      ctx.signal,
    );
  }

  function jsonJob(job: Job, what: string): Promise<Record<string, unknown>> {
    return run(job, what, JSON_TIMEOUT_MS, (res) => {
      if (looksLikeHtml(res.text)) throw protocolError(what, 'an HTML page instead of JSON', res.status);
      const body = readErrorBody(res.text);
      if (!body) throw protocolError(what, res.text.trim() === '' ? 'an empty body' : 'no responseCode in the answer', res.status);
      if (body.responseCode !== 200) throw responseError(body, what, partner, res.status);
      return JSON.parse(res.text) as Record<string, unknown>;
    });
  }

  function exportJob(job: Job, template: string, what: string): Promise<string | null> {
    return run(
      job,
      what,
      EXPORT_TIMEOUT_MS,
      (res) => {
        // Success is a bare file name, so look for an error body first (api/expensify.md §7).
        const body = readErrorBody(res.text);
        if (body) {
          if (isNoReportsMessage(body)) return null;
          throw body.responseCode === 200 ? protocolError(what, 'JSON instead of a file name', res.status) : responseError(body, what, partner, res.status);
        }
        if (looksLikeHtml(res.text)) throw protocolError(what, 'an HTML page instead of a file name', res.status);
        const name = res.text.trim();
        if (!FILE_NAME.test(name)) throw protocolError(what, name === '' ? 'an empty answer instead of a file name' : 'something other than a file name', res.status);
        return name;
      },
      template,
    );
  }

  function download(fileName: string, what: string): Promise<string> {
    const job = { type: 'download', fileName, fileSystem: 'integrationServer' };
    return run(job, what, DOWNLOAD_TIMEOUT_MS, (res) => {
      const body = readErrorBody(res.text);
      if (body && body.responseCode !== 200) {
        // A file that is not there yet (large export still rendering) is worth another try.
        if (body.responseCode === 404) throw new ConnectorError('UNAVAILABLE', `Expensify's file ${fileName} is not ready yet`, { system: SYSTEM, httpStatus: res.status });
        throw responseError(body, what, partner, res.status);
      }
      if (looksLikeHtml(res.text)) throw protocolError(what, 'an HTML page instead of the exported file', res.status);
      return res.text;
    });
  }

  return { jsonJob, exportJob, download, rate };
}
