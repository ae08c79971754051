// Pure period logic: the reference-row codec, the connection rule (old Intacct setting kept), hold / move
// decisions per kind of document, re-date checks, and each ERP's period rows mapped to periods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErpPeriod } from '../../../shared/schemas/period';
import { closedPeriodRule, periodLabel, periodToReference, referenceToPeriod } from '../../../shared/schemas/period';
import { connectionInputSchema } from '../../../shared/schemas/connection';
import { checkPeriod, namePeriodRefusals, periodAt, periodsOf, redateProblem, withOriginalDate } from '../../../main/core/engine/periods';
import { periodRow } from '../../../main/core/adapters/netsuite/periods';
import { periodDetail, yearsToPeriods } from '../../../main/core/adapters/acumatica/periods';
import { nodesToPeriods, x3PeriodOpen } from '../../../main/core/adapters/sage-x3/periods';
import { plan } from '../../helpers/x3-context';

const month = (m: string, over: Partial<ErpPeriod> = {}): ErpPeriod => {
  const [y, mm] = [Number(m.slice(0, 4)), Number(m.slice(5, 7))];
  const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
  return { start: `${m}-01`, end: `${m}-${last}`, name: m, closed: false, allLocked: false, apLocked: false, arLocked: false, ...over };
};
const YEAR = ['2026-09', '2026-10', '2026-11', '2026-12'].map((m) => month(m));
const withFlags = (flags: Record<string, Partial<ErpPeriod>>) => YEAR.map((p) => ({ ...p, ...(flags[p.start.slice(0, 7)] ?? {}) }));

test('a period travels as a reference row and comes back the same; other kinds are not periods', () => {
  const p = month('2026-11', { name: 'Nov 2026', apLocked: true, arLocked: true });
  const item = periodToReference(p);
  assert.deepEqual(item, { kind: 'period', dimensionType: 'apLocked+arLocked', code: '2026-11-01/2026-11-30', name: 'Nov 2026', active: true });
  assert.deepEqual(referenceToPeriod(item), p);
  assert.equal(periodToReference(month('2026-10', { closed: true })).active, false);
  assert.equal(referenceToPeriod({ kind: 'account', dimensionType: '', code: '6100', name: 'x', active: true }), null);
  assert.equal(referenceToPeriod({ kind: 'period', dimensionType: '', code: 'garbage', name: 'x', active: true }), null);
  assert.deepEqual(periodsOf([periodToReference(YEAR[2]!), periodToReference(YEAR[0]!)]).map((x) => x.start), ['2026-09-01', '2026-11-01']);
});

test('period labels: a calendar month by its name, anything else with its dates', () => {
  assert.equal(periodLabel(month('2026-11')), 'November 2026');
  assert.equal(periodLabel({ start: '2026-11-01', end: '2026-11-28', name: 'P11' }), 'P11 (2026-11-01 to 2026-11-28)');
});

test('the one connection setting; an older Sage Intacct connection keeps its target.closedPeriod meaning', () => {
  const base = { rules: {}, target: { system: 'netsuite' } };
  assert.equal(closedPeriodRule(base), 'hold');
  assert.equal(closedPeriodRule({ rules: { closedPeriod: 'next_open_period' }, target: { system: 'acumatica' } }), 'next_open_period');
  assert.equal(closedPeriodRule({ rules: {}, target: { system: 'sage-intacct', closedPeriod: 'next_open_period' } as { system: string } }), 'next_open_period');
  assert.equal(closedPeriodRule({ rules: { closedPeriod: 'hold' }, target: { system: 'sage-intacct', closedPeriod: 'next_open_period' } as { system: string } }), 'hold', 'the new setting wins once set');
  assert.equal(connectionInputSchema.shape.rules.safeParse({ liabilityAccount: '1', cardClearingAccount: '2', closedPeriod: 'sometimes' }).success, false);
});

