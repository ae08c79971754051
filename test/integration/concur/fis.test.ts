import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import type { SourceAdapter } from '../../../main/core/adapters/types';
import { isConnectorError } from '../../../main/core/errors';
import { SIM_CLIENT, fisOf, seedFisDocuments } from '../../../main/simulators/concur';
import type { SimFisDocType } from '../../../main/simulators/concur';
import { sourceDocumentSchema } from '../../../shared/schemas/document';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { ConcurSourceSettings } from '../../../shared/schemas/systems/concur';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import type { ConcurFixture } from '../../helpers/concur-context';

const COMPANY = 'f15f15f1-1111-4222-8333-444455556666';

async function setup(counts: Partial<Record<SimFisDocType, number>>, settings: Partial<ConcurSourceSettings> = {}, fixture: { sleepCapMs?: number } = {}): Promise<{ f: ConcurFixture; source: SourceAdapter; ids: Record<SimFisDocType, string[]> }> {
  const f = await startConcurFixture({ sleepCapMs: fixture.sleepCapMs, retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 } });
  const ids = seedFisDocuments(f.sim.state, { companyId: COMPANY, counts });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY, pageSize: 4, mode: 'fis', erpCompanyCode: 'NWC', systemId: 'X3-PROD', ...settings }), f.ctx);
  return { f, source, ids };
}

/** Drains a pull the way the engine does: acknowledge each batch right after it is "committed". */
async function drain(source: SourceAdapter, ack = true): Promise<SourceDocument[]> {
  const pull = source.pull(null);
  const docs: SourceDocument[] = [];
  for await (const b of pull.batches) {
    docs.push(...b);
    if (ack) await source.acknowledge!(b);
  }
  return docs;
}

test('FIS pull pages every configured type, acknowledges after the fact, and never double-reads', async (t) => {
  const { f, source, ids } = await setup({ expense: 9, invoice: 5, cashadvance: 2, payroll: 1 });
  t.after(() => f.stop());
  const fis = fisOf(f.sim.state);
  const docs = await drain(source);
  assert.equal(docs.length, 17, 'acknowledgements shrink the READY queue while paging; nothing is skipped');
  assert.equal(new Set(docs.map((d) => d.sourceId)).size, 17);
  for (const d of docs) assert.equal(sourceDocumentSchema.safeParse(d).success, true);
  assert.deepEqual([...new Set(docs.map((d) => d.kind))].sort(), ['cash_advance', 'expense_report', 'invoice', 'payroll']);
  for (const d of docs) assert.deepEqual(d.problems, [], d.sourceId);
  assert.ok([...ids.expense, ...ids.invoice].every((id) => fis.status(id) === 'ACKNOWLEDGED'));
  assert.equal(fis.docs.get(ids.expense[0]!)!.systemId, 'X3-PROD');
  const inv = docs.find((d) => d.kind === 'invoice')!;
  assert.ok(inv.vendor?.code && inv.invoiceNumber);
  // Acknowledging again is harmless (101 "already acknowledged" is success); nothing is READY any more.
  await source.acknowledge!(docs);
  assert.equal((await drain(source)).length, 0);
});

test('without acknowledgement the listing is read once per pull (links, page numbers and the legacy envelope)', async (t) => {
  const { f, source } = await setup({ expense: 10 }, { fisDocTypes: ['expense'] });
  t.after(() => f.stop());
  const fis = fisOf(f.sim.state);
  for (const variant of ['links', 'numbers', 'legacy'] as const) {
    fis.envelope = variant === 'legacy' ? 'legacy' : 'current';
    fis.includeLinks = variant === 'links';
    fis.documentAsString = variant !== 'numbers';
    f.sim.stats.reset();
    const docs = await drain(source, false);
    assert.equal(docs.length, 10, variant);
    assert.equal(f.sim.stats.count({ method: 'GET', path: '/financialintegration' }), 3, `${variant}: pages of 4, 4, 2`);
  }
});

test('posting confirmation success and failure move the document; repeating is safe', async (t) => {
  const { f, source, ids } = await setup({ expense: 2 }, { fisDocTypes: ['expense'] });
  t.after(() => f.stop());
  const fis = fisOf(f.sim.state);
  const [a, b] = await drain(source);
  await source.confirm!({ sourceId: a!.sourceId, meta: a!.meta }, { ok: true, erpId: 'X3-JNL-000123', postingDate: '2026-10-07' });
  await source.confirm!({ sourceId: a!.sourceId, meta: a!.meta }, { ok: true, erpId: 'X3-JNL-000123', postingDate: '2026-10-07' });
  assert.equal(fis.status(ids.expense[0]!), 'POSTING_CONFIRMED_SUCCESS');
  assert.deepEqual((fis.docs.get(a!.sourceId)!.confirmation as { postingDocs: unknown[] }).postingDocs, [{ companyId: 'NWC', documentNumber: 'X3-JNL-000123', fiscalYear: '2026', postingDate: '2026-10-07', paymentRelevantLineItems: [] }]);
  const reason = `Dismissed in ml-connector: ${'x'.repeat(2000)}`;
  await source.confirm!({ sourceId: b!.sourceId, meta: b!.meta }, { ok: false, reason });
  assert.equal(fis.status(b!.sourceId), 'POSTING_CONFIRMED_FAILURE');
  const msg = (fis.docs.get(b!.sourceId)!.confirmation as { systemMessages: Array<{ messageLongText: string }> }).systemMessages[0]!;
  assert.equal(msg.messageLongText.length, 1300);
});

