// Fiscal periods read through GraphQL (x3FinanceData.period) with the rest of the reference data, and the hold
// or move they decide; X3 itself still refuses a save into a closed period (the safety net).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { checkPeriod, periodsOf } from '../../../main/core/engine/periods';
import { plan, startX3Fixture } from '../../helpers/x3-context';
import { APP, startAuthWorld } from './auth-fixture';

async function collect(items: AsyncIterable<ReferenceItem[]>): Promise<ReferenceItem[]> {
  const all: ReferenceItem[] = [];
  for await (const p of items) all.push(...p);
  return all;
}

const gql = () => ({ authMode: 'connectedApp', appClientId: APP.clientId, reads: 'graphql', pageSize: 10 });

test('GraphQL x3FinanceData.period: the company\'s months, closed ones flagged, one period per month however many companies', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { closedPeriods: ['2026-11'], companies: ['C01', 'C02'] } });
  try {
    w.sim.state.closePeriod('2026-10');
    const list = periodsOf(await collect(w.adapter.readReference()));
    const years = new Set(list.map((p) => p.start.slice(0, 4)));
    assert.equal(list.length, 12 * years.size, 'one period per month, not one per company');
    const nov = list.find((p) => p.start === '2026-11-01')!;
    assert.deepEqual(nov, { start: '2026-11-01', end: '2026-11-30', name: '2026/11', closed: true, allLocked: false, apLocked: false, arLocked: false });
    assert.equal(list.find((p) => p.start === '2026-10-01')!.closed, true);
    assert.equal(list.find((p) => p.start === '2026-12-01')!.closed, false);
  } finally {
    await w.stop();
  }
});

test('a document dated in a closed X3 period is held as "November 2026 is closed in Sage X3", or moved and saved', async () => {
  const w = await startAuthWorld({ settings: gql, secrets: { appSecret: APP.secret }, sim: { closedPeriods: ['2026-11'] } });
  try {
    const list = periodsOf(await collect(w.adapter.readReference()));
    const p = plan({ postingDate: '2026-11-14', documentDate: '2026-11-14' });
    const held = checkPeriod(p, list, 'hold', 'sage-x3', 30);
    assert.match(held.reasons[0]!.message, /^November 2026 is closed in Sage X3: the document is dated 2026-11-14/);
    const refused = await w.adapter.post(p);
    assert.ok(refused.status === 'rejected' && refused.reasons[0]!.code === 'PERIOD_CLOSED', 'X3 refuses the save too');
    const moved = checkPeriod(p, list, 'next_open_period', 'sage-x3', 30);
    assert.equal(moved.plan.postingDate, '2026-12-01');
    assert.equal(moved.plan.description.length <= 30, true, 'the date note fits the description limit');
    assert.match(moved.plan.description, /\(dated 2026-11-14\)$/);
    assert.equal((await w.adapter.post(moved.plan)).status, 'posted');
  } finally {
    await w.stop();
  }
});

test('reads over REST api1 carry no period status (no published representation): X3\'s refusal stays the guard', async (t) => {
  const f = await startX3Fixture();
  t.after(() => f.stop());
  const items = await collect(f.adapter.readReference());
  assert.equal(items.filter((i) => i.kind === 'period').length, 0);
  assert.ok(items.some((i) => i.kind === 'account'));
});