test('hold: a journal in a closed or all-locked month; a supplier invoice also in an A/P-locked one; an open month passes', () => {
  const periods = withFlags({ '2026-09': { closed: true }, '2026-10': { allLocked: true }, '2026-11': { apLocked: true } });
  const j = (d: string) => checkPeriod(plan({ postingDate: d }), periods, 'hold', 'sage-x3', 250);
  const inv = (d: string) => checkPeriod(plan({ postingDate: d, kind: 'supplier_invoice' }), periods, 'hold', 'netsuite', 250);
  assert.match(j('2026-09-30').reasons[0]!.message, /^September 2026 is closed in Sage X3/);
  assert.match(j('2026-10-01').reasons[0]!.message, /^October 2026 is locked for all transactions in Sage X3/);
  assert.deepEqual(j('2026-11-15').reasons, []);
  assert.match(inv('2026-11-15').reasons[0]!.message, /^November 2026 is locked for payables \(A\/P\) in NetSuite/);
  assert.deepEqual(inv('2026-12-15').reasons, []);
  assert.deepEqual(checkPeriod(plan({ postingDate: '2027-05-01' }), periods, 'hold', 'sage-x3', 250).reasons, [], 'a date outside the known periods: no opinion, the ERP decides');
  assert.deepEqual(checkPeriod(plan({ postingDate: '2026-09-30' }), [], 'hold', 'sage-x3', 250).reasons, [], 'no period data: no opinion');
});

test('move: to the 1st of the first period that takes the document, or a hold when none is known', () => {
  const periods = withFlags({ '2026-09': { closed: true }, '2026-10': { apLocked: true } });
  const journal = checkPeriod(plan({ postingDate: '2026-09-12', description: 'Trip to Lyon' }), periods, 'next_open_period', 'acumatica', 250);
  assert.equal(journal.plan.postingDate, '2026-10-01');
  assert.equal(journal.plan.documentDate, '2024-03-14', 'the document date is untouched');
  assert.equal(journal.plan.description, 'Trip to Lyon (dated 2026-09-12)');
  const invoice = checkPeriod(plan({ postingDate: '2026-09-12', kind: 'supplier_invoice' }), periods, 'next_open_period', 'acumatica', 250);
  assert.equal(invoice.plan.postingDate, '2026-11-01');
  const none = checkPeriod(plan({ postingDate: '2026-12-05' }), withFlags({ '2026-12': { closed: true } }), 'next_open_period', 'netsuite', 250);
  assert.match(none.reasons[0]!.message, /December 2026 is closed in NetSuite and no later open period is known there/);
  assert.equal(withOriginalDate('x'.repeat(40), '2026-09-12', 30).length, 30);
  assert.equal(withOriginalDate('x'.repeat(40), '2026-09-12', 30), `${'x'.repeat(10)}… (dated 2026-09-12)`);
});

test('re-date checks: malformed, not a day, closed, past the last period, in the future without period data', () => {
  const periods = withFlags({ '2026-10': { closed: true }, '2026-11': { apLocked: true } });
  assert.match(redateProblem('01/12/2026', 'journal', periods, 'netsuite', '2026-12-06')!, /not a date: use YYYY-MM-DD/);
  assert.match(redateProblem('2026-02-30', 'journal', periods, 'netsuite', '2026-12-06')!, /not a day of the calendar/);
  assert.match(redateProblem('2026-10-03', 'journal', periods, 'netsuite', '2026-12-06')!, /October 2026 is closed in NetSuite/);
  assert.equal(redateProblem('2026-11-03', 'journal', periods, 'netsuite', '2026-12-06'), null);
  assert.match(redateProblem('2026-11-03', 'supplier_invoice', periods, 'netsuite', '2026-12-06')!, /locked for payables/);
  assert.match(redateProblem('2027-01-04', 'journal', periods, 'netsuite', '2026-12-06')!, /past the last period NetSuite has \(December 2026 ends 2026-12-31\)/);
  assert.match(redateProblem('2026-01-04', 'journal', periods, 'netsuite', '2026-12-06')!, /falls in no accounting period/);
  assert.equal(redateProblem('2026-12-01', 'journal', [], 'sage-intacct', '2026-12-06'), null);
  assert.match(redateProblem('2027-01-04', 'journal', [], 'sage-intacct', '2026-12-06')!, /in the future, past the current month \(2026-12\)/);
  assert.match(redateProblem('2026-09-30', 'journal', [], 'sage-x3', '2026-12-06', ['2026-09'])!, /^September 2026 is closed in Sage X3 \(it refused this document for that period\)/);
  assert.equal(periodAt(periods, '2026-11-30')?.start, '2026-11-01');
});

