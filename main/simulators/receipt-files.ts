// Receipt files as a source's file server hands them out (Concur imaging links, Expensify receipt URLs),
// shared by the Concur and Expensify simulators: bytes behind a path, with the behaviours tests need —
// links that expire (Concur's Image v1 URLs live 15 minutes; 410 after), redirects (same host, a loop,
// to plain http, to another host) and a declared type that lies about the bytes.
import type { ServerResponse } from 'node:http';

export const RECEIPT_FILES_PATH = '/receipt-files/';

export type ReceiptBehaviour = 'ok' | 'redirect' | 'loop' | 'to-http' | 'to-other-host' | 'gone';

export interface SimReceiptFile {
  bytes: Uint8Array;
  /** What the server says it is (may lie: an HTML page served as image/jpeg). */
  contentType: string;
  behaviour: ReceiptBehaviour;
  /** Epoch ms after which the link answers 410 Gone; null = never. */
  expiresAt: number | null;
}

export class ReceiptFileStore {
  readonly files = new Map<string, SimReceiptFile>();
  /** GETs served per file id (tests: "downloaded once"). */
  readonly downloads = new Map<string, number>();

  put(id: string, file: Partial<SimReceiptFile> & { bytes: Uint8Array }): string {
    this.files.set(id, { contentType: 'application/octet-stream', behaviour: 'ok', expiresAt: null, ...file });
    return `${RECEIPT_FILES_PATH}${encodeURIComponent(id)}`;
  }

  /** Serves GET <origin>/receipt-files/<id>[/hop/n]; true when the path was ours. */
  serve(pathname: string, origin: string, now: number, res: ServerResponse): boolean {
    if (!pathname.startsWith(RECEIPT_FILES_PATH)) return false;
    const [rawId = '', hopWord, hopN] = pathname.slice(RECEIPT_FILES_PATH.length).split('/');
    const id = decodeURIComponent(rawId);
    const f = this.files.get(id);
    const end = (status: number, headers: Record<string, string>, body?: Uint8Array | string) => void res.writeHead(status, headers).end(body ?? '');
    if (!f || f.behaviour === 'gone') return end(404, { 'content-type': 'text/plain' }, 'Not Found'), true;
    if (f.expiresAt !== null && now > f.expiresAt) return end(410, { 'content-type': 'text/plain' }, 'This link has expired'), true;
    const self = `${RECEIPT_FILES_PATH}${rawId}`;
    if (f.behaviour === 'redirect' && hopWord !== 'hop') return end(302, { location: `${self}/hop/1` }), true;
    if (f.behaviour === 'loop') return end(302, { location: hopN === '1' ? self : `${self}/hop/1` }), true;
    if (f.behaviour === 'to-http') return end(302, { location: `${origin.replace(/^https?:\/\/127\.0\.0\.1/, 'http://receipts.invalid')}${self}/hop/1` }), true;
    if (f.behaviour === 'to-other-host') return end(302, { location: `https://receipts.elsewhere.example${self}` }), true;
    this.downloads.set(id, (this.downloads.get(id) ?? 0) + 1);
    end(200, { 'content-type': f.contentType, 'content-length': String(f.bytes.byteLength) }, f.bytes);
    return true;
  }
}

/** A small, valid one-page PDF naming the receipt (what a scanned receipt bundle looks like to a reader). */
export function samplePdf(label: string): Uint8Array {
  const text = label.replace(/[()\\]/g, ' ').slice(0, 60);
  const stream = `BT /F1 12 Tf 40 100 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A 1x1 PNG (signature, IHDR, IDAT, IEND): enough for the type check and any viewer. */
export const SAMPLE_PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
