// Serves the built renderer (dist/renderer) with strict security headers; the bridge client is injected
// into index.html so the browser gets window.mlc before the app script runs.
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

/** Sends a file of the renderer folder; returns false when there is no such file (caller answers 404). */
export async function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): Promise<boolean> {
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  const full = normalize(join(rendererDir, rel));
  if (!full.startsWith(normalize(rendererDir) + sep) || rel.includes('\0')) return false;
  const type = TYPES[extname(full)];
  if (!type) return false;
  let body: Buffer;
  try {
    body = await readFile(full);
  } catch {
    return false;
  }
  if (rel === 'index.html') body = Buffer.from(body.toString('utf8').replace('<!-- mlc:bridge -->', '<script src="bridge-client.js"></script>'));
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(body);
  return true;
}
