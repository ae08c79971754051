// Reconciliation read-back against the NetSuite simulator (SuiteQL only): totals per currency and GL account
// of the transactions carrying our keys, those of the month under our prefix, dates compared through
// TO_DATE, and the simulator refusing what SuiteQL would refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { createNetSuiteClient } from '../../../main/core/adapters/netsuite/client';
import { headerQueries } from '../../../main/core/adapters/netsuite/read-back';
import { nsBillPlan, nsPlan, startNetSuiteFixture } from '../../helpers/netsuite-context';

const OCTOBER = { from: '2026-10-01', to: '2026-10-31' };

test('read-back: journals and bills with totals per currency and GL account; the month under our prefix; not other months', async () => {
  const f = await startNetSuiteFixture();
  try {
    for await (const page of f.adapter.readReference()) void page;
    const j = nsPlan();
    const b = nsBillPlan();
    const byHand = nsPlan({ postingDate: '2026-10-20' });
    const september = nsPlan({ postingDate: '2026-09-30' });
    const lastYear = nsPlan({ postingDate: '2025-10-05' });
    for (const p of [j, b, byHand, september, lastYear]) assert.equal((await f.adapter.post(p)).status, 'posted', p.idempotencyKey);
    const r = await f.adapter.readBack!({ keys: [j.idempotencyKey, b.idempotencyKey, september.idempotencyKey], range: OCTOBER, prefix: 'MLC-' });
    assert.equal(r.incomplete, null);
    const byKey = new Map(r.documents.map((d) => [d.key, d]));
    assert.deepEqual([...byKey.keys()].sort(), [j.idempotencyKey, b.idempotencyKey, byHand.idempotencyKey, september.idempotencyKey].sort(), 'October under our prefix, plus the asked keys of any date; never 2025');
    const jd = byKey.get(j.idempotencyKey)!;
    assert.deepEqual(jd.totals, [{ currency: 'EUR', amountMinor: 23250 }]);
    assert.deepEqual(jd.accounts.map((a) => [a.account, a.debitMinor, a.creditMinor]).sort(), [['2010', 0, 23250], ['6100', 18700, 0], ['6120', 4550, 0]]);
    assert.equal(jd.date, '2026-10-05');
    const host = `https://${f.settings.accountId.toLowerCase().replace(/_/g, '-')}.app.netsuite.com/app/accounting/transactions/`;
    assert.equal(jd.url, `${host}journal.nl?id=${jd.erpId}`, 'the journal links to its UI page (inferred form)');
    assert.equal(byKey.get(b.idempotencyKey)!.url, `${host}vendbill.nl?id=${byKey.get(b.idempotencyKey)!.erpId}`);
    assert.deepEqual(byKey.get(b.idempotencyKey)!.totals, [{ currency: 'EUR', amountMinor: 21999 }]);
    assert.equal(byKey.get(september.idempotencyKey)!.date, '2026-09-30');
  } finally {
    await f.stop();
  }
});

test('read-back queries: the prefix and dates go through LIKE and TO_DATE; the simulator refuses a date compared as text', async () => {
  const [range] = headerQueries(["MLC-O'NEIL"], OCTOBER, 'MLC-');
  assert.match(range!, /externalid LIKE 'MLC-%' AND trandate >= TO_DATE\('2026-10-01', 'YYYY-MM-DD'\) AND trandate <= TO_DATE\('2026-10-31', 'YYYY-MM-DD'\)/);
  assert.match(headerQueries(["MLC-O'NEIL"], OCTOBER, 'MLC-')[1]!, /IN \('MLC-O''NEIL'\)/);
  const f = await startNetSuiteFixture();
  try {
    const rows = async (q: string) => {
      const out = [];
      for await (const p of createNetSuiteClient(f.settings, f.ctx).suiteql(q)) out.push(...p);
      return out;
    };
    await assert.rejects(rows("SELECT id FROM transaction WHERE trandate >= '2026-10-01'"), (e: unknown) => isConnectorError(e) && /Invalid search query/.test(e.message));
    await assert.rejects(rows('SELECT id, nosuchcolumn FROM transactionline'), (e: unknown) => isConnectorError(e) && /nosuchcolumn/.test(e.message));
  } finally {
    await f.stop();
  }
});
