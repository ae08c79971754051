// "The ledger is the truth": whatever happens to the local data folder, every ERP holds one document per
// source document. Each case runs all seven demo connections, so every ERP's look-up is exercised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { COMPANY } from '../../../main/demo/catalog';
import { CONCUR_ADMIN, DEMO_CONNECTION_ID, X3_USER } from '../../../main/demo/systems';

const COMPANY_ID = COMPANY.concurCompanyId;
import { SIM_CLIENT } from '../../../main/simulators/concur';
import { startInstalls, sum } from './installs';

test('a second data folder with the same settings posts nothing again: every document is found in its ERP and linked', async (t) => {
  const w = await startInstalls(t);
  const a = await w.install();
  const first = await w.syncAll(a);
  for (const r of first) assert.equal(r.status, 'succeeded', `${r.connectionId}: ${r.error}`);
  const inErp = w.erpCount();
  assert.ok(sum(first, 'posted') >= 100, `the first install posts the demo (${sum(first, 'posted')})`);
  assert.equal(inErp, sum(first, 'posted'));

  const b = await w.install();
  const dry = await b.core.handlers('test')['sync.run']({ connectionId: DEMO_CONNECTION_ID, dryRun: true });
  assert.equal(dry.wouldPost, 0, 'the dry run of a new folder warns instead of promising posts');
  assert.ok(dry.wouldLink > 0 && dry.preview!.some((p) => p.outcome === 'would_link' && p.erpId));
  const second = await w.syncAll(b);
  for (const r of second) assert.equal(r.status, 'succeeded', `${r.connectionId}: ${r.error}`);
  assert.equal(sum(second, 'posted'), 0, JSON.stringify(second.map((r) => [r.connectionId, r.posted, r.linked])));
  assert.equal(w.erpCount(), inErp, 'no document posted twice');
  // Not lost either: everything the first install posted that the second one read is recorded with its ERP id.
  const store = b.core.runtime.store;
  const linked = store.audit.list({ limit: 10_000 }).filter((e) => e.outcome === 'linked');
  assert.equal(linked.length, sum(second, 'linked'));
  assert.ok(sum(second, 'linked') > 0);
  for (const e of linked) assert.ok(e.erpId, 'each linked document names its ERP id');
});

