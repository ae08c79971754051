// Sage X3 adapter against the simulator: posting journals and supplier invoices, X3 rejections as
// hold codes, and the commit-then-drop case recovered by findExisting without a second document.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { line, plan, startX3Fixture, type X3Fixture } from '../../helpers/x3-context';

let f: X3Fixture;
before(async () => {
  f = await startX3Fixture();
});
after(() => f.stop());

test('a balanced journal is posted with the number X3 assigned and its key stored', async () => {
  const p = plan();
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  assert.match(out.status === 'posted' ? out.erpId : '', /^ODEXP\d{7}$/);
  const [doc] = f.sim.state.findByReference(p.idempotencyKey);
  assert.ok(doc);
  assert.equal(doc.header.REF, p.idempotencyKey);
  assert.equal(doc.header.ACCDAT, '20240315');
  assert.equal(doc.lines[0]?.DEB, '123.45');
  assert.equal(doc.lines[0]?.CCE1, 'CC10');
  assert.equal(doc.lines[1]?.CDT, '123.45');
  assert.equal(doc.lines[1]?.BPR, 'EMP001');
  assert.deepEqual(await f.adapter.findExisting(p), { erpId: out.status === 'posted' ? out.erpId : '', key: p.idempotencyKey });
});

test('warnings from X3 do not fail a post but are returned', async () => {
  f.sim.faults.warnOnSave = 'Budget exceeded for CC10';
  try {
    const out = await f.adapter.post(plan());
    assert.equal(out.status, 'posted');
    assert.deepEqual(out.status === 'posted' && out.warnings, ['Budget exceeded for CC10']);
  } finally {
    f.sim.faults.warnOnSave = null;
  }
});

test('an unbalanced journal is rejected as UNBALANCED and nothing is stored', async () => {
  const before = f.sim.state.documentCount();
  const out = await f.adapter.post(plan({ lines: [line(1, '625100', 'debit', 1000), line(2, '421000', 'credit', 900)] }));
  assert.equal(out.status, 'rejected');
  assert.deepEqual(out.status === 'rejected' && out.reasons.map((r) => r.code), ['UNBALANCED']);
  assert.equal(f.sim.state.documentCount(), before);
});

const rejections: Array<[string, Parameters<typeof plan>[0], string, string | undefined]> = [
  ['unknown account', { lines: [line(1, '999999', 'debit', 500), line(2, '421000', 'credit', 500)] }, 'ACCOUNT_UNKNOWN', '999999'],
  ['inactive account', { lines: [line(1, '606400', 'debit', 500), line(2, '421000', 'credit', 500)] }, 'ACCOUNT_INACTIVE', '606400'],
  ['inactive cost center', { lines: [line(1, '625100', 'debit', 500, { dimensions: { costCenter: 'CC99' } }), line(2, '421000', 'credit', 500)] }, 'DIMENSION_INACTIVE', 'CC99'],
  ['unknown cost center', { lines: [line(1, '625100', 'debit', 500, { dimensions: { costCenter: 'NOPE' } }), line(2, '421000', 'credit', 500)] }, 'DIMENSION_UNKNOWN', 'NOPE'],
  ['missing partner', { lines: [line(1, '625100', 'debit', 500), line(2, '421000', 'credit', 500, { partner: 'EMP404' })] }, 'PARTNER_UNKNOWN', 'EMP404'],
  ['closed period', { postingDate: '2024-01-31' }, 'PERIOD_CLOSED', undefined],
];

for (const [name, overrides, code, subject] of rejections) {
  test(`X3 refusing a ${name} becomes ${code}`, async () => {
    const out = await f.adapter.post(plan(overrides));
    assert.equal(out.status, 'rejected');
    const reasons = out.status === 'rejected' ? out.reasons : [];
    assert.deepEqual(reasons.map((r) => r.code), [code]);
    assert.equal(reasons[0]?.subject, subject);
  });
}

test('the source line of a refused line is named', async () => {
  const out = await f.adapter.post(plan({ lines: [line(1, '625100', 'debit', 500), line(2, '999999', 'credit', 500)] }));
  assert.equal(out.status === 'rejected' && out.reasons[0]?.lineId, 'src-2');
});

test('commit then dropped connection: uncertain error, then findExisting finds the one document', async () => {
  const p = plan();
  f.sim.faults.dropAfterCommit = 1;
  await assert.rejects(f.adapter.post(p), (e: unknown) => isConnectorError(e) && e.uncertain && e.code === 'NETWORK');
  assert.equal(f.sim.stats.dropped, 1);
  const found = await f.adapter.findExisting(p);
  assert.ok(found);
  const stored = f.sim.state.findByReference(p.idempotencyKey);
  assert.equal(stored.length, 1);
  assert.equal(found.erpId, stored[0]?.number);
});

test('findExisting returns null for a key X3 does not hold', async () => {
  assert.equal(await f.adapter.findExisting(plan()), null);
});

test('supplier-invoice mode posts a BP invoice carrying the supplier number and the key', async () => {
  const p = plan({
    kind: 'supplier_invoice',
    partner: 'SUP100',
    invoiceNumber: 'HC-2024-0042',
    lines: [
      line(1, '625100', 'debit', 10000, { dimensions: { costCenter: 'CC10' } }),
      line(2, '625700', 'debit', 2550, { dimensions: { costCenter: 'CC20' } }),
      line(3, '401000', 'credit', 12550, { partner: 'SUP100' }),
    ],
  });
  const out = await f.adapter.post(p);
  assert.equal(out.status, 'posted');
  assert.match(out.status === 'posted' ? out.erpId : '', /^INV\d{7}$/);
  const [doc] = f.sim.state.findByReference(p.idempotencyKey);
  assert.equal(doc?.kind, 'supplier_invoice');
  assert.equal(doc?.header.BPR, 'SUP100');
  assert.equal(doc?.header.BPRVCR, 'HC-2024-0042');
  assert.equal(doc?.header.AMTATI, '125.50');
  assert.equal(doc?.lines.length, 2);
  assert.deepEqual(await f.adapter.findExisting(p), { erpId: doc?.number, key: p.idempotencyKey });
});

test('supplier-invoice mode: inactive or unknown supplier are partner holds', async () => {
  for (const [partner, code] of [['SUP900', 'PARTNER_INACTIVE'], ['SUP404', 'PARTNER_UNKNOWN']] as const) {
    const out = await f.adapter.post(plan({ kind: 'supplier_invoice', partner, lines: [line(1, '625100', 'debit', 100)] }));
    assert.deepEqual(out.status === 'rejected' && out.reasons.map((r) => r.code), [code]);
  }
});

test('the simulator holds exactly as many documents as were posted', async () => {
  const before = f.sim.state.documentCount();
  const outs = await Promise.all(Array.from({ length: 20 }, () => f.adapter.post(plan())));
  assert.ok(outs.every((o) => o.status === 'posted'));
  assert.equal(f.sim.state.documentCount(), before + 20);
  assert.equal(new Set(outs.map((o) => (o.status === 'posted' ? o.erpId : ''))).size, 20);
});
