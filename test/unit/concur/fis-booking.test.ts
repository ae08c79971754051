// The numbered cases on documents written here in the FIS schema's terms (each would fail on the
// booking before journal rows were read): cash advances applied, CBCP personal charges without allocation,
// offsetting rows, card lines without a payment type, Concur's own accounts, a funds reservation refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACC, balanced, book, fisDoc, sides } from '../../helpers/fis-booking';

type Row = [payer: string, payee: string, gross: number, account?: string];
const journal = (rows: Row[]) => rows.map(([journalPayer, journalPayee, amountGross, journalAccountCode]) => ({ journalPayer, journalPayee, amountGross, amountNetOfTax: amountGross, journalAccountCode: journalAccountCode ?? '6000' }));
const entry = (id: string, code: string, amount: number, over: Record<string, unknown> = {}, rows?: Row[]) => ({
  entryId: id, expenseTypeCode: code, expenseTypeName: code, entryDate: '2026-11-02T00:00:00.000Z', entryApprovedAmount: amount, entryCurrAlphaCode: 'USD', entryExchangeRate: 1, entryIsPersonal: 'N', reportEntryPatKey: 'CASH',
  allocation: [{ allocationId: `${id}A`, allocationPercentage: 100, allocationCustom1Code: 'CC1', ...(rows ? { journal: journal(rows) } : {}) }],
  ...over,
});
const report = (entries: unknown[], extra: Record<string, unknown> = {}) => ({
  employee: { employeeId: 'E1', employeeFirstName: 'Ada', employeeLastName: 'Lovelace' },
  report: { reportId: 'R1', reportName: 'Trip', employeeCurrencyAlphaCode: 'USD', reportSubmitDate: '2026-11-03T10:00:00.000Z' },
  expenseEntry: entries,
  ...extra,
});

test('1. a cash advance applied credits the clearing account and the employee is owed only the rest (or owes it)', () => {
  const lower = fisDoc(report([entry('E1', 'CARRT', 245, {}, [['COMP', 'EMPL', 245]]), entry('E2', 'DINNR', 70, {}, [['COMP', 'EMPL', 70]])], {
    cashAdvanceApplication: [{ cashAdvanceId: 'CA1', cashAdvanceApplicationAmount: -245, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: 'CADV' }, { cashAdvanceId: 'CA1', cashAdvanceApplicationAmount: -55, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: 'CADV' }],
  }));
  const r = book(lower);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(sides(r.plan), { expense: 31500, employee: 1500, card: 0, cashAdvance: 30000 });
  assert.ok(balanced(r.plan));

  const higher = fisDoc(report([entry('E1', 'CARRT', 315, {}, [['COMP', 'EMPL', 315]])], { cashAdvanceApplication: [{ cashAdvanceId: 'CA2', cashAdvanceApplicationAmount: -400, cashAdvanceClearingAccountCode: 'CADV' }] }));
  const h = book(higher);
  assert.ok(h.plan, JSON.stringify(h.reasons));
  assert.deepEqual(sides(h.plan), { expense: 31500, employee: -8500, card: 0, cashAdvance: 40000 });
  assert.equal(h.plan.lines.find((l) => l.account === ACC.employee)?.side, 'debit', 'the employee owes the difference');

  // Concur's own clearing account when the connection takes accounts from the source.
  const src = book(higher, { accountSource: 'source_then_mapping' });
  assert.ok(src.plan);
  assert.deepEqual(src.plan.lines.filter((l) => l.account === 'CADV').map((l) => [l.side, l.amountMinor, l.accountSource]), [['credit', 40000, 'source']]);

  // No clearing account anywhere: a hold the accountant can act on, never a silent overpayment.
  const none = book(higher, { cashAdvanceAccount: undefined });
  assert.equal(none.plan, null);
  assert.match(none.reasons.map((x) => x.message).join(' '), /cash-advance clearing account/);
});

