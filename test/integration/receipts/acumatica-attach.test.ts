// Receipts as files on Acumatica records, against the simulator: PUT <record>/files/<name>, the look-up by
// $expand=files before a re-send, and the simulator's refusals (too large, a type it does not take).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filesOf } from '../../../main/simulators/acumatica';
import { samplePdf } from '../../../main/simulators/receipt-files';
import { billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';
import { isConnectorError } from '../../../main/core/errors';

const pdf = samplePdf('Hotel Lyon 2026-10-04');

test('a receipt lands on the bill and on the journal, and is found again by its name', async (t) => {
  const fx = await startAcumaticaFixture();
  t.after(() => fx.stop());
  const port = fx.adapter.attachments;
  assert.ok(port, 'Acumatica takes attachments');
  for (const plan of [billPlan(), journalPlan()]) {
    const posted = await fx.adapter.post(plan);
    assert.equal(posted.status, 'posted');
    const erpId = posted.status === 'posted' ? posted.erpId : '';
    assert.equal(await port.findAttached(erpId, plan, 'concur-report-R1'), null);
    const done = await port.attach(erpId, plan, { name: 'concur-report-R1.pdf', bytes: pdf, type: 'pdf', mime: 'application/pdf' });
    const rec = fx.sim.state.records(plan.kind === 'supplier_invoice' ? 'Bill' : 'JournalTransaction').find((r) => r.number === erpId)!;
    const files = filesOf(fx.sim.state).get(rec.id) ?? [];
    assert.equal(files.length, 1);
    assert.equal(files[0]!.name, 'concur-report-R1.pdf');
    assert.equal(files[0]!.size, pdf.byteLength);
    assert.equal(done.erpFileRef, files[0]!.id);
    assert.equal(await port.findAttached(erpId, plan, 'concur-report-R1'), files[0]!.id);
  }
});

test('the simulator refuses an oversized file and a type it does not take, and the adapter says so', async (t) => {
  const fx = await startAcumaticaFixture({ sim: { files: { maxBytes: 1024 } } });
  t.after(() => fx.stop());
  const plan = billPlan();
  const posted = await fx.adapter.post(plan);
  const erpId = posted.status === 'posted' ? posted.erpId : '';
  const big = new Uint8Array(4096);
  big.set(pdf.subarray(0, 100));
  await assert.rejects(fx.adapter.attachments!.attach(erpId, plan, { name: 'big.pdf', bytes: big, type: 'pdf', mime: 'application/pdf' }), (e) => isConnectorError(e) && !e.retryable && /maximum allowed size/.test(e.message));
  await assert.rejects(fx.adapter.attachments!.attach(erpId, plan, { name: 'scan.heic', bytes: pdf, type: 'pdf', mime: 'image/heic' }), (e) => isConnectorError(e) && /file type '\.heic' is not allowed/.test(e.message));
  await assert.rejects(fx.adapter.attachments!.findAttached('999999', plan, 'x'), (e) => isConnectorError(e) && e.code === 'NOT_FOUND');
});
