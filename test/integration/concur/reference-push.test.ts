import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurSource } from '../../../main/core/adapters/concur/adapter';
import type { ReferencePushReport, SourceAdapter } from '../../../main/core/adapters/types';
import { SIM_CLIENT, referenceOf, seedDemoCompany } from '../../../main/simulators/concur';
import type { ConcurSourceSettings } from '../../../shared/schemas/systems/concur';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { concurSettings, startConcurFixture, type ConcurFixture } from '../../helpers/concur-context';

const COMPANY = 'c0ffee00-7777-4777-8777-777788889999';
const dim = (dimensionType: string, code: string, name: string, active = true): ReferenceItem => ({ kind: 'dimension', dimensionType, code, name, active });
const sup = (code: string, name: string, active = true): ReferenceItem => ({ kind: 'supplier', dimensionType: '', code, name, active });

const ERP: ReferenceItem[] = [
  dim('department', 'D100', 'Sales'),
  dim('department', 'D200', 'Engineering'),
  dim('department', 'D300', 'Operations'),
  dim('department', 'D400', 'Marketing', false),
  dim('location', 'L10', 'New York'),
  dim('location', 'L20', 'Chicago'),
  dim('location', 'L-30', 'Hyphenated'),
  { kind: 'account', dimensionType: '', code: '6000', name: 'Travel', active: true },
  sup('V100', 'Grand Hotel Central'),
  sup('V101', 'Skyline Airways'),
  sup('V103', 'Old Taxi Co', false),
  sup('V-E001', 'Ada Martin (employee)'),
];

interface Setup {
  f: ConcurFixture;
  lists: { department: string; location: string };
  source(overrides?: Partial<ConcurSourceSettings>, fetchImpl?: typeof fetch): SourceAdapter;
}

async function setup(t: { after(fn: () => Promise<void>): void }): Promise<Setup> {
  const f = await startConcurFixture({ sleepCapMs: 5, retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 } });
  t.after(() => f.stop());
  seedDemoCompany(f.sim.state, { companyId: COMPANY, reports: 1 });
  await f.secrets.set('password', f.sim.state.issueRequestToken(COMPANY, SIM_CLIENT.clientId));
  const store = referenceOf(f.sim.state);
  const lists = { department: store.addList(COMPANY, 'Departments'), location: store.addList(COMPANY, 'Locations') };
  // Concur already holds D400 (deactivated since in the ERP), an item of its own, and a vendor the ERP lacks.
  const dept = store.lists.get(lists.department)!;
  dept.items.set('seed-d400', { id: 'seed-d400', shortCode: 'D400', value: 'Marketing', deleted: false });
  dept.items.set('seed-x999', { id: 'seed-x999', shortCode: 'X999', value: 'Concur only', deleted: false });
  store.addVendor(COMPANY, { VendorCode: 'C900', AddressCode: 'MAIN', VendorName: 'Concur-only Caterer' });
  store.addVendor(COMPANY, { VendorCode: 'V103', AddressCode: 'MAIN', VendorName: 'Old Taxi Co' });
  return {
    f,
    lists,
    source: (overrides = {}, fetchImpl) =>
      createConcurSource(concurSettings({ tokenUrl: f.urls.us, clientId: SIM_CLIENT.clientId, username: COMPANY, referenceLists: lists, pushVendors: true, ...overrides }), fetchImpl ? { ...f.ctx, fetch: fetchImpl } : f.ctx),
  };
}

const codes = (f: ConcurFixture, listId: string) => referenceOf(f.sim.state).activeItems(listId).map((i) => `${i.shortCode}=${i.value}`);
const vendors = (f: ConcurFixture) => referenceOf(f.sim.state).vendorsOf(COMPANY).map((v) => `${v.VendorCode}/${v.AddressCode}:${v.VendorName}:${v.Approved}`);

