// Accounting periods read over SuiteQL with their closed / all-locked / A/P-locked flags, and the hold or move
// they decide before sending; NetSuite itself still refuses a post into a closed or locked period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { checkPeriod, periodsOf } from '../../../main/core/engine/periods';
import { nsBillPlan, nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

async function periods(items: AsyncIterable<ReferenceItem[]>) {
  const all: ReferenceItem[] = [];
  for await (const p of items) all.push(...p);
  return periodsOf(all);
}

test('SuiteQL accountingperiod: month rows only, with closed, all-locked and A/P-locked flags', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  f.sim.state.closedPeriods.add('2026-09');
  f.sim.state.allLockedPeriods.add('2026-10');
  f.sim.state.apLockedPeriods.add('2026-11');
  const list = await periods(f.adapter.readReference());
  assert.ok(list.length >= 36 && list.every((p) => p.start.slice(0, 7) === p.end.slice(0, 7)), 'no year or quarter rows');
  const at = (m: string) => list.find((p) => p.start === `${m}-01`)!;
  assert.deepEqual(at('2026-09'), { start: '2026-09-01', end: '2026-09-30', name: 'Sep 2026', closed: true, allLocked: true, apLocked: true, arLocked: true });
  assert.deepEqual([at('2026-10').closed, at('2026-10').allLocked, at('2026-10').apLocked], [false, true, true]);
  assert.deepEqual([at('2026-11').closed, at('2026-11').allLocked, at('2026-11').apLocked, at('2026-11').arLocked], [false, false, true, false]);
  assert.deepEqual([at('2026-12').closed, at('2026-12').apLocked], [false, false]);
});

test('a journal in a closed period and a bill in an A/P-locked one are held naming the period, or moved to the next open period and posted', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  f.sim.state.closedPeriods.add('2026-09');
  f.sim.state.apLockedPeriods.add('2026-11');
  const list = await periods(f.adapter.readReference());

  const journal = nsPlan({ postingDate: '2026-09-14' });
  const held = checkPeriod(journal, list, 'hold', 'netsuite', 250);
  assert.equal(held.reasons[0]?.code, 'PERIOD_CLOSED');
  assert.match(held.reasons[0]!.message, /^September 2026 is closed in NetSuite/);
  // The safety net: sent anyway, NetSuite refuses it the same way.
  const refused = await f.adapter.post(journal);
  assert.ok(refused.status === 'rejected' && refused.reasons[0]!.code === 'PERIOD_CLOSED');

  // A journal may go into the A/P-locked month; a bill may not.
  const apJournal = checkPeriod(nsPlan({ postingDate: '2026-11-03' }), list, 'hold', 'netsuite', 250);
  assert.deepEqual(apJournal.reasons, []);
  const bill = nsBillPlan({ postingDate: '2026-11-03' });
  const billHeld = checkPeriod(bill, list, 'hold', 'netsuite', 250);
  assert.match(billHeld.reasons[0]!.message, /^November 2026 is locked for payables \(A\/P\) in NetSuite/);
  const billRefused = await f.adapter.post(bill);
  assert.ok(billRefused.status === 'rejected' && billRefused.reasons[0]!.code === 'PERIOD_CLOSED', 'NetSuite refuses the bill in the A/P-locked period');

  const moved = checkPeriod(bill, list, 'next_open_period', 'netsuite', 250);
  assert.deepEqual(moved.reasons, []);
  assert.equal(moved.plan.postingDate, '2026-12-01');
  assert.equal(moved.plan.documentDate, bill.documentDate);
  assert.match(moved.plan.description, /\(dated 2026-11-03\)$/);
  assert.match(moved.plan.notes.at(-1)!, /moved from 2026-11-03 to 2026-12-01: November 2026 is locked for payables/);
  const posted = await f.adapter.post(moved.plan);
  assert.equal(posted.status, 'posted');
  const stored = f.sim.state.findByExternalId('vendorBill', bill.idempotencyKey)!;
  assert.equal(stored.body.tranDate, '2026-12-01');
});
