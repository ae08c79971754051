// The ERP's reference data pushed to the source (Concur lists and vendors), and what the source has that the
// ERP lacks: reported in the audit trail, or created in the ERP only when the connection allows it. Also the
// reference refresh itself: only a complete read replaces the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { PartnerCreateResult, PartnerToCreate, ReferencePushReport, SourceAdapter, TargetAdapter } from '../../../main/core/adapters/types';
import { ConnectorError } from '../../../main/core/errors';
import { isReferencePushDue, missingPartners, pushReferenceInRun, pushReferenceToSource, REFERENCE_PUSH_INTERVAL_MS, REFERENCE_PUSH_STREAM } from '../../../main/core/engine/reference-push';
import { noteSourceCategories, refreshReference } from '../../../main/core/engine/reference-refresh';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { fakeSource, fixedClock, NOW, recordingLogger, unitWorld } from '../../helpers/engine-unit';

const report = (over: Partial<ReferencePushReport> = {}): ReferencePushReport => ({ created: 2, updated: 1, deactivated: 0, unchanged: 5, skipped: [], failed: [], deferred: 0, sourceOnly: [], destinations: ['costCenter → Concur list Cost centers'], ...over });

function setup(t: Parameters<typeof unitWorld>[0], answer: ReferencePushReport | Error = report()) {
  const w = unitWorld(t);
  const clock = fixedClock();
  const logger = recordingLogger();
  const pushed: ReferenceItem[][] = [];
  const source = fakeSource({ pushReference: async (items) => { pushed.push([...items]); if (answer instanceof Error) throw answer; return answer; } });
  const deps = { store: w.store, clock, logger };
  const audit = () => w.store.audit.list({ limit: 100 }).filter((e) => ['reference_push', 'partner_missing', 'partner_create'].includes(e.action)).map((e) => [e.action, e.outcome, e.message]).reverse();
  return { ...w, clock, logger, pushed, source, deps, audit };
}

async function withReference(s: ReturnType<typeof setup>, extra: ReferenceItem[] = []) {
  const target: TargetAdapter = new ScriptedTarget();
  const orig = target.readReference.bind(target);
  (target as { readReference: TargetAdapter['readReference'] }).readReference = async function* () {
    for await (const page of orig()) yield page;
    yield [{ kind: 'period', dimensionType: '', code: '2026-10', name: 'Oct', active: true } as ReferenceItem, ...extra];
  };
  await refreshReference(s.store, 'c1', target, 'tester');
  return target;
}

const partnersTarget = (results: (items: readonly PartnerToCreate[]) => PartnerCreateResult[], createsPartners = true) => {
  const asked: PartnerToCreate[][] = [];
  const t = Object.assign(new ScriptedTarget(), { createsPartners, createPartners: async (items: readonly PartnerToCreate[]) => (asked.push([...items]), results(items)) });
  return { t: t as unknown as TargetAdapter, asked, base: t };
};

test('the cached reference data goes to the source without period status; the push time is kept; counts and destinations said', async (t) => {
  const s = setup(t);
  await withReference(s);
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target: new ScriptedTarget() }, 'tester');
  assert.equal(s.pushed.length, 1);
  assert.ok(s.pushed[0]!.length > 0 && s.pushed[0]!.every((i) => i.kind !== 'period'));
  assert.deepEqual(r, { pushed: true, created: 2, updated: 1, deactivated: 0, unchanged: 5, skipped: 0, failed: 0, deferred: 0, missingInTarget: 0, partnersCreated: 0, destinations: ['costCenter → Concur list Cost centers'], message: 'Reference data pushed to SAP Concur (costCenter → Concur list Cost centers): 2 created, 1 updated, 0 deactivated, 5 unchanged' });
  assert.equal(s.store.cursors.get('c1', REFERENCE_PUSH_STREAM), NOW.toISOString());
  assert.deepEqual(s.audit(), [['reference_push', 'ok', r.message]]);
});

test('nothing set up to receive: said in the summary, no daily audit row', async (t) => {
  const s = setup(t, report({ destinations: [], created: 0, updated: 0, unchanged: 0 }));
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target: new ScriptedTarget() }, 'tester');
  assert.equal(r.pushed, false);
  assert.equal(r.message, 'Nothing is set up to receive reference data in SAP Concur (no lists mapped, vendors off)');
  assert.deepEqual(s.audit(), []);
});

