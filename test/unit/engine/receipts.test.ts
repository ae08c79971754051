// The receipt queue after a run's posts: each receipt fetched and attached on its own; a transient failure is
// retried with backoff up to the attempt limit, a refusal is final, a lost answer is looked up before any
// re-send (never attached twice), and nothing here touches the post itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReceiptRef } from '../../../shared/schemas/receipt';
import type { AttachmentPort, ReceiptFile, TargetAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { attachReceipts, receiptSettingsOf, safeFileName } from '../../../main/core/engine/receipts';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { doc } from '../../helpers/docs';
import { fakeSource, fixedClock, recordingLogger, unitWorld } from '../../helpers/engine-unit';

const PDF = new TextEncoder().encode('%PDF-1.4 receipt');
const urlRef = (over: Partial<ReceiptRef> = {}): ReceiptRef => ({ receiptId: 'r1', kind: 'url', locator: 'https://files.example/r1', fileName: 'Dîner client', ...over });

interface Web { calls: Array<{ url: string; headers: unknown }>; answers: Array<Response | Error> }
const webOf = (...answers: Array<Response | Error>): Web => ({ calls: [], answers });
const fetchFrom = (web: Web) => (async (url: string, init?: RequestInit) => {
  web.calls.push({ url: String(url), headers: init?.headers });
  const a = web.answers.shift() ?? new Response(PDF, { status: 200 });
  if (a instanceof Error) throw a;
  return a;
}) as typeof fetch;

function port(script: Array<'ok' | Error> = [], found: string | null = null) {
  const sent: ReceiptFile[] = [];
  const looked: string[] = [];
  const p: AttachmentPort = {
    findAttached: async (erpId, _plan, base) => (looked.push(`${erpId}:${base}`), found),
    attach: async (erpId, _plan, file) => {
      sent.push(file);
      const s = script.shift() ?? 'ok';
      if (s instanceof Error) throw s;
      return { erpFileRef: `F-${sent.length}`, where: `${erpId} files` };
    },
  };
  return { p, sent, looked };
}

function setup(t: Parameters<typeof unitWorld>[0], refs: ReceiptRef[] = [urlRef()], receipts: object | undefined = { enabled: true }) {
  const w = unitWorld(t, { receipts: receipts as never });
  const row = w.add({ sourceId: 'R1', doc: doc({ sourceId: 'R1', receipts: refs }) });
  w.store.postings.markPosted(row.id, 'JE-7', false);
  const clock = fixedClock();
  const logger = recordingLogger();
  const run = (target: TargetAdapter, web: Web, source = fakeSource(), signal?: AbortSignal) => attachReceipts({ store: w.store, clock, logger, fetch: fetchFrom(web), actor: 'tester', signal }, w.conn(), { source, target });
  const receipt = () => w.store.receipts.forPosting(row.id)[0]!;
  const audit = () => w.store.audit.list({ limit: 50 }).filter((e) => e.action === 'receipt').map((e) => [e.outcome, e.message]);
  return { ...w, row, clock, logger, run, receipt, audit };
}

const withPort = (p: AttachmentPort) => Object.assign(new ScriptedTarget(), { attachments: p }) as unknown as TargetAdapter;

test('settings: off or absent means none; on is filled with the defaults', () => {
  assert.equal(receiptSettingsOf({}), null);
  assert.equal(receiptSettingsOf({ receipts: { enabled: false } as never }), null);
  assert.deepEqual(receiptSettingsOf({ receipts: { enabled: true } as never }), { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] });
});

test('file names the ERPs take: accents folded, other characters one underscore, no leading or trailing dot, at most 80, never empty', () => {
  assert.equal(safeFileName('Dîner client'), 'Diner_client');
  assert.equal(safeFileName('a/b\\c:d*e'), 'a_b_c_d_e');
  assert.equal(safeFileName('..hidden._'), 'hidden');
  assert.equal(safeFileName('x'.repeat(100)), 'x'.repeat(80));
  assert.equal(safeFileName('///'), 'receipt');
  assert.equal(safeFileName('my-file.v2'), 'my-file.v2');
});

