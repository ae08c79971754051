// Reference reads through GraphQL (cursor paging to the end, change detection) and api1, and the
// customer's own dimension structure: types checked against X3, values checked by X3 on save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { isConnectorError } from '../../../main/core/errors';
import { line, plan, X3_PASSWORD } from '../../helpers/x3-context';
import { APP, startAuthWorld } from './auth-fixture';

async function readAll(items: AsyncIterable<ReferenceItem[]>): Promise<ReferenceItem[][]> {
  const pages: ReferenceItem[][] = [];
  for await (const p of items) pages.push(p);
  return pages;
}

const many = Array.from({ length: 45 }, (_, i) => ({ code: `7${String(i).padStart(5, '0')}`, active: i % 10 !== 3 }));
const gql = () => ({ authMode: 'connectedApp', appClientId: APP.clientId, reads: 'graphql', pageSize: 10 });
const threeDims = (cc: string, dep: string, prj?: string) => ({ costCenter: cc, department: dep, ...(prj ? { project: prj } : {}) });

test('GraphQL reads follow cursors to the last page and map every dimension type by its name', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { accounts: many } });
  try {
    const pages = await readAll(w.adapter.readReference());
    const all = pages.flat();
    assert.equal(all.filter((i) => i.kind === 'account').length, 45);
    assert.ok(pages.filter((p) => p[0]?.kind === 'account').length >= 5, 'one batch per page');
    assert.equal(all.find((a) => a.code === '700003')?.active, false);
    const dims = all.filter((i) => i.kind === 'dimension').map((d) => [d.dimensionType, d.code, d.active]);
    assert.deepEqual(dims.sort(), [
      ['costCenter', 'CC10', true], ['costCenter', 'CC20', true], ['costCenter', 'CC99', false],
      ['department', 'D100', true], ['department', 'D200', true],
      ['project', 'P-ALPHA', true], ['project', 'P-OLD', false],
    ].sort());
    assert.deepEqual(all.filter((i) => i.kind === 'supplier').map((s) => [s.code, s.name, s.active]), [['EMP001', 'Ada Employee', true], ['SUP100', 'Hotel Co', true], ['SUP900', 'Gone Ltd', false]]);
  } finally {
    await w.stop();
  }
});

test('a GraphQL schema without cursor paging (Sage samples pass `first` only): each list is read in one plain query', async () => {
  // Validation errors answered HTTP 400 + { errors } (GraphQL over HTTP) are read like 200 ones.
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { accounts: many, graphqlCursorPaging: false, graphqlValidationStatus: 400, maxCount: 20_000 } });
  try {
    const all = (await readAll(w.adapter.readReference())).flat();
    assert.equal(all.filter((i) => i.kind === 'account').length, 45);
    assert.equal(all.filter((i) => i.kind === 'supplier').length, 3);
  } finally {
    await w.stop();
  }
  // A server that caps `first` below the list and offers no cursor: an error, never a shortened list.
  const capped = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { accounts: many, graphqlCursorPaging: false, maxCount: 10 } });
  try {
    await assert.rejects(readAll(capped.adapter.readReference()), (e: unknown) => isConnectorError(e) && e.code === 'REMOTE_PROTOCOL' && /returned 10 of 45 GL accounts/.test(e.message));
  } finally {
    await capped.stop();
  }
});

test('GraphQL change detection: the next refresh notes what X3 changed since the last one', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret } });
  try {
    await readAll(w.adapter.readReference());
    assert.ok(!w.notes.some((n) => n.outcome === 'reference_changes'), 'nothing to compare on the first read');
    w.sim.state.stamp = '2026-11-02T10:00:00.000Z';
    w.sim.state.addSuppliers([{ code: 'SUP100', name: 'Hotel Co (renamed)' }, { code: 'SUP200', name: 'New supplier' }]);
    await readAll(w.adapter.readReference());
    const note = w.notes.find((n) => n.outcome === 'reference_changes');
    assert.match(note?.message ?? '', /0 GL accounts, 2 suppliers, 0 dimension values, 0 tax codes changed/);
  } finally {
    await w.stop();
  }
});

test('a configured dimension type X3 does not have stops the refresh and the test names it (GraphQL and api1)', async () => {
  for (const reads of ['graphql', 'api1'] as const) {
    const w = await startAuthWorld({
      settings: () => ({ ...(reads === 'graphql' ? gql() : {}), dimensionTypes: ['costCenter=CCT', 'department=DEPT'] }),
      secrets: { appSecret: APP.secret, password: X3_PASSWORD },
    });
    try {
      await assert.rejects(readAll(w.adapter.readReference()), (e: unknown) => {
        assert.ok(isConnectorError(e) && e.code === 'CONFIG_INVALID', String(e));
        assert.match(e.message, /"DEPT" \(configured for department\)/);
        assert.match(e.message, /CCT, DEP, PRJ/);
        return true;
      });
      const steps = await w.adapter.test();
      const dims = steps.find((s) => s.step === 'dimension types');
      assert.equal(dims?.ok, false, reads);
      assert.match(dims?.message ?? '', /DEPT/);
    } finally {
      await w.stop();
    }
  }
});

