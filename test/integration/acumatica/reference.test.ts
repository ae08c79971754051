import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { startAcumaticaFixture } from '../../helpers/acumatica-context';

test('readReference pages vendors, accounts, subaccounts and ledger branches with $top/$skip, in one session', async (t) => {
  const f = await startAcumaticaFixture({ settings: { pageSize: 3 } });
  t.after(() => f.stop());
  const items: ReferenceItem[] = [];
  for await (const batch of f.adapter.readReference()) {
    assert.ok(batch.length <= 3 || batch.every((i) => i.dimensionType === 'branch' || i.kind === 'period'));
    items.push(...batch);
  }
  const of = (kind: string, type = '') => items.filter((i) => i.kind === kind && i.dimensionType === type);
  assert.equal(of('supplier').length, 10);
  assert.deepEqual(of('supplier').find((i) => i.code === 'V1099'), { kind: 'supplier', dimensionType: '', code: 'V1099', name: 'Old Courier Ltd', active: false });
  assert.equal(of('account').length, 10);
  assert.equal(of('account').find((i) => i.code === '69990')?.active, false);
  assert.deepEqual(of('dimension', 'subaccount').map((i) => i.code), ['000000', 'CC100', 'CC200', 'CC300', 'CC400', 'CC900']);
  assert.deepEqual(of('dimension', 'branch').map((i) => [i.code, i.active]), [['HQ', true], ['EU', true], ['OLD', false]]);
  // 10 vendors: 3+3+3+1; 10 accounts (with 14500 VAT): 3+3+3+1; 6 subaccounts: 3+3+0; one ledger page.
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/Vendor'], 4);
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/Account'], 4);
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/Subaccount'], 3);
  assert.equal(f.sim.stats.byRoute['GET /entity/Default/23.200.001/Ledger'], 1);
  assert.equal(f.sim.stats.logins, 1);
  assert.equal(f.sim.stats.logouts, 1);
});

test('a consumer that stops early still signs out', async (t) => {
  const f = await startAcumaticaFixture({ settings: { pageSize: 2 } });
  t.after(() => f.stop());
  for await (const batch of f.adapter.readReference()) {
    assert.ok(batch.length > 0);
    break;
  }
  assert.equal(f.sim.stats.logouts, 1);
  assert.equal(f.sim.state.activeSessions(), 0);
});
