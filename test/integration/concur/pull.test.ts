import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import type { SourceAdapter } from '../../../main/core/adapters/types';
import { isConnectorError } from '../../../main/core/errors';
import { SIM_CLIENT, seedDemoCompany, v3Date } from '../../../main/simulators/concur';
import { sourceDocumentSchema } from '../../../shared/schemas/document';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { ConcurSourceSettings } from '../../../shared/schemas/systems/concur';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import type { ConcurFixture } from '../../helpers/concur-context';

const COMPANY = 'c0ffee00-1111-4222-8333-444455556666';
const T0 = Date.UTC(2025, 4, 10, 9, 0, 0);

async function setup(opts: { pageSize?: number; sleepCapMs?: number; maxAttempts?: number; reports?: number; entries?: number; settings?: Partial<ConcurSourceSettings> } = {}): Promise<{ f: ConcurFixture; source: SourceAdapter }> {
  const f = await startConcurFixture({ sleepCapMs: opts.sleepCapMs, retry: { maxAttempts: opts.maxAttempts ?? 5, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 } });
  seedDemoCompany(f.sim.state, { companyId: COMPANY, reports: opts.reports ?? 0, entriesPerReport: opts.entries ?? 2, startMs: T0, splitEvery: 3 });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY, pageSize: opts.pageSize ?? 25, ...opts.settings }), f.ctx);
  return { f, source };
}

async function drain(source: SourceAdapter, cursor: string | null = null): Promise<{ batches: SourceDocument[][]; docs: SourceDocument[]; cursor: string | null }> {
  const pull = source.pull(cursor);
  const batches: SourceDocument[][] = [];
  for await (const b of pull.batches) batches.push(b);
  return { batches, docs: batches.flat(), cursor: pull.finalCursor() };
}

test('pages through reports, entries and allocations by NextPage; one batch per report page', async (t) => {
  const { f, source } = await setup({ pageSize: 7, reports: 40, entries: 9 });
  t.after(() => f.stop());
  const { batches, docs, cursor } = await drain(source);
  assert.equal(docs.length, 40);
  assert.deepEqual(batches.map((b) => b.length), [7, 7, 7, 7, 7, 5]);
  assert.equal(new Set(docs.map((d) => d.sourceId)).size, 40);
  for (const d of docs) {
    assert.equal(sourceDocumentSchema.safeParse(d).success, true);
    assert.equal(d.lines.length, 9, `${d.sourceId} has all entries across two pages`);
    assert.deepEqual(d.problems, []);
  }
  const split = docs.flatMap((d) => d.lines).filter((l) => l.allocations.length === 2);
  assert.ok(split.length > 0, 'split allocations arrive');
  assert.ok(f.sim.stats.count({ path: '/api/v3.0/expense/entries' }) >= 80, 'entry pages followed');
  assert.ok(f.limiter.peak <= 4 && f.limiter.peak > 1, `concurrent but capped (peak ${f.limiter.peak})`);
  // Newest LastModifiedDate is T0 + 39 * 3 s; the cursor steps back one minute from it.
  assert.equal(cursor, v3Date(T0 + 39 * 3000 - 60_000) + '.000');
  const again = await drain(source, cursor);
  assert.equal(again.docs.length, 20, 'the overlap re-reads the last minute only');
  assert.equal(again.cursor, cursor, 'the cursor never goes backwards');
});

