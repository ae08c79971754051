// What every simulator's HTTP side shares: a server on 127.0.0.1 (port 0 unless told), a handler whose
// unexpected errors become a 500, a clean stop, and reading a request body.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  stop(): Promise<void>;
}

export async function startLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port = 0): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`Simulator error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The "lost answer" fault, once per armed drop: the ERP committed, then the connection closes without a reply. */
export function dropAfterCommit(req: IncomingMessage, faults: { dropAfterCommit: number }, stats: { dropped: number }): boolean {
  if (faults.dropAfterCommit <= 0) return false;
  faults.dropAfterCommit--;
  stats.dropped++;
  req.socket.destroy();
  return true;
}

/** The body as bytes (file uploads); readBody is the same decoded as UTF-8. */
export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** What tests and the demo hold of an ERP simulator: its lifecycle, and the state, faults and counters they inspect. */
export interface ErpSimulator<State, Faults, Stats> {
  /** `url` is what goes into the connection settings. */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
  readonly state: State;
  /** Mutable: change faults between calls. */
  readonly faults: Faults;
  readonly stats: Stats;
}

export interface LoopbackLifecycle {
  /** Starts once (later calls reuse the server) and answers the simulator's base URL. */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
  /** The last started origin ('' before the first start): handlers build absolute URLs from it. */
  origin(): string;
}

/** The start/stop pair every ERP simulator exposes; `pathSuffix` is what its clients append to the origin. */
export function loopbackLifecycle(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, pathSuffix = ''): LoopbackLifecycle {
  let server: LoopbackServer | null = null;
  let origin = '';
  return {
    async start() {
      if (!server) {
        server = await startLoopback(handle);
        origin = server.origin;
      }
      return { url: origin + pathSuffix };
    },
    async stop() {
      const s = server;
      server = null;
      await s?.stop();
    },
    origin: () => origin,
  };
}
