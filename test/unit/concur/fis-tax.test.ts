// Tax read from SAP's own FIS samples 2.1-2.4 (shared fixtures, read in place): the split follows Concur's
// amountTax / amountReclaim and the journal rows' amountNetOfTax / amountNetOfReclaim, never a rate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACC, balanced, book, fisDoc } from '../../helpers/fis-booking';

const DIR = process.env.MLC_FIS_SAMPLES ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'concur-fis-samples');
const skip = existsSync(DIR) || process.env.CI ? false : `SAP sample folder ${DIR} not found (set MLC_FIS_SAMPLES)`;

function load(name: string) {
  const raw = JSON.parse(readFileSync(join(DIR, `FI-API-ReportID-${name}.json`), 'utf8')) as { fIDocuments: Array<Record<string, unknown>> };
  const fd = raw.fIDocuments[0]!;
  return fisDoc(fd.document, 'expense', { id: fd.id, companyUuid: fd.companyUuid ?? null });
}

test('SAP 2.1: German VAT 1.60 reclaimed in full posts on the VAT account; net 8.40 stays on the expense', { skip }, () => {
  const doc = load('F071FADEA6B142DD884A-Example-2.1');
  const line = doc.lines[0]!;
  assert.deepEqual(line.tax, { netMinor: 840, recoverableMinor: 160, nonRecoverableMinor: 0, components: [{ code: 'DEVAT', name: 'DEVAT', rate: null, currency: 'EUR', amountMinor: 160, recoverableMinor: 160 }] });
  const r = book(doc);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.taxCode ?? null]), [[ACC.expense, 'debit', 840, 'T-DEVAT'], [ACC.vat, 'debit', 160, 'T-DEVAT'], [ACC.employee, 'credit', 1000, null]]);
});

test('SAP 2.2: VAT 15.97 not reclaimed stays whole in the expense', { skip }, () => {
  const doc = load('641C4F998328438284A2-Example-2.2');
  assert.deepEqual([doc.lines[0]!.tax?.netMinor, doc.lines[0]!.tax?.recoverableMinor, doc.lines[0]!.tax?.nonRecoverableMinor], [8403, 0, 1597]);
  const r = book(doc);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.amountMinor, l.taxRole ?? null]), [[ACC.expense, 10000, 'net'], [ACC.employee, 10000, null]]);
});

test('SAP 2.3 and 2.4: Canadian GST + PST, two tax codes on one entry, partly reclaimed, balanced to the cent', { skip }, () => {
  const d23 = load('0EE74C75C9344DEA942F-Example-2.3');
  // GST 4.42 not reclaimed, PST 7.08 half reclaimed: Concur's amountNetOfReclaim is 96.46 of the gross 100.
  assert.deepEqual(d23.lines[0]!.tax?.components.map((c) => [c.code, c.amountMinor, c.recoverableMinor]), [['JC2E', 442, 0], ['JC1U', 708, 354]]);
  assert.equal(d23.lines[0]!.tax?.netMinor, 8850, 'amountNetOfTax 88.50');
  const r23 = book(d23);
  assert.ok(r23.plan, JSON.stringify(r23.reasons));
  assert.deepEqual(r23.plan.lines.map((l) => [l.account, l.amountMinor]), [[ACC.expense, 9646], [ACC.vat, 354], [ACC.employee, 10000]]);
  const d24 = load('FABA2A8599224AE5A6C8-Example-2.4');
  const t = d24.lines[0]!.tax!;
  // Gross 55.00; amountNetOfTax 48.68 and amountNetOfReclaim 51.83 in Concur's own journal row.
  assert.deepEqual([t.netMinor, t.recoverableMinor, t.nonRecoverableMinor], [4868, 317, 315]);
  const r = book(d24);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.ok(balanced(r.plan));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.amountMinor, l.taxCode ?? null]), [[ACC.expense, 5183, 'T-JC1E'], [ACC.vat, 122, 'T-JC1E'], [ACC.vat, 195, 'T-JC2T'], [ACC.employee, 5500, null]]);
});

test('a sample tax code nobody mapped holds the report with TAX_UNMAPPED, a tax in another currency with TAX_INVALID', { skip }, () => {
  const doc = load('F071FADEA6B142DD884A-Example-2.1');
  const renamed = { ...doc, lines: doc.lines.map((l) => ({ ...l, tax: { ...l.tax!, components: l.tax!.components.map((c) => ({ ...c, code: 'ATVAT' })) } })) };
  assert.deepEqual(book(renamed).reasons.map((r) => [r.code, r.subject]), [['TAX_UNMAPPED', 'ATVAT']]);
  const usd = { ...doc, lines: doc.lines.map((l) => ({ ...l, tax: { ...l.tax!, components: l.tax!.components.map((c) => ({ ...c, currency: 'USD' })) } })) };
  assert.deepEqual(book(usd).reasons.map((r) => r.code), ['TAX_INVALID']);
});

test('a tax row whose amount is not a number is a problem, never a silent zero', () => {
  const doc = fisDoc({ employee: { employeeId: 'E1' }, report: { reportId: 'R1', employeeCurrencyAlphaCode: 'EUR', reportSubmitDate: '2026-01-02' }, expenseEntry: [{ entryId: 'E1', expenseTypeCode: 'MEALS', entryDate: '2026-01-01', entryApprovedAmount: 12, allocation: [{ allocationId: 'A', allocationPercentage: 100, tax: [{ taxCode: 'FR20', amountTax: 'abc', amountReclaim: 2 }] }] }] });
  assert.ok(doc.problems.some((p) => /tax FR20/.test(p.message)), JSON.stringify(doc.problems));
  assert.equal(book(doc).plan, null);
});
