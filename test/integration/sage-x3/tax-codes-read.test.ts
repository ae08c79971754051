// X3 tax codes read through GraphQL (x3InvoicingData.tax) with the rest of the reference data; a release without
// the node leaves them out with a note (X3's refusal at posting still guards), and api1 reads none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { startX3Fixture } from '../../helpers/x3-context';
import { APP, startAuthWorld } from './auth-fixture';

async function collect(items: AsyncIterable<ReferenceItem[]>): Promise<ReferenceItem[]> {
  const all: ReferenceItem[] = [];
  for await (const p of items) all.push(...p);
  return all;
}

const gql = () => ({ authMode: 'connectedApp', appClientId: APP.clientId, reads: 'graphql', pageSize: 2 });
const taxOf = (items: ReferenceItem[]) => items.filter((i) => i.kind === 'tax_code').map((i) => [i.code, i.name, i.active]);

test('GraphQL reads the folder\'s tax codes page by page; a changed one is noted on the next refresh', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret } });
  try {
    assert.deepEqual(taxOf(await collect(w.adapter.readReference())), [
      ['FRI', 'Deductible VAT intermediate rate', true],
      ['FRN', 'VAT not deductible', true],
      // No active flag is published: a retired code is listed as active and X3 still refuses it at posting.
      ['FRO', 'Standard rate before 2014', true],
      ['FRR', 'Deductible VAT reduced rate', true],
      ['FRS', 'Deductible VAT standard rate', true],
    ]);
    w.sim.state.stamp = '2026-11-02T10:00:00.000Z';
    w.sim.state.addTaxCodes([{ code: 'FRX', name: 'New VAT code', rate: '8.5' }]);
    assert.ok(taxOf(await collect(w.adapter.readReference())).some(([code]) => code === 'FRX'));
    assert.match(w.notes.find((n) => n.outcome === 'reference_changes')?.message ?? '', /, 1 tax codes changed/);
  } finally {
    await w.stop();
  }
});

test('a GraphQL schema without x3InvoicingData.tax: the refresh completes without tax codes and says why', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { graphqlMissingNodes: ['x3InvoicingData.tax'] } });
  try {
    const items = await collect(w.adapter.readReference());
    assert.deepEqual(taxOf(items), []);
    assert.ok(items.some((i) => i.kind === 'account') && items.some((i) => i.kind === 'period'));
    assert.match(w.notes.find((n) => n.outcome === 'tax_codes_unread')?.message ?? '', /tax codes could not be read .*Cannot query field "tax" on type "x3InvoicingData"/);
  } finally {
    await w.stop();
  }
});

test('reads over REST api1 carry no tax codes (no published representation): X3\'s refusal stays the guard', async (t) => {
  const f = await startX3Fixture();
  t.after(() => f.stop());
  const items = await collect(f.adapter.readReference());
  assert.deepEqual(taxOf(items), []);
  assert.ok(items.some((i) => i.kind === 'account'));
  const step = (await f.adapter.test()).find((s) => s.step === 'REST api1 endpoint/folder');
  assert.match(step?.message ?? '', /tax codes and period status are read over GraphQL only/, 'the connection test says api1 reads no tax codes');
});
