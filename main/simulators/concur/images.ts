// Concur Image v1 (developer.concur.com src/api-reference/image/v1.image.markdown): GET
// /api/image/v1.0/{report|invoice|expenseentry|receipt}/{id} with a bearer token answers XML
// <Image xmlns="http://www.concursolutions.com/api/image/2011/02"><Id/><Url/></Image>; the Url is valid
// 15 minutes ("The URL is valid for 15 minutes after the request") and empty when there is no image.
// Files are served by the shared receipt file store under the same origin.
import type { Datacenter } from './faults';
import type { SimState } from './state';
import type { SimReply } from './token';
import { apiError } from './data';
import { ReceiptFileStore } from '../receipt-files';
import type { SimReceiptFile } from '../receipt-files';

export const IMAGE_PATH = '/api/image/v1.0/';
export const IMAGE_TTL_MS = 15 * 60 * 1000;
const KINDS = new Set(['report', 'invoice', 'expenseentry', 'receipt']);

export class ConcurImages {
  readonly files = new ReceiptFileStore();
  /** "report/<id>" -> the file behind it (and how its links behave). */
  readonly images = new Map<string, Omit<SimReceiptFile, 'expiresAt'>>();
  /** Image links handed out, for tests. */
  linksIssued = 0;

  attach(kind: 'report' | 'invoice', id: string, file: Partial<Omit<SimReceiptFile, 'expiresAt'>> & { bytes: Uint8Array }): void {
    this.images.set(`${kind}/${id}`, { contentType: 'application/pdf', behaviour: 'ok', ...file });
  }
}

const stores = new WeakMap<SimState, ConcurImages>();
export function imagesOf(state: SimState): ConcurImages {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new ConcurImages()));
  return s;
}

export const isImagePath = (p: string) => p.startsWith(IMAGE_PATH);

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function handleImage(method: string, url: URL, authorization: string | undefined, dc: Datacenter, deps: { state: SimState; now: () => number; urls: Record<Datacenter, string> }): SimReply | { raw: string; status: number; type: string } {
  const now = deps.now();
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const access = token ? deps.state.access.get(token) : undefined;
  if (!access || access.dc !== dc || access.expiresAt <= now) return apiError(401, 'Invalid or expired access token', url.pathname, now);
  if (method !== 'GET') return apiError(405, `${method} is not simulated on Image v1`, url.pathname, now);
  const [kind = '', rawId = ''] = url.pathname.slice(IMAGE_PATH.length).split('/');
  if (!KINDS.has(kind) || !rawId) return apiError(404, `No image resource ${url.pathname}`, url.pathname, now);
  const id = decodeURIComponent(rawId);
  const images = imagesOf(deps.state);
  const image = images.images.get(`${kind}/${id}`);
  let link = '';
  if (image) {
    images.linksIssued++;
    // Every request mints a fresh short-lived link, like the imaging service's signed URLs.
    const path = images.files.put(`${kind}-${id}-${images.linksIssued}`, { ...image, expiresAt: now + IMAGE_TTL_MS });
    link = `${deps.urls[dc]}${path}?cid=sim&val=${images.linksIssued}`;
  }
  const body = `<Image xmlns="http://www.concursolutions.com/api/image/2011/02" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><Id>${xmlEscape(id)}</Id>${link ? `<Url>${xmlEscape(link)}</Url>` : '<Url />'}</Image>`;
  return { status: 200, type: 'application/xml', raw: body };
}
