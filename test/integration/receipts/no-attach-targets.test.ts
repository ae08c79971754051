// Targets that cannot take a receipt (here a NetSuite connection with OAuth 2.0 only: files go over SOAP,
// which refuses OAuth 2.0; X3 likewise, see README "Receipts"): every receipt of a posted document is
// skipped with the reason, nothing is downloaded from the source, and the posts are exactly as without receipts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSimulator, imagesOf, seedFisDocuments, SIM_CLIENT } from '../../../main/simulators/concur';
import { createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite } from '../../../main/simulators/netsuite';
import { netsuiteConnection, netsuiteMappings } from '../../../main/demo/netsuite-company';
import { testKeys } from '../../helpers/netsuite-context';
import { startEngineWorld } from '../../helpers/engine-world';
import type { ConnectionInput } from '../../../shared/schemas/connection';

const COMPANY = '7d1f0c3e-2b4a-4c59-8e61-0a9b8c7d6e5f';

/** The demo connection without its token-based credentials for receipts. */
const oauth2Only = (c: ConnectionInput): ConnectionInput => ({ ...c, target: { ...c.target, consumerKey: '', tokenId: '' } as ConnectionInput['target'] });

test('NetSuite with OAuth 2.0 only: receipts are skipped with the reason, never downloaded, posts unchanged', async (t) => {
  const concur = createConcurSimulator({ seed: 3 });
  seedFisDocuments(concur.state, { companyId: COMPANY, counts: { expense: 3, invoice: 0, cashadvance: 0, payroll: 0 }, seed: 8 });
  const netsuite = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId });
  seedNetSuite(netsuite.state, {});
  const keys = testKeys('rsa');
  netsuite.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, keys.publicKey);
  const { core, conn } = await startEngineWorld(t, {
    prefix: 'mlc-receipts-ns-',
    concur,
    target: netsuite,
    connection: (concurUrl, netsuiteUrl) => ({ ...oauth2Only(netsuiteConnection(concurUrl, netsuiteUrl, COMPANY)), receipts: { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] } }),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', concur.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId)], ['target.privateKey', keys.privatePem]],
    mappings: netsuiteMappings(10),
  });
  const images = imagesOf(concur.state);
  const run = await core.sync(conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.equal(run.posted, 3);
  const store = core.runtime.store;
  const rows = store.postings.list({ connectionId: conn.id, status: 'posted', limit: 10 }).flatMap((p) => store.receipts.forPosting(p.id));
  assert.equal(rows.length, 3, 'one report receipt per expense document');
  assert.ok(rows.every((r) => r.state === 'skipped' && /NetSuite: receipts are not attached .*only over SuiteTalk SOAP, which does not accept OAuth 2\.0/.test(r.note ?? '')), JSON.stringify(rows.map((r) => r.note)));
  assert.equal(images.linksIssued, 0, 'no image link asked for');
  assert.equal(concur.stats.count({ path: '/api/image/v1.0' }), 0, 'Image v1 never called');
  // Skipped for good: a second run neither retries nor re-audits them.
  const audits = () => store.audit.list({ limit: 1000 }).filter((e) => e.action === 'receipt').length;
  const before = audits();
  await core.sync(conn.id, { actor: 'test' });
  assert.equal(audits(), before);
});
