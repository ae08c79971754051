// Issue 15, Concur FIS → Sage X3 reading through GraphQL: the folder's tax codes are reference data, so a tax mapping
// that points to a code X3 does not have holds the document before anything is sent (TAX_UNMAPPED naming the code,
// X3 refuses no save); once X3 has the code, the replay re-reads the codes and the document posts once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIS_CONNECTION_ID, fisConnection, fisMappings, seedFisCompany } from '../../../main/demo/fis-company';
import { createDemoConcur, createDemoX3 } from '../../../main/demo/systems';
import { SIM_CLIENT } from '../../../main/simulators/concur';
import { startEngineWorld } from '../../helpers/engine-world';

const APP = { clientId: 'mlc-demo-app', secret: 'demo-App-Secret-51c0' };

test('FIS → X3 over GraphQL: a tax code X3 lacks is held before sending with its name, then posts once X3 has it', async (t) => {
  const concur = createDemoConcur(0);
  const requestToken = seedFisCompany(concur);
  const x3 = createDemoX3({ auth: { connectedApps: [{ clientId: APP.clientId, secret: APP.secret, user: 'MLCDEMO', validitySeconds: 600 }] } });
  // FR10 is mapped to FRK, a code the folder does not have (X3 has FRI).
  const mappings = fisMappings().map((m) => (m.kind === 'tax_code' && m.sourceCode === 'FR10' ? { ...m, target: 'FRK' } : m));
  const { core, h } = await startEngineWorld(t, {
    prefix: 'mlc-x3-taxcodes-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => {
      const c = fisConnection(concurUrl, x3Url, 'MLCDEMO');
      return { ...c, target: { ...c.target, reads: 'graphql', graphqlAuth: 'connectedApp', appClientId: APP.clientId } as typeof c.target };
    },
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', requestToken], ['target.password', 'demo-x3-password'], ['target.appSecret', APP.secret]],
    mappings,
  });
  const run = await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const store = core.runtime.store;
  assert.deepEqual(store.reference.list(FIS_CONNECTION_ID, 'tax_code').map((r) => r.code).sort(), ['FRI', 'FRN', 'FRO', 'FRR', 'FRS'], 'the folder\'s tax codes are read');

  const held = store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'held', limit: 100 });
  const frk = held.filter((p) => /FRK/.test(p.reasons_json ?? ''));
  assert.ok(frk.length >= 1, JSON.stringify(held.map((p) => p.reasons_json)));
  for (const p of frk) assert.match(p.reasons_json ?? '', /TAX_UNMAPPED.*Tax code FRK does not exist in the ERP/);
  assert.equal(x3.stats.rejected, 0, 'X3 refused no save: the unknown code never reached it');
  assert.equal(x3.state.documents().some((d) => d.lines.some((l) => l.VAT === 'FRK')), false);
  const keys = new Set(frk.map((p) => p.idempotency_key));
  assert.equal(x3.state.documents().some((d) => keys.has(d.reference)), false, 'held documents never reach X3');

  // X3 gets the code: the replay re-reads the tax codes and the documents held for it alone post, each once.
  const taxOnly = frk.filter((p) => (JSON.parse(p.reasons_json ?? '[]') as unknown[]).length === 1);
  assert.ok(taxOnly.length >= 1);
  x3.state.addTaxCodes([{ code: 'FRK', name: 'Deductible VAT 10 % (new code)', rate: '10' }]);
  const before = x3.state.documentCount();
  const replayed = await h['held.replay']({ connectionId: FIS_CONNECTION_ID, all: true });
  assert.deepEqual(replayed.filter((r) => r.status === 'posted').map((r) => r.sourceId).sort(), taxOnly.map((p) => p.source_id).sort());
  assert.equal(x3.state.documentCount(), before + taxOnly.length);
  assert.equal(x3.stats.rejected, 0);
  assert.ok(x3.state.documents().some((d) => d.lines.some((l) => l.VAT === 'FRK')));
  await h['held.replay']({ connectionId: FIS_CONNECTION_ID, all: true });
  assert.equal(x3.state.documentCount(), before + taxOnly.length, 'never posted twice');
});
