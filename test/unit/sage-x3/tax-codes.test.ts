// X3 tax codes as reference data: the x3InvoicingData.tax node mapped to tax_code items (no active flag is
// published, so a listed code is active), and the simulator's tax node refusing fields Sage does not publish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GQL_NODES, listQuery, readPage, taxNodeToReference } from '../../../main/core/adapters/sage-x3/graphql-reads';
import { handleGraphql } from '../../../main/simulators/sage-x3/graphql';
import { SageX3SimState } from '../../../main/simulators/sage-x3/state';

test('an x3InvoicingData.tax node becomes a tax_code item named by its description', () => {
  assert.deepEqual(taxNodeToReference({ code: 'FRS', localizedDescription: 'Deductible VAT standard rate', localizedShortDescription: 'VAT 20', _updateStamp: '2026-01-01T00:00:00Z' }), {
    kind: 'tax_code',
    dimensionType: '',
    code: 'FRS',
    name: 'Deductible VAT standard rate',
    active: true,
  });
  assert.equal(taxNodeToReference({ code: { code: ' FRI ' }, localizedShortDescription: 'VAT 10' })?.name, 'VAT 10', 'short description when there is no long one');
  assert.equal(taxNodeToReference({ code: 'FRR' })?.name, 'FRR');
  assert.equal(taxNodeToReference({ localizedDescription: 'no code' }), null);
});

test('the tax query selects only the properties Sage publishes for x3InvoicingData.tax', () => {
  const published = new Set(['code', 'legislation', 'localizedDescription', 'localizedShortDescription', '_etag', '_createStamp', '_updateStamp']);
  assert.deepEqual(GQL_NODES.tax.fields.split(/\s+/).filter((f) => !published.has(f)), []);
  assert.match(listQuery('tax'), /x3InvoicingData \{ tax \{ query\(first: \$first, after: \$after\)/);
});

test('the simulator serves x3InvoicingData.tax (retired codes included) and refuses an unpublished field', () => {
  const state = new SageX3SimState('SEED', 'POOL').addTaxCodes([{ code: 'FRS', name: 'VAT 20', rate: '20' }, { code: 'FRO', name: 'Old rate', rate: '19.6', active: false }]);
  const ask = (query: string) => handleGraphql(JSON.stringify({ query, variables: { first: 10 } }), state, 100);
  const ok = ask(listQuery('tax'));
  const page = readPage('tax', (ok.json as { data: unknown }).data);
  assert.deepEqual(page.nodes.map((n) => [n.code, n.localizedDescription]), [['FRO', 'Old rate'], ['FRS', 'VAT 20']]);
  assert.deepEqual(Object.keys(page.nodes[0]!).sort(), GQL_NODES.tax.fields.split(' ').sort(), 'only what was selected');
  const refused = ask('query ($first: Int, $after: String) { x3InvoicingData { tax { query(first: $first, after: $after) { edges { cursor node { code isActive } } pageInfo { endCursor hasNextPage } } } } }');
  assert.deepEqual(refused.json, { errors: [{ message: 'Cannot query field "isActive" on type "Tax".' }] });
  const plain = ask('query ($first: Int) { x3InvoicingData { tax { query(first: $first) { totalCount edges { node { code rate } } } } } }');
  assert.match(JSON.stringify(plain.json), /Cannot query field \\"rate\\" on type \\"Tax\\"/);
});
