// Reference data both ways with Sage X3 as the ledger: X3 cost centers, departments and suppliers go to
// the Concur lists and vendors employees pick from; a Concur vendor X3 does not know is reported, never
// created in the ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import { COMPANY, COST_CENTERS, DEPARTMENTS, PROJECTS } from '../../../main/demo/catalog';
import { createDemoConcur, createDemoX3, demoConnection } from '../../../main/demo/systems';
import { createHeadlessCore } from '../../../main/host/headless-core';
import { referenceOf, SIM_CLIENT } from '../../../main/simulators/concur';
import { TEST_KEY } from '../../helpers/world';

test('X3 cost centers, departments and suppliers are pushed to Concur; a Concur-only vendor is reported, not created in X3', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-x3push-'));
  const concur = createDemoConcur(4);
  const ref = referenceOf(concur.state);
  const lists = { costCenter: ref.addList(COMPANY.concurCompanyId, 'Cost centers'), department: ref.addList(COMPANY.concurCompanyId, 'Departments'), project: ref.addList(COMPANY.concurCompanyId, 'Projects') };
  ref.addVendor(COMPANY.concurCompanyId, { VendorCode: 'V7777', AddressCode: 'MAIN', VendorName: 'Brasserie du Port' });
  const x3 = createDemoX3();
  const { urls } = await concur.start();
  const { url } = await x3.start();
  const { core } = createHeadlessCore({ dataDir: dir, env: { MLC_SECRET_KEY: TEST_KEY } });
  t.after(async () => {
    await core.close();
    await concur.stop();
    await x3.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = demoConnection(urls.us, url);
  const conn: ConnectionInput = { ...base, source: { ...base.source, referenceLists: lists, pushVendors: true } as ConnectionInput['source'] };
  const h = core.handlers('test');
  await h['connections.save'](conn);
  for (const [name, value] of [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', 'demo-concur-password'], ['target.password', 'demo-x3-password']] as const) {
    await h['connections.setSecret']({ connectionId: conn.id, name, value });
  }

  const r = await h['reference.push']({ connectionId: conn.id });
  assert.equal(r.pushed, true);
  const active = (list: Array<[string, string, boolean?]>) => list.filter(([, , on]) => on !== false).map(([code]) => code).sort();
  const codes = (listId: string) => ref.activeItems(listId).map((i) => i.shortCode).sort();
  assert.deepEqual(codes(lists.costCenter), active(COST_CENTERS), 'the inactive cost center is not offered');
  assert.deepEqual(codes(lists.department), active(DEPARTMENTS));
  // Project codes carry a hyphen, which Concur list item codes do not take: skipped with a reason, never mangled.
  assert.deepEqual(codes(lists.project), PROJECTS.filter(([code]) => !code.includes('-')).map(([code]) => code));
  const vendors = ref.vendorsOf(COMPANY.concurCompanyId);
  assert.ok(vendors.some((v) => v.VendorCode === 'V-EMP001' && v.Approved === 'true'), 'X3 suppliers become Concur vendors');
  assert.equal(x3.state.suppliers.has('V7777'), false, 'never created silently in the ledger');
  const missing = await h['audit.list']({ connectionId: conn.id, action: 'partner_missing', limit: 100 });
  assert.ok(missing.some((m) => /V7777/.test(m.message)), JSON.stringify(missing.map((m) => m.message)));

  // Pushing again writes nothing; a cost center closed in X3 leaves the Concur list on the next push.
  const writes = { ...ref.writes };
  const again = await h['reference.push']({ connectionId: conn.id });
  assert.deepEqual([again.created, again.updated, again.deactivated, again.failed], [0, 0, 0, 0]);
  assert.deepEqual(ref.writes, writes);
  x3.state.costCenters.get('CCT|CC700')!.active = false;
  const after = await h['reference.push']({ connectionId: conn.id });
  assert.equal(after.deactivated, 1);
  assert.ok(!codes(lists.costCenter).includes('CC700'));
});