test('skipped, failed and deferred items are said; a long list is cut after 20', async (t) => {
  const many = Array.from({ length: 23 }, (_, i) => ({ kind: 'dimension', code: `D${i}`, reason: 'hyphen' }));
  const s = setup(t, report({ skipped: many, failed: [{ kind: 'supplier', code: 'V1', reason: 'HTTP 500' }], deferred: 4 }));
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target: new ScriptedTarget() }, 'tester');
  assert.deepEqual([r.skipped, r.failed, r.deferred], [23, 1, 4]);
  assert.match(r.message, /; 4 changes wait for the next push \(write cap\)$/);
  const a = s.audit();
  assert.deepEqual(a[0]!.slice(0, 2), ['reference_push', 'partial']);
  assert.equal(a[1]![2], `Not pushed: ${many.slice(0, 20).map((m) => `${m.code} (hyphen)`).join('; ')}; and 3 more`);
  assert.deepEqual(a[2], ['reference_push', 'failed', 'Push failed, retried on the next push: V1 (HTTP 500)']);
});

test('a source that takes no reference data says so and is not marked pushed', async (t) => {
  const s = setup(t);
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: fakeSource(), target: new ScriptedTarget() }, 'tester');
  assert.equal(r.message, 'SAP Concur does not take reference data from the ERP');
  assert.equal(s.store.cursors.get('c1', REFERENCE_PUSH_STREAM), null);
});

test('missing partners: source-only vendors and employees mapped to codes the ERP lacks, sorted, each once', async (t) => {
  const s = setup(t);
  assert.deepEqual(missingPartners(s.store, 'c1', report({ sourceOnly: [{ kind: 'supplier', code: 'V-NEW', name: 'New Co' }] })), [{ role: 'vendor', code: 'V-NEW', name: 'New Co' }], 'no partner cache yet: employees are not judged');
  await withReference(s);
  s.store.mappings.upsert('c1', [{ kind: 'employee', sourceCode: 'bob', sourceName: 'Bob', target: ' V-BOB ', dimensions: {} }, { kind: 'employee', sourceCode: 'amy', sourceName: '', target: 'A-AMY', dimensions: {} }, { kind: 'employee', sourceCode: 'eve', sourceName: 'Eve', target: 'V-NEW', dimensions: {} }, { kind: 'employee', sourceCode: 'nob', sourceName: 'N', target: '', dimensions: {} }], 'test');
  const missing = missingPartners(s.store, 'c1', report({ sourceOnly: [{ kind: 'supplier', code: 'V-NEW', name: 'New Co' }, { kind: 'supplier', code: 'V-JDOE', name: 'Jane' }] }));
  assert.deepEqual(missing, [
    { role: 'employee', code: 'A-AMY', name: 'amy' },
    { role: 'employee', code: 'V-BOB', name: 'Bob' },
    { role: 'vendor', code: 'V-NEW', name: 'New Co' },
  ]);
});

test('missing partners are reported when the connection may not create them', async (t) => {
  const s = setup(t, report({ sourceOnly: [{ kind: 'supplier', code: 'V-NEW', name: 'New Co' }] }));
  await withReference(s);
  s.store.mappings.upsert('c1', [{ kind: 'employee', sourceCode: 'bob', sourceName: 'Bob', target: 'V-BOB', dimensions: {} }], 'test');
  const { t: target, asked } = partnersTarget(() => [], false);
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target }, 'tester');
  assert.equal(r.missingInTarget, 2);
  assert.equal(asked.length, 0);
  assert.deepEqual(s.audit().filter((a) => a[0] === 'partner_missing'), [
    ['partner_missing', 'reported', 'Employee Bob is mapped to V-BOB, which does not exist in Sage X3: create it there, fix the mapping, or allow the connector to create missing partners'],
    ['partner_missing', 'reported', 'SAP Concur vendor V-NEW "New Co" does not exist in Sage X3: create it there, or allow the connector to create missing partners'],
  ]);
});

