// The simulator's save/query path in-process: X3-style validation and 10,000 documents kept fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sageX3JournalFieldsSchema, sageX3SupplierInvoiceFieldsSchema } from '../../../shared/schemas/systems/sage-x3';
import { buildSoapRequest, parseSoapResponse } from '../../../main/core/adapters/sage-x3/envelope';
import { matchQuery } from '../../../main/core/adapters/sage-x3/from-remote';
import { planToObjectXml } from '../../../main/core/adapters/sage-x3/to-remote';
import { handleSoap } from '../../../main/simulators/sage-x3/soap';
import { SageX3SimState } from '../../../main/simulators/sage-x3/state';
import { plan, x3Settings } from '../../helpers/x3-context';

const cfg = {
  journalPublicName: 'YGAS',
  supplierInvoicePublicName: 'YBIS',
  journal: sageX3JournalFieldsSchema.parse({}),
  supplierInvoice: sageX3SupplierInvoiceFieldsSchema.parse({}),
  warnOnSave: null,
};
const cc = { codeLang: 'ENG', poolAlias: 'POOL1', poolId: '', requestConfig: 'adxwss.optreturn=XML' };

test('10,000 saved documents: saving and looking a key up stay fast', () => {
  const state = new SageX3SimState('SEED', 'POOL1');
  state.addAccounts([{ code: '625100' }, { code: '421000' }]).addCostCenters([{ code: 'CC10' }]).addSuppliers([{ code: 'EMP001' }]);
  const settings = x3Settings('https://x3.example.com');
  const started = Date.now();
  let last = plan();
  for (let i = 0; i < 10_000; i++) {
    last = plan();
    const reply = handleSoap(buildSoapRequest('save', cc, 'YGAS', { objectXml: planToObjectXml(last, settings) }), state, cfg, new Date());
    assert.equal(reply.committed, true);
  }
  assert.equal(state.documentCount(), 10_000);
  const t0 = Date.now();
  const reply = handleSoap(buildSoapRequest('query', cc, 'YGAS', { objectKeys: [{ key: 'REF', value: last.idempotencyKey }], listSize: 10 }), state, cfg, new Date());
  const answer = parseSoapResponse(reply.body, 'query');
  assert.equal(answer.kind, 'result');
  assert.deepEqual(answer.kind === 'result' && matchQuery(answer.result.resultXml, 'REF', 'NUM', last.idempotencyKey), ['ODEXP0010000']);
  assert.ok(Date.now() - t0 < 50, 'key look-up is indexed');
  assert.ok(Date.now() - started < 30_000);
});

test('unknown public name and pool alias are refused the way X3 does', () => {
  const state = new SageX3SimState('SEED', 'POOL1');
  const unknownName = parseSoapResponse(handleSoap(buildSoapRequest('query', cc, 'NOPE', {}), state, cfg, new Date()).body, 'query');
  assert.equal(unknownName.kind === 'result' && unknownName.result.status, 0);
  const badPool = handleSoap(buildSoapRequest('query', { ...cc, poolAlias: 'X' }, 'YGAS', {}), state, cfg, new Date());
  assert.equal(badPool.status, 500);
  assert.equal(parseSoapResponse(badPool.body, 'query').kind, 'fault');
});
