// Browser bridge: serves the renderer and the contract (POST /rpc/<method>, GET /events as SSE) on
// 127.0.0.1 only, behind a per-launch token and a Host/Origin check. No business logic: dispatch does it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core';
import { dispatch } from '../core/dispatch';
import type { Logger } from '../core/ports';
import { securityHeaders, serveStatic } from './static';

export interface BridgeOptions {
  core: Core;
  /** Folder holding the built renderer (index.html, app.js, styles.css, bridge-client.js). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  actor: string;
  logger?: Logger;
}

export interface Bridge {
  port: number;
  token: string;
  /** Address to open: the token travels in the fragment, which browsers never send to a server. */
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 60 * 1024 * 1024;

export async function startBridge(o: BridgeOptions): Promise<Bridge> {
  if (process.versions.electron) throw new Error('The browser bridge is for the CLI and tests; it does not run inside the desktop app.');
  const token = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const authorised = (req: IncomingMessage) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, message: string) =>
    json(res, status, { ok: false, error: { code: status === 401 ? 'AUTH_FAILED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message, retryable: false } });

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      o.logger?.error('bridge request failed', { url: req.url, error: e instanceof Error ? e.stack : String(e) });
      if (!res.headersSent) refuse(res, 500, 'Internal error in the bridge');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    // DNS rebinding guard: only our own loopback names are accepted, and no cross-origin callers.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(res, 403, 'Unexpected Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) return refuse(res, 403, 'Cross-origin requests are not allowed');
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'Use POST');
      if (!authorised(req)) return refuse(res, 401, 'Missing or wrong bridge token: open the address printed by "ml-connector serve"');
      const body = await readBody(req);
      if (body === null) return refuse(res, 413, 'Request too large');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return refuse(res, 400, 'Request body is not JSON');
      }
      return json(res, 200, await dispatch(o.core, url.pathname.slice(5), input, o.actor, o.logger));
    }
    if (url.pathname === '/events') {
      if (!authorised(req)) return refuse(res, 401, 'Missing or wrong bridge token');
      res.writeHead(200, { 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      const unsubscribe = o.core.subscribe((e) => res.write(`data: ${JSON.stringify(e)}\n\n`));
      const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(beat);
        unsubscribe();
        streams.delete(res);
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    if (!(await serveStatic(o.rendererDir, url.pathname, res))) refuse(res, 404, 'Not found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
