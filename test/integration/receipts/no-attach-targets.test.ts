// Targets that cannot take a receipt (here a NetSuite connection with OAuth 2.0 only: files go over SOAP,
// which refuses OAuth 2.0; X3 likewise, see README "Receipts"): every receipt of a posted document is
// skipped with the reason, nothing is downloaded from the source, and the posts are exactly as without receipts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imagesOf } from '../../../main/simulators/concur';
import { startNetSuiteReceiptWorld } from '../../helpers/netsuite-receipts-world';

test('NetSuite with OAuth 2.0 only: receipts are skipped with the reason, never downloaded, posts unchanged', async (t) => {
  const { core, conn, concur } = await startNetSuiteReceiptWorld(t, { prefix: 'mlc-receipts-ns-', expenseDocs: 3, tba: false });
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
