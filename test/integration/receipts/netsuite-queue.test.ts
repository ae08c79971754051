// The receipt queue through the real engine, Concur FIS → NetSuite (the demo connection: OAuth 2.0 for REST,
// token-based credentials for the SOAP upload): each posted journal gets its receipt as a File Cabinet file
// attached to it; an upload whose answer was lost is looked up on the next run and ends as one file and one
// attachment; a second run sends nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fisOf, imagesOf } from '../../../main/simulators/concur';
import { samplePdf } from '../../../main/simulators/receipt-files';
import { NETSUITE_DEMO } from '../../../main/simulators/netsuite';
import { startNetSuiteReceiptWorld } from '../../helpers/netsuite-receipts-world';

const DOCS = 3;

test('NetSuite: receipts land as files attached to their journals; a lost upload answer ends as one file, one attachment', async (t) => {
  const { core, conn, concur, netsuite } = await startNetSuiteReceiptWorld(t, { prefix: 'mlc-receipts-nsq-', expenseDocs: DOCS, tba: true });
  const images = imagesOf(concur.state);
  for (const d of fisOf(concur.state).docs.values()) {
    const id = /"reportId":"([^"]+)"/.exec(JSON.stringify(d.document))?.[1];
    if (id) images.attach('report', id, { bytes: samplePdf(`Receipt ${id}`) });
  }
  netsuite.faults.soapDropAfter.push('upsert');

  const first = await core.sync(conn.id, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.posted, DOCS);
  const store = core.runtime.store;
  const posted = () => store.postings.list({ connectionId: conn.id, status: 'posted', limit: 100 });
  const rows = () => posted().flatMap((p) => store.receipts.forPosting(p.id));
  const byState = () => rows().reduce<Record<string, number>>((m, r) => ((m[r.state] = (m[r.state] ?? 0) + 1), m), {});
  assert.deepEqual(byState(), { pending: 1, attached: DOCS - 1 }, JSON.stringify(rows().map((r) => [r.state, r.note])));
  assert.equal(netsuite.stats.dropped, 1);

  await new Promise((r) => setTimeout(r, 120));
  const second = await core.sync(conn.id, { actor: 'test' });
  assert.equal(second.posted, 0);
  assert.deepEqual(byState(), { attached: DOCS });
  for (const p of posted()) {
    const files = netsuite.state.filesOn(p.erp_id!);
    assert.equal(files.length, 1, `one file on journal ${p.erp_id}`);
    assert.equal(files[0]!.folder, NETSUITE_DEMO.receiptFolderId);
    assert.equal(store.receipts.forPosting(p.id)[0]!.erp_file_ref, files[0]!.id);
  }
  assert.equal(netsuite.state.files.size, DOCS, 'no second file for the lost answer');
  assert.equal(netsuite.state.attachments.length, DOCS);
  assert.ok(rows().every((r) => /File Cabinet folder 512, attached to journalEntry \d+|already on NetSuite/.test(r.note ?? '')), JSON.stringify(rows().map((r) => r.note)));

  const upserts = netsuite.stats.soap.upsert;
  await core.sync(conn.id, { actor: 'test' });
  assert.equal(netsuite.stats.soap.upsert, upserts, 'a third run sends nothing');
});
