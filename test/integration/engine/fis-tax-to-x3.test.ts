// Issue 15 end to end, Concur FIS → Sage X3: the demo's French VAT lands on 445660 with the folder's tax codes, the
// Swiss hotel's VAT stays in the hotel expense; a document with tax larger than its line, or an unmapped tax code,
// is held with a plain reason, never sent, and posts exactly once after the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FIS_CONNECTION_ID, fisConnection, fisMappings, seedFisCompany } from '../../../main/demo/fis-company';
import { createDemoConcur, createDemoX3 } from '../../../main/demo/systems';
import { fisOf, SIM_CLIENT } from '../../../main/simulators/concur';
import { startEngineWorld } from '../../helpers/engine-world';

type Obj = Record<string, unknown>;
const taxRowsOf = (doc: Obj) => ((doc.expenseEntry as Obj[] | undefined) ?? []).flatMap((e) => (e.allocation as Obj[]).flatMap((a) => (a.tax as Obj[] | undefined) ?? []));

test('FIS VAT → X3: tax lines with codes, balanced; bad and unmapped tax held, then posted once', async (t) => {
  const concur = createDemoConcur(0);
  const requestToken = seedFisCompany(concur);
  const x3 = createDemoX3();
  const fis = fisOf(concur.state);
  const expenses = [...fis.docs.values()].filter((d) => d.docType === 'expense' && taxRowsOf(d.document).some((r) => Number(r.amountReclaim) > 0));
  assert.ok(expenses.length >= 3, 'the demo carries reclaimable VAT');
  // Two documents go wrong at the source: a tax bigger than its entry, and a tax code nobody mapped.
  const [tooBig, unmapped] = expenses;
  const big = taxRowsOf(tooBig!.document)[0]!;
  big.amountTax = 99_999;
  big.amountReclaim = 99_999;
  taxRowsOf(unmapped!.document)[0]!.taxCode = 'ATVAT';
  const { core } = await startEngineWorld(t, {
    prefix: 'mlc-fis-tax-',
    concur,
    target: x3,
    connection: (concurUrl, x3Url) => fisConnection(concurUrl, x3Url, 'MLCDEMO'),
    secrets: () => [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', requestToken], ['target.password', 'demo-x3-password']],
    mappings: fisMappings(),
  });
  const run = await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  const store = core.runtime.store;
  const held = store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'held', limit: 100 });
  const why = (id: string) => held.find((h) => h.source_id === id)?.reasons_json ?? '';
  assert.match(why(tooBig!.id), /TAX_INVALID.*is not less than the line amount/);
  assert.match(why(unmapped!.id), /TAX_UNMAPPED.*ATVAT/);

  // Every saved entry balances; VAT lines sit on 445660 with a French code; hotel lines abroad carry FRN and no VAT line.
  const docs = x3.state.documents();
  assert.equal(docs.some((d) => d.reference === held[0]!.idempotency_key), false, 'held documents never reach X3');
  for (const d of docs.filter((x) => x.kind === 'journal')) {
    const sum = (f: string) => d.lines.reduce((s, l) => s + Math.round(Number(l[f] ?? 0) * 100), 0);
    assert.equal(sum('DEB'), sum('CDT'), `${d.number} balances`);
  }
  const vatLines = docs.flatMap((d) => d.lines).filter((l) => l.ACC === '445660');
  assert.ok(vatLines.length > 0 && vatLines.every((l) => ['FRS', 'FRI', 'FRR'].includes(l.VAT ?? '')), JSON.stringify(vatLines.slice(0, 3)));
  assert.ok(docs.flatMap((d) => d.lines).some((l) => l.VAT === 'FRN' && l.ACC !== '445660'), 'the Swiss hotel VAT stays in the expense under FRN');

  // Fixed: the tax mapping for ATVAT is added and the document replays once; the bad tax stays held.
  const h = core.handlers('test');
  await h['mappings.upsert']({ connectionId: FIS_CONNECTION_ID, rows: [{ kind: 'tax_code', sourceCode: 'ATVAT', sourceName: 'Austrian VAT', target: 'FRS', dimensions: { vatAccount: '445660' } }] });
  const before = x3.state.documentCount();
  const replayed = await h['held.replay']({ connectionId: FIS_CONNECTION_ID, all: true });
  assert.equal(replayed.filter((r) => r.status === 'posted').length, 1, JSON.stringify(replayed));
  assert.equal(x3.state.documentCount(), before + 1);
  await h['held.replay']({ connectionId: FIS_CONNECTION_ID, all: true });
  await core.sync(FIS_CONNECTION_ID, { actor: 'test' });
  assert.equal(x3.state.documentCount(), before + 1, 'never posted twice');
  assert.match(store.postings.list({ connectionId: FIS_CONNECTION_ID, status: 'held', limit: 100 }).find((p) => p.source_id === tooBig!.id)?.reasons_json ?? '', /TAX_INVALID/);
});
