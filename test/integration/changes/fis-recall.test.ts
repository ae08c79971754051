// Concur FIS tells when a processor recalls a document we posted (posting confirmation WAS_RECALLED): it shows
// as a "recalled" change, nothing is reversed by itself; reversing it posts one journal; when the document comes
// back it shows again as a change whose adjustment posts the new version only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIS_CONNECTION_ID, fisConnection, fisMappings, seedFisCompany } from '../../../main/demo/fis-company';
import { createDemoConcur, createDemoX3 } from '../../../main/demo/systems';
import { fisOf, SIM_CLIENT } from '../../../main/simulators/concur';
import { rowDocument, rowPlan } from '../../../main/core/store/repos/postings';
import { startEngineWorld } from '../../helpers/engine-world';

test('a posted FIS expense report recalled in Concur: shown, reversed once on request, and its return posts the new version', async (t) => {
  const concur = createDemoConcur(0);
  const requestToken = seedFisCompany(concur);
  const x3 = createDemoX3();
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-fis-recall-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => fisConnection(concurUrl, x3Url, 'MLCDEMO'),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', requestToken], ['target.password', 'demo-x3-password']],
    mappings: fisMappings(),
  });
  const fis = fisOf(concur.state);
  const h = core.handlers('ana');
  const { store } = core.runtime;
  // The posting confirmations of the first run fail (199), so a processor can recall a document we posted.
  fis.systemErrors = 1000;
  await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  fis.systemErrors = 0;
  const row = store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'posted', limit: 1000 }).find((r) => rowPlan(r)?.kind === 'journal' && rowDocument(r).kind === 'expense_report')!;
  assert.ok(row, 'a posted expense report');
  const docId = rowDocument(row).meta.fisDocId!;
  fis.recall(docId);

  const ledger = x3.state.documentCount();
  await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  const [recalled] = await h['changes.list']({ status: 'unresolved' });
  assert.ok(recalled, 'the recall is shown');
  assert.deepEqual([recalled.changeKind, recalled.sourceId, recalled.erpId, recalled.modes, recalled.after], ['recalled', row.source_id, row.erp_id, ['reverse'], null]);
  assert.equal(x3.state.documentCount(), ledger, 'nothing reversed by itself');
  // Every later run hears WAS_RECALLED again: still one change.
  await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal((await h['changes.list']({})).length, 1);

  await assert.rejects(h['changes.adjust']({ id: recalled.id, mode: 'difference' }), /cannot be adjusted by a difference/);
  const reversed = await h['changes.adjust']({ id: recalled.id });
  assert.deepEqual(reversed.adjustments.map((a) => [a.role, a.status]), [['reversal', 'posted']]);
  assert.equal(x3.state.documentCount(), ledger + 1);

  // The processor fixes nothing and sends it again: the ledger holds nothing for it now, so it shows as a change
  // whose adjustment posts the new version only.
  fis.requeue(docId);
  await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  const [back] = await h['changes.list']({ status: 'unresolved' });
  assert.ok(back, 'the returned document is shown again');
  assert.deepEqual([back.seq, back.changeKind, back.modes], [2, 'changed', ['reverse']]);
  const reposted = await h['changes.adjust']({ id: back.id });
  assert.deepEqual(reposted.adjustments.map((a) => [a.role, a.status]), [['new_version', 'posted']]);
  assert.equal(x3.state.documentCount(), ledger + 2);
  assert.ok(store.audit.list({ limit: 500 }).some((e) => e.action === 'changed_after_posting' && e.outcome === 'recalled' && e.sourceId === row.source_id));
});
