// The receipt queue through the real engine, Concur FIS → Acumatica: receipts fetched from Concur's Image v1
// links and attached after the posts; a lost answer and an outage retried on their own (looked up first, so
// nothing is attached twice); a corrupt file skipped and a redirect loop failed, each with a note, none of
// them touching the posts; everything audited and shown on the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACUMATICA_COMPANY, ACUMATICA_CONNECTION_ID, acumaticaConnection, acumaticaMappings, acumaticaSecrets, seedAcumaticaFisCompany } from '../../../main/demo/acumatica-company';
import { acumaticaDemoSeed, createAcumaticaSimulator, filesOf } from '../../../main/simulators/acumatica';
import { createConcurSimulator, fisOf, imagesOf } from '../../../main/simulators/concur';
import { samplePdf } from '../../../main/simulators/receipt-files';
import { startEngineWorld } from '../../helpers/engine-world';

const DOCS = ACUMATICA_COMPANY.documents.expense + ACUMATICA_COMPANY.documents.invoice;

/** The first value of `key` anywhere in a FIS document body. */
function find(v: unknown, key: string): string | null {
  if (!v || typeof v !== 'object') return null;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === key && typeof x === 'string') return x;
    const inner = find(x, key);
    if (inner) return inner;
  }
  return null;
}

test('receipts attach after the posts, retry on their own and never attach twice', async (t) => {
  const concur = createConcurSimulator({ seed: 3 });
  const requestToken = seedAcumaticaFisCompany(concur);
  const acu = createAcumaticaSimulator(acumaticaDemoSeed());
  const { core, h } = await startEngineWorld(t, {
    prefix: 'mlc-receipts-',
    concur,
    target: acu,
    connection: (concurUrl, siteUrl) => ({ ...acumaticaConnection(concurUrl, siteUrl), receipts: { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] } }),
    secrets: () => acumaticaSecrets(requestToken),
    mappings: acumaticaMappings(),
  });
  const images = imagesOf(concur.state);
  const docs = [...fisOf(concur.state).docs.values()].filter((d) => d.companyUuid === ACUMATICA_COMPANY.concurCompanyId);
  const refs = docs.map((d) => (d.docType === 'invoice' ? ['invoice', find(d.document, 'requestId')] : ['report', find(d.document, 'reportId')]) as ['report' | 'invoice', string | null]);
  assert.ok(refs.every(([, id]) => id), 'every FIS document names its report or request');
  refs.forEach(([kind, id], i) => {
    if (i === 0) images.attach(kind, id!, { bytes: new TextEncoder().encode('<!DOCTYPE html><html>Sign in</html>'), contentType: 'image/jpeg' });
    else if (i === 1) images.attach(kind, id!, { bytes: samplePdf('loop'), behaviour: 'loop' });
    else if (i === 2) return; // no image in Concur
    else images.attach(kind, id!, { bytes: samplePdf(`Receipt ${id!}`) });
  });
  // The first upload is stored but its answer lost; the second meets an outage.
  acu.faults.fileQueue = ['drop', '503'];

  const first = await core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.posted, DOCS, 'every post went through whatever the receipts did');
  const store = core.runtime.store;
  const rows = () => store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'posted', limit: 100 }).flatMap((p) => store.receipts.forPosting(p.id));
  const byState = () => rows().reduce<Record<string, number>>((m, r) => ((m[r.state] = (m[r.state] ?? 0) + 1), m), {});
  assert.deepEqual(byState(), { skipped: 2, failed: 1, pending: 2, attached: DOCS - 5 }, JSON.stringify(rows().map((r) => [r.state, r.note])));
  const notes = rows().map((r) => r.note ?? '');
  assert.ok(notes.some((n) => /an HTML page.*declared image\/jpeg/.test(n)), 'the corrupt file is skipped with what it really is');
  assert.ok(notes.some((n) => /redirects in a loop/.test(n)));
  assert.ok(notes.some((n) => /has no receipt image/.test(n)));

  await new Promise((r) => setTimeout(r, 120));
  const second = await core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(second.posted, 0, 'nothing posted again');
  assert.deepEqual(byState(), { skipped: 2, failed: 1, attached: DOCS - 3 });
  // One file per record, never two: the lost answer was found by its name, not uploaded again.
  const allFiles = [...filesOf(acu.state).values()];
  assert.equal(allFiles.length, DOCS - 3);
  assert.ok(allFiles.every((list) => list.length === 1 && list[0]!.revisions === 1), 'no second upload of any receipt');
  assert.ok(rows().some((r) => /not attached again/.test(r.note ?? '')), 'the dropped answer was settled by a look-up');

  // Audited, and shown on the document.
  const audit = store.audit.list({ limit: 1000 }).filter((e) => e.action === 'receipt');
  assert.equal(audit.filter((e) => e.outcome === 'attached').length, DOCS - 3);
  assert.equal(audit.filter((e) => e.outcome === 'skipped').length, 2);
  assert.equal(audit.filter((e) => e.outcome === 'failed').length, 1);
  const posting = store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'posted', limit: 100 })[5]!;
  const detail = await h['postings.get']({ id: posting.id });
  assert.equal(detail.receipts?.length, 1);
  assert.equal(detail.receipts![0]!.state, 'attached');
  assert.match(detail.receipts![0]!.note ?? '', /attached to Acumatica/);

  const third = await core.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(third.posted, 0);
  assert.equal([...filesOf(acu.state).values()].length, DOCS - 3, 'a third run attaches nothing');
});
