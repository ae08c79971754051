import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Core } from '../../../main/core/create-core';
import { FIS_COMPANY, FIS_CONNECTION_ID, fisConnection, fisMappings, seedFisCompany } from '../../../main/demo/fis-company';
import { createDemoConcur, createDemoX3 } from '../../../main/demo/systems';
import type { ConcurSimulator, SimFisDoc } from '../../../main/simulators/concur';
import { fisOf, SIM_CLIENT } from '../../../main/simulators/concur';
import type { SageX3Simulator } from '../../../main/simulators/sage-x3';
import { startEngineWorld } from '../../helpers/engine-world';

const X3_USER = { name: 'MLCDEMO', password: 'demo-x3-password' };
const DOCS = Object.values(FIS_COMPANY.documents).reduce((s, n) => s + n, 0) + FIS_COMPANY.scenarios;
/** Held: the invoice from the vendor X3 does not know, and the funds reservation no one posts. */
const HELD = 2;

interface FisWorld {
  core: Core;
  concur: ConcurSimulator;
  x3: SageX3Simulator;
  docs(): SimFisDoc[];
}

async function fisWorld(t: { after(fn: () => Promise<void>): void }): Promise<FisWorld> {
  const concur = createDemoConcur(0);
  const requestToken = seedFisCompany(concur);
  const x3 = createDemoX3();
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-fis-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => fisConnection(concurUrl, x3Url, X3_USER.name),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', requestToken], ['target.password', X3_USER.password]],
    mappings: fisMappings(),
  });
  const fis = fisOf(concur.state);
  return { core, concur, x3, docs: () => [...fis.docs.values()].filter((d) => d.companyUuid === FIS_COMPANY.concurCompanyId) };
}

test('FIS documents of every type post to X3, and a failed posting confirmation is retried later without a second post', async (t) => {
  const w = await fisWorld(t);
  const fis = fisOf(w.concur.state);
  // Every confirmation item of the first run answers 199 "system error, retry later".
  fis.systemErrors = 1000;
  const first = await w.core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  assert.equal(first.fetched, DOCS);
  assert.equal(first.posted, DOCS - HELD, JSON.stringify(first));
  assert.equal(first.held, HELD, 'the invoice from the vendor X3 does not know, and the funds reservation');
  assert.equal(w.x3.state.documentCount(), DOCS - HELD);
  assert.ok(w.docs().every((d) => d.status === 'ACKNOWLEDGED'), 'acknowledged after intake, nothing confirmed yet');
  const retryLater = w.core.runtime.store.audit.list({ connectionId: FIS_CONNECTION_ID, limit: 1000 }).filter((a) => a.action === 'confirm' && a.outcome === 'retry_later');
  assert.equal(retryLater.length, DOCS - HELD + 1, 'the posted documents and the refused funds reservation');
  assert.match(retryLater[0]!.message, /retry/i);

  // Concur is healthy again: the next run only confirms; X3 gets nothing new.
  fis.systemErrors = 0;
  const second = await w.core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(second.status, 'succeeded', second.error ?? '');
  assert.equal(second.posted, 0);
  assert.equal(w.x3.state.documentCount(), DOCS - HELD, 'never posted twice');
  const confirmed = w.docs().filter((d) => d.status === 'POSTING_CONFIRMED_SUCCESS');
  assert.equal(confirmed.length, DOCS - HELD);
  // Each confirmation carries the X3 document number and the ERP company code.
  const posted = w.core.runtime.store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'posted', limit: 100 });
  const erpBySource = new Map(posted.map((p) => [p.source_id, p.erp_id]));
  for (const d of confirmed) {
    const postingDocs = d.confirmation!.postingDocs as Array<{ companyId: string; documentNumber: string }>;
    assert.equal(postingDocs[0]!.companyId, 'NWC');
    assert.equal(postingDocs[0]!.documentNumber, erpBySource.get(d.id), d.id);
  }
  assert.deepEqual([...new Set(posted.map((p) => p.erp_id!.replace(/\d+$/, '')))].sort(), ['INV', 'ODEXP'], 'journals and supplier invoices');

  // The accountant dismisses the held invoice: Concur hears "error" with the reason, once.
  const held = w.core.runtime.store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'held', limit: 10 }).filter((r) => r.source_kind === 'invoice');
  assert.equal(held.length, 1);
  await w.core.handlers('test')['held.dismiss']({ id: held[0]!.id, reason: 'Umbrella Facilities is paid outside the ledger' });
  await w.core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  const dismissed = fis.docs.get(held[0]!.source_id)!;
  assert.equal(dismissed.status, 'POSTING_CONFIRMED_FAILURE');
  assert.match(JSON.stringify(dismissed.confirmation), /Umbrella Facilities is paid outside the ledger/);
  const third = await w.core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(third.posted + third.held, 0);
  assert.equal(w.x3.state.documentCount(), DOCS - HELD);
});