test('dimensions are pushed to their Concur lists and suppliers to Concur vendors; a second push changes nothing', async (t) => {
  const { f, lists, source } = await setup(t);
  const report = (await source().pushReference!(ERP)) as ReferencePushReport;
  assert.deepEqual(codes(f, lists.department), ['D100=Sales', 'D200=Engineering', 'D300=Operations', 'X999=Concur only']);
  assert.deepEqual(codes(f, lists.location), ['L10=New York', 'L20=Chicago']);
  assert.deepEqual(vendors(f), ['C900/MAIN:Concur-only Caterer:true', 'V-E001/MAIN:Ada Martin (employee):true', 'V100/MAIN:Grand Hotel Central:true', 'V101/MAIN:Skyline Airways:true', 'V103/MAIN:Old Taxi Co:false']);
  assert.equal(report.created, 3 + 2 + 3);
  assert.equal(report.deactivated, 2, 'D400 removed from the list, V103 unapproved');
  assert.deepEqual(report.skipped.map((s) => s.code), ['L-30']);
  assert.deepEqual(report.failed, []);
  assert.deepEqual(report.sourceOnly, [{ kind: 'supplier', code: 'C900', name: 'Concur-only Caterer' }]);
  assert.equal(report.destinations.length, 3);

  const writes = { ...referenceOf(f.sim.state).writes };
  const again = await source().pushReference!(ERP);
  assert.deepEqual([again.created, again.updated, again.deactivated, again.failed.length], [0, 0, 0, 0]);
  assert.deepEqual(referenceOf(f.sim.state).writes, writes, 'no write at all on the second push');

  // Renamed and deactivated in the ERP: renamed and removed in Concur.
  const changed = ERP.map((i) => (i.code === 'D100' ? { ...i, active: false } : i.code === 'L20' ? { ...i, name: 'Chicago Loop' } : i.code === 'V101' ? { ...i, name: 'Skyline Air' } : i));
  const third = await source().pushReference!(changed);
  assert.deepEqual([third.created, third.updated, third.deactivated], [0, 2, 1]);
  assert.deepEqual(codes(f, lists.department), ['D200=Engineering', 'D300=Operations', 'X999=Concur only']);
  assert.ok(codes(f, lists.location).includes('L20=Chicago Loop'));
  assert.ok(vendors(f).includes('V101/MAIN:Skyline Air:true'));
});

test('a push honours 429 Retry-After, caps its writes per push and finishes on the next one', async (t) => {
  const { f, lists, source } = await setup(t);
  f.sim.faults.queue.push('429', '429');
  f.sim.faults.retryAfterSeconds = 3;
  const capped = await source({ referencePushMaxWrites: 2, pushVendors: false }).pushReference!(ERP);
  assert.equal(capped.created + capped.deactivated, 2);
  assert.equal(capped.deferred, 4, 'D300, the D400 removal and both locations wait');
  assert.equal(f.sim.stats.count({ status: 429 }), 2);
  assert.equal(f.clock.sleeps.filter((ms) => ms >= 3000).length, 2, 'each 429 waited its Retry-After');
  const rest = await source({ pushVendors: false }).pushReference!(ERP);
  assert.equal(rest.deferred, 0);
  assert.deepEqual(codes(f, lists.department), ['D100=Sales', 'D200=Engineering', 'D300=Operations', 'X999=Concur only']);
  assert.deepEqual(codes(f, lists.location), ['L10=New York', 'L20=Chicago']);
});

test('a list item created but whose answer was lost is not created twice: the next push re-reads the list', async (t) => {
  const { f, lists, source } = await setup(t);
  let dropped = 0;
  const dropFirstCreate: typeof fetch = async (input, init) => {
    const res = await globalThis.fetch(input, init);
    if (init?.method === 'POST' && String(input).endsWith('/list/v4/items') && dropped++ === 0) {
      await res.text();
      throw new TypeError('socket hang up');
    }
    return res;
  };
  const first = await source({ pushVendors: false, referenceLists: { department: lists.department } }, dropFirstCreate).pushReference!(ERP);
  assert.equal(first.failed.length, 1);
  assert.match(first.failed[0]!.reason, /Could not reach SAP Concur/);
  assert.ok(first.deferred > 0, 'the rest of that list waits for a re-read');
  const second = await source({ pushVendors: false, referenceLists: { department: lists.department } }).pushReference!(ERP);
  assert.deepEqual(second.failed, []);
  assert.deepEqual(codes(f, lists.department), ['D100=Sales', 'D200=Engineering', 'D300=Operations', 'X999=Concur only']);
  assert.equal(referenceOf(f.sim.state).writes['list.create'], 3, 'three values, three creates: none twice');
});

test('Concur answers for lists that do not exist, bad codes and empty value sets are clear and change nothing', async (t) => {
  const { f, lists, source } = await setup(t);
  const wrong = await source({ referenceLists: { department: 'no-such-list', location: lists.location } }).pushReference!(ERP);
  assert.match(wrong.failed[0]!.reason, /SAP Concur has no list no-such-list \(List v4\) \(HTTP 404\): List no-such-list not found/);
  assert.deepEqual(codes(f, lists.location), ['L10=New York', 'L20=Chicago'], 'the other list and the vendors still go through');
  assert.ok(wrong.created >= 2 + 3);
  const none = await source({ pushVendors: false, referenceLists: { project: lists.department } }).pushReference!(ERP);
  assert.match(none.skipped[0]!.reason, /no project values/);
  assert.deepEqual(codes(f, lists.department), ['D400=Marketing', 'X999=Concur only'], 'nothing wiped for lack of values, nothing pushed to a wrong list');
});
