// Edges of the period checks the mutation run found untested: each ERP named in its own words, overlapping and
// unsorted periods, the exact hold subject and move note, a description that just fits, malformed re-dates and
// re-date marks, and an ERP refusal left alone when it cannot be dated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErpPeriod } from '../../../shared/schemas/period';
import { periodToReference } from '../../../shared/schemas/period';
import { checkPeriod, namePeriodRefusals, periodAt, periodsOf, REDATE_META, redateProblem, redatedTo, withOriginalDate } from '../../../main/core/engine/periods';
import { plan } from '../../helpers/x3-context';

const period = (start: string, end: string, over: Partial<ErpPeriod> = {}): ErpPeriod => ({ start, end, name: `${start}..${end}`, closed: false, allLocked: false, apLocked: false, arLocked: false, ...over });
const AUG = period('2026-08-01', '2026-08-31', { closed: true });
const SEP = period('2026-09-01', '2026-09-30');

test('each ERP is named in its own words in a hold; an unknown system by its id', () => {
  const said = (system: string) => checkPeriod(plan({ postingDate: '2026-08-24' }), [AUG, SEP], 'hold', system, 250).reasons[0]!.message;
  assert.match(said('sage-x3'), / in Sage X3:/);
  assert.match(said('sage-intacct'), / in Sage Intacct:/);
  assert.match(said('acumatica'), / in Acumatica:/);
  assert.match(said('netsuite'), / in NetSuite:/);
  assert.match(said('other-erp'), / in other-erp:/);
});

test('the hold names the month as its subject; a move keeps the plan\'s notes and adds its own', () => {
  const held = checkPeriod(plan({ postingDate: '2026-08-24' }), [AUG, SEP], 'hold', 'sage-x3', 250);
  assert.deepEqual(held.reasons, [{ code: 'PERIOD_CLOSED', subject: '2026-08', message: 'August 2026 is closed in Sage X3: the document is dated 2026-08-24. Re-date it, reopen the period, or let the connection post to the next open period' }]);
  const none = checkPeriod(plan({ postingDate: '2026-08-24' }), [AUG], 'next_open_period', 'netsuite', 250);
  assert.equal(none.reasons[0]!.subject, '2026-08');
  const moved = checkPeriod(plan({ postingDate: '2026-08-24', notes: ['earlier note'] }), [AUG, SEP], 'next_open_period', 'netsuite', 250);
  assert.deepEqual(moved.plan.notes, ['earlier note', 'Posting date moved from 2026-08-24 to 2026-09-01: August 2026 is closed in NetSuite (connection rule: post to the next open period); the original date is kept in the description']);
});

test('periods from the cache: other reference kinds left out, sorted by start then end', () => {
  const short = period('2026-12-01', '2026-12-15');
  const long = period('2026-12-01', '2026-12-31');
  const items = [periodToReference(long), { kind: 'account' as const, dimensionType: '', code: '6000', name: 'Travel', active: true }, periodToReference(short)];
  assert.deepEqual(periodsOf(items).map((p) => [p.start, p.end]), [['2026-12-01', '2026-12-15'], ['2026-12-01', '2026-12-31']]);
});

test('overlapping periods: the one starting latest wins whatever the order; a date outside all is in none', () => {
  const month = period('2026-12-01', '2026-12-31');
  const adjustment = period('2026-12-31', '2026-12-31', { closed: true });
  assert.equal(periodAt([month, adjustment], '2026-12-31'), adjustment);
  assert.equal(periodAt([adjustment, month], '2026-12-31'), adjustment);
  assert.equal(periodAt([adjustment, month], '2026-12-30'), month);
  assert.equal(periodAt([month], '2027-01-01'), undefined);
  assert.equal(periodAt([month], '2026-11-30'), undefined);
});

test('a description that just fits keeps every letter', () => {
  const tail = ' (dated 2026-09-12)';
  const fits = 'x'.repeat(30 - tail.length);
  assert.equal(withOriginalDate(fits, '2026-09-12', 30), fits + tail);
  assert.equal(withOriginalDate(fits + 'y', '2026-09-12', 30), `${'x'.repeat(10)}…${tail}`);
});

test('re-date: a date must be the whole text; a month the ERP refused is named; the last period is the one ending last', () => {
  for (const bad of ['x2026-09-29', '2026-09-29x']) assert.equal(redateProblem(bad, 'journal', [SEP], 'sage-x3', '2026-12-07'), `"${bad}" is not a date: use YYYY-MM-DD, e.g. 2026-12-01`);
  assert.equal(redateProblem('2026-08-31', 'journal', [], 'sage-x3', '2026-12-07', ['2026-08']), 'August 2026 is closed in Sage X3 (it refused this document for that period): pick a date in an open period');
  const unsorted = [period('2027-01-01', '2027-01-31'), period('2026-12-01', '2026-12-31')];
  assert.equal(redateProblem('2027-02-03', 'journal', unsorted, 'netsuite', '2026-12-07'), '2027-02-03 is past the last period NetSuite has (January 2027 ends 2027-01-31): pick a date in an open period');
});

test('an ERP refusal is named only when the document has a posting date; other reasons pass untouched', () => {
  const refusal = { code: 'PERIOD_CLOSED' as const, message: 'period 2026-08 is closed' };
  const other = { code: 'ERP_REJECTED' as const, message: 'No account 9' };
  assert.deepEqual(namePeriodRefusals([refusal, other], undefined, 'sage-x3'), [refusal, other]);
  for (const bad of ['x2026-08-24', '2026-08-24x', '']) assert.deepEqual(namePeriodRefusals([refusal], bad, 'sage-x3'), [refusal]);
  assert.deepEqual(namePeriodRefusals([other], '2026-08-24', 'sage-x3'), [other]);
  const named = namePeriodRefusals([refusal, other], '2026-08-24', 'sage-intacct');
  assert.deepEqual(named[0], { code: 'PERIOD_CLOSED', subject: '2026-08', message: 'August 2026 is closed in Sage Intacct: the document is dated 2026-08-24 (Sage Intacct said: period 2026-08 is closed). Re-date it, reopen the period, or let the connection post to the next open period' });
  assert.deepEqual(named[1], other);
});

test('a re-date mark is read only from its own meta key and only as a whole date', () => {
  assert.equal(REDATE_META, 'mlc.postingDate');
  assert.equal(redatedTo({ 'mlc.postingDate': '2026-09-29' }), '2026-09-29');
  assert.equal(redatedTo({}), null);
  assert.equal(redatedTo({ '': '2026-09-29' }), null);
  for (const bad of ['', 'x2026-09-29', '2026-09-29x', '26-09-29', '2026-9-29', '2026-09-9', 'abcd-09-29', '2026-ab-29', '2026-09-ab']) assert.equal(redatedTo({ 'mlc.postingDate': bad }), null, bad);
});
