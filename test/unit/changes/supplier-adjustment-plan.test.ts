// The pure planners for supplier invoices changed after posting: the credit for the posted invoice (same lines,
// swapped sides, its total), the difference as an additional invoice or a credit, every total the net of its
// lines to the cent; and which adjustments are offered with and without a credit document in the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustModesFor, assertBalanced, creditPlan, newVersionPlan, supplierDifferencePlan, supplierNet } from '../../../main/core/changes/adjustment-plan';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { buildPlan, planLine } from '../../helpers/adapter-context';

const invoice = (lines = [planLine(1, '6110', 'debit', 20000, { dimensions: { department: '10' } }), planLine(2, '6130', 'debit', 1999, { dimensions: { location: '31' } }), planLine(3, '6140', 'credit', 500)]): PostingPlan => {
  const p = buildPlan({ idempotencyKey: 'MLC-BILL', sourceId: 'INV1', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'Hotel', partner: 'V1', lines }, { kind: 'supplier_invoice', invoiceNumber: 'H-77' });
  return { ...p, totalMinor: supplierNet(p) };
};
const base = (key: string) => ({ key, postingDate: '2026-11-02', description: 'Adjustment', maxDescriptionLength: 40 });

test('the credit for a posted invoice has its lines on swapped sides, its total, supplier and invoice number', () => {
  const c = creditPlan(invoice(), base('MLC-CR'));
  assertBalanced(c);
  assert.equal(c.kind, 'supplier_credit');
  assert.equal(c.idempotencyKey, 'MLC-CR');
  assert.deepEqual(c.lookupKeys, []);
  assert.deepEqual(c.lines.map((l) => [l.account, l.side, l.amountMinor, l.dimensions]), [['6110', 'credit', 20000, { department: '10' }], ['6130', 'credit', 1999, { location: '31' }], ['6140', 'debit', 500, {}]]);
  assert.equal(c.totalMinor, 21499);
  assert.equal(c.partner, 'V1');
  assert.equal(c.invoiceNumber, 'H-77');
  assert.ok(c.lines.every((l) => l.description.length <= 40));
  assert.throws(() => creditPlan({ ...invoice(), kind: 'journal' }, base('X')), /journal is reversed by a journal/);
});

test('a lower total is a credit for the difference, one line per account that changed, to the cent', () => {
  const after = invoice([planLine(1, '6110', 'debit', 19999, { dimensions: { department: '10' } }), planLine(2, '6130', 'debit', 1999, { dimensions: { location: '31' } }), planLine(3, '6140', 'credit', 500)]);
  const d = supplierDifferencePlan(invoice(), after, base('MLC-D'))!;
  assertBalanced(d);
  assert.equal(d.kind, 'supplier_credit');
  assert.equal(d.totalMinor, 1);
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor]), [['6110', 'credit', 1]]);
});

test('a higher total is an additional invoice; accounts moved both ways net to the difference of the totals', () => {
  const after = invoice([planLine(1, '6110', 'debit', 15000, { dimensions: { department: '10' } }), planLine(2, '6130', 'debit', 1999, { dimensions: { location: '31' } }), planLine(3, '6150', 'debit', 5003)]);
  const d = supplierDifferencePlan(invoice(), after, base('MLC-D'))!;
  assertBalanced(d);
  assert.equal(d.kind, 'supplier_invoice');
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor]), [['6110', 'credit', 5000], ['6140', 'debit', 500], ['6150', 'debit', 5003]]);
  assert.equal(d.totalMinor, after.totalMinor - invoice().totalMinor);
  assert.equal(d.totalMinor, 503);
});

test('no account differs: no difference; same total with accounts moved: refused (no document of zero)', () => {
  assert.equal(supplierDifferencePlan(invoice(), { ...invoice(), description: 'Renamed' }, base('MLC-D')), null);
  const moved = invoice([planLine(1, '6120', 'debit', 20000, { dimensions: { department: '10' } }), planLine(2, '6130', 'debit', 1999, { dimensions: { location: '31' } }), planLine(3, '6140', 'credit', 500)]);
  assert.throws(() => supplierDifferencePlan(invoice(), moved, base('MLC-D')), /zero/);
  assert.throws(() => supplierDifferencePlan(invoice(), { ...moved, currency: 'USD' }, base('MLC-D')), /currency changed/);
});

test('a supplier document balances only when its total is the positive net of its lines', () => {
  assertBalanced(invoice());
  assert.throws(() => assertBalanced({ ...invoice(), totalMinor: 21500 }), /does not balance/);
  assert.throws(() => assertBalanced(newVersionPlan({ ...invoice(), totalMinor: 0, lines: [planLine(1, '6110', 'debit', 500), planLine(2, '6140', 'credit', 500)] }, base('K'))), /does not balance/);
  assert.throws(() => assertBalanced({ ...creditPlan(invoice(), base('K')), totalMinor: -21499 }), /does not balance/);
  assert.equal(newVersionPlan(invoice(), base('MLC-NEW')).kind, 'supplier_invoice');
});

test('offered: nothing without a credit document; with one, reverse and difference, reverse only for a same total or currency change', () => {
  const lower = invoice([planLine(1, '6110', 'debit', 100)]);
  assert.deepEqual(adjustModesFor(invoice(), lower).modes, []);
  assert.match(adjustModesFor(invoice(), lower).why!, /accept/);
  assert.deepEqual(adjustModesFor(invoice(), lower, true, 'vendor credit'), { modes: ['reverse', 'difference'], why: null });
  assert.deepEqual(adjustModesFor(invoice(), { ...lower, currency: 'USD' }, true, 'vendor credit').modes, ['reverse']);
  assert.deepEqual(adjustModesFor(invoice(), { ...invoice(), description: 'x' }, true, 'vendor credit').modes, ['reverse']);
  assert.deepEqual(adjustModesFor(invoice(), null, true, 'vendor credit').modes, ['reverse']);
  assert.deepEqual(adjustModesFor(invoice(), { ...lower, kind: 'journal' }, true, 'vendor credit').modes, []);
});

test('a plan carrying the vendor payable line (Intacct) nets its expense lines only: credit and difference still balance', () => {
  const withPayable = invoice([planLine(1, '6110', 'debit', 20000), planLine(2, '6130', 'debit', 1999), planLine(3, '2000', 'credit', 21999, { partner: 'V1' })]);
  assert.equal(withPayable.totalMinor, 21999);
  const c = creditPlan(withPayable, base('MLC-CR'));
  assert.equal(c.totalMinor, 21999);
  assert.equal(supplierNet(c), 21999);
  const after = { ...withPayable, lines: withPayable.lines.map((l) => (l.account === '6110' ? { ...l, amountMinor: 17999 } : l.account === '2000' ? { ...l, amountMinor: 19998 } : l)), totalMinor: 19998 };
  const d = supplierDifferencePlan(withPayable, after, base('MLC-DF'))!;
  assert.equal(d.kind, 'supplier_credit');
  assert.equal(d.totalMinor, 2001);
  assert.deepEqual(d.lines.map((l) => [l.account, l.side, l.amountMinor, l.partner]), [['2000', 'debit', 2001, 'V1'], ['6110', 'credit', 2001, null]]);
  // A line carrying another partner is an expense line, not the payable side.
  assert.equal(supplierNet({ ...withPayable, partner: 'V2' }), 0);
});