test('2. a personal charge on a company-billed card (no allocation) is owed by the employee; the card is credited in full', () => {
  const personal = { allocationId: null, allocationPercentage: null, journal: journal([['COMP', 'CBCP', 14, '199999']]) };
  const d = fisDoc(report([
    entry('H1', 'LODNG', 270, { reportEntryPatKey: 'CBCP', cardTransactionID: 'T1' }, [['COMP', 'CBCP', 270]]),
    entry('M1', 'MOVIE', 14, { reportEntryPatKey: 'CBCP', entryIsPersonal: 'Y', allocation: [personal] }),
    entry('T1', 'TAXIX', 35, {}, [['COMP', 'EMPL', 35]]),
  ]));
  assert.deepEqual(d.problems, [], 'a personal entry without allocation is valid');
  const r = book(d);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(sides(r.plan), { expense: 30500, employee: 3500 - 1400, card: 28400, cashAdvance: 0 });
  // SAP 6.2.4 "no offsets": the personal charge is its own employee debit, the out-of-pocket its own credit.
  assert.deepEqual(r.plan.lines.filter((l) => l.account === ACC.employee).map((l) => [l.side, l.amountMinor]).sort(), [['credit', 3500], ['debit', 1400]]);
  assert.ok(r.plan.lines.every((l) => l.account !== '199999' || l.side !== 'debit'), 'a personal charge is never expensed');

  // Entirely personal, no journal rows, CBCP payment type: still posts (SAP 6.2.3: employee 300 debit, card 300 credit).
  const only = fisDoc(report([entry('D1', 'DINNR', 300, { reportEntryPatKey: 'CBCP', entryIsPersonal: 'Y', allocation: [{ allocationId: null, allocationPercentage: null }] })]));
  const o = book(only);
  assert.ok(o.plan, JSON.stringify(o.reasons));
  assert.deepEqual(sides(o.plan), { expense: 0, employee: -30000, card: 30000, cashAdvance: 0 });
});

test('3. offsetting rows split one entry between the employee and the card, as the journal says', () => {
  // SAP 6.1.6 with offsetting: the taxi's 35 is 21 to the employee and 14 to the card vendor.
  const d = fisDoc(report([
    entry('H1', 'LODNG', 270, { reportEntryPatKey: 'IBCP', offsetPayType: 'Y' }, [['COMP', 'IBCP', 270]]),
    entry('T1', 'TAXIX', 35, { reportEntryPatKey: 'CASH', offsetPayType: 'Y' }, [['COMP', 'EMPL', 21], ['COMP', 'IBCP', 14]]),
  ]));
  const r = book(d);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(sides(r.plan), { expense: 30500, employee: 2100, card: 28400, cashAdvance: 0 });
});

test('4. a card line without a payment-type key goes to the card when the journal or the card fields say so', () => {
  const byJournal = fisDoc(report([entry('C1', 'AIRFR', 500, { reportEntryPatKey: null, cardTransactionID: 'TX9' }, [['COMP', 'CBCP', 500]])]));
  const a = book(byJournal);
  assert.ok(a.plan);
  assert.deepEqual(sides(a.plan), { expense: 50000, employee: 0, card: 50000, cashAdvance: 0 });
  const byCardFields = fisDoc(report([entry('C1', 'AIRFR', 500, { reportEntryPatKey: null, cardTransactionID: 'TX9', cardTransactionAmount: 500 })]));
  const b = book(byCardFields);
  assert.ok(b.plan);
  assert.deepEqual(sides(b.plan), { expense: 50000, employee: 0, card: 50000, cashAdvance: 0 });
});