test('a posted document\'s receipt is downloaded and attached once, under a safe name with the real extension', async (t) => {
  const s = setup(t);
  const { p, sent, looked } = port();
  const web = webOf();
  assert.deepEqual(await s.run(withPort(p), web), { queued: 1, attached: 1, failed: 0, skipped: 0, retrying: 0 });
  assert.equal(web.calls[0]!.url, 'https://files.example/r1');
  assert.deepEqual(looked, [], 'a first attempt needs no look-up');
  assert.deepEqual(sent.map((f) => [f.name, f.type, f.mime, f.bytes.byteLength]), [['Diner_client.pdf', 'pdf', 'application/pdf', PDF.byteLength]]);
  const r = s.receipt();
  assert.deepEqual([r.state, r.erp_file_ref, r.attempts, r.bytes, r.type], ['attached', 'F-1', 1, PDF.byteLength, 'pdf']);
  assert.deepEqual(s.audit(), [['attached', `Receipt Dîner client: attached to Sage X3 JE-7 (JE-7 files), ${PDF.byteLength} bytes PDF`]]);
  const e = s.store.audit.list({ limit: 50 }).find((x) => x.action === 'receipt')!;
  assert.deepEqual([e.sourceId, e.erpId, e.actor], ['R1', 'JE-7', 'tester']);
  assert.deepEqual(await s.run(withPort(p), web), { queued: 0, attached: 0, failed: 0, skipped: 0, retrying: 0 }, 'done once');
  assert.equal(sent.length, 1);
});

test('receipts off: nothing queued, nothing fetched', async (t) => {
  const s = setup(t, [urlRef()], { enabled: false });
  const web = webOf();
  assert.deepEqual(await s.run(withPort(port().p), web), { queued: 0, attached: 0, failed: 0, skipped: 0, retrying: 0 });
  assert.equal(web.calls.length, 0);
  assert.equal(s.store.receipts.forPosting(s.row.id).length, 0);
});

test('a target without attachments skips with its own reason, or a general one', async (t) => {
  const s = setup(t);
  const target = Object.assign(new ScriptedTarget(), { attachmentsUnsupported: 'Sage X3: no attachment API' }) as unknown as TargetAdapter;
  assert.equal((await s.run(target, webOf())).skipped, 1);
  assert.deepEqual(s.audit(), [['skipped', 'Receipt Dîner client: Sage X3: no attachment API']]);
  const s2 = setup(t);
  await s2.run(new ScriptedTarget(), webOf());
  assert.deepEqual([s2.receipt().state, s2.receipt().note], ['skipped', 'Sage X3: attachments are not supported through its documented APIs']);
});

test('a receipt of a document not posted is skipped', async (t) => {
  const s = setup(t);
  const other = s.add({ sourceId: 'R2' });
  s.store.receipts.enqueue('c1', [{ postingId: other.id, refs: [urlRef({ receiptId: 'r2' })] }]);
  const r = await s.run(withPort(port().p), webOf());
  assert.deepEqual([r.attached, r.skipped], [1, 1]);
  assert.equal(s.store.receipts.forPosting(other.id)[0]!.note, 'the document is not posted in the ERP');
});

test('a source image is asked for its link, whose headers go with the download; no link or no image is a skip', async (t) => {
  const img = urlRef({ kind: 'concur-image', locator: 'report/ABC' });
  const s = setup(t, [img]);
  const web = webOf();
  const asked: ReceiptRef[] = [];
  const source = fakeSource({ receiptLink: async (ref) => (asked.push(ref), { url: 'https://img.example/x', headers: { authorization: 'Bearer t' } }) });
  assert.equal((await s.run(withPort(port().p), web, source)).attached, 1);
  assert.equal(asked[0]!.locator, 'report/ABC');
  assert.deepEqual(web.calls[0], { url: 'https://img.example/x', headers: { authorization: 'Bearer t' } });
  const s2 = setup(t, [img]);
  await s2.run(withPort(port().p), webOf());
  assert.equal(s2.receipt().note, 'Concur gives no receipt link for this document');
  const s3 = setup(t, [img]);
  await s3.run(withPort(port().p), webOf(), fakeSource({ receiptLink: async () => null }));
  assert.equal(s3.receipt().note, 'Concur has no receipt image for this document');
});

test('a transient download failure is retried with backoff, once per run, then given up after the attempt limit', async (t) => {
  const s = setup(t);
  const { p, sent } = port();
  const busy = () => new Response('busy', { status: 503 });
  assert.deepEqual(await s.run(withPort(p), webOf(busy())), { queued: 1, attached: 0, failed: 0, skipped: 0, retrying: 1 });
  let r = s.receipt();
  assert.deepEqual([r.state, r.attempts], ['pending', 1]);
  assert.ok(r.next_attempt_at! > s.clock.now().toISOString(), 'waits before the next try');
  assert.match(r.note!, /^The receipt server answered HTTP 503; will try again; next try after \d\d:\d\d:\d\d UTC$/);
  assert.deepEqual(s.audit(), [['retrying', 'Receipt Dîner client: The receipt server answered HTTP 503; will try again']]);
  assert.equal((await s.run(withPort(p), webOf(busy()))).retrying, 0, 'not due yet');
  s.clock.advance(60_000);
  assert.equal((await s.run(withPort(p), webOf(busy()))).retrying, 1);
  s.clock.advance(60_000);
  assert.equal((await s.run(withPort(p), webOf(busy()))).failed, 1);
  r = s.receipt();
  assert.equal(r.state, 'failed');
  assert.equal(r.note, 'The receipt server answered HTTP 503; will try again (gave up after 3 attempts)');
  assert.equal(sent.length, 0);
});

