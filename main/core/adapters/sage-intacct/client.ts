// Transport to the Intacct XML gateway: every call through the limiter and `send`, session handling
// ("Invalid session" renewed and resent once), reads retried with backoff, writes sent exactly once.
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { ConnectorError, isConnectorError } from '../../errors';
import { looksLikeHtml, send, type HttpResponse } from '../http';
import { withRetry } from '../retry';
import type { AdapterContext } from '../types';
import { readSecret } from './auth';
import { buildRequest, parseResponse } from './envelope';
import { authError, authProblem, busyError, controlError, errorsText, htmlPageError, httpStatusError, type AuthSubject } from './errors';
import { INTACCT_SYSTEM, type IntacctFunction, type IntacctResponse } from './schemas';
import { createSessionKeeper, newControlId, type IntacctSession } from './session';

export interface IntacctClient {
  readonly endpointUrl: string;
  /**
   * Runs functions in one request with the API session. `write`: uniqueid=true, never retried, and a
   * transport failure or unreadable answer is `uncertain`. Reads retry with backoff.
   */
  run(functions: IntacctFunction[], opts: RunOptions): Promise<IntacctResponse>;
  /** Opens (or reuses) the session; for the connection test. */
  session(): Promise<IntacctSession>;
}

export interface RunOptions {
  write: boolean;
  /** transaction="true": every function commits or none does (the others come back aborted). */
  transaction?: boolean;
}

/** Reads are never uncertain, even over POST. */
function asRead(e: unknown): unknown {
  if (!isConnectorError(e) || !e.uncertain) return e;
  return new ConnectorError(e.code, e.message, { system: e.system, httpStatus: e.httpStatus, correlationId: e.correlationId, retryable: e.retryable, retryAfterMs: e.retryAfterMs, details: e.details, cause: e });
}

const XML_BODY = /^\s*(<\?xml|<response[\s>])/;

export function createIntacctClient(settings: SageIntacctTargetSettings, ctx: AdapterContext): IntacctClient {
  const who: AuthSubject = { senderId: settings.senderId, companyId: settings.companyId, userId: settings.userId, locationId: settings.locationId };

  /** One POST. 4xx with a gateway body (401 XMLGW_JPP0002) is read like any answer. */
  async function post(url: string, body: string, write: boolean): Promise<IntacctResponse> {
    let res: HttpResponse;
    try {
      res = await ctx.limiter.run(() =>
        send(ctx.fetch, { system: INTACCT_SYSTEM, method: 'POST', url, headers: { 'content-type': 'application/xml', accept: 'application/xml' }, body, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal }),
      );
    } catch (e) {
      throw write ? e : asRead(e);
    }
    const ok = res.status < 300;
    if (looksLikeHtml(res.text)) throw htmlPageError(write && ok);
    if (!ok && !XML_BODY.test(res.text)) throw httpStatusError(res.status, res.text, who);
    let resp: IntacctResponse;
    try {
      resp = parseResponse(res.text);
    } catch (e) {
      const busy = busyError(res.text, write && ok);
      if (busy) throw busy;
      // A 2xx we cannot read after a write: Intacct may have committed it.
      if (write && ok && isConnectorError(e)) throw new ConnectorError(e.code, e.message, { system: INTACCT_SYSTEM, retryable: false, uncertain: true, cause: e });
      throw e;
    }
    const failures = [...resp.control.errors, ...(resp.auth?.errors ?? []), ...resp.results.flatMap((r) => (r.status === 'success' ? [] : r.errors))];
    const busy = failures.length ? busyError(errorsText(failures), write) : null;
    if (busy) throw busy;
    if (!ok && resp.control.status === 'success' && resp.auth?.status !== 'failure') throw httpStatusError(res.status, res.text, who);
    return resp;
  }

  const sessions = createSessionKeeper(settings, ctx, (url, body) => withRetry(() => post(url, body, false), ctx.retry, ctx.clock, ctx.signal), who);

  // Read once per adapter; forgotten when Intacct refuses the envelope (a new password may be stored).
  let senderPassword: string | null = null;

  async function run(functions: IntacctFunction[], opts: RunOptions): Promise<IntacctResponse> {
    senderPassword ??= await readSecret(ctx.secrets, 'senderPassword');
    for (let attempt = 1; ; attempt++) {
      const s = await sessions.get();
      const body = buildRequest({ senderId: settings.senderId, senderPassword, controlId: newControlId(), uniqueId: opts.write }, { sessionId: s.id }, functions, opts.transaction ?? false);
      const resp = opts.write ? await post(s.url, body, true) : await withRetry(() => post(s.url, body, false), ctx.retry, ctx.clock, ctx.signal);
      if (resp.control.status !== 'success') {
        senderPassword = null;
        throw controlError(resp, who);
      }
      if (resp.auth?.status === 'failure') {
        const problem = authProblem(resp.auth.errors);
        // Nothing ran when authentication failed, so resending (even a write) is safe.
        if (problem === 'session' && attempt === 1) {
          sessions.drop(s);
          ctx.note({ action: 'auth', outcome: 'session_expired', message: 'The Sage Intacct API session expired; signing in again' });
          continue;
        }
        throw authError(problem, who, resp.auth.errors);
      }
      if (resp.auth) sessions.slide(s, resp.auth.sessionTimeout);
      if (resp.results.length === 0) {
        throw new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct answered without function results`, { system: INTACCT_SYSTEM, retryable: false, uncertain: opts.write });
      }
      return resp;
    }
  }

  return { endpointUrl: settings.endpointUrl, run, session: () => sessions.get() };
}