test('a colleague who names the connection differently computes the same references and posts nothing again', async (t) => {
  const w = await startInstalls(t);
  const a = await w.install();
  const first = await a.core.sync(DEMO_CONNECTION_ID, { actor: 'test', trigger: 'manual' });
  const inErp = w.sims.x3.state.documentCount();
  assert.equal(inErp, first.posted);
  const b = await w.install();
  const h = b.core.handlers('test');
  const mine = b.core.runtime.store.connections.get(DEMO_CONNECTION_ID)!;
  await h['connections.save']({ ...mine, id: 'colleague-x3', name: "Marie's Concur to X3" });
  for (const [name, value] of [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', CONCUR_ADMIN.password], ['target.password', X3_USER.password]] as const) await h['connections.setSecret']({ connectionId: 'colleague-x3', name, value });
  await h['mappings.upsert']({ connectionId: 'colleague-x3', rows: b.core.runtime.store.mappings.list(DEMO_CONNECTION_ID).map((m) => ({ kind: m.kind, sourceCode: m.sourceCode, sourceName: m.sourceName, target: m.target, dimensions: m.dimensions })) });
  const run = await b.core.sync('colleague-x3', { actor: 'test', trigger: 'manual' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.posted, 0);
  assert.equal(run.linked, first.posted);
  assert.equal(w.sims.x3.state.documentCount(), inErp);
});

test('a deleted database is recreated and the next sync posts nothing twice', async (t) => {
  const w = await startInstalls(t);
  const a = await w.install();
  const first = await w.syncAll(a);
  const inErp = w.erpCount();
  assert.equal(inErp, sum(first, 'posted'));
  await a.core.close();
  for (const f of ['ml-connector.db', 'ml-connector.db-wal', 'ml-connector.db-shm']) rmSync(join(a.dataDir, f), { force: true });
  const again = await w.open(a.dataDir);
  const runs = await w.syncAll(again);
  assert.equal(sum(runs, 'posted'), 0);
  assert.equal(w.erpCount(), inErp);
});

test('a stale copy of the folder (last week\'s backup) links what was posted since, instead of posting it again', async (t) => {
  const w = await startInstalls(t);
  const a = await w.install();
  // Last week: only the Concur → X3 connection had run, and one report failed to reach X3.
  await a.core.sync(DEMO_CONNECTION_ID, { actor: 'test', trigger: 'manual' });
  const stale = await w.snapshot(a);
  const a2 = await w.open(a.dataDir);
  const since = await w.syncAll(a2);
  const inErp = w.erpCount();
  assert.ok(sum(since, 'posted') > 0, 'the other connections posted after the copy');

  const restored = await w.open(stale);
  const runs = await w.syncAll(restored);
  assert.equal(sum(runs, 'posted'), 0, JSON.stringify(runs.map((r) => [r.connectionId, r.posted, r.linked, r.skipped])));
  assert.equal(w.erpCount(), inErp);
});

// Two installs that look the same page up in the same second both find nothing. Sage Intacct (function control
// id with uniqueid=true), NetSuite (upsert on the external id) and Acumatica (insert-only PUT whose $filter names
// the key) refuse the second post, which is then linked; Sage X3 checks each post right after saving it, and
// the install whose entry is newer deletes it and links the older one.
test('two installs syncing at once post each document once, in every ERP', async (t) => {
  const perErp = (w: Awaited<ReturnType<typeof startInstalls>>) => ({ x3: w.sims.x3.state.documentCount(), intacct: w.sims.intacct!.state.recordCount(), acumatica: w.sims.acumatica!.state.recordCount(), netsuite: w.sims.netsuite!.state.recordCount() });
  const single = await startInstalls(t);
  await single.syncAll(await single.install());
  const expected = perErp(single);

  const w = await startInstalls(t);
  const [a, b] = [await w.install(), await w.install()];
  const both = await Promise.all([w.syncAll(a), w.syncAll(b)]);
  for (const r of both.flat()) assert.equal(r.status, 'succeeded', `${r.connectionId}: ${r.error}`);
  assert.deepEqual(perErp(w), expected, 'the same ledgers as one install alone');
  for (const ref of new Set(w.sims.x3.state.documents().map((d) => d.reference))) assert.equal(w.sims.x3.state.findByReference(ref).length, 1, `X3 holds ${ref} once`);
  // Neither install lost a document: each recorded every posted one with an ERP id that exists.
  for (const i of [a, b]) {
    const rows = i.core.runtime.store.postings.list({ status: 'posted', limit: 100_000 }).filter((r) => r.connection_id === DEMO_CONNECTION_ID);
    for (const r of rows) assert.ok(w.sims.x3.state.findByNumber(r.erp_id!), `${r.source_id} recorded as ${r.erp_id}, which X3 holds`);
  }
  // A third install finds every document and posts none.
  const third = await w.syncAll(await w.install());
  assert.equal(sum(third, 'posted'), 0);
  assert.deepEqual(perErp(w), expected);
});

test('a reinstall reading from an earlier start date posts the report approved the day before once and never re-posts one paid since', async (t) => {
  const w = await startInstalls(t);
  const concur = w.sims.concur.state;
  const day = 86_400_000;
  const ids = w.sims.concur.state.searchReports(COMPANY_ID, 0, () => true).map((r) => String(r.ID));
  const [late, paid] = [ids[0]!, ids[1]!];
  // Before the reinstall: one report still awaits approval, everything else posts.
  concur.updateReport(late, { ApprovalStatusCode: 'A_PEND' });
  const a = await w.install();
  const first = await a.core.sync(DEMO_CONNECTION_ID, { actor: 'test', trigger: 'manual' });
  const inErp = w.sims.x3.state.documentCount();
  assert.equal(inErp, first.posted);
  // The day before the reinstall it is approved; a posted report is marked paid (a change after posting).
  concur.approve(late, Date.now() - day);
  concur.updateReport(paid, { PaymentStatusCode: 'P_PAID', LastModifiedDate: new Date(Date.now() - day / 2).toISOString().slice(0, 19) });
  const b = await w.install();
  const conn = b.core.runtime.store.connections.get(DEMO_CONNECTION_ID)!;
  const since = new Date(Date.now() - 3 * day).toISOString().slice(0, 10);
  b.core.runtime.store.connections.save({ ...conn, source: { ...conn.source, startDate: since } as typeof conn.source });
  const run = await b.core.sync(DEMO_CONNECTION_ID, { actor: 'test', trigger: 'manual' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.fetched, 2, 'only what changed since the start date is read');
  assert.equal(run.posted, 1, JSON.stringify(run));
  assert.equal(run.linked, 1);
  assert.equal(w.sims.x3.state.documentCount(), inErp + 1);
  const again = await b.core.sync(DEMO_CONNECTION_ID, { actor: 'test', trigger: 'manual' });
  assert.equal(again.posted + again.linked, 0);
  assert.equal(w.sims.x3.state.documentCount(), inErp + 1);
});
