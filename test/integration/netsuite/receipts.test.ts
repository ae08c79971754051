// Receipts on NetSuite transactions against the simulator's SOAP endpoint: File upsert + attach + mark, the
// look-up before any re-send (a lost answer after the upload, after the attach, after the mark: always one
// file and one attachment), the simulator's refusals, and a connection with OAuth 2.0 only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samplePdf } from '../../../main/simulators/receipt-files';
import { NETSUITE_DEMO } from '../../../main/simulators/netsuite';
import { isConnectorError } from '../../../main/core/errors';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { ReceiptFile, TargetAdapter } from '../../../main/core/adapters/types';
import { nsBillPlan, nsPlan, startNetSuiteFixture, type NetSuiteFixtureOptions } from '../../helpers/netsuite-context';

const pdf = samplePdf('Hotel Lyon 2026-10-04');
const receipt = (name = 'concur-report-R1.pdf', bytes = pdf): ReceiptFile => ({ name, bytes, type: 'pdf', mime: 'application/pdf' });
const TBA = { consumerKey: NETSUITE_DEMO.tba.consumerKey, tokenId: NETSUITE_DEMO.tba.tokenId, receiptFolderId: NETSUITE_DEMO.receiptFolderId };

async function fixture(t: { after(fn: () => Promise<void>): void }, o: NetSuiteFixtureOptions = {}) {
  const fx = await startNetSuiteFixture({ ...o, settings: { ...TBA, ...o.settings } });
  t.after(() => fx.stop());
  return fx;
}

async function posted(adapter: TargetAdapter, plan: PostingPlan): Promise<string> {
  const r = await adapter.post(plan);
  assert.equal(r.status, 'posted', JSON.stringify(r));
  return r.status === 'posted' ? r.erpId : '';
}

test('a receipt lands in the folder and on the vendor bill and on the journal, and is found again', async (t) => {
  const fx = await fixture(t);
  const port = fx.adapter.attachments;
  assert.ok(port, 'NetSuite takes receipts when token-based credentials and a folder are set');
  for (const plan of [nsBillPlan(), nsPlan()]) {
    const erpId = await posted(fx.adapter, plan);
    assert.equal(await port.findAttached(erpId, plan, 'concur-report-R1'), null);
    const done = await port.attach(erpId, plan, receipt());
    const files = fx.sim.state.filesOn(erpId);
    assert.equal(files.length, 1);
    assert.equal(files[0]!.folder, NETSUITE_DEMO.receiptFolderId);
    assert.match(files[0]!.name, /^concur-report-R1-[0-9a-f]{8}\.pdf$/);
    assert.deepEqual(new Uint8Array(files[0]!.bytes), pdf);
    assert.equal(done.erpFileRef, files[0]!.id);
    assert.match(done.where, new RegExp(`attached to ${plan.kind === 'supplier_invoice' ? 'vendorBill' : 'journalEntry'} ${erpId}`));
    assert.equal(await port.findAttached(erpId, plan, 'concur-report-R1'), files[0]!.id);
  }
  assert.equal(fx.sim.state.files.size, 2);
  assert.equal(fx.sim.state.attachments.length, 2);
  assert.equal(fx.sim.stats.soap.upsert, 2);
});

for (const lost of ['upsert', 'attach', 'update'] as const) {
  test(`the answer of the ${lost} is lost: the look-up settles it and the end state is one file, one attachment`, async (t) => {
    const fx = await fixture(t);
    const port = fx.adapter.attachments!;
    const plan = nsBillPlan();
    const erpId = await posted(fx.adapter, plan);
    fx.sim.faults.soapDropAfter.push(lost);
    await assert.rejects(port.attach(erpId, plan, receipt()), (e) => isConnectorError(e) && e.uncertain);
    const found = await port.findAttached(erpId, plan, 'concur-report-R1');
    if (lost === 'update') {
      // Attached and marked: nothing is sent again.
      assert.equal(found, [...fx.sim.state.files.values()][0]!.id);
    } else {
      assert.equal(found, null, 'not marked yet: the receipt goes through again');
      await port.attach(erpId, plan, receipt());
      assert.ok(await port.findAttached(erpId, plan, 'concur-report-R1'));
    }
    assert.equal(fx.sim.state.files.size, 1, 'one file');
    assert.equal(fx.sim.state.filesOn(erpId).length, 1, 'one attachment');
    assert.equal(fx.sim.state.attachments.length, 1);
  });
}

