import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSimulator, fisOf, seedFisDocuments, SIM_CLIENT } from '../../../main/simulators/concur';
import { addDemoVendor, createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite } from '../../../main/simulators/netsuite';
import { netsuiteConnection, netsuiteMappings } from '../../../main/demo/netsuite-company';
import { testKeys } from '../../helpers/netsuite-context';
import { startEngineWorld } from '../../helpers/engine-world';

const COMPANY = '7d1f0c3e-2b4a-4c59-8e61-0a9b8c7d6e5f';

// Concur FIS (simulated) → NetSuite (simulated) through the real engine: every document type, a lost answer,
// a vendor NetSuite lacks until later, the account's concurrency limit, and the confirmation back to Concur.
test('FIS documents of every type post to NetSuite once; the held vendor bill replays once the vendor exists', async (t) => {
  const concur = createConcurSimulator({ seed: 3 });
  const ids = seedFisDocuments(concur.state, { companyId: COMPANY, counts: { expense: 6, invoice: 4, cashadvance: 2, payroll: 2 }, seed: 8 });
  const netsuite = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId, faults: { concurrencyLimit: 2, latencyMs: 5 } });
  seedNetSuite(netsuite.state, { omitVendors: ['V1004'] });
  const keys = testKeys('rsa');
  netsuite.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, keys.publicKey);
  const { core, h, conn } = await startEngineWorld(t, {
    prefix: 'mlc-netsuite-',
    concur,
    target: netsuite,
    connection: (concurUrl, netsuiteUrl) => netsuiteConnection(concurUrl, netsuiteUrl, COMPANY),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', concur.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId)], ['target.privateKey', keys.privatePem]],
    mappings: netsuiteMappings(10),
  });
  const steps = await h['connections.test']({ connectionId: conn.id });
  assert.ok(steps.steps.filter((s) => s.step === 'sign-in' || s.step === 'subsidiary').every((s) => s.ok), JSON.stringify(steps));

  netsuite.faults.dropAfterCommit = 1;
  const run = await core.sync(conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.fetched, 14);
  assert.equal(run.posted + run.recovered, 13, JSON.stringify(run));
  assert.equal(run.held, 1);
  assert.equal(netsuite.stats.dropped, 1);
  assert.equal(netsuite.state.recordCount('journalEntry'), 10, '6 expense + 2 cash advance + 2 payroll');
  assert.equal(netsuite.state.recordCount('vendorBill'), 3);
  assert.equal(netsuite.stats.throttled, 0, 'the connection stays within the account limit');
  assert.ok(netsuite.stats.maxInFlight <= 2);
  assert.equal(netsuite.stats.tokensIssued, 1, 'one token for the connection test and the whole run');

  const [held] = await h['postings.list']({ connectionId: conn.id, status: 'held' });
  assert.equal(held?.sourceId, ids.invoice[3]);
  assert.deepEqual(held?.reasons.map((r) => [r.code, r.subject]), [['PARTNER_UNKNOWN', 'V1004']]);
  const posted = await h['postings.list']({ connectionId: conn.id, status: 'posted' });
  const fis = fisOf(concur.state);
  for (const p of posted) {
    const type = p.sourceKind === 'invoice' ? 'vendorBill' : 'journalEntry';
    const record = netsuite.state.findByExternalId(type, p.idempotencyKey);
    assert.equal(record?.id, p.erpId, p.sourceId);
    assert.equal(fis.status(p.sourceId), 'POSTING_CONFIRMED_SUCCESS', p.sourceId);
    assert.equal(((fis.docs.get(p.sourceId)!.confirmation as { postingDocs: Array<{ documentNumber: string }> }).postingDocs[0]!).documentNumber, p.erpId);
  }
  const advance = netsuite.state.findByExternalId('journalEntry', posted.find((p) => p.sourceId === ids.cashadvance[0])!.idempotencyKey)!;
  const lines = (advance.body.line as { items: Array<Record<string, unknown>> }).items;
  assert.deepEqual(lines.map((l) => [(l.account as { id: string }).id, 'debit' in l ? 'debit' : 'credit']), [['101', 'debit'], ['102', 'credit']]);
  assert.deepEqual(lines[1]!.entity, { id: '701' });
  assert.deepEqual(advance.body.subsidiary, { id: NETSUITE_DEMO.subsidiary });

  addDemoVendor(netsuite.state, 'V1004');
  const replayed = await h['held.replay']({ connectionId: conn.id, all: true });
  assert.deepEqual(replayed.map((r) => r.status), ['posted']);
  assert.equal(netsuite.state.recordCount('vendorBill'), 4);
  const again = await core.sync(conn.id, { actor: 'test' });
  assert.equal(again.posted, 0);
  assert.equal(netsuite.state.recordCount(), 14);
  assert.equal(netsuite.stats.created, 14, 'every record created once; nothing updated twice over');
  assert.equal(fis.status(held!.sourceId), 'POSTING_CONFIRMED_SUCCESS');
});
