// Reference data from the simulator: every kind read page by page (readByQuery, then readMore with the
// resultId until numremaining is 0), one batch per page, with active flags.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { intacctDemoSeed } from '../../../main/simulators/sage-intacct';
import { IA, startIntacctFixture, type IntacctFixture } from '../../helpers/intacct-context';

let f: IntacctFixture;
before(async () => {
  const demo = intacctDemoSeed({ employees: 7 });
  f = await startIntacctFixture({ sim: { ...demo, senders: { [IA.senderId]: { password: IA.senderPassword, companies: [IA.companyId] } }, users: { [IA.companyId]: { [IA.userId]: IA.userPassword } } }, settings: { pageSize: 3 } });
});
after(() => f.stop());

test('all kinds are read to the end in pages of pageSize, one batch per page', async () => {
  const batches: ReferenceItem[][] = [];
  for await (const b of f.adapter.readReference()) batches.push(b);
  assert.ok(batches.every((b) => b.length >= 1 && b.length <= 3));
  const all = batches.flat();
  const count = (pred: (i: ReferenceItem) => boolean) => all.filter(pred).length;
  assert.equal(count((i) => i.kind === 'dimension' && i.dimensionType === 'department'), 4);
  assert.equal(count((i) => i.kind === 'dimension' && i.dimensionType === 'location'), 3);
  assert.equal(count((i) => i.kind === 'account'), 11, 'ten expense and balancing accounts and 1410 GST receivable');
  assert.equal(count((i) => i.kind === 'supplier'), 11);
  assert.equal(count((i) => i.kind === 'employee'), 7);
  // 4+3+11+11+7 rows in pages of 3: 2+1+4+4+3 pages, each page after the first via readMore.
  assert.equal(batches.length, 14);
  assert.equal(f.sim.stats.functions.readByQuery, 5);
  assert.equal(f.sim.stats.functions.readMore, 9);
  assert.deepEqual(all.find((i) => i.code === 'D400'), { kind: 'dimension', dimensionType: 'department', code: 'D400', name: 'Marketing', active: false });
  assert.equal(all.find((i) => i.code === 'V103')?.active, false);
  assert.equal(all.find((i) => i.code === '6999')?.active, false);
  assert.match(all.find((i) => i.code === 'E001')?.name ?? '', /^\S+ \S+$/);
  assert.deepEqual(f.adapter.capabilities.dimensionTypes, ['department', 'location']);
});
