// Reconciliation read-back against the Acumatica simulator: bills and journals carrying our keys with totals
// per currency and GL account, records of the month under our prefix nobody asked for, a key found twice,
// screen links, and a read that fails half-way keeps what was read and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAcumaticaTarget } from '../../../main/core/adapters/acumatica/adapter';
import { isConnectorError } from '../../../main/core/errors';
import { parseFilter } from '../../../main/simulators/acumatica/odata';
import { billPlan, journalPlan, startAcumaticaFixture } from '../../helpers/acumatica-context';

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };
const byAccount = <T extends { account: string }>(xs: T[]) => [...xs].sort((a, b) => a.account.localeCompare(b.account));

test('read-back: bills and journals with totals per currency and GL account; unknown ones of the month; not other months', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const journals = f.fresh({ postingMode: 'journal' });
  const j = journalPlan();
  const b = billPlan();
  const byHand = journalPlan({ postingDate: '2026-10-31' });
  const november = journalPlan({ postingDate: '2026-11-01' });
  const september = journalPlan({ postingDate: '2026-09-30' });
  for (const p of [j, byHand, november, september]) assert.equal((await journals.post(p)).status, 'posted');
  assert.equal((await f.adapter.post(b)).status, 'posted');
  const r = await f.adapter.readBack!({ keys: [j.idempotencyKey, b.idempotencyKey, 'MLC-NOTTHEREATALL00'], range: OCTOBER, prefix: 'MLC-' });
  assert.equal(r.incomplete, null);
  const docs = new Map(r.documents.map((d) => [d.key, d]));
  assert.deepEqual([...docs.keys()].sort(), [j.idempotencyKey, b.idempotencyKey, byHand.idempotencyKey].sort(), 'October under our prefix plus the asked keys');
  const jd = docs.get(j.idempotencyKey)!;
  assert.deepEqual(jd.totals, [{ currency: 'EUR', amountMinor: 16895 }]);
  assert.deepEqual(byAccount(jd.accounts), [
    { account: '20100', currency: 'EUR', debitMinor: 0, creditMinor: 16895 },
    { account: '62000', currency: 'EUR', debitMinor: 12345, creditMinor: 0 },
    { account: '62200', currency: 'EUR', debitMinor: 4550, creditMinor: 0 },
  ]);
  assert.equal(jd.date, '2026-10-05');
  const rec = f.sim.state.records('JournalTransaction').find((x) => x.description.startsWith(j.idempotencyKey))!;
  assert.equal(jd.erpId, rec.number);
  assert.equal(jd.url, `${f.url.replace(/\/+$/, '')}/Main?ScreenId=GL301000&Module=GL&BatchNbr=${rec.number}`);
  const bd = docs.get(b.idempotencyKey)!;
  assert.deepEqual(bd.totals, [{ currency: 'EUR', amountMinor: 24550 }], 'a bill totals its lines');
  assert.deepEqual(byAccount(bd.accounts).map((a) => [a.account, a.debitMinor]), [['62300', 4550], ['62400', 20000]]);
  assert.match(bd.url ?? '', /ScreenId=AP301000&DocType=INV&RefNbr=/);
  assert.ok(bd.status);
});

test('read-back: a key found twice in the ERP comes back as two documents', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const j = journalPlan();
  const journals = f.fresh({ postingMode: 'journal' });
  assert.equal((await journals.post(j)).status, 'posted');
  // Someone keyed the same batch again by hand with our reference in front.
  const twin = journalPlan({ postingDate: '2026-10-06' });
  assert.equal((await journals.post(twin)).status, 'posted');
  const rec = f.sim.state.records('JournalTransaction').find((x) => x.description.startsWith(twin.idempotencyKey))!;
  rec.description = rec.description.replace(twin.idempotencyKey, j.idempotencyKey);
  const r = await f.adapter.readBack!({ keys: [j.idempotencyKey], range: OCTOBER, prefix: 'MLC-' });
  assert.equal(r.documents.filter((d) => d.key === j.idempotencyKey).length, 2);
});

test('read-back: the journal reads failing after the bill reads keeps the bills, says so, and leaves the rest unchecked; the first read failing throws', async (t) => {
  const f = await startAcumaticaFixture();
  t.after(() => f.stop());
  const b = billPlan();
  assert.equal((await f.adapter.post(b)).status, 'posted');
  const failing = createAcumaticaTarget(f.settings, {
    ...f.ctx,
    fetch: (input, init) => (String(input instanceof Request ? input.url : input).includes('/JournalTransaction') ? Promise.resolve(new Response('{"message":"no"}', { status: 400, headers: { 'content-type': 'application/json' } })) : f.ctx.fetch(input, init)),
  });
  const r = await failing.readBack!({ keys: [b.idempotencyKey, 'MLC-JOURNALKEY0000'], range: OCTOBER, prefix: 'MLC-' });
  assert.match(r.incomplete ?? '', /JournalTransaction/);
  assert.deepEqual(r.documents.map((d) => d.key), [b.idempotencyKey]);
  assert.deepEqual(r.uncheckedKeys, ['MLC-JOURNALKEY0000']);
  await f.stop();
  await assert.rejects(f.adapter.readBack!({ keys: [], range: OCTOBER, prefix: 'MLC-' }), (e: unknown) => isConnectorError(e));
});

test('the simulator compares dates only against datetimeoffset literals and refuses unknown operators', () => {
  assert.throws(() => parseFilter("Date ge '2026-10-01'"), /datetimeoffset/);
  assert.throws(() => parseFilter("Date between datetimeoffset'2026-10-01T00:00:00+00:00'"), /comparisons/);
  assert.throws(() => parseFilter("Date ge datetimeoffset'2026-10-01'"), /cannot read the date/);
  const p = parseFilter("Date ge datetimeoffset'2026-10-01T00:00:00.000+00:00' and Date le datetimeoffset'2026-10-31T23:59:59.999+00:00'");
  assert.equal(p({ Date: '2026-10-31T00:00:00' }), true);
  assert.equal(p({ Date: '2026-11-01T00:00:00' }), false);
  assert.equal(p({ Date: '2025-10-15T00:00:00' }), false);
});
