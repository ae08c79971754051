// The v3 Reports path books a report like the FIS path wherever v3 has the data: payment type or card flag,
// a personal charge on a company-billed card, and a cash advance read from AmountDueEmployee.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportToDocument } from '../../../main/core/adapters/concur/from-remote';
import type { ConcurEntry, ConcurReport } from '../../../main/core/adapters/concur/schemas';
import { balanced, book, FIS_SETTINGS, sides } from '../../helpers/fis-booking';

const report = (over: Record<string, unknown> = {}): ConcurReport => ({ ID: 'R1', Name: 'Trip', CurrencyCode: 'USD', SubmitDate: '2026-11-03T10:00:00', LastModifiedDate: '2026-11-04T10:00:00', OwnerLoginID: 'ada@example.com', OwnerName: 'Ada', ...over });
const entry = (ID: string, amount: number, over: Record<string, unknown> = {}): ConcurEntry => ({ ID, ReportID: 'R1', ExpenseTypeCode: 'HOTEL', ExpenseTypeName: 'Hotel', TransactionDate: '2026-11-02T00:00:00', ApprovedAmount: amount, PaymentTypeID: 'CASH', IsPersonal: false, ...over });
const v3 = (r: ConcurReport, entries: ConcurEntry[]) => reportToDocument(r, entries, [], FIS_SETTINGS);

test('v3: a personal charge on a company-billed card is owed by the employee; the card is credited in full', () => {
  const d = v3(report(), [entry('E1', 270, { PaymentTypeID: 'CBCP' }), entry('E2', 14, { PaymentTypeID: 'CBCP', IsPersonal: true }), entry('E3', 35)]);
  const r = book(d);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(sides(r.plan), { expense: 30500, employee: 2100, card: 28400, cashAdvance: 0 });
  // A personal cash expense stays out: the employee paid it, nobody owes anything.
  const cash = book(v3(report(), [entry('E1', 20), entry('E2', 9, { IsPersonal: true })]));
  assert.deepEqual(sides(cash.plan!), { expense: 2000, employee: 2000, card: 0, cashAdvance: 0 });
});

test('v3: a card charge without a payment type goes to the card by its credit-card flag', () => {
  const r = book(v3(report(), [entry('E1', 50, { PaymentTypeID: null, IsCreditCardCharge: true })]));
  assert.deepEqual(sides(r.plan!), { expense: 5000, employee: 0, card: 5000, cashAdvance: 0 });
});

test('v3: AmountDueEmployee below what the entries owe is a cash advance applied', () => {
  const d = v3(report({ AmountDueEmployee: 15 }), [entry('E1', 245), entry('E2', 60), entry('E3', 10)]);
  const r = book(d);
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.ok(balanced(r.plan));
  assert.deepEqual(sides(r.plan), { expense: 31500, employee: 1500, card: 0, cashAdvance: 30000 });
  assert.deepEqual(sides(book(v3(report({ AmountDueEmployee: 315 }), [entry('E1', 315)])).plan!), { expense: 31500, employee: 31500, card: 0, cashAdvance: 0 }, 'nothing applied');
  assert.deepEqual(v3(report({ AmountDueEmployee: 400 }), [entry('E1', 315)]).problems.map((p) => p.code), ['SOURCE_INVALID'], 'more due than explained');
});

test("v3: an allocation's AccountCode1 is Concur's account for the account source 'source'", () => {
  const d = reportToDocument(report(), [entry('E1', 80)], [{ ID: 'A1', EntryID: 'E1', Percentage: 100, AccountCode1: '6251' }], FIS_SETTINGS);
  const r = book(d, { accountSource: 'source' });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.filter((l) => l.sourceLineId).map((l) => [l.account, l.accountSource]), [['6251', 'source']]);
});
