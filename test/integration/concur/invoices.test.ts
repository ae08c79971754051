import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import type { SourceAdapter } from '../../../main/core/adapters/types';
import { SIM_CLIENT, invoicesOf, seedDemoCompany, seedInvoices, v3Date } from '../../../main/simulators/concur';
import { sourceDocumentSchema } from '../../../shared/schemas/document';
import type { SourceDocument } from '../../../shared/schemas/document';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import type { ConcurFixture } from '../../helpers/concur-context';

const COMPANY = 'c0ffee00-2222-4222-8333-444455556666';
const T0 = Date.UTC(2025, 4, 10, 9, 0, 0);

async function setup(includeInvoices: boolean): Promise<{ f: ConcurFixture; source: SourceAdapter }> {
  const f = await startConcurFixture({ retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 } });
  seedDemoCompany(f.sim.state, { companyId: COMPANY, reports: 5, entriesPerReport: 2, startMs: T0 });
  seedInvoices(f.sim.state, { companyId: COMPANY, count: 7, startMs: T0 });
  seedInvoices(f.sim.state, { companyId: COMPANY, count: 2, startMs: T0, approved: false, prefix: 'PEND' });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY, pageSize: 3, includeInvoices }), f.ctx);
  return { f, source };
}

async function drain(source: SourceAdapter, cursor: string | null = null): Promise<{ docs: SourceDocument[]; cursor: string | null }> {
  const pull = source.pull(cursor);
  const docs: SourceDocument[] = [];
  for await (const b of pull.batches) docs.push(...b);
  return { docs, cursor: pull.finalCursor() };
}

test('approved invoices are pulled after the reports, mapped with their vendor, under a combined cursor', async (t) => {
  const { f, source } = await setup(true);
  t.after(() => f.stop());
  const first = await drain(source);
  const invoices = first.docs.filter((d) => d.kind === 'invoice');
  assert.equal(first.docs.filter((d) => d.kind === 'expense_report').length, 5);
  assert.equal(invoices.length, 7, 'pending invoices are left out; three digest pages followed');
  for (const d of invoices) {
    assert.equal(sourceDocumentSchema.safeParse(d).success, true);
    assert.deepEqual(d.problems, []);
    assert.ok(d.sourceId.startsWith('invoice:PR'));
    assert.ok(d.vendor?.code && d.vendor.name && d.invoiceNumber);
    assert.equal(d.lines.length, 2);
    assert.ok(d.lines.every((l) => l.allocations[0]?.dimensions.costCenter));
  }
  const c = JSON.parse(first.cursor!) as { reports: string; invoices: string };
  assert.equal(c.invoices, v3Date(T0 + 6 * 3_600_000 - 86_400_000).slice(0, 10), 'a day before the newest change');
  assert.equal(c.reports, v3Date(T0 + 4 * 3000 - 60_000) + '.000');
  // A later approval is read by the next pull; the day overlap re-reads today's invoices (the outbox skips them).
  invoicesOf(f.sim.state).approve('PEND00000001', T0 + 2 * 86_400_000);
  const second = await drain(source, first.cursor);
  assert.ok(second.docs.some((d) => d.sourceId === 'invoice:PEND00000001'));
  assert.equal(second.docs.filter((d) => d.kind === 'expense_report').length, 5, 'reports re-read within their one-minute overlap');
  assert.equal((await source.fetchOne!('invoice:PR00000002', {}))?.invoiceNumber, 'SUP-000002');
});

test('reports only: the cursor stays a plain timestamp and invoice endpoints are never called', async (t) => {
  const { f, source } = await setup(false);
  t.after(() => f.stop());
  const { docs, cursor } = await drain(source);
  assert.equal(docs.length, 5);
  assert.equal(cursor, v3Date(T0 + 4 * 3000 - 60_000) + '.000');
  assert.equal(f.sim.stats.count({ path: '/api/v3.0/invoice' }), 0);
  assert.equal(source.confirm, undefined, 'nothing to confirm in reports mode');
  // A combined cursor from an earlier invoice-enabled run is still understood.
  const again = await drain(source, JSON.stringify({ reports: cursor, invoices: '2025-05-09' }));
  assert.equal(again.docs.length, 5);
});