test('reports sharing one LastModifiedDate across a page boundary and across two pulls are all read', async (t) => {
  const { f, source } = await setup({ pageSize: 2 });
  t.after(() => f.stop());
  const stamp = v3Date(T0);
  f.sim.state.addReports(COMPANY, ['A', 'B', 'C', 'D'].map((id) => ({ ID: id, OwnerLoginID: 'user1@c0ffee00.example', LastModifiedDate: stamp, ApprovalStatusCode: id === 'D' ? 'A_PEND' : 'A_APPR', SubmitDate: stamp })));
  f.sim.state.addEntries(['A', 'B', 'C', 'D'].map((id) => ({ ID: `${id}1`, ReportID: id, ExpenseTypeCode: 'TAXIX', ExpenseTypeName: 'Taxi', TransactionDate: stamp, ApprovedAmount: 10, TransactionAmount: 10, TransactionCurrencyCode: 'USD' })));
  const first = await drain(source);
  assert.deepEqual(first.docs.map((d) => d.sourceId).sort(), ['A', 'B', 'C']);
  assert.equal(first.batches.length, 2, 'A and B on one page, C on the next');
  // D gets approved after the pull with the very same LastModifiedDate (second resolution).
  f.sim.state.approve('D', T0);
  const second = await drain(source, first.cursor);
  assert.ok(second.docs.some((d) => d.sourceId === 'D'), 'D is not lost at the cursor boundary');
});

test('429 with Retry-After is waited out and survived', async (t) => {
  const { f, source } = await setup({ reports: 3, sleepCapMs: 5 });
  t.after(() => f.stop());
  f.sim.faults.retryAfterSeconds = 2;
  f.sim.faults.queue.push('429', '429');
  const { docs } = await drain(source);
  assert.equal(docs.length, 3);
  assert.equal(f.sim.stats.count({ status: 429 }), 2);
  assert.deepEqual(f.clock.sleeps.filter((ms) => ms >= 2000).length, 2, 'each retry waited at least Retry-After');
});

test('5xx on reads is retried (503 after the documented outage wait); a seeded rate of failures still completes', async (t) => {
  // Real sleeps are capped at 1 ms; the recorded waits show the 5-minute maintenance wait was asked for.
  const { f, source } = await setup({ reports: 12, maxAttempts: 8, sleepCapMs: 1, settings: { outageRetries: 5 } });
  t.after(() => f.stop());
  f.sim.faults.queue.push('503', '500');
  f.sim.faults.rate5xx = 0.2;
  f.sim.faults.rate429 = 0.1;
  const { docs, cursor } = await drain(source);
  assert.equal(docs.length, 12);
  assert.ok(cursor);
  assert.ok(f.sim.stats.count({ status: 503 }) >= 1);
  assert.ok(f.sim.stats.count({ status: 500 }) >= 1);
  assert.equal(f.clock.sleeps.filter((ms) => ms >= 300_000).length, f.sim.stats.count({ status: 503 }), 'every 503 waited the documented 5 minutes');
  assert.ok(f.notes.some((n) => n.outcome === 'http-503' && n.correlationId), 'the failing call is noted with its correlation id');
});

test('HTML or malformed JSON bodies fail the pull with REMOTE_PROTOCOL and no cursor', async (t) => {
  const { f, source } = await setup({ reports: 2 });
  t.after(() => f.stop());
  for (const kind of ['html', 'badjson'] as const) {
    f.sim.faults.queue.push(kind);
    const pull = source.pull(null);
    await assert.rejects(
      (async () => {
        for await (const _ of pull.batches) void _;
      })(),
      (e) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && (kind === 'html' ? /HTML page/ : /malformed JSON/).test(e.message),
    );
    assert.equal(pull.finalCursor(), null);
  }
  assert.equal((await drain(source)).docs.length, 2, 'the next pull works');
});

test('fetchOne re-reads one report through E2 with the owner from meta', async (t) => {
  const { f, source } = await setup({ reports: 2 });
  t.after(() => f.stop());
  const { docs } = await drain(source);
  const doc = docs[0] as SourceDocument;
  const again = await source.fetchOne?.(doc.sourceId, doc.meta);
  assert.deepEqual(again, doc);
  f.sim.state.updateReport(doc.sourceId, { ApprovalStatusCode: 'A_RESU' });
  assert.equal(await source.fetchOne?.(doc.sourceId, doc.meta), null, 'no longer approved');
  assert.equal(await source.fetchOne?.('NOPE', doc.meta), null, 'unknown report');
  await assert.rejects(source.fetchOne?.(doc.sourceId, {}) ?? Promise.resolve(), (e) => isConnectorError(e) && e.code === 'BAD_REQUEST');
});
