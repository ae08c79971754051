// The pure planners for changes after posting: differences per account, reversal, difference journal; every
// plan balances to the cent, amounts stay positive minor units, supplier invoices are refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountDifferences, adjustModesFor, assertBalanced, differencePlan, newVersionPlan, reversalPlan } from '../../../main/core/changes/adjustment-plan';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { buildPlan, planLine } from '../../helpers/adapter-context';

const posted = (): PostingPlan => buildPlan(
  { idempotencyKey: 'MLC-POSTED', sourceId: 'R1', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'Trip', partner: 'E1', lines: [
    planLine(1, '625100', 'debit', 10001, { dimensions: { costCenter: 'CC1' } }),
    planLine(2, '625200', 'debit', 4999, { dimensions: { costCenter: 'CC2' } }),
    planLine(3, '421000', 'credit', 15000, { partner: 'E1' }),
  ] },
  {},
);
const changed = (): PostingPlan => ({
  ...posted(),
  lines: [
    planLine(1, '625100', 'debit', 10034, { dimensions: { costCenter: 'CC1' } }),
    planLine(2, '625300', 'debit', 4999, { dimensions: { costCenter: 'CC2' } }),
    planLine(3, '421000', 'credit', 15033, { partner: 'E1' }),
  ],
  totalMinor: 15033,
});
const base = (key: string) => ({ key, postingDate: '2026-11-02', description: 'Adjustment', maxDescriptionLength: 40 });

test('the reversal is the posted journal on swapped sides, under its own key, balanced', () => {
  const r = reversalPlan(posted(), base('MLC-REV'));
  assertBalanced(r);
  assert.equal(r.idempotencyKey, 'MLC-REV');
  assert.deepEqual(r.lookupKeys, []);
  assert.equal(r.postingDate, '2026-11-02');
  assert.deepEqual(r.lines.map((l) => [l.account, l.side, l.amountMinor]), [['625100', 'credit', 10001], ['625200', 'credit', 4999], ['421000', 'debit', 15000]]);
  assert.equal(r.totalMinor, 15000);
  assert.ok(r.lines.every((l) => l.description.length <= 40));
});

test('the difference journal carries new minus posted per account, to the cent, and balances', () => {
  const d = differencePlan(posted(), changed(), base('MLC-DIFF'))!;
  assertBalanced(d);
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor, l.dimensions.costCenter ?? null]).sort(), [
    ['421000', 'credit', 33, null],
    ['625100', 'debit', 33, 'CC1'],
    ['625200', 'credit', 4999, 'CC2'],
    ['625300', 'debit', 4999, 'CC2'],
  ]);
  assert.equal(d.totalMinor, 5032);
  // Posted + difference = new version, per account.
  const net = accountDifferences(posted(), changed());
  assert.equal(net.reduce((s, n) => s + n.differenceMinor, 0), 0);
  assert.deepEqual(net.find((n) => n.account === '625100'), { account: '625100', dimensions: { costCenter: 'CC1' }, partner: null, beforeMinor: 10001, afterMinor: 10034, differenceMinor: 33 });
});

test('the same account on another dimension is a difference of its own; nothing different gives no document', () => {
  const moved = { ...posted(), lines: posted().lines.map((l) => (l.lineNo === 1 ? { ...l, dimensions: { costCenter: 'CC9' } } : l)) };
  const d = differencePlan(posted(), moved, base('MLC-D2'))!;
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor, l.dimensions.costCenter]), [['625100', 'credit', 10001, 'CC1'], ['625100', 'debit', 10001, 'CC9']]);
  assert.equal(differencePlan(posted(), { ...posted(), description: 'renamed' }, base('MLC-D3')), null);
});

