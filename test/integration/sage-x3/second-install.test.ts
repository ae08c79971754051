// A second install against an X3 folder configured to refuse a repeated reference: every document the ledger
// already holds is refused with "Record already exists", the adapter answers "duplicate", and the engine
// looks it up and links it. One X3 document per source document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIS_COMPANY, FIS_CONNECTION_ID, fisConnection, fisMappings, seedFisCompany } from '../../../main/demo/fis-company';
import { createDemoConcur, createDemoX3 } from '../../../main/demo/systems';
import { SIM_CLIENT } from '../../../main/simulators/concur';
import type { SageX3Simulator } from '../../../main/simulators/sage-x3';
import { startEngineWorld } from '../../helpers/engine-world';

const X3_USER = { name: 'MLCDEMO', password: 'demo-x3-password' };
const DOCS = Object.values(FIS_COMPANY.documents).reduce((s, n) => s + n, 0);

async function install(t: { after(fn: () => Promise<void>): void }, x3: SageX3Simulator) {
  const concur = createDemoConcur(0);
  const requestToken = seedFisCompany(concur);
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-x3two-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => fisConnection(concurUrl, x3Url, X3_USER.name),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', requestToken], ['target.password', X3_USER.password]],
    mappings: fisMappings(),
  });
  return core;
}

test('X3 refusing a repeated reference on a second install: each document is linked, none saved twice', { timeout: 180_000 }, async (t) => {
  const first = createDemoX3();
  const a = await install(t, first);
  const run = await a.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const saved = first.state.documentCount();
  assert.ok(saved >= DOCS - 1, `${saved} saved`);

  const second = createDemoX3();
  second.state.importDocuments(first.state.exportDocuments());
  second.faults.uniqueReference = true;
  const b = await install(t, second);
  const again = await b.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(again.status, 'succeeded', again.error ?? '');
  assert.equal(second.state.documentCount(), saved, 'nothing saved twice');
  const posted = b.runtime.store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'posted', limit: 100 });
  assert.equal(posted.length, saved);
  // Whichever way the engine met them (a look-up before the send, or the ERP's refusal), each was linked.
  const linked = b.runtime.store.audit.list({ connectionId: FIS_CONNECTION_ID, limit: 10_000 }).filter((e) => e.outcome === 'linked' || /found in the ERP/i.test(e.message));
  assert.equal(linked.length, saved, 'every document linked, none sent as new');
  for (const p of posted) assert.equal(second.state.findByReference(p.idempotency_key)[0]?.number, p.erp_id, `${p.source_id} linked`);
});
