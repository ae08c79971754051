import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConnectorError } from '../../../main/core/errors';
import { createNetSuiteClient } from '../../../main/core/adapters/netsuite/client';
import { REF_QUERIES } from '../../../main/core/adapters/netsuite/reference';
import { NetSuiteSimState } from '../../../main/simulators/netsuite';
import { runSuiteql } from '../../../main/simulators/netsuite/suiteql';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { startNetSuiteFixture } from '../../helpers/netsuite-context';

const LARGE = 250_000;

/** Rows pushed straight into the table: state.add checks each id against every row (quadratic). */
function addVendors(state: NetSuiteSimState, n: number): void {
  const rows = state.tables.get('vendor')!;
  // Ids with gaps, above the seeded ones (501…599); every 7th inactive.
  for (let i = 0; i < n; i++) rows.push({ id: String(1000 + i * 3), entityid: `VL${i}`, companyname: `Large vendor ${i}`, isinactive: i % 7 === 0 ? 'T' : 'F' });
}

test('a 250,000-vendor account is read completely by keyset pages: right count, no duplicates', async (t) => {
  const f = await startNetSuiteFixture();
  t.after(() => f.stop());
  addVendors(f.sim.state, LARGE);
  let suppliers = 0;
  let inactive = 0;
  const codes = new Set<string>();
  for await (const page of f.adapter.readReference()) {
    for (const i of page as ReferenceItem[]) {
      if (i.kind !== 'supplier') continue;
      suppliers++;
      codes.add(i.code);
      if (!i.active) inactive++;
    }
  }
  assert.equal(suppliers, LARGE + 5, 'every generated vendor plus the five seeded ones');
  assert.equal(codes.size, suppliers, 'no vendor read twice');
  assert.equal(inactive, Math.ceil(LARGE / 7) + 1, 'active flags kept');
  assert.ok(codes.has('VL0') && codes.has(`VL${LARGE - 1}`) && codes.has('V1001'));
  // 250 full pages and a short one for vendors; one page each for the eight small tables (tax codes included).
  assert.equal(f.sim.stats.byRoute['POST /query/v1/suiteql'], Math.ceil((LARGE + 5) / 1000) + 8 + 1, 'one query per other table, tax codes included, plus one accounting-period query');
});

test('the simulator refuses offsets past the window (100,000 rows, 1,000 pages) and answers keyset queries', () => {
  const state = new NetSuiteSimState();
  addVendors(state, 120_000);
  const at = (limit: number, offset: number, q = REF_QUERIES.vendor) => runSuiteql(state, q, new URL(`http://sim/q?limit=${limit}&offset=${offset}`), 'http://sim/q', 'transient');
  const refused = (a: { status: number; body: unknown }) => a.status === 400 && JSON.stringify(a.body).includes('"o:errorQueryParam":"offset"');
  assert.equal(at(1000, 99_000).status, 200, 'the last page inside the window');
  assert.ok(refused(at(1000, 100_000)), 'offset 100,000 is past the window');
  assert.equal(at(10, 9_990).status, 200);
  assert.ok(refused(at(10, 10_000)), 'page 1,001 of 10 rows');
  const page = at(1000, 0, 'SELECT id, entityid FROM vendor WHERE id > 300000 ORDER BY id').body as { items: Array<{ id: string }>; hasMore: boolean; totalResults: number };
  assert.deepEqual([page.items[0]!.id, page.items.length, page.hasMore, page.totalResults], ['300001', 1000, true, 120_000 - 99_667]);
  assert.equal(at(5, 0, "SELECT id FROM vendor WHERE id > 1000 AND UPPER(entityid) = 'V1' ORDER BY id").status, 400, 'conditions it does not understand are refused');
});

test('offset paging still stops with a clear error at the window instead of failing in NetSuite', async (t) => {
  const f = await startNetSuiteFixture({ settings: { pageSize: 2 } });
  t.after(() => f.stop());
  addVendors(f.sim.state, 2_100);
  const client = createNetSuiteClient(f.settings, f.ctx);
  let rows = 0;
  await assert.rejects(
    (async () => {
      for await (const p of client.suiteql(REF_QUERIES.vendor)) rows += p.length;
    })(),
    (e) => isConnectorError(e) && /more than 2000 rows/.test(e.message),
  );
  assert.equal(rows, 2_000);
  rows = 0;
  for await (const p of client.suiteqlByKeyset((after) => `SELECT id, entityid FROM vendor${after === null ? '' : ` WHERE id > ${after}`} ORDER BY id`)) rows += p.length;
  assert.equal(rows, 2_105);
});