test('allowed: missing partners are created, each audited; the reference cache is read again after a creation', async (t) => {
  const s = setup(t, report({ sourceOnly: [{ kind: 'supplier', code: 'V-A', name: 'A Co' }, { kind: 'supplier', code: 'V-B', name: 'B Co' }, { kind: 'supplier', code: 'V-C', name: 'C Co' }] }));
  await withReference(s);
  const { t: target, asked } = partnersTarget((items) => items.map((p): PartnerCreateResult => (p.code === 'V-A' ? { code: p.code, status: 'created', object: 'supplier', erpId: 'S-1' } : p.code === 'V-B' ? { code: p.code, status: 'exists', object: 'supplier' } : { code: p.code, status: 'failed', reason: 'name too long' })));
  const refreshesBefore = s.store.audit.list({ limit: 100 }).filter((e) => e.action === 'reference_refresh').length;
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target }, 'tester');
  assert.equal(asked[0]!.length, 3);
  assert.equal(r.partnersCreated, 1);
  assert.match(r.message, /; 1 missing partner\(s\) created in Sage X3$/);
  const created = s.audit().filter((a) => a[0] === 'partner_create');
  assert.deepEqual(created, [
    ['partner_create', 'created', 'Created supplier V-A "A Co" in Sage X3 (missing there, known in SAP Concur as a vendor; allowed by the connection setting)'],
    ['partner_create', 'exists', 'supplier V-B already exists in Sage X3; nothing created'],
    ['partner_create', 'failed', 'Could not create V-C "C Co" in Sage X3: name too long'],
  ]);
  assert.equal(s.store.audit.list({ limit: 100 }).find((e) => e.outcome === 'created')!.erpId, 'S-1');
  assert.equal(s.store.audit.list({ limit: 100 }).filter((e) => e.action === 'reference_refresh').length, refreshesBefore + 1);
});

test('allowed but nothing created: no second reference read; an employee creation names the role', async (t) => {
  const s = setup(t, report());
  await withReference(s);
  s.store.mappings.upsert('c1', [{ kind: 'employee', sourceCode: 'bob', sourceName: 'Bob', target: 'V-BOB', dimensions: {} }], 'test');
  const { t: target } = partnersTarget((items) => items.map((p) => ({ code: p.code, status: 'failed' as const, reason: 'no' })));
  const before = s.store.audit.list({ limit: 100 }).filter((e) => e.action === 'reference_refresh').length;
  const r = await pushReferenceToSource(s.deps, s.conn(), { source: s.source, target }, 'tester');
  assert.equal(r.message.endsWith('; 0 missing partner(s) created in Sage X3'), true);
  assert.equal(s.store.audit.list({ limit: 100 }).filter((e) => e.action === 'reference_refresh').length, before);
  const s2 = setup(t, report());
  await withReference(s2);
  s2.store.mappings.upsert('c1', [{ kind: 'employee', sourceCode: 'bob', sourceName: 'Bob', target: 'V-BOB', dimensions: {} }], 'test');
  const { t: t2 } = partnersTarget((items) => items.map((p) => ({ code: p.code, status: 'created' as const, object: 'employee', erpId: 'E-1' })));
  await pushReferenceToSource(s2.deps, s2.conn(), { source: s2.source, target: t2 }, 'tester');
  assert.match(s2.audit().find((a) => a[0] === 'partner_create')![2]!, /known in SAP Concur as an employee;/);
});

test('the push is due once a day, or when never done or unreadable', async (t) => {
  const s = setup(t);
  assert.equal(REFERENCE_PUSH_INTERVAL_MS, 86_400_000);
  assert.equal(isReferencePushDue(s.store, 'c1', NOW), true);
  s.store.cursors.set('c1', REFERENCE_PUSH_STREAM, new Date(NOW.getTime() - 86_400_000 + 1).toISOString());
  assert.equal(isReferencePushDue(s.store, 'c1', NOW), false);
  s.store.cursors.set('c1', REFERENCE_PUSH_STREAM, new Date(NOW.getTime() - 86_400_000).toISOString());
  assert.equal(isReferencePushDue(s.store, 'c1', NOW), true);
  s.store.cursors.set('c1', REFERENCE_PUSH_STREAM, 'garbage');
  assert.equal(isReferencePushDue(s.store, 'c1', NOW), true);
});