test('NetSuite rows: ISO dates and T/F flags; rows without ISO dates are dropped, never guessed', () => {
  assert.deepEqual(periodRow({ id: '7', periodname: 'Nov 2026', startdate: '2026-11-01', enddate: '2026-11-30', closed: 'F', alllocked: 'F', aplocked: 'T', arlocked: 'T' }), { start: '2026-11-01', end: '2026-11-30', name: 'Nov 2026', closed: false, allLocked: false, apLocked: true, arLocked: true });
  assert.equal(periodRow({ id: '8', periodname: 'Dec 2026', startdate: '12/1/2026', enddate: '12/31/2026' }), null);
  assert.equal(periodRow({ id: '9', startdate: '2026-12-31', enddate: '2026-12-01' }), null);
  assert.equal(periodRow({ id: '10', startdate: '2026-12-01', enddate: '2026-12-31' })?.closed, false, 'NetSuite leaves F columns out: not closed');
});

test('Acumatica Details rows: Status other than Open refuses, ClosedInAP locks payables, adjustment periods are left out', () => {
  const w = (v: unknown) => ({ value: v });
  const row = (status: string, extra: Record<string, unknown> = {}) => ({ FinancialPeriodID: w('112026'), StartDate: w('2026-11-01T00:00:00+00:00'), EndDate: w('2026-11-30T00:00:00+00:00'), Status: w(status), ClosedInAP: w(false), ...extra });
  assert.deepEqual(periodDetail(row('Open')), { start: '2026-11-01', end: '2026-11-30', name: '112026', closed: false, allLocked: false, apLocked: false, arLocked: false });
  assert.equal(periodDetail(row('Closed'))?.closed, true);
  assert.deepEqual([periodDetail(row('Locked'))?.closed, periodDetail(row('Locked'))?.allLocked], [true, true]);
  assert.equal(periodDetail(row('Inactive'))?.closed, true);
  assert.equal(periodDetail(row('Open', { ClosedInAP: w(true) }))?.apLocked, true);
  assert.equal(periodDetail(row('Open', { AdjustmentPeriod: w(true) })), null);
  assert.equal(periodDetail({ Status: w('Open') }), null);
  assert.deepEqual(yearsToPeriods([{ FinancialYear: w('2027'), Details: [row('Open', { StartDate: w('2027-01-01T00:00:00'), EndDate: w('2027-01-31T00:00:00') })] }, { FinancialYear: w('2026'), Details: [row('Open')] }]).map((p) => p.start), ['2026-11-01', '2027-01-01']);
});

test('X3 period nodes: the connection\'s company only, the stricter status when ledgers disagree', () => {
  const node = (company: string, status: string, ledger = 1) => ({ company: { code: company }, ledgerTypeNumber: ledger, fiscalYear: 2026, code: 11, startDate: '2026-11-01', endDate: '2026-11-30', status });
  assert.deepEqual(nodesToPeriods([node('C01', 'open'), node('C02', 'closed')], 'C01'), [{ start: '2026-11-01', end: '2026-11-30', name: '2026/11', closed: false, allLocked: false, apLocked: false, arLocked: false }]);
  assert.equal(nodesToPeriods([node('C01', 'open', 1), node('C01', 'closed', 2)], 'c01')[0]!.closed, true);
  assert.equal(nodesToPeriods([node('C01', 'notOpen')], 'C01')[0]!.closed, true);
  assert.deepEqual([x3PeriodOpen('Open'), x3PeriodOpen('open'), x3PeriodOpen('notOpen'), x3PeriodOpen('closed'), x3PeriodOpen(undefined)], [true, true, false, false, false]);
});

test('an ERP refusal for a closed period (the safety net) names the period too, the ERP\'s words kept', () => {
  const [named, other] = namePeriodRefusals([{ code: 'PERIOD_CLOSED', message: 'ACCDAT 20260914 : period 2026-09 is closed' }, { code: 'ACCOUNT_UNKNOWN', message: 'x' }], '2026-09-14', 'sage-x3');
  assert.equal(named!.message, 'September 2026 is closed in Sage X3: the document is dated 2026-09-14 (Sage X3 said: ACCDAT 20260914 : period 2026-09 is closed). Re-date it, reopen the period, or let the connection post to the next open period');
  assert.equal(named!.subject, '2026-09');
  assert.deepEqual(other, { code: 'ACCOUNT_UNKNOWN', message: 'x' });
  const already = [{ code: 'PERIOD_CLOSED' as const, message: 'September 2026 is closed in Sage X3: …' }];
  assert.deepEqual(namePeriodRefusals(already, '2026-09-14', 'sage-x3'), already, 'said once');
});
