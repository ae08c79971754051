// Hardening items 1 and 2 at the HTTP layer: a server that accepts and never answers ends at the request's
// time budget with a plain message; the run's budget ends a call in flight (uncertain for a write); answers
// over the size cap (plain or a gzip bomb) are refused without inflating them into memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import { send } from '../../main/core/adapters/http';
import { ANSWER_CAPS, answerKind } from '../../main/core/adapters/http-body';
import { ConnectorError, isConnectorError } from '../../main/core/errors';

async function serve(t: { after(fn: () => Promise<void>): void }, handler: (res: ServerResponse, path: string) => void): Promise<string> {
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    open.add(res);
    handler(res, req.url ?? '/');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(async () => {
    for (const r of open) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('item 1: an X3 that accepts and never answers ends at the request budget: "Sage X3 did not answer within …"', async (t) => {
  const url = await serve(t, () => undefined);
  const started = Date.now();
  const e = await send(fetch, { system: 'Sage X3', method: 'POST', url, body: '<x/>', timeoutMs: 300 }).catch((x: unknown) => x);
  assert.ok(isConnectorError(e));
  assert.equal(e.code, 'TIMEOUT');
  assert.match(e.message, /^Sage X3 did not answer within 300 ms/);
  assert.equal(e.uncertain, true, 'a write that timed out may have landed');
  assert.ok(Date.now() - started < 3000);
});

test("item 1: the run's budget ends a call in flight (uncertain for a write) and stops the next one before it is sent", async (t) => {
  let received = 0;
  const controller = new AbortController();
  const budget = new ConnectorError('TIMEOUT', 'The sync stopped after its time budget of 1 s', { retryable: true });
  // The budget runs out while the server holds the request (no fixed sleep: it ends on arrival).
  const url = await serve(t, () => {
    received++;
    controller.abort(budget);
  });
  const e = await send(fetch, { system: 'Sage X3', method: 'POST', url, body: '<x/>', timeoutMs: 60_000, signal: controller.signal }).catch((x: unknown) => x);
  assert.ok(isConnectorError(e));
  assert.match(e.message, /time budget/);
  assert.equal(e.uncertain, true);
  const again = await send(fetch, { system: 'Sage X3', method: 'POST', url, body: '<x/>', signal: controller.signal }).catch((x: unknown) => x);
  assert.ok(isConnectorError(again) && !again.uncertain, 'not sent at all, so not uncertain');
  assert.equal(received, 1);
  // A plain cancellation (no ConnectorError reason) still passes through as it is.
  const plain = new AbortController();
  plain.abort();
  await assert.rejects(send(fetch, { system: 'Sage X3', method: 'GET', url, signal: plain.signal }), (x) => !isConnectorError(x));
});

test('item 2: a gzip bomb is refused at the JSON cap while inflating, not after; a declared oversize body is refused unread', async (t) => {
  const url = await serve(t, (res, path) => {
    if (path === '/declared') {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(ANSWER_CAPS.xml + 1) });
      res.write('<a>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    const gz = createGzip();
    gz.pipe(res);
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < 400 && gz.write(chunk)) sent++;
      if (sent >= 400) gz.end();
      else gz.once('drain', pump);
    };
    res.on('close', () => gz.destroy());
    pump();
  });
  const before = process.memoryUsage().rss;
  const e = await send(fetch, { system: 'NetSuite', method: 'GET', url }).catch((x: unknown) => x);
  assert.ok(isConnectorError(e), String(e));
  assert.equal(e.code, 'REMOTE_PROTOCOL');
  assert.match(e.message, /JSON answer larger than 32 MB/);
  assert.ok(process.memoryUsage().rss - before < 300 * 1024 * 1024, 'memory stayed near the cap');
  const declared = await send(fetch, { system: 'Sage X3', method: 'GET', url: `${url}/declared` }).catch((x: unknown) => x);
  assert.ok(isConnectorError(declared) && /XML answer larger than 64 MB/.test(declared.message));
  const small = await send(fetch, { system: 'Sage X3', method: 'GET', url, maxBytes: 1024 }).catch((x: unknown) => x);
  assert.ok(isConnectorError(small) && /larger than 1 KiB/.test(small.message), 'a per-request cap overrides the default');
  assert.equal(answerKind('text/xml; charset=utf-8'), 'xml');
});
