// Downloads one receipt under the connection's limits: redirects are followed by hand, a bounded number of
// times, only over https (plain http only to this machine, as for the simulators) and only on the same host,
// so a link can neither leak to another server nor loop; the size is capped while reading; the type is
// judged on the bytes. Every refusal comes back as a sentence for the accountant, never as a throw.
import type { ReceiptSettings, ReceiptType } from '../../../shared/schemas/receipt';
import type { HttpFetch } from '../ports';
import { describeUnknown, sniffReceiptType } from './magic';

export const MAX_REDIRECTS = 3;

export type DownloadResult =
  | { ok: true; bytes: Uint8Array; type: ReceiptType }
  /** retry: a transient failure (5xx, 429, network) worth another attempt later; otherwise final. */
  | { ok: false; retry: boolean; outcome: 'failed' | 'skipped'; note: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** https, or http to this machine only (simulators, tests): the same rule as every base URL in the app. */
export function transportProblem(url: URL): string | null {
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return `the link uses ${url.protocol.replace(':', '')}, and receipts are only fetched over https`;
}

const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

export interface DownloadOptions {
  limits: ReceiptSettings;
  /** Extra headers for the first request only (never sent after a redirect). */
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function downloadReceipt(fetchImpl: HttpFetch, link: string, opts: DownloadOptions): Promise<DownloadResult> {
  const fail = (note: string, retry = false): DownloadResult => ({ ok: false, retry, outcome: 'failed', note });
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return fail('The receipt link is not a valid URL');
  }
  const host = url.host;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    const bad = transportProblem(url);
    if (bad) return fail(`Receipt not fetched: ${bad}`);
    if (url.host !== host) return fail(`Receipt not fetched: the link redirects to another host (${url.host}), which is refused`);
    if (seen.has(url.href)) return fail('Receipt not fetched: the link redirects in a loop');
    seen.add(url.href);
    let res: Response;
    try {
      const timeout = AbortSignal.timeout(opts.timeoutMs ?? 60_000);
      res = await fetchImpl(url.href, { method: 'GET', headers: hop === 0 ? opts.headers : undefined, redirect: 'manual', signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout });
    } catch (e) {
      return fail(`Receipt download failed (${e instanceof Error ? e.message : String(e)}); will try again`, true);
    }
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      const location = res.headers.get('location');
      if (!location) return fail(`Receipt not fetched: HTTP ${res.status} redirect without a Location`);
      if (hop >= MAX_REDIRECTS) return fail(`Receipt not fetched: more than ${MAX_REDIRECTS} redirects`);
      url = new URL(location, url);
      continue;
    }
    if (res.status === 403 || res.status === 404 || res.status === 410) {
      await res.body?.cancel().catch(() => undefined);
      return fail(`The receipt link has expired or the receipt is gone (HTTP ${res.status}); the receipt was not attached`);
    }
    if (res.status === 429 || res.status >= 500) {
      await res.body?.cancel().catch(() => undefined);
      return fail(`The receipt server answered HTTP ${res.status}; will try again`, true);
    }
    if (res.status !== 200) {
      await res.body?.cancel().catch(() => undefined);
      return fail(`The receipt server answered HTTP ${res.status}`);
    }
    return readChecked(res, opts.limits);
  }
}

async function readChecked(res: Response, limits: ReceiptSettings): Promise<DownloadResult> {
  const skip = (note: string): DownloadResult => ({ ok: false, retry: false, outcome: 'skipped', note });
  const declared = Number(res.headers.get('content-length'));
  if (!res.headers.get('content-encoding') && Number.isFinite(declared) && declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return skip(`Receipt skipped: ${mb(declared)} is over the ${mb(limits.maxBytes)} limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return skip(`Receipt skipped: larger than the ${mb(limits.maxBytes)} limit`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  const type = sniffReceiptType(bytes);
  if (!type) return skip(`Receipt skipped: the file is ${describeUnknown(bytes)}, not a PDF, JPEG, PNG or TIFF (declared ${res.headers.get('content-type') ?? 'no type'})`);
  if (!limits.allowedTypes.includes(type)) return skip(`Receipt skipped: ${type.toUpperCase()} files are not in this connection's allowed types (${limits.allowedTypes.join(', ')})`);
  return { ok: true, bytes, type };
}