test('three dimensions post to CCE1..CCE3 on a journal and on a supplier invoice, with X3 numbers recorded', async () => {
  const w = await startAuthWorld();
  try {
    const j = plan({ lines: [line(1, '625100', 'debit', 4200, { dimensions: threeDims('CC20', 'D200', 'P-ALPHA') }), line(2, '421000', 'credit', 4200, { partner: 'EMP001' })] });
    const out = await w.adapter.post(j);
    assert.equal(out.status, 'posted');
    const [doc] = w.sim.state.findByReference(j.idempotencyKey);
    assert.equal(out.status === 'posted' && out.erpId, doc?.number);
    assert.deepEqual([doc?.lines[0]?.CCE1, doc?.lines[0]?.CCE2, doc?.lines[0]?.CCE3], ['CC20', 'D200', 'P-ALPHA']);

    const inv = plan({ kind: 'supplier_invoice', partner: 'SUP100', invoiceNumber: 'INV-77', lines: [line(1, '625100', 'debit', 9900, { dimensions: threeDims('CC10', 'D100') }), line(2, '401000', 'credit', 9900, { partner: 'SUP100' })] });
    const posted = await w.again({ postingMode: 'supplier_invoice' }).post(inv);
    assert.equal(posted.status, 'posted');
    assert.match(posted.status === 'posted' ? posted.erpId : '', /^INV\d{7}$/);
    const [bis] = w.sim.state.findByReference(inv.idempotencyKey);
    assert.deepEqual([bis?.lines[0]?.CCE1, bis?.lines[0]?.CCE2, bis?.lines[0]?.CCE3], ['CC10', 'D100', undefined]);
    assert.deepEqual(await w.adapter.findExisting(inv), { erpId: bis?.number, key: inv.idempotencyKey });
  } finally {
    await w.stop();
  }
});

test('X3 refusing an inactive project or an unknown department becomes a dimension hold on that line', async () => {
  const w = await startAuthWorld();
  try {
    const out = await w.adapter.post(plan({ lines: [line(1, '625100', 'debit', 500, { dimensions: threeDims('CC10', 'D999', 'P-OLD') }), line(2, '421000', 'credit', 500)] }));
    assert.equal(out.status, 'rejected');
    const reasons = out.status === 'rejected' ? out.reasons : [];
    assert.deepEqual(reasons.map((r) => [r.code, r.subject, r.lineId]), [['DIMENSION_UNKNOWN', 'D999', 'src-1'], ['DIMENSION_INACTIVE', 'P-OLD', 'src-1']]);
    assert.equal(w.sim.stats.saved, 0);
  } finally {
    await w.stop();
  }
});

test('a dimension type the connection does not configure is held before anything is sent', async () => {
  const w = await startAuthWorld({ settings: () => ({ dimensionTypes: ['costCenter=CCT'] }) });
  try {
    const out = await w.adapter.post(plan({ lines: [line(1, '625100', 'debit', 500, { dimensions: { costCenter: 'CC10', region: 'EMEA' } }), line(2, '421000', 'credit', 500)] }));
    assert.equal(out.status, 'rejected');
    const r = out.status === 'rejected' ? out.reasons[0] : undefined;
    assert.equal(r?.code, 'DIMENSION_UNKNOWN');
    assert.equal(r?.subject, 'region:EMEA');
    assert.match(r?.message ?? '', /"region".*not configured.*Dimension types/);
    assert.equal(w.sim.stats.soap.save ?? 0, 0);
    assert.deepEqual(w.adapter.capabilities.dimensionTypes, ['costCenter']);
  } finally {
    await w.stop();
  }
});

test('published object names and field codes are configurable: a customer ZGAS with its own reference field', async () => {
  const fields = { reference: 'YREFMLC', documentNumber: 'YNUM', dimensions: { project: 'CCE3' } };
  const w = await startAuthWorld({ sim: { journalPublicName: 'ZGAS', journalFields: fields }, settings: () => ({ journalPublicName: 'ZGAS', journalFields: fields }) });
  try {
    const p = plan({ lines: [line(1, '625100', 'debit', 700, { dimensions: threeDims('CC10', 'D100', 'P-ALPHA') }), line(2, '421000', 'credit', 700)] });
    const out = await w.adapter.post(p);
    assert.equal(out.status, 'posted');
    const [doc] = w.sim.state.findByReference(p.idempotencyKey);
    assert.equal(doc?.publicName, 'ZGAS');
    assert.equal(doc?.header.YREFMLC, p.idempotencyKey);
    assert.deepEqual(await w.adapter.findExisting(p), { erpId: doc?.number, key: p.idempotencyKey });
  } finally {
    await w.stop();
  }
});

test('a GraphQL URL that serves an HTML page, or a wrong endpoint name, is a configuration message, not a crash', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret } });
  try {
    w.sim.faults.htmlErrorPage = true;
    await assert.rejects(readAll(w.adapter.readReference()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /HTML page/.test(e.message));
    w.sim.faults.htmlErrorPage = false;
    await assert.rejects(readAll(w.again({ folder: 'NOFOLDER' }).readReference()), (e: unknown) => isConnectorError(e) && e.code === 'CONFIG_INVALID' && /NOFOLDER.*folder \(endpoint\) name/.test(e.message));
  } finally {
    await w.stop();
  }
});