test('111 not acknowledged -> acknowledge then confirm; recalled -> a clear error naming the document', async (t) => {
  const { f, source } = await setup({ invoice: 3 }, { fisDocTypes: ['invoice'] });
  t.after(() => f.stop());
  const fis = fisOf(f.sim.state);
  const [a, b, c] = await drain(source, false);
  await source.confirm!({ sourceId: a!.sourceId, meta: a!.meta }, { ok: true, erpId: 'BIS-1', postingDate: '2026-10-07' });
  assert.equal(fis.status(a!.sourceId), 'POSTING_CONFIRMED_SUCCESS');
  assert.equal(f.sim.stats.count({ path: '/financialintegration/fi/v4/companies/transactiontypes/invoice/transactions/acknowledgements' }), 1);
  fis.recall(b!.sourceId);
  await assert.rejects(source.acknowledge!([b!, c!]), (e) => isConnectorError(e) && e.code === 'CONFLICT' && e.message.includes(`${b!.sourceId} (recalled by a Concur processor)`) && !e.retryable);
  assert.equal(fis.status(c!.sourceId), 'ACKNOWLEDGED', 'the other document of the chunk was acknowledged');
  await assert.rejects(source.confirm!({ sourceId: b!.sourceId, meta: b!.meta }, { ok: true, erpId: 'BIS-2', postingDate: '2026-10-07' }), (e) => isConnectorError(e) && /recalled/.test(e.message));
  await assert.rejects(source.confirm!({ sourceId: 'NOPE', meta: { fisDocId: 'NOPE', docType: 'invoice' } }, { ok: true, erpId: 'BIS-3', postingDate: '2026-10-07' }), (e) => isConnectorError(e) && e.code === 'NOT_FOUND');
  fis.systemErrors = 1;
  const batch = await source.confirmBatch!([{ doc: { sourceId: c!.sourceId, meta: c!.meta }, outcome: { ok: true, erpId: 'BIS-4', postingDate: '2026-10-07' } }]);
  assert.equal(batch[0]!.ok, false);
  assert.match(batch[0]!.error!, /will retry/);
  assert.deepEqual(await source.confirmBatch!([{ doc: { sourceId: c!.sourceId, meta: c!.meta }, outcome: { ok: true, erpId: 'BIS-4', postingDate: '2026-10-07' } }]), [{ sourceId: c!.sourceId, ok: true }]);
});

test('fetchOne reads one document by docId whatever its status; null once confirmed', async (t) => {
  const { f, source, ids } = await setup({ cashadvance: 2 });
  t.after(() => f.stop());
  const id = ids.cashadvance[1]!;
  const doc = await source.fetchOne!(id, { docType: 'cashadvance', via: 'webhook' });
  assert.equal(doc?.sourceId, id);
  assert.equal(doc?.kind, 'cash_advance');
  await source.acknowledge!([doc!]);
  assert.equal((await source.fetchOne!(id, {}))?.sourceId, id, 'acknowledged documents still come back; the docType is found without a hint');
  await source.confirm!({ sourceId: id, meta: doc!.meta }, { ok: true, erpId: 'J1', postingDate: '2026-10-07' });
  assert.equal(await source.fetchOne!(id, { docType: 'cashadvance' }), null);
});

test('503 and timeouts wait the documented outage time; correlation ids noted; secrets never leak', async (t) => {
  // A timeout far above a loaded machine's answer times, so only the hung request times out.
  const { f, source } = await setup({ expense: 3 }, { fisDocTypes: ['expense'], requestTimeoutMs: 1_500, outageWaitMs: 300_000 }, { sleepCapMs: 1 });
  t.after(() => f.stop());
  f.sim.faults.hangMs = 2_500;
  f.sim.faults.queue.push('503', 'timeout');
  const docs = await drain(source);
  assert.equal(docs.length, 3);
  assert.equal(f.clock.sleeps.filter((ms) => ms >= 300_000).length, 2);
  assert.ok(f.notes.some((n) => n.outcome === 'http-503' && n.correlationId));
  f.sim.faults.queue.push('503', '503', '503');
  await assert.rejects(source.confirm!({ sourceId: docs[0]!.sourceId, meta: docs[0]!.meta }, { ok: true, erpId: 'J', postingDate: '2026-10-07' }), (e) => isConnectorError(e) && e.code === 'UNAVAILABLE');
  const state = JSON.parse(f.secrets.values.get('tokenState') ?? '{}') as { accessToken: string; refreshToken: string };
  const secrets = [f.secrets.values.get('password'), state.accessToken, state.refreshToken];
  const text = JSON.stringify(f.notes);
  for (const s of secrets) assert.ok(s && !text.includes(s), 'no secret in notes');
});

test('the ERP company code is required before a success can be confirmed', async (t) => {
  const { f, source } = await setup({ expense: 1 }, { fisDocTypes: ['expense'], erpCompanyCode: '' });
  t.after(() => f.stop());
  const [d] = await drain(source);
  await assert.rejects(source.confirm!({ sourceId: d!.sourceId, meta: d!.meta }, { ok: true, erpId: 'J', postingDate: '2026-10-07' }), (e) => isConnectorError(e) && e.code === 'CONFIG_INVALID');
  assert.ok((await source.test()).some((s) => s.step === 'erp company' && !s.ok));
});
