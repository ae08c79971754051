// Receipts as Intacct supporting documents against the simulator: create_supdoc + SUPDOCID update after the
// post, a lost answer settled by a look-up (never a second supdoc), a second receipt added to the same one,
// and the refusals (oversized, unknown type, unknown SUPDOCID, duplicate supdoc id).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { supdocIdFor } from '../../../main/core/adapters/sage-intacct/attachments';
import { billPlan, IA, plan, startIntacctFixture, type IntacctFixture } from '../../helpers/intacct-context';

let f: IntacctFixture;
before(async () => {
  f = await startIntacctFixture();
});
after(() => f.stop());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const file = (name: string, bytes = PNG) => ({ name, bytes, type: 'png' as const, mime: 'image/png' });

async function posted(p: ReturnType<typeof plan>): Promise<string> {
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  return out.status === 'posted' ? out.erpId : '';
}

test('a receipt on a posted APBILL: one supporting document with the file, linked by SUPDOCID; found again', async () => {
  const p = billPlan();
  const erpId = await posted(p);
  const port = f.adapter.attachments!;
  assert.equal(await port.findAttached(erpId, p, 'r1'), null);
  const done = await port.attach(erpId, p, file('r1.png'));
  const id = supdocIdFor(p.idempotencyKey);
  assert.equal(done.erpFileRef, `${id}/r1`);
  const doc = f.sim.state.supdocs.get(id);
  assert.deepEqual(doc?.files.map((x) => [x.name, x.type, Buffer.from(x.data, 'base64').equals(Buffer.from(PNG))]), [['r1', 'png', true]]);
  assert.equal(doc?.folder, 'Receipts');
  assert.equal(f.sim.state.find('APBILL', 'RECORDNO', erpId)[0]?.fields.SUPDOCID, id);
  assert.equal(await port.findAttached(erpId, p, 'r1'), `${id}/r1`);
  // A second receipt of the same document goes into the same supporting document.
  await port.attach(erpId, p, file('r2.png'));
  assert.deepEqual(f.sim.state.supdocs.get(id)?.files.map((x) => x.name), ['r1', 'r2']);
  assert.equal([...f.sim.state.supdocs.keys()].filter((k) => k === id).length, 1);
});

test('a journal (GLBATCH) gets its receipt the same way', async () => {
  const p = plan();
  const erpId = await posted(p);
  await f.adapter.attachments!.attach(erpId, p, file('j1.png'));
  assert.equal(f.sim.state.find('GLBATCH', 'RECORDNO', erpId)[0]?.fields.SUPDOCID, supdocIdFor(p.idempotencyKey));
});

test('the answer to create_supdoc is lost: the retry finds the supporting document and only links it', async () => {
  const p = billPlan();
  const erpId = await posted(p);
  const port = f.adapter.attachments!;
  const creates = f.sim.stats.functions.create_supdoc ?? 0;
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(port.attach(erpId, p, file('lost.png')), (e) => isConnectorError(e) && (e.uncertain || e.retryable));
  // Created but not linked: the look-up says not attached, so the queue sends again, which only links.
  assert.equal(await port.findAttached(erpId, p, 'lost'), null);
  await port.attach(erpId, p, file('lost.png'));
  assert.equal((f.sim.stats.functions.create_supdoc ?? 0) - creates, 1);
  const id = supdocIdFor(p.idempotencyKey);
  assert.deepEqual(f.sim.state.supdocs.get(id)?.files.map((x) => x.name), ['lost']);
  assert.equal(await port.findAttached(erpId, p, 'lost'), `${id}/lost`);
});

test('refusals: oversized file, unknown type, unknown SUPDOCID, duplicate supdoc id; none leaves a link', async () => {
  const p = billPlan();
  const erpId = await posted(p);
  const port = f.adapter.attachments!;
  f.sim.state.maxAttachmentBytes = 8;
  await assert.rejects(port.attach(erpId, p, file('big.png')), (e) => isConnectorError(e) && !e.retryable && /limit is 8 bytes/.test(e.message));
  f.sim.state.maxAttachmentBytes = 10 * 1024 * 1024;
  await assert.rejects(port.attach(erpId, p, { ...file('x.exe'), name: 'x.exe' }), (e) => isConnectorError(e) && !e.retryable && /type 'exe'/.test(e.message));
  assert.equal(f.sim.state.supdocs.has(supdocIdFor(p.idempotencyKey)), false);
  assert.equal(f.sim.state.find('APBILL', 'RECORDNO', erpId)[0]?.fields.SUPDOCID ?? '', '');

  // The wire refusals the adapter never provokes, sent directly.
  const link = await handle(`<update><APBILL><RECORDNO>${erpId}</RECORDNO><SUPDOCID>NOPE</SUPDOCID></APBILL></update>`);
  assert.match(link, /Attachment ID 'NOPE' does not exist/);
  const create = `<create_supdoc><supdocid>DUP1</supdocid><supdocname>d</supdocname><supdocfoldername>Receipts</supdocfoldername><attachments><attachment><attachmentname>a</attachmentname><attachmenttype>pdf</attachmenttype><attachmentdata>JVBERi0=</attachmentdata></attachment></attachments></create_supdoc>`;
  assert.match(await handle(create), /<status>success<\/status>/);
  assert.match(await handle(create), /Attachment ID 'DUP1' already exists/);
  assert.match(await handle(create.replace('DUP1', 'DUP2').replace('Receipts', 'Nowhere')), /folder 'Nowhere' does not exist/);
});

/** Sends one function to the simulator's gateway signed in with the user's login (what an SDK would send). */
async function handle(fn: string): Promise<string> {
  const auth = `<login><userid>${IA.userId}</userid><companyid>${IA.companyId}</companyid><password>${IA.userPassword}</password></login>`;
  const body = `<?xml version="1.0" encoding="UTF-8"?><request><control><senderid>${IA.senderId}</senderid><password>${IA.senderPassword}</password><controlid>raw-${Date.now()}</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication>${auth}</authentication><content><function controlid="f1">${fn}</function></content></operation></request>`;
  const res = await fetch(f.settings.endpointUrl, { method: 'POST', headers: { 'content-type': 'application/xml' }, body });
  return (await res.text()).replace(/&apos;/g, "'");
}

test('a record that already carries a supporting document of its own keeps it: the receipt fails with the reason', async () => {
  const p = billPlan();
  const erpId = await posted(p);
  const row = f.sim.state.find('APBILL', 'RECORDNO', erpId)[0]!;
  row.fields.SUPDOCID = 'BYHAND1';
  const creates = f.sim.stats.functions.create_supdoc ?? 0;
  await assert.rejects(f.adapter.attachments!.attach(erpId, p, file('mine.png')), (e) => isConnectorError(e) && e.code === 'CONFLICT' && !e.retryable && /BYHAND1/.test(e.message));
  assert.equal(row.fields.SUPDOCID, 'BYHAND1');
  assert.equal(f.sim.stats.functions.create_supdoc ?? 0, creates, 'no supporting document created');
});
