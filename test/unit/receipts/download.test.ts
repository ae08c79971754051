import { test } from 'node:test';
import assert from 'node:assert/strict';
import { downloadReceipt, transportProblem } from '../../../main/core/receipts/download';
import { receiptSettingsSchema } from '../../../shared/schemas/receipt';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF');
const limits = receiptSettingsSchema.parse({ enabled: true, maxBytes: 1024 });

/** A fetch that answers from a table of URL -> response factory, recording what was asked. */
function fakeFetch(routes: Record<string, () => Response>) {
  const calls: Array<{ url: string; auth: string | null }> = [];
  const f = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, auth: new Headers(init?.headers).get('authorization') });
    assert.equal(init?.redirect, 'manual', 'redirects are never followed by fetch itself');
    const r = routes[url];
    return r ? r() : new Response('nope', { status: 404 });
  }) as typeof fetch;
  return { f, calls };
}
const redirect = (to: string, status = 302) => () => new Response(null, { status, headers: { location: to } });

test('a PDF is downloaded and its type read from the bytes', async () => {
  const { f } = fakeFetch({ 'https://img.example/r/1': () => new Response(PDF, { headers: { 'content-type': 'application/octet-stream' } }) });
  const r = await downloadReceipt(f, 'https://img.example/r/1', { limits });
  assert.ok(r.ok);
  assert.equal(r.type, 'pdf');
  assert.equal(r.bytes.byteLength, PDF.byteLength);
});

test('a redirect on the same host is followed, without the first request headers', async () => {
  const { f, calls } = fakeFetch({ 'https://img.example/a': redirect('/b'), 'https://img.example/b': () => new Response(PDF) });
  const r = await downloadReceipt(f, 'https://img.example/a', { limits, headers: { authorization: 'Bearer t' } });
  assert.ok(r.ok);
  assert.deepEqual(calls.map((c) => c.auth), ['Bearer t', null]);
});

test('redirect loops, too many hops, plain http and other hosts are refused with a note', async () => {
  const loop = fakeFetch({ 'https://img.example/a': redirect('/b'), 'https://img.example/b': redirect('/a') });
  const r1 = await downloadReceipt(loop.f, 'https://img.example/a', { limits });
  assert.ok(!r1.ok && !r1.retry && /loop/.test(r1.note));

  const hops = fakeFetch({ 'https://img.example/1': redirect('/2'), 'https://img.example/2': redirect('/3'), 'https://img.example/3': redirect('/4'), 'https://img.example/4': redirect('/5') });
  const r2 = await downloadReceipt(hops.f, 'https://img.example/1', { limits });
  assert.ok(!r2.ok && /more than 3 redirects/.test(r2.note));

  const toHttp = fakeFetch({ 'https://img.example/a': redirect('http://img.example/b') });
  const r3 = await downloadReceipt(toHttp.f, 'https://img.example/a', { limits });
  assert.ok(!r3.ok && /only fetched over https/.test(r3.note));
  assert.equal(toHttp.calls.length, 1, 'the http URL is never requested');

  const away = fakeFetch({ 'https://img.example/a': redirect('https://evil.example/b') });
  const r4 = await downloadReceipt(away.f, 'https://img.example/a', { limits });
  assert.ok(!r4.ok && r4.outcome === 'failed' && /another host \(evil\.example\)/.test(r4.note));
  assert.equal(away.calls.length, 1);
});

test('an expired link says so; a server error is retried', async () => {
  for (const status of [403, 404, 410]) {
    const { f } = fakeFetch({ 'https://img.example/x': () => new Response('gone', { status }) });
    const r = await downloadReceipt(f, 'https://img.example/x', { limits });
    assert.ok(!r.ok && !r.retry && r.outcome === 'failed');
    assert.match(r.note, new RegExp(`expired.*HTTP ${status}`));
  }
  const { f } = fakeFetch({ 'https://img.example/x': () => new Response('busy', { status: 503 }) });
  const r = await downloadReceipt(f, 'https://img.example/x', { limits });
  assert.ok(!r.ok && r.retry);
});

test('oversized and mistyped files are skipped, judged on the bytes not the declared type', async () => {
  const big = new Uint8Array(4096);
  big.set(PDF);
  const declared = fakeFetch({ 'https://img.example/big': () => new Response(big, { headers: { 'content-length': '4096' } }) });
  const r1 = await downloadReceipt(declared.f, 'https://img.example/big', { limits });
  assert.ok(!r1.ok && r1.outcome === 'skipped' && /over the 1 KB limit/.test(r1.note));

  // No Content-Length (chunked): the cap is counted while reading.
  const streamed = fakeFetch({ 'https://img.example/big': () => new Response(new ReadableStream({ start(c) { c.enqueue(big.subarray(0, 800)); c.enqueue(big.subarray(800)); c.close(); } })) });
  const r2 = await downloadReceipt(streamed.f, 'https://img.example/big', { limits });
  assert.ok(!r2.ok && r2.outcome === 'skipped' && /larger than the 1 KB limit/.test(r2.note));

  const html = fakeFetch({ 'https://img.example/h': () => new Response('<html>login</html>', { headers: { 'content-type': 'image/jpeg' } }) });
  const r3 = await downloadReceipt(html.f, 'https://img.example/h', { limits });
  assert.ok(!r3.ok && r3.outcome === 'skipped');
  assert.match(r3.note, /an HTML page.*declared image\/jpeg/);

  const tiff = fakeFetch({ 'https://img.example/t': () => new Response(Uint8Array.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0])) });
  const r4 = await downloadReceipt(tiff.f, 'https://img.example/t', { limits });
  assert.ok(!r4.ok && /TIFF files are not in this connection's allowed types/.test(r4.note));
});

test('plain http is only allowed to this machine', () => {
  assert.equal(transportProblem(new URL('http://127.0.0.1:9/x')), null);
  assert.equal(transportProblem(new URL('http://localhost/x')), null);
  assert.match(transportProblem(new URL('http://img.example/x')) ?? '', /https/);
  assert.match(transportProblem(new URL('ftp://img.example/x')) ?? '', /ftp/);
});
