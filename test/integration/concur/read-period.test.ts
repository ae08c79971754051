import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import type { AdapterContext } from '../../../main/core/adapters/types';
import { isConnectorError } from '../../../main/core/errors';
import { SIM_CLIENT, invoicesOf, seedDemoCompany, seedInvoices } from '../../../main/simulators/concur';
import type { SourceDocument } from '../../../shared/schemas/document';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';

const COMPANY = 'c0ffee00-7777-4222-8333-444455556666';
const OCTOBER = { from: '2025-10-01', to: '2025-10-31' };

async function setup() {
  const f = await startConcurFixture({ retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 } });
  // Reports 3 s apart, submitted two days before their last change: two submitted on 31 October, three on 1 November.
  seedDemoCompany(f.sim.state, { companyId: COMPANY, reports: 5, entriesPerReport: 2, startMs: Date.UTC(2025, 10, 2, 23, 59, 55) });
  // Invoices an hour apart, dated two days before their change: four dated 31 October, three 1 November.
  seedInvoices(f.sim.state, { companyId: COMPANY, count: 7, startMs: Date.UTC(2025, 10, 2, 20, 0, 0) });
  seedInvoices(f.sim.state, { companyId: COMPANY, count: 2, startMs: Date.UTC(2025, 10, 2, 20, 0, 0), approved: false, prefix: 'PEND' });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const calls: Array<{ method: string; url: string }> = [];
  const ctx: AdapterContext = { ...f.ctx, fetch: (url, init) => (calls.push({ method: init?.method ?? 'GET', url: String(url) }), f.ctx.fetch(url, init)) };
  const settings = concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY, pageSize: 2, includeInvoices: true });
  return { f, calls, source: createConcurSource(settings, ctx) };
}

const byDate = (docs: SourceDocument[]) => docs.map((d) => `${d.kind}:${d.documentDate}`).sort();

test('readPeriod: approved reports by submit date (E1 submitDateAfter/Before) and approved invoices by invoice date; only GETs', async (t) => {
  const { f, calls, source } = await setup();
  t.after(() => f.stop());
  const docs = await source.readPeriod!(OCTOBER);
  assert.deepEqual(byDate(docs), [
    'expense_report:2025-10-31', 'expense_report:2025-10-31',
    'invoice:2025-10-31', 'invoice:2025-10-31', 'invoice:2025-10-31', 'invoice:2025-10-31',
  ]);
  const november = await source.readPeriod!({ from: '2025-11-01', to: '2025-11-30' });
  assert.deepEqual(byDate(november), ['expense_report:2025-11-01', 'expense_report:2025-11-01', 'expense_report:2025-11-01', 'invoice:2025-11-01', 'invoice:2025-11-01', 'invoice:2025-11-01']);
  // The same documents as the pull reads, with the same amounts.
  const pull = source.pull(null);
  const all: SourceDocument[] = [];
  for await (const b of pull.batches) all.push(...b);
  assert.deepEqual([...docs, ...november].map((d) => d.sourceId).sort(), all.map((d) => d.sourceId).sort());

  const search = calls.find((c) => c.url.includes('/api/v3.0/expense/reports?'))!;
  const q = new URL(search.url).searchParams;
  assert.deepEqual([q.get('user'), q.get('approvalStatusCode'), q.get('submitDateAfter'), q.get('submitDateBefore')], ['ALL', 'A_APPR', '2025-09-30', '2025-11-01']);
  const apiCalls = calls.filter((c) => c.url.includes('/api/'));
  assert.ok(apiCalls.length > 5);
  assert.deepEqual([...new Set(apiCalls.map((c) => c.method))], ['GET'], 'reading a period sends nothing to Concur');
  assert.equal(invoicesOf(f.sim.state).invoices.size, 9);
});

test('readPeriod: a malformed period is a clear error, not an empty month', async (t) => {
  const { f, source } = await setup();
  t.after(() => f.stop());
  await assert.rejects(source.readPeriod!({ from: '2025-10-01', to: 'October' }), (e) => isConnectorError(e) && /October/.test(e.message));
});
