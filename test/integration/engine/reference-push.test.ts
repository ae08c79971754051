// Reference data both ways through the real core: Intacct dimensions and vendors pushed to Concur lists and
// vendors (daily in the sync, and on demand), Concur-only partners reported or — when allowed — created in
// Intacct with an audit row each; and transaction batches whose aborted documents are re-sent one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInput } from '../../../shared/schemas/connection';
import type { Mapping } from '../../../shared/schemas/mapping';
import { seedUsCompany, US_COMPANY, usConnection, usEmployees, usMappings, usSecrets } from '../../../main/demo/us-company';
import type { Core } from '../../../main/core/create-core';
import { createConcurSimulator, referenceOf, type ConcurSimulator } from '../../../main/simulators/concur';
import { createSageIntacctSimulator, intacctDemoSeed, type SageIntacctSimulator } from '../../../main/simulators/sage-intacct';
import { startEngineWorld } from '../../helpers/engine-world';

interface Setup {
  core: Core;
  concur: ConcurSimulator;
  intacct: SageIntacctSimulator;
  lists: { department: string; location: string };
  conn: ConnectionInput;
}

async function setup(t: { after(fn: () => Promise<void>): void }, target: Record<string, unknown> = {}, extraMappings: Mapping[] = []): Promise<Setup> {
  const concur = createConcurSimulator({ seed: 5 });
  seedUsCompany(concur, 6);
  const ref = referenceOf(concur.state);
  const lists = { department: ref.addList(US_COMPANY.concurCompanyId, 'Departments'), location: ref.addList(US_COMPANY.concurCompanyId, 'Locations') };
  ref.addVendor(US_COMPANY.concurCompanyId, { VendorCode: 'V900', AddressCode: 'MAIN', VendorName: 'Harbour Catering' });
  const intacct = createSageIntacctSimulator(intacctDemoSeed());
  const { core, conn } = await startEngineWorld(t, {
    prefix: 'mlc-refpush-',
    concur,
    target: intacct,
    connection: (concurUrl, url) => {
      const base = usConnection(concurUrl, url);
      return {
        ...base,
        source: { ...base.source, includeInvoices: false, referenceLists: lists, pushVendors: true } as ConnectionInput['source'],
        target: { ...base.target, ...target } as ConnectionInput['target'],
      };
    },
    secrets: usSecrets,
    mappings: [...usMappings(), ...extraMappings],
  });
  return { core, concur, intacct, lists, conn };
}

const listCodes = (s: Setup, listId: string) => referenceOf(s.concur.state).activeItems(listId).map((i) => i.shortCode);
const audit = async (s: Setup, action: 'reference_push' | 'partner_missing' | 'partner_create') => (await s.core.handlers('test')['audit.list']({ connectionId: s.conn.id, action, limit: 1000 })).reverse();
const NEW_HIRE: Mapping = { kind: 'employee', sourceCode: 'new.hire@northwind-us.example', sourceName: 'Nora Newhire', target: 'E099', dimensions: {} };

