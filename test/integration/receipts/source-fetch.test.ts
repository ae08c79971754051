// Receipts per source against the simulators: Concur's Image v1 link (XML, 15-minute URL, empty when there
// is no image) and Expensify's receiptObject.url in the export, downloaded under the limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import { createExpensifySource } from '../../../main/core/adapters/expensify/adapter';
import { downloadReceipt } from '../../../main/core/receipts/download';
import { IMAGE_TTL_MS, SIM_CLIENT, imagesOf, seedDemoCompany } from '../../../main/simulators/concur';
import { SAMPLE_PNG, samplePdf } from '../../../main/simulators/receipt-files';
import { receiptSettingsSchema } from '../../../shared/schemas/receipt';
import { concurSettings, startConcurFixture } from '../../helpers/concur-context';
import { pullAll, startExpensifyFixture } from '../../helpers/expensify-context';

const COMPANY = 'c0ffee00-1111-4222-8333-444455556666';
const limits = receiptSettingsSchema.parse({ enabled: true });

test('Concur: every report carries its Image v1 reference; the link is asked for, expires after 15 minutes, and "no image" is null', async (t) => {
  const f = await startConcurFixture({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, pauseAfterAuthFailures: 3 } });
  t.after(() => f.stop());
  seedDemoCompany(f.sim.state, { companyId: COMPANY, reports: 3, entriesPerReport: 1, startMs: Date.UTC(2025, 4, 10) });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const source = createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY }), f.ctx);
  const docs = await pullAll(source.pull(null));
  assert.equal(docs.length, 3);
  for (const d of docs) assert.deepEqual(d.receipts, [{ receiptId: `report:${d.sourceId}`, kind: 'concur-image', locator: `report/${d.sourceId}`, fileName: `concur-report-${d.sourceId}` }]);
  const [a, b] = docs;
  const pdf = samplePdf(`report ${a!.sourceId}`);
  imagesOf(f.sim.state).attach('report', a!.sourceId, { bytes: pdf });

  const link = await source.receiptLink!(a!.receipts![0]!);
  assert.ok(link && link.url.startsWith(f.urls.us + '/receipt-files/'), JSON.stringify(link));
  assert.equal(await source.receiptLink!(b!.receipts![0]!), null, 'no image: null, not an error');
  const got = await downloadReceipt(f.ctx.fetch, link.url, { limits });
  assert.ok(got.ok && got.type === 'pdf' && got.bytes.byteLength === pdf.byteLength);
  assert.equal(f.sim.stats.count({ path: `/api/image/v1.0/report/${a!.sourceId}` }), 1);

  // The link lives 15 minutes: later, the same link says it has expired.
  f.simAhead(IMAGE_TTL_MS + 1000);
  const late = await downloadReceipt(f.ctx.fetch, link.url, { limits });
  assert.ok(!late.ok && /expired.*HTTP 410/.test(late.note));
});

test('Expensify: the export carries each expense receipt link; expired, redirected and oversized files get notes', async (t) => {
  const f = await startExpensifyFixture();
  t.after(() => f.stop());
  const state = f.sim.state;
  state.addPolicy({ id: 'P1', name: 'Northwind EU', outputCurrency: 'EUR', categories: [{ name: 'Train', glCode: '625170' }], tags: [{ name: 'CC100' }] });
  const files = state.receiptFiles;
  const e = (id: string, receiptURL = '') => ({ transactionID: id, created: '2026-03-02', merchant: 'SNCF', amount: 4550, currency: 'EUR', category: 'Train', tag: 'CC100', receiptURL });
  state.addReport({
    reportID: 'R1', policyID: 'P1', accountEmail: 'ana@example.com', created: '2026-03-01 08:00:00', submitted: '2026-03-04 09:00:00', approved: '2026-03-05 10:00:00',
    expenses: [
      e('T1', files.put('w_T1.png', { bytes: SAMPLE_PNG, contentType: 'image/png', behaviour: 'redirect' })),
      e('T2'),
      e('T3', files.put('w_T3.jpg', { bytes: SAMPLE_PNG, contentType: 'image/jpeg', expiresAt: 0 })),
      e('T4', files.put('w_T4.pdf', { bytes: samplePdf('x'), behaviour: 'to-other-host' })),
      e('T5', files.put('w_T5.pdf', { bytes: new Uint8Array(11 * 1024 * 1024).fill(0x25), contentType: 'application/pdf' })),
    ],
  });
  const source = createExpensifySource(f.settings(), f.ctx);
  const [doc] = await pullAll(source.pull(null));
  assert.ok(doc);
  assert.deepEqual(doc.receipts?.map((r) => [r.receiptId, r.kind, r.lineId, r.fileName]), [
    ['expense:T1', 'url', 'T1', 'expensify-R1-T1'],
    ['expense:T3', 'url', 'T3', 'expensify-R1-T3'],
    ['expense:T4', 'url', 'T4', 'expensify-R1-T4'],
    ['expense:T5', 'url', 'T5', 'expensify-R1-T5'],
  ]);
  const fetchOf = async (i: number) => downloadReceipt(f.ctx.fetch, doc.receipts![i]!.locator, { limits });
  const png = await fetchOf(0);
  assert.ok(png.ok && png.type === 'png', 'a same-host redirect is followed; a PNG declared image/png and really PNG');
  assert.equal(files.downloads.get('w_T1.png'), 1);
  const expired = await fetchOf(1);
  assert.ok(!expired.ok && /expired.*HTTP 410/.test(expired.note));
  const away = await fetchOf(2);
  assert.ok(!away.ok && /another host/.test(away.note));
  const huge = await fetchOf(3);
  assert.ok(!huge.ok && huge.outcome === 'skipped' && /over the 10\.0 MB limit/.test(huge.note));
});
