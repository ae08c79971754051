// Financial periods read from the Default endpoint's FinancialPeriod (Details: StartDate, EndDate, Status,
// ClosedInAP) and the hold or move they decide; Acumatica itself still refuses a post into a closed period.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { checkPeriod, periodsOf } from '../../../main/core/engine/periods';
import { billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

async function periods(items: AsyncIterable<ReferenceItem[]>) {
  const all: ReferenceItem[] = [];
  for await (const p of items) all.push(...p);
  return periodsOf(all);
}

test('FinancialPeriod?$expand=Details: every month of every financial year, closed and closed-in-AP flags', async (t) => {
  const f = await startAcumaticaFixture({ sim: { closedPeriods: ['2026-09'] } });
  t.after(() => f.stop());
  f.sim.state.closePeriodInAp('2026-10');
  const list = await periods(f.adapter.readReference());
  assert.equal(list.length, 12 * f.sim.state.financialYears().length);
  const at = (m: string) => list.find((p) => p.start === `${m}-01`)!;
  assert.deepEqual(at('2026-09'), { start: '2026-09-01', end: '2026-09-30', name: '092026', closed: true, allLocked: false, apLocked: true, arLocked: false });
  assert.deepEqual([at('2026-10').closed, at('2026-10').apLocked], [false, true]);
  assert.deepEqual([at('2026-11').closed, at('2026-11').apLocked], [false, false]);
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/FinancialPeriod'], 1);
  assert.equal(f.sim.stats.logins, 1, 'read in the same session as the rest of the reference data');
});

test('a journal dated in a closed period is held as "September 2026 is closed in Acumatica", or moved and posted; a bill avoids the AP-closed month', async (t) => {
  const f = await startAcumaticaFixture({ sim: { closedPeriods: ['2026-09'] } });
  t.after(() => f.stop());
  f.sim.state.closePeriodInAp('2026-10');
  const list = await periods(f.adapter.readReference());

  const journal = journalPlan({ postingDate: '2026-09-20' });
  const held = checkPeriod(journal, list, 'hold', 'acumatica', 256);
  assert.deepEqual(held.reasons.map((r) => [r.code, r.subject]), [['PERIOD_CLOSED', '2026-09']]);
  assert.match(held.reasons[0]!.message, /^September 2026 is closed in Acumatica: the document is dated 2026-09-20/);
  const refused = await f.adapter.post(journal);
  assert.ok(refused.status === 'rejected' && refused.reasons[0]!.code === 'PERIOD_CLOSED', 'Acumatica refuses it too');

  const movedJournal = checkPeriod(journal, list, 'next_open_period', 'acumatica', 256);
  assert.equal(movedJournal.plan.postingDate, '2026-10-01', 'a journal may go into the month closed in AP only');
  assert.equal((await f.adapter.post(movedJournal.plan)).status, 'posted');

  const bill = billPlan({ postingDate: '2026-09-20' });
  const movedBill = checkPeriod(bill, list, 'next_open_period', 'acumatica', 256);
  assert.equal(movedBill.plan.postingDate, '2026-11-01', 'a bill skips September (closed) and October (closed in AP)');
  assert.match(movedBill.plan.description, /\(dated 2026-09-20\)$/);
  assert.equal((await f.adapter.post(movedBill.plan)).status, 'posted');
  const aprefused = await f.adapter.post(billPlan({ postingDate: '2026-10-05', invoiceNumber: 'INV-AP-LOCK' }));
  assert.ok(aprefused.status === 'rejected' && aprefused.reasons[0]!.code === 'PERIOD_CLOSED', 'the simulator refuses a bill in a period closed in AP');
});