test('inside a run: pushed when due, skipped when not; a failure is logged and audited and never thrown', async (t) => {
  const s = setup(t);
  await pushReferenceInRun(s.deps, s.conn(), { source: s.source, target: new ScriptedTarget() }, 'tester');
  assert.equal(s.pushed.length, 1);
  await pushReferenceInRun(s.deps, s.conn(), { source: s.source, target: new ScriptedTarget() }, 'tester');
  assert.equal(s.pushed.length, 1, 'done today');
  await pushReferenceInRun(s.deps, s.conn(), { source: fakeSource(), target: new ScriptedTarget() }, 'tester');
  const f = setup(t, new ConnectorError('UNAVAILABLE', 'Concur list API down', { correlationId: 'q-1' }));
  await pushReferenceInRun(f.deps, f.conn(), { source: f.source, target: new ScriptedTarget() }, 'tester');
  const row = f.store.audit.list({ limit: 10 }).find((e) => e.action === 'reference_push')!;
  assert.deepEqual([row.outcome, row.message, row.correlationId], ['failed', 'Reference push to SAP Concur failed, tried again on the next sync: Concur list API down', 'q-1']);
  assert.ok(f.logger.lines.some((l) => l.level === 'warn' && l.msg === 'reference push failed'));
  const g = setup(t, new TypeError('bad shape'));
  await pushReferenceInRun(g.deps, g.conn(), { source: g.source, target: new ScriptedTarget() }, 'tester');
  assert.deepEqual([g.store.audit.list({ limit: 10 }).find((e) => e.action === 'reference_push')!.message, g.store.audit.list({ limit: 10 }).find((e) => e.action === 'reference_push')!.correlationId], ['Reference push to SAP Concur failed, tried again on the next sync: unexpected error: bad shape', null]);
});

test('refreshReference: every page read, then the cache replaced once, counted per kind', async (t) => {
  const s = setup(t);
  const counts = await refreshReference(s.store, 'c1', new ScriptedTarget(), 'tester');
  assert.deepEqual(counts, { account: 2, 'dimension:costCenter': 1, supplier: 1 });
  assert.equal(s.store.reference.count('c1'), 4);
  const a = s.store.audit.list({ limit: 10 }).find((e) => e.action === 'reference_refresh')!;
  assert.deepEqual([a.outcome, a.message, a.actor], ['ok', 'Reference data refreshed: 2 account, 1 dimension:costCenter, 1 supplier', 'tester']);
  const half = Object.assign(new ScriptedTarget(), { readReference: async function* () { yield [{ kind: 'account' as const, dimensionType: '', code: 'X', name: 'X', active: true }]; throw new ConnectorError('UNAVAILABLE', 'page 2 failed'); } });
  await assert.rejects(refreshReference(s.store, 'c1', half, 'tester'), /page 2 failed/);
  assert.equal(s.store.reference.count('c1'), 4, 'a half-read list never replaces the cache');
  const empty = Object.assign(new ScriptedTarget(), { readReference: async function* () { yield []; } });
  await refreshReference(s.store, 'c1', empty, 'tester');
  assert.equal(s.store.audit.list({ limit: 10 }).find((e) => e.action === 'reference_refresh')!.message, 'Reference data refreshed: nothing');
});

test('source categories show in the mapping grid; a failing list is logged and counted as none', async (t) => {
  const s = setup(t);
  assert.equal(await noteSourceCategories(s.deps, 'c1', fakeSource()), 0);
  const src: SourceAdapter = fakeSource({ listCategories: async () => [{ code: 'TAXI', name: 'Taxi' }, { code: 'HOTEL', name: 'Hotel' }] });
  assert.equal(await noteSourceCategories(s.deps, 'c1', src), 2);
  assert.deepEqual(s.store.mappings.list('c1', 'expense_type').map((m) => m.sourceCode).sort(), ['HOTEL', 'MEALS', 'TAXI']);
  assert.equal(await noteSourceCategories(s.deps, 'c1', fakeSource({ listCategories: async () => { throw new Error('policy API down'); } })), 0);
  assert.ok(s.logger.lines.some((l) => l.level === 'warn' && l.msg === 'could not read the source categories' && l.fields?.error === 'policy API down'));
  assert.equal(await noteSourceCategories(s.deps, 'c1', fakeSource({ listCategories: async () => { throw 'plain'; } })), 0);
  assert.equal(s.logger.lines.at(-1)!.fields?.error, 'plain');
});