test('a second receipt of the same document is a second file; the same receipt of another posting too', async (t) => {
  const fx = await fixture(t);
  const port = fx.adapter.attachments!;
  const plan = nsBillPlan();
  const erpId = await posted(fx.adapter, plan);
  await port.attach(erpId, plan, receipt('concur-report-R1.pdf'));
  await port.attach(erpId, plan, receipt('concur-invoice-I1.pdf'));
  const other = nsBillPlan({ invoiceNumber: 'INV-2026-00002' });
  const otherId = await posted(fx.adapter, other);
  await port.attach(otherId, other, receipt('concur-report-R1.pdf'));
  assert.equal(fx.sim.state.filesOn(erpId).length, 2);
  assert.equal(fx.sim.state.filesOn(otherId).length, 1);
});

test('refusals: unknown folder, oversized file (by the simulator, and over 10 MB before sending), a record that does not exist, a wrong token secret', async (t) => {
  const fx = await fixture(t);
  fx.sim.state.fileMaxBytes = 1024;
  const plan = nsBillPlan();
  const erpId = await posted(fx.adapter, plan);
  const port = fx.adapter.attachments!;
  const big = new Uint8Array(4096);
  big.set(pdf.subarray(0, 100));
  await assert.rejects(port.attach(erpId, plan, receipt('big.pdf', big)), (e) => isConnectorError(e) && !e.retryable && !e.uncertain && /MAX_FILE_SIZE_EXCEEDED/.test(e.message));
  const uploadsBefore = fx.sim.stats.soap.upsert ?? 0;
  await assert.rejects(port.attach(erpId, plan, receipt('huge.pdf', new Uint8Array(10 * 1024 * 1024 + 1))), (e) => isConnectorError(e) && !e.retryable && /File Cabinet takes files up to 10 MB/.test(e.message));
  assert.equal(fx.sim.stats.soap.upsert ?? 0, uploadsBefore, 'over the documented 10 MB: nothing uploaded');
  await assert.rejects(port.attach('999999', plan, receipt()), (e) => isConnectorError(e) && !e.retryable && /USER_ERROR: The record vendorBill 999999 to attach to does not exist/.test(e.message));
  assert.equal(fx.sim.state.attachments.length, 0);
  const noFolder = fx.newAdapter({ receiptFolderId: '999' }).attachments!;
  await assert.rejects(noFolder.attach(erpId, plan, receipt('x.pdf')), (e) => isConnectorError(e) && /INVALID_KEY_OR_REF: Invalid folder reference key 999/.test(e.message));
  await fx.secrets.set('tokenSecret', 'not-the-secret');
  await assert.rejects(fx.newAdapter().attachments!.findAttached(erpId, plan, 'x'), (e) => isConnectorError(e) && e.code === 'AUTH_FAILED' && !e.retryable && !/not-the-secret/.test(e.message));
  assert.equal(fx.sim.stats.soap.fault, 1);
});