test('a receipt due again at once is still tried only once per run', async (t) => {
  const s = setup(t);
  s.store.connections.save({ ...s.conn(), retry: { ...s.conn().retry, baseDelayMs: 0, maxDelayMs: 0 } });
  const web = webOf(new Response('', { status: 503 }), new Response('', { status: 503 }));
  await s.run(withPort(port().p), web);
  assert.equal(web.calls.length, 1);
  assert.equal(s.receipt().attempts, 1);
});

test('a gone receipt fails for good; one over the size limit is skipped', async (t) => {
  const s = setup(t);
  assert.equal((await s.run(withPort(port().p), webOf(new Response('', { status: 404 })))).failed, 1);
  assert.equal(s.receipt().note, 'The receipt link has expired or the receipt is gone (HTTP 404); the receipt was not attached');
  const s2 = setup(t, [urlRef()], { enabled: true, maxBytes: 1024 });
  assert.equal((await s2.run(withPort(port().p), webOf(new Response(new Uint8Array(5000), { status: 200, headers: { 'content-length': '5000' } })))).skipped, 1);
});

test('a lost answer from the ERP: retried later after a look-up, which finds it attached: never attached twice', async (t) => {
  const s = setup(t);
  const lost = port([new ConnectorError('NETWORK', 'socket hang up', { uncertain: true })]);
  assert.equal((await s.run(withPort(lost.p), webOf())).retrying, 1);
  const r = s.receipt();
  assert.equal(r.attempts, 1, 'the upload counted once');
  assert.match(r.note!, /^socket hang up; will look it up and try again; next try/);
  s.clock.advance(60_000);
  const landed = port([], 'F-EARLIER');
  assert.equal((await s.run(withPort(landed.p), webOf())).attached, 1);
  assert.deepEqual(landed.looked, ['JE-7:Diner_client']);
  assert.equal(landed.sent.length, 0);
  assert.deepEqual([s.receipt().state, s.receipt().erp_file_ref, s.receipt().note], ['attached', 'F-EARLIER', 'already on Sage X3 JE-7 as F-EARLIER; not attached again']);
});

test('after a lost answer the look-up finding nothing sends it again', async (t) => {
  const s = setup(t);
  await s.run(withPort(port([new ConnectorError('TIMEOUT', 'no answer', { uncertain: true })]).p), webOf());
  s.clock.advance(60_000);
  const again = port();
  assert.equal((await s.run(withPort(again.p), webOf())).attached, 1);
  assert.equal(again.looked.length, 1);
  assert.equal(again.sent.length, 1);
  assert.equal(s.receipt().attempts, 2);
});

test('the ERP refusing the file is final; rate limits wait at least as asked', async (t) => {
  const s = setup(t);
  await s.run(withPort(port([new ConnectorError('BAD_REQUEST', 'file type not allowed', { retryable: false })]).p), webOf());
  assert.deepEqual([s.receipt().state, s.receipt().note], ['failed', 'file type not allowed']);
  const s2 = setup(t);
  await s2.run(withPort(port([new ConnectorError('RATE_LIMITED', 'slow down', { retryable: true, retryAfterMs: 3_600_000 })]).p), webOf());
  assert.ok(s2.receipt().next_attempt_at! >= new Date(s2.clock.now().getTime() + 3_600_000).toISOString());
});

test('an unexpected error is logged and retried; before the upload it counts as an attempt', async (t) => {
  const s = setup(t);
  const broken: AttachmentPort = { findAttached: async () => null, attach: async () => { throw new TypeError('bug in adapter'); } };
  assert.equal((await s.run(withPort(broken), webOf())).retrying, 1);
  assert.equal(s.receipt().attempts, 1);
  assert.match(s.receipt().note!, /^unexpected error: bug in adapter; next try/);
  assert.ok(s.logger.lines.some((l) => l.level === 'error' && l.msg === 'receipt attachment failed unexpectedly'));
  const s2 = setup(t, [urlRef({ kind: 'concur-image' })]);
  await s2.run(withPort(port().p), webOf(), fakeSource({ receiptLink: async () => { throw new TypeError('link bug'); } }));
  assert.equal(s2.receipt().attempts, 1, 'failed before the upload: counted here');
});

test('a run stopped by its budget stops the queue', async (t) => {
  const s = setup(t, [urlRef(), urlRef({ receiptId: 'r2' })]);
  const ctl = new AbortController();
  ctl.abort();
  const r = await s.run(withPort(port().p), webOf(), fakeSource(), ctl.signal);
  assert.deepEqual([r.queued, r.attached], [2, 0]);
});