test("5. Concur's journal account codes, the mapping, or Concur's with the mapping as fallback — the dry run says which", () => {
  const d = fisDoc(report([entry('E1', 'CARRT', 100, {}, [['COMP', 'EMPL', 100, '6109']]), entry('E2', 'PARKG', 10, { allocation: [{ allocationId: 'X', allocationPercentage: 100 }] })]));
  const accounts = (over: Parameters<typeof book>[1], mapped = true) => {
    const r = book(d, over, mapped);
    return r.plan ? r.plan.lines.filter((l) => l.sourceLineId).map((l) => [l.sourceLineId, l.account, l.accountSource]) : r.reasons.map((x) => x.code);
  };
  assert.deepEqual(accounts({}), [['E1', ACC.expense, 'mapping'], ['E2', ACC.expense, 'mapping']]);
  assert.deepEqual(accounts({ accountSource: 'source_then_mapping' }), [['E1', '6109', 'source'], ['E2', ACC.expense, 'mapping']]);
  assert.deepEqual(accounts({ accountSource: 'source' }), ['ACCOUNT_UNKNOWN'], 'E2 has no Concur account and no fallback');
  assert.deepEqual(accounts({ accountSource: 'source_then_mapping' }, false), ['NEEDS_MAPPING']);
  const notes = book(d, { accountSource: 'source_then_mapping' }).plan!.notes.join('\n');
  assert.match(notes, /Line E1: account 6109 from the source's journal/);
  assert.match(notes, /Line E2: account EXP from the expense-type mapping/);
});

test('6. a funds reservation served under the expense listing is recognised from its content and refused', () => {
  const obligation = { instruction: { instruction: 'obligate' }, ...report([entry('E1', 'AIRFR', 4.23, {}, [['COMP', 'EMPL', 4.23]])]) };
  const d = fisDoc(obligation);
  assert.deepEqual(d.problems.map((p) => p.code), ['UNSUPPORTED_DOCUMENT']);
  assert.equal(d.tenant, 'c0ffee00-0000-4000-8000-000000000001', 'the tenant is the FIS companyUuid');
  assert.match(d.problems[0]!.message, /funds reservation .*"obligate".*does not post/);
  const r = book(d);
  assert.equal(r.plan, null);
  assert.deepEqual(r.reasons.map((x) => x.code), ['UNSUPPORTED_DOCUMENT'], 'the one reason, not a list of missing fields');
});

test('journal rows that do not add up to the entry, or name nobody who is owed, hold the document as sent', () => {
  const off = fisDoc(report([entry('E1', 'CARRT', 100, {}, [['COMP', 'EMPL', 90]])]));
  assert.match(book(off).reasons.map((x) => `${x.code} ${x.message}`).join(' '), /SOURCE_INVALID .*settle 90\.00 USD but the line is 100\.00 USD/);
  const nobody = fisDoc(report([entry('E1', 'CARRT', 100, {}, [['COMP', 'XYZ', 100]])]));
  assert.deepEqual(nobody.problems.map((p) => p.code), ['SOURCE_INVALID']);
});

test("5b. invoices and v3 allocations carry Concur's account too (lineItem accountCode, allocation journal, AccountCode1)", () => {
  const invoice = { requestHeader: { requestId: 'Q1', vendorInvoiceNumber: 'INV-1', invoiceDate: '2026-11-02', currencyAlphaCode: 'USD' }, vendor: { vendorCode: 'V1', vendorName: 'Acme' }, ownerEmployee: { employeeId: 'E1' },
    lineItem: [{ lineItemSequenceOrder: 1, expenseTypeCode: 'OFFIC', amountGross: 50, accountCode: '6400' }, { lineItemSequenceOrder: 2, expenseTypeCode: 'OFFIC', amountGross: 20, allocation: [{ allocationPercentage: 100, journal: [{ journalAccountCode: '6410' }] }] }] };
  const r = book(fisDoc(invoice, 'invoice'), { accountSource: 'source', payablesAccount: 'APPAY' });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.filter((l) => l.sourceLineId).map((l) => [l.account, l.amountMinor]), [['6400', 5000], ['6410', 2000]]);
  // Posted as a journal, the invoice is owed to its vendor on the payables account, not to the owner employee.
  assert.deepEqual(r.plan.lines.filter((l) => !l.sourceLineId).map((l) => [l.account, l.side, l.amountMinor, l.partner, l.partnerRole]), [['APPAY', 'credit', 7000, 'V1', 'vendor']]);
});

test('a report with a cash advance is never paid in full as a supplier invoice', async () => {
  const { planDocument } = await import('../../../main/core/engine/plan');
  const { createMappingLookup } = await import('../../../main/core/engine/mapping-lookup');
  const { postingRulesSchema } = await import('../../../shared/schemas/connection');
  const d = fisDoc(report([entry('E1', 'CARRT', 315, {}, [['COMP', 'EMPL', 315]])], { cashAdvanceApplication: [{ cashAdvanceId: 'CA2', cashAdvanceApplicationAmount: -300, cashAdvanceClearingAccountCode: 'CADV' }] }));
  const rules = postingRulesSchema.parse({ liabilityAccount: ACC.employee, cardClearingAccount: ACC.card, cashAdvanceAccount: ACC.cashAdvance, requiredDimensions: [] });
  const lookup = createMappingLookup([{ connectionId: 'c', kind: 'expense_type', sourceCode: '*', sourceName: '', target: 'EXP', dimensions: {}, updatedAt: '', updatedBy: '', unmapped: false }, { connectionId: 'c', kind: 'employee', sourceCode: '*', sourceName: '', target: 'EMPV', dimensions: {}, updatedAt: '', updatedBy: '', unmapped: false }]);
  const r = planDocument({ doc: d, key: 'K', kind: 'supplier_invoice', rules, lookup, maxDescriptionLength: 250 });
  assert.equal(r.plan, null);
  assert.match(r.reasons.map((x) => x.message).join(' '), /cash advance .* journal/);
});