test('the simulator refuses an unknown element, a missing folder, a SOAPAction that is not the operation, a bearer-only call', async (t) => {
  const fx = await fixture(t);
  const port = fx.adapter.attachments!;
  const plan = nsBillPlan();
  const erpId = await posted(fx.adapter, plan);
  await port.attach(erpId, plan, receipt());
  // Capture a genuine signed upsert, then tamper with it.
  const seen: string[] = [];
  const realFetch = fx.ctx.fetch;
  fx.ctx.fetch = async (url, init) => {
    if (typeof init?.body === 'string' && init.body.includes(':upsert>')) seen.push(init.body);
    return realFetch(url, init);
  };
  await fx.newAdapter().attachments!.attach(erpId, plan, receipt('second.pdf'));
  fx.ctx.fetch = realFetch;
  const signed = seen[0]!;
  const soapAt = `${fx.url.replace(/\/rest$/, '')}/NetSuitePort_2025_2`;
  const post = async (body: string, action = 'upsert', auth?: string) => {
    const r = await fetch(soapAt, { method: 'POST', headers: { 'content-type': 'text/xml', soapaction: action, ...(auth ? { authorization: auth } : {}) }, body });
    return { status: r.status, text: await r.text() };
  };
  const extra = await post(signed.replace('<docFileCab:name>', '<docFileCab:color>red</docFileCab:color><docFileCab:name>'));
  assert.equal(extra.status, 500);
  assert.match(extra.text, /Invalid element color in File/);
  const noFolder = await post(signed.replace(/<docFileCab:folder internalId="\d+"\/?>(<\/docFileCab:folder>)?/, ''));
  assert.match(noFolder.text, /isSuccess="false"[\s\S]*Please enter value\(s\) for: Folder/);
  assert.match((await post(signed, 'attach')).text, /SOAPAction attach does not name the operation upsert/);
  const bearerOnly = await post(signed.replace(/<soapenv:Header>[\s\S]*<\/soapenv:Header>/, ''), 'upsert', 'Bearer abc');
  assert.match(bearerOnly.text, /Invalid login attempt\. \(no tokenPassport/);
  assert.equal(fx.sim.state.files.size, 2, 'nothing written by the refused calls');
});

test('an OAuth 2.0 connection without token-based credentials says why receipts are not attached; with them it attaches', async (t) => {
  const fx = await fixture(t, { settings: { consumerKey: '', tokenId: '' } });
  assert.equal(fx.adapter.attachments, undefined);
  assert.match(fx.adapter.attachmentsUnsupported ?? '', /NetSuite uploads files only over SuiteTalk SOAP, which does not accept OAuth 2\.0: add token-based credentials/);
  const noFolder = fx.newAdapter({ consumerKey: 'ck', tokenId: 'tk', receiptFolderId: '' });
  assert.match(noFolder.attachmentsUnsupported ?? '', /no File Cabinet folder is set/);
  const withTba = fx.newAdapter(TBA);
  const plan = nsPlan();
  const erpId = await posted(withTba, plan);
  await withTba.attachments!.attach(erpId, plan, receipt());
  assert.equal(fx.sim.state.filesOn(erpId).length, 1);
  assert.ok(fx.sim.stats.tokensIssued >= 1, 'REST still signs in with OAuth 2.0');
});

test('the connection test checks the SOAP sign-in and the receipt folder when receipts are set up', async (t) => {
  const fx = await fixture(t);
  const steps = await fx.adapter.test();
  assert.deepEqual(steps.map((s) => [s.step, s.ok]), [['certificate', true], ['sign-in', true], ['read access', true], ['subsidiary', true], ['receipts', true]]);
  assert.match(steps[4]!.message, /SOAP sign-in \(token-based\) works; receipts go to File Cabinet folder 512 \(Receipts\)/);
  const missing = await fx.newAdapter({ receiptFolderId: '999' }).test();
  assert.deepEqual([missing[4]!.ok, /folder 999 does not exist/.test(missing[4]!.message)], [false, true]);
  await fx.secrets.set('consumerSecret', 'wrong');
  const refused = await fx.newAdapter().test();
  assert.deepEqual([refused[4]!.ok, /Invalid login attempt/.test(refused[4]!.message), refused[4]!.message.includes('wrong')], [false, true, false]);
  const none = await fx.newAdapter({ consumerKey: '' }).test();
  assert.equal(none.length, 4, 'no receipts step without token-based credentials');
});

test('a SOAP call beyond the account concurrency limit is blocked with a Fault: retried later, nothing written, not uncertain', async (t) => {
  const fx = await fixture(t);
  const plan = nsBillPlan();
  const erpId = await posted(fx.adapter, plan);
  fx.sim.faults.concurrencyLimit = 0;
  await assert.rejects(fx.adapter.attachments!.attach(erpId, plan, receipt()), (e) => isConnectorError(e) && e.code === 'RATE_LIMITED' && e.retryable && !e.uncertain && /WS_REQUEST_BLOCKED/.test(e.message));
  assert.equal(fx.sim.state.files.size, 0);
  fx.sim.faults.concurrencyLimit = null;
  await fx.adapter.attachments!.attach(erpId, plan, receipt());
  assert.equal(fx.sim.state.filesOn(erpId).length, 1);
});