test('many odd cent amounts: reversal and difference always balance exactly', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 100_000 + 1;
  for (let i = 0; i < 200; i++) {
    const mk = (n: number): PostingPlan => {
      const amounts = Array.from({ length: n }, rnd);
      const total = amounts.reduce((s, a) => s + a, 0);
      const lines = [...amounts.map((a, j) => planLine(j + 1, `6${j % 3}00`, 'debit', a, { dimensions: { costCenter: `CC${j % 2}` } })), planLine(n + 1, '421000', 'credit', total, { partner: 'E1' })];
      return { ...posted(), lines, totalMinor: total };
    };
    const a = mk(1 + (i % 5));
    const b = mk(1 + ((i * 3) % 6));
    assertBalanced(reversalPlan(a, base('K1')));
    const d = differencePlan(a, b, base('K2'));
    if (d) assertBalanced(d);
    assertBalanced(newVersionPlan(b, base('K3')));
  }
});

test('what may be done: journals both ways, a currency change only by reversal, supplier invoices only accepted (with why)', () => {
  assert.deepEqual(adjustModesFor(posted(), changed()), { modes: ['reverse', 'difference'], why: null });
  const usd = adjustModesFor(posted(), { ...changed(), currency: 'USD' });
  assert.deepEqual(usd.modes, ['reverse']);
  assert.match(usd.why!, /currency changed/);
  const bill = adjustModesFor({ ...posted(), kind: 'supplier_invoice' }, { ...changed(), kind: 'supplier_invoice' });
  assert.deepEqual(bill.modes, []);
  assert.match(bill.why!, /credit document/);
  // Recalled (no new version): a journal can be reversed, a supplier invoice only accepted.
  assert.deepEqual(adjustModesFor(posted(), null).modes, ['reverse']);
  assert.deepEqual(adjustModesFor({ ...posted(), kind: 'supplier_invoice' }, null).modes, []);
  // The ledger holds nothing any more (a reversed recall): the new version alone, or nothing to do.
  assert.deepEqual(adjustModesFor(null, changed(), false).modes, ['reverse']);
  assert.deepEqual(adjustModesFor(null, null, false).modes, []);
  assert.deepEqual(adjustModesFor(null, changed()).modes, [], 'posted plan unknown (twin): accept only');
  assert.throws(() => reversalPlan({ ...posted(), kind: 'supplier_invoice' }, base('K')), /supplier invoice/);
  assert.throws(() => differencePlan(posted(), { ...changed(), currency: 'USD' }, base('K')), /currency changed/);
});

test('an unbalanced or non-positive plan is refused', () => {
  assert.throws(() => assertBalanced({ ...posted(), lines: posted().lines.slice(0, 2) }), /does not balance/);
  assert.throws(() => assertBalanced({ ...posted(), lines: posted().lines.map((l) => ({ ...l, amountMinor: 0 })) }), /positive minor units/);
  assert.throws(() => assertBalanced({ ...posted(), lines: posted().lines.map((l) => ({ ...l, amountMinor: 1.5 })) }), /positive minor units/);
});

test('an invoice journal changed after posting: the difference on the payables line still names a vendor, even against a plan stored without roles', () => {
  const inv = (amount: number, role?: 'vendor'): PostingPlan => buildPlan(
    { idempotencyKey: 'MLC-INV', sourceId: 'I1', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'Acme', partner: 'V1', lines: [
      planLine(1, '606400', 'debit', amount),
      planLine(2, '401000', 'credit', amount, { partner: 'V1', ...(role ? { partnerRole: role } : {}) }),
    ] },
    { sourceKind: 'invoice' },
  );
  const d = differencePlan(inv(10000), inv(12500, 'vendor'), base('MLC-D-INV'))!;
  assertBalanced(d);
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor, l.partner, l.partnerRole]), [['401000', 'credit', 2500, 'V1', 'vendor'], ['606400', 'debit', 2500, null, undefined]]);
  assert.equal(reversalPlan(inv(12500, 'vendor'), base('MLC-R-INV')).lines[1]!.partnerRole, 'vendor');
});
