// A second install (new data folder, same Concur company, same Acumatica tenant) syncs documents the ledger
// already holds: Acumatica refuses each insert-only PUT with 412, the adapter answers "duplicate", and the
// engine links the existing record instead of holding or re-posting it. One Acumatica record per document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACUMATICA_COMPANY, ACUMATICA_CONNECTION_ID, acumaticaConnection, acumaticaMappings, acumaticaSecrets, seedAcumaticaFisCompany } from '../../../main/demo/acumatica-company';
import { acumaticaDemoSeed, createAcumaticaSimulator, type AcumaticaSimulator } from '../../../main/simulators/acumatica';
import { createConcurSimulator } from '../../../main/simulators/concur';
import { startEngineWorld } from '../../helpers/engine-world';

const DOCS = ACUMATICA_COMPANY.documents.expense + ACUMATICA_COMPANY.documents.invoice;

async function install(t: { after(fn: () => Promise<void>): void }, acu: AcumaticaSimulator) {
  const concur = createConcurSimulator({ seed: 3 });
  const requestToken = seedAcumaticaFisCompany(concur);
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-acu2-',
    concur,
    target: acu,
    connection: (concurUrl, siteUrl) => acumaticaConnection(concurUrl, siteUrl),
    secrets: () => acumaticaSecrets(requestToken),
    mappings: acumaticaMappings(),
  });
  return core;
}

test('a second install finds every document already in Acumatica: linked (412 → duplicate → look-up), never posted twice', { timeout: 180_000 }, async (t) => {
  const first = createAcumaticaSimulator(acumaticaDemoSeed());
  const a = await install(t, first);
  const run = await a.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const records = first.state.recordCount();
  assert.equal(records, DOCS);

  // The same tenant seen by a fresh install: its ledger already holds every document.
  const second = createAcumaticaSimulator(acumaticaDemoSeed());
  second.state.importRecords(first.state.exportRecords());
  const b = await install(t, second);
  const again = await b.sync(ACUMATICA_CONNECTION_ID, { actor: 'test' });
  assert.equal(again.status, 'succeeded', again.error ?? '');
  assert.equal(second.state.recordCount(), records, 'nothing created twice');
  assert.equal(again.held, 0, JSON.stringify(again));
  const posted = b.runtime.store.postings.list({ connectionId: ACUMATICA_CONNECTION_ID, status: 'posted', limit: 100 });
  assert.equal(posted.length, DOCS);
  // Whichever way the engine met them (a look-up before the send, or the ERP's refusal), each was linked.
  const linked = b.runtime.store.audit.list({ connectionId: ACUMATICA_CONNECTION_ID, limit: 10_000 }).filter((e) => e.outcome === 'linked' || /found in the ERP/i.test(e.message));
  assert.equal(linked.length, DOCS, 'every document linked, none sent as new');
  for (const p of posted) assert.equal(second.state.findByKey(p.idempotency_key)[0]?.number, p.erp_id, `${p.source_id} linked to its record`);
});
