// Transport to SuiteTalk SOAP for receipts: one POST per operation to NetSuitePort_<version> with
// SOAPAction = the operation, signed by a fresh TokenPassport (TBA) each time, throttled like REST calls (the
// account's concurrency limit is shared by SOAP and REST, netsuite.md §3). Faults come back as HTTP 500.
import { randomBytes } from 'node:crypto';
import type { NetSuiteTargetSettings } from '../../../../shared/schemas/systems/netsuite';
import { ConnectorError, isConnectorError } from '../../errors';
import { send } from '../http';
import type { AdapterContext } from '../types';
import { netsuiteHost, netsuiteRealm, restBase } from './account';
import { accountLimiter } from './account-limiter';
import { readSecret } from './auth';
import { NETSUITE_SYSTEM } from './schemas';
import { parseSoapAnswer, SOAP_VERSION, type SoapOperation, type SoapResult, type TokenPassportInput } from './soap';

/** `…/services/rest` override → `…/services/NetSuitePort_<v>` on the same host; else the account's own host. */
export function soapUrl(settings: Pick<NetSuiteTargetSettings, 'accountId' | 'restUrl'>): string {
  if (settings.restUrl) return `${restBase(settings).replace(/\/rest$/, '')}/NetSuitePort_${SOAP_VERSION}`;
  return `https://${netsuiteHost(settings.accountId)}/services/NetSuitePort_${SOAP_VERSION}`;
}

/**
 * A SOAP Fault as an error: a refused sign-in and a request blocked by the account's concurrency limit ran
 * nothing (netsuite.md §3: WS_REQUEST_BLOCKED, WS_CONCUR_SESSION_DISALLWD, "concurrent request limit exceeded")
 * and the second is retried later; an unexpected server error on a write may have run (uncertain); any other
 * Fault is a request NetSuite does not take, final.
 */
export function faultError(f: { code: string; message: string }, op: SoapOperation, write: boolean, httpStatus: number, forgetSecrets: () => void): ConnectorError {
  const text = `${f.code} ${f.message}`;
  const base = { system: NETSUITE_SYSTEM, httpStatus };
  if (/invalid ?login|INVALID_LOGIN|InvalidCredentials/i.test(text)) {
    forgetSecrets();
    return new ConnectorError('AUTH_FAILED', `NetSuite SOAP refused the sign-in (token-based credentials) for the ${op}: ${f.message || f.code}`, { ...base, retryable: false });
  }
  if (/WS_REQUEST_BLOCKED|WS_CONCUR_SESSION_DISALLWD|ExceededConcurrentRequestLimit|ExceededRequestLimit|concurrent request limit/i.test(text)) {
    return new ConnectorError('RATE_LIMITED', `NetSuite blocked the SOAP ${op}: the account's concurrency limit is reached (${f.code})`, { ...base, retryable: true });
  }
  if (/UNEXPECTED_ERROR/i.test(text)) return new ConnectorError('UNAVAILABLE', `NetSuite failed on the SOAP ${op}: ${f.message || f.code}`, { ...base, retryable: true, uncertain: write });
  return new ConnectorError('REMOTE_PROTOCOL', `NetSuite SOAP refused the ${op}: ${f.message || f.code}`, { ...base, retryable: false });
}

export interface SoapClient {
  call(op: SoapOperation, build: (passport: TokenPassportInput) => string, write: boolean): Promise<SoapResult>;
}

export function createSoapClient(settings: NetSuiteTargetSettings, ctx: AdapterContext): SoapClient {
  const url = soapUrl(settings);
  const account = accountLimiter(restBase(settings), settings.concurrencyLimit);
  let secrets: { consumerSecret: string; tokenSecret: string } | null = null;

  async function passport(): Promise<TokenPassportInput> {
    secrets ??= { consumerSecret: await readSecret(ctx.secrets, 'consumerSecret'), tokenSecret: await readSecret(ctx.secrets, 'tokenSecret') };
    return {
      account: netsuiteRealm(settings.accountId),
      consumerKey: settings.consumerKey,
      tokenId: settings.tokenId,
      ...secrets,
      nonce: randomBytes(16).toString('hex'),
      timestamp: Math.floor(ctx.clock.now().getTime() / 1000),
    };
  }

  return {
    async call(op, build, write) {
      const body = build(await passport());
      let res;
      try {
        res = await ctx.limiter.run(() =>
          account.run(() => send(ctx.fetch, { system: NETSUITE_SYSTEM, method: 'POST', url, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: op }, body, timeoutMs: settings.requestTimeoutMs, signal: ctx.signal, readServerErrorBody: (t) => /<(\w+:)?Fault[\s>]/.test(t) })),
        );
      } catch (e) {
        // A read that failed in transport changed nothing.
        if (!write && isConnectorError(e) && e.uncertain) throw new ConnectorError(e.code, e.message, { system: NETSUITE_SYSTEM, httpStatus: e.httpStatus, retryable: true, retryAfterMs: e.retryAfterMs, cause: e });
        throw e;
      }
      const answer = parseSoapAnswer(res.text, op);
      if (answer.kind === 'fault') throw faultError(answer, op, write, res.status, () => (secrets = null));
      return answer;
    },
  };
}