test('a sync pushes Intacct dimensions to the Concur lists and vendors, once a day; on demand again changes nothing', async (t) => {
  const s = await setup(t, {}, [NEW_HIRE]);
  const run = await s.core.sync(s.conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  // Demo Intacct: D100..D300 active, D400 inactive; L10..L30.
  assert.deepEqual(listCodes(s, s.lists.department), ['D100', 'D200', 'D300']);
  assert.deepEqual(listCodes(s, s.lists.location), ['L10', 'L20', 'L30']);
  const vendors = referenceOf(s.concur.state).vendorsOf(US_COMPANY.concurCompanyId);
  assert.ok(vendors.some((v) => v.VendorCode === 'V100' && v.Approved === 'true'));
  assert.ok(!vendors.some((v) => v.VendorCode === 'V103'), 'an inactive supplier is not offered to Concur users');
  const pushes = await audit(s, 'reference_push');
  assert.equal(pushes.filter((a) => a.outcome === 'ok').length, 1);
  assert.match(pushes[0]!.message, /department → Concur list .*location → Concur list .*suppliers → Concur Invoice vendors/);
  // Missing in Intacct: reported for the accountant, never created (the option is off).
  const missing = await audit(s, 'partner_missing');
  assert.deepEqual(missing.map((m) => m.message.match(/(V900|E099)/)?.[1]).sort(), ['E099', 'V900']);
  assert.equal(s.intacct.state.master.vendor.has('V900'), false);
  assert.deepEqual(await audit(s, 'partner_create'), []);

  // The next sync the same day does not push again.
  const writes = { ...referenceOf(s.concur.state).writes };
  await s.core.sync(s.conn.id, { actor: 'test' });
  assert.equal((await audit(s, 'reference_push')).length, pushes.length);
  // On demand: re-read and pushed, nothing to change.
  const again = await s.core.handlers('test')['reference.push']({ connectionId: s.conn.id });
  assert.deepEqual([again.pushed, again.created, again.updated, again.deactivated, again.failed], [true, 0, 0, 0, 0]);
  assert.deepEqual(referenceOf(s.concur.state).writes, writes);

  // Deactivated in Intacct: gone from the Concur list on the next push.
  s.intacct.state.master.department.get('D200')!.active = false;
  const after = await s.core.handlers('test')['reference.push']({ connectionId: s.conn.id });
  assert.equal(after.deactivated, 1);
  assert.deepEqual(listCodes(s, s.lists.department), ['D100', 'D300']);
});

test('with "create missing partners" on, Concur-only vendors and mapped employees are created in Intacct, each audited, once', async (t) => {
  const s = await setup(t, { createMissingPartners: true }, [NEW_HIRE]);
  const r = await s.core.handlers('test')['reference.push']({ connectionId: s.conn.id });
  assert.equal(r.missingInTarget, 2);
  assert.equal(r.partnersCreated, 2);
  assert.equal(s.intacct.state.master.vendor.get('V900')?.name, 'Harbour Catering');
  assert.equal(s.intacct.state.master.employee.get('E099')?.name, 'Nora Newhire');
  const created = await audit(s, 'partner_create');
  assert.deepEqual(created.map((a) => [a.outcome, a.message.match(/Created (\w+) (\w+)/)?.slice(1).join(' ')]), [['created', 'EMPLOYEE E099'], ['created', 'VENDOR V900']]);
  assert.ok(created.every((a) => a.erpId));
  // Now known to Intacct (the cache was refreshed): nothing missing, nothing created again.
  const refs = await s.core.handlers('test')['reference.list']({ connectionId: s.conn.id, search: 'V900' });
  assert.equal(refs.length, 1);
  const again = await s.core.handlers('test')['reference.push']({ connectionId: s.conn.id });
  assert.deepEqual([again.missingInTarget, again.partnersCreated], [0, 0]);
  assert.equal((await audit(s, 'partner_create')).length, 2);
});

test('transaction batches: a document Intacct refuses aborts its batch; it is held, the aborted ones are re-sent one by one and post once', async (t) => {
  // One employee mapped to a code that exists as a vendor, not as an employee: only Intacct can tell.
  const wrong = usEmployees()[0]!;
  const s = await setup(t, { batchTransaction: true }, [{ kind: 'employee', sourceCode: wrong.login, sourceName: wrong.name, target: 'V100', dimensions: {} }]);
  const run = await s.core.sync(s.conn.id, { actor: 'test' });
  assert.equal(run.status, 'succeeded', run.error ?? '');
  assert.ok(run.held >= 1, JSON.stringify(run));
  assert.equal(run.posted + run.held, 6, JSON.stringify(run));
  assert.ok(s.intacct.state.rolledBack >= 1, 'at least one request was rolled back whole');
  const posted = await s.core.handlers('test')['postings.list']({ connectionId: s.conn.id, status: 'posted' });
  assert.equal(posted.length, run.posted);
  for (const p of posted) assert.equal(s.intacct.state.findByKey(p.idempotencyKey).length, 1, p.sourceId);
  assert.equal(s.intacct.state.recordCount('GLBATCH'), run.posted);
  const held = await s.core.handlers('test')['postings.list']({ connectionId: s.conn.id, status: 'held' });
  assert.ok(held.every((h) => h.reasons.some((r) => r.code === 'PARTNER_UNKNOWN' && r.subject === 'V100')), JSON.stringify(held.map((h) => h.reasons)));
  assert.equal(s.intacct.stats.duplicatesRefused, 0);
});

test('closed period: held as PERIOD_CLOSED by default; with "next open period" posted on the 1st of the next month, the move in the audit trail', async (t) => {
  const held = await setup(t);
  held.intacct.state.closePeriod('2026-10');
  const r1 = await held.core.sync(held.conn.id, { actor: 'test' });
  assert.equal(r1.posted, 0, JSON.stringify(r1));
  const rows = await held.core.handlers('test')['postings.list']({ connectionId: held.conn.id, status: 'held' });
  assert.equal(rows.length, 6);
  assert.ok(rows.every((r) => r.reasons.some((x) => x.code === 'PERIOD_CLOSED')));

  const moved = await setup(t, { closedPeriod: 'next_open_period' });
  moved.intacct.state.closePeriod('2026-10');
  const r2 = await moved.core.sync(moved.conn.id, { actor: 'test' });
  assert.equal(r2.posted, 6, JSON.stringify(r2));
  assert.ok(moved.intacct.state.records('GLBATCH').every((rec) => rec.fields.BATCH_DATE === '11/01/2026'));
  const posts = (await moved.core.handlers('test')['audit.list']({ connectionId: moved.conn.id, action: 'post', limit: 100 })).filter((a) => a.outcome === 'posted');
  assert.equal(posts.length, 6);
  assert.ok(posts.every((a) => /Posting date moved from 2026-10-\d\d to 2026-11-01/.test(a.message)), posts[0]?.message);
});
