// Intake of fetched documents into the outbox (engine/intake.ts), unit by unit on a real store: which kind a
// document is posted as, its keys, its plan, and what a batch does with new, unchanged, changed-after-posting,
// held/failed-and-changed, dismissed and twin documents — row status, reasons, counts and audit rows exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IntakeEnv } from '../../../main/core/engine/intake';
import { aliasPosting, intakeBatch, intakeInSlices, keepRedate, keysOfDoc, outboxRow, planAndValidate, postingKindFor, previewBatch, totalOf } from '../../../main/core/engine/intake';
import { documentKey, keysFor } from '../../../main/core/engine/keys';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { REDATE_META } from '../../../main/core/engine/periods';
import { createReferenceIndex } from '../../../main/core/engine/validate';
import { rowDocument, rowPlan } from '../../../main/core/store/repos/postings';
import type { Connection } from '../../../shared/schemas/connection';
import type { SourceDocument, TaxComponent } from '../../../shared/schemas/document';
import type { ErpPeriod } from '../../../shared/schemas/period';
import { doc, line } from '../../helpers/docs';
import { fixedClock, unitWorld } from '../../helpers/engine-unit';
import { ScriptedTarget } from '../../helpers/scripted-target';

// What ScriptedTarget.readReference yields: the accounts, cost centre and supplier the mapped documents use.
const REFERENCE = [
  { kind: 'account' as const, dimensionType: '', code: '625100', name: 'Meals', active: true },
  { kind: 'account' as const, dimensionType: '', code: '421000', name: 'Employees', active: true },
  { kind: 'dimension' as const, dimensionType: 'costCenter', code: 'CC100', name: 'Sales', active: true },
  { kind: 'supplier' as const, dimensionType: '', code: 'V-JDOE', name: 'Jane', active: true },
];

function setup(t: Parameters<typeof unitWorld>[0]) {
  const clock = fixedClock();
  const w = unitWorld(t, {}, clock.now);
  const caps = new ScriptedTarget().capabilities;
  const env = (over: Partial<IntakeEnv> = {}): IntakeEnv => ({ conn: w.conn(), store: w.store, lookup: createMappingLookup(w.store.mappings.list('c1')), ref: createReferenceIndex(REFERENCE), caps, actor: 'test', tenant: 'company-1', ...over });
  /** The connection with some of its target or rules replaced. */
  const conn = (target: Record<string, unknown> = {}, rules: Record<string, unknown> = {}): Connection => {
    const c = w.conn();
    return { ...c, target: { ...c.target, ...target }, rules: { ...c.rules, ...rules } } as Connection;
  };
  const keys = (d: SourceDocument) => keysFor(d, 'c1', 'company-1');
  const row = (d: SourceDocument) => w.store.postings.getByKey(keys(d).key)!;
  /** Audit rows oldest first (without the store's own "database is new" row): [action, outcome, sourceId, erpId, key, message]. */
  const audits = () => w.store.audit.list({ limit: 200 }).reverse().filter((e) => e.action !== 'store').map((e) => [e.action, e.outcome, e.sourceId, e.erpId, e.idempotencyKey, e.message]);
  const count = () => w.store.postings.list({ connectionId: 'c1', limit: 500 }).length;
  return { ...w, clock, caps, env, conn, keys, row, audits, count };
}

const unmapped = (sourceId: string, over: Partial<SourceDocument> = {}) => doc({ sourceId, lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } })], ...over });
const amount = (minor: number, over: Partial<SourceDocument> = {}) => doc({ lines: [line({ amount: { amountMinor: minor, currency: 'EUR' } })], ...over });
const HOTEL = 'Expense type "HOTEL" (Hotel) has no GL account mapped';
const TAXI = 'Expense type "TAXI" (Taxi) has no GL account mapped';
const month = (start: string, end: string, closed: boolean): ErpPeriod => ({ start, end, name: '', closed, allLocked: false, apLocked: false, arLocked: false });

test('postingKindFor: the connection rule for the kind, else the target mode (ap_bill is a supplier invoice), else journal when the target cannot', (t) => {
  const s = setup(t);
  const kind = (target: string | undefined, modes: Record<string, string> | undefined, kinds: Array<'journal' | 'supplier_invoice'> = ['journal', 'supplier_invoice']) =>
    postingKindFor(doc(), s.env({ conn: s.conn({ postingMode: target }, { postingModes: modes }), caps: { ...s.caps, postingKinds: kinds } }));
  assert.equal(kind('supplier_invoice', {}), 'supplier_invoice');
  assert.equal(kind('ap_bill', {}), 'supplier_invoice', 'Intacct names it ap_bill');
  assert.equal(kind('journal', {}), 'journal');
  assert.equal(kind('gl_batch', {}), 'journal');
  assert.equal(kind(undefined, {}), 'journal');
  assert.equal(kind('supplier_invoice', undefined), 'supplier_invoice', 'no rules for kinds at all');
  assert.equal(kind('supplier_invoice', { expense_report: 'journal' }), 'journal', 'the rule for the kind wins');
  assert.equal(kind('journal', { expense_report: 'supplier_invoice' }), 'supplier_invoice');
  assert.equal(kind('journal', { invoice: 'supplier_invoice' }), 'journal', 'a rule for another kind does not count');
  assert.equal(kind('supplier_invoice', {}, ['journal']), 'journal', 'a target that cannot post it gets a journal');
  assert.equal(kind('journal', { expense_report: 'supplier_invoice' }, ['journal']), 'journal');
});

test('keysOfDoc and outboxRow: the row is found under the key, else under the legacy key (an older install of this connection)', (t) => {
  const s = setup(t);
  const k = keysOfDoc(doc({ sourceId: 'R1' }), s.env());
  assert.deepEqual(k, keysFor(doc({ sourceId: 'R1' }), 'c1', 'company-1'));
  assert.equal(outboxRow(k, s.store), null);
  const legacy = s.add({ sourceId: 'R1', key: k.legacy, doc: doc({ sourceId: 'R1' }) });
  assert.equal(outboxRow(k, s.store)?.id, legacy.id);
  const k2 = keysOfDoc(doc({ sourceId: 'R2' }), s.env());
  const current = s.add({ sourceId: 'R2', key: k2.key, doc: doc({ sourceId: 'R2' }) });
  assert.equal(outboxRow(k2, s.store)?.id, current.id);
});

test('planAndValidate: the plan carries the key it is sent under and every other form for the look-up', (t) => {
  const s = setup(t);
  const k = s.keys(doc());
  const fresh = planAndValidate(doc(), s.env());
  assert.deepEqual(fresh.reasons, []);
  assert.equal(fresh.plan!.idempotencyKey, k.key);
  assert.deepEqual(fresh.plan!.lookupKeys, [k.legacy]);
  assert.equal(fresh.plan!.kind, 'journal');
  assert.deepEqual(fresh.plan!.notes, ['Dated 2026-10-05, the document date']);
  const sent = planAndValidate(doc(), s.env(), 'MLC-SENTBEFORE0000');
  assert.equal(sent.plan!.idempotencyKey, 'MLC-SENTBEFORE0000');
  assert.deepEqual(sent.plan!.lookupKeys, [k.key, k.legacy]);
  const invoice = planAndValidate(doc(), s.env({ conn: s.conn({}, { postingModes: { expense_report: 'supplier_invoice' } }) }));
  assert.equal(invoice.plan!.kind, 'supplier_invoice');
});

test('planAndValidate: a document the planner cannot plan comes back with its reasons and no plan', (t) => {
  const s = setup(t);
  assert.deepEqual(planAndValidate(unmapped('R1'), s.env()), { plan: null, reasons: [{ code: 'NEEDS_MAPPING', message: HOTEL, subject: 'HOTEL', lineId: 'L1' }] });
});

test('planAndValidate: a re-date by the accountant moves the posting date and says so; the same date or a malformed one changes nothing', (t) => {
  const s = setup(t);
  const redated = planAndValidate(doc({ meta: { [REDATE_META]: '2026-11-02' } }), s.env()).plan!;
  assert.equal(redated.postingDate, '2026-11-02');
  assert.equal(redated.documentDate, '2026-10-05');
  assert.deepEqual(redated.notes, ['Dated 2026-10-05, the document date', 'Re-dated by the accountant from 2026-10-05 to 2026-11-02; the document date stays 2026-10-05']);
  for (const meta of [{ [REDATE_META]: '2026-10-05' }, { [REDATE_META]: 'next week' }, {}] as Array<Record<string, string>>) {
    const p = planAndValidate(doc({ meta }), s.env()).plan!;
    assert.equal(p.postingDate, '2026-10-05', JSON.stringify(meta));
    assert.deepEqual(p.notes, ['Dated 2026-10-05, the document date'], JSON.stringify(meta));
  }
});

test('planAndValidate: the reference check and the period check both give reasons, in that order, with the plan', (t) => {
  const s = setup(t);
  const r = planAndValidate(doc(), s.env({ ref: createReferenceIndex(REFERENCE.filter((i) => i.code !== '421000')), periods: [month('2026-10-01', '2026-10-31', true)] }));
  assert.equal(r.plan!.postingDate, '2026-10-05');
  assert.deepEqual(
    r.reasons.map((x) => [x.code, x.message]),
    [
      ['ACCOUNT_UNKNOWN', 'GL account 421000 does not exist in the ERP'],
      ['PERIOD_CLOSED', 'October 2026 is closed in Sage X3: the document is dated 2026-10-05. Re-date it, reopen the period, or let the connection post to the next open period'],
    ],
  );
});

test('planAndValidate: moved to the next open period, the original date fits the shorter of the target and rule description limits', (t) => {
  const s = setup(t);
  const periods = [month('2026-10-01', '2026-10-31', true), month('2026-11-01', '2026-11-30', false)];
  const long = doc({ title: 'October trip to Lyon and back' });
  const byTarget = planAndValidate(long, s.env({ periods, conn: s.conn({}, { closedPeriod: 'next_open_period' }), caps: { ...s.caps, maxDescriptionLength: 24 } }));
  assert.deepEqual(byTarget.reasons, []);
  assert.equal(byTarget.plan!.postingDate, '2026-11-01');
  assert.equal(byTarget.plan!.description, 'Octo… (dated 2026-10-05)');
  const byRule = planAndValidate(long, s.env({ periods, conn: s.conn({}, { closedPeriod: 'next_open_period', maxDescriptionLength: 24 }) }));
  assert.equal(byRule.plan!.description, 'Octo… (dated 2026-10-05)');
});

test('keepRedate: a fresh read keeps the date the accountant gave the held row, unless it carries its own', (t) => {
  const s = setup(t);
  const redatedRow = s.add({ doc: doc({ sourceId: 'A1', meta: { [REDATE_META]: '2026-11-02', other: 'x' } }) });
  const fresh = doc({ meta: { hint: 'h' } });
  assert.deepEqual(keepRedate(fresh, redatedRow), { ...fresh, meta: { hint: 'h', [REDATE_META]: '2026-11-02' } });
  const own = doc({ meta: { [REDATE_META]: '2026-12-01' } });
  assert.equal(keepRedate(own, redatedRow), own);
  assert.equal(keepRedate(fresh, s.add({ doc: doc({ sourceId: 'A2' }) })), fresh, 'never re-dated');
  const stored = s.add({ doc: { ...doc({ sourceId: 'A3' }), meta: undefined } as unknown as SourceDocument });
  assert.equal(keepRedate(fresh, stored), fresh, 'a stored document without meta');
});

test('totalOf: the net of the lines in the document currency, personal lines and lines without an amount left out', () => {
  const d = doc({
    lines: [
      line({ lineId: 'L1' }),
      line({ lineId: 'L2', isPersonal: true, amount: { amountMinor: 1000, currency: 'EUR' } }),
      line({ lineId: 'L3', amount: { amountMinor: 500, currency: 'USD' } }),
      line({ lineId: 'L4', amount: null }),
      line({ lineId: 'L5', amount: { amountMinor: -2000, currency: 'EUR' } }),
    ],
  });
  assert.deepEqual(totalOf(d), { amountMinor: 10345, currency: 'EUR' });
  assert.equal(totalOf(doc({ currency: null })), null);
  assert.deepEqual(totalOf(doc({ lines: [] })), { amountMinor: 0, currency: 'EUR' });
});

test('intakeBatch: a new valid document is planned and delivered, an invalid one held with every reason; both audited', (t) => {
  const s = setup(t);
  const good = doc({ sourceId: 'R1' });
  const bad = doc({ sourceId: 'R2', lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } }), line({ lineId: 'L2', expenseType: { code: 'TAXI', name: 'Taxi' } })] });
  const out = intakeBatch([good, bad], s.env());
  assert.deepEqual([out.deliver.length, out.held, out.skipped], [1, 1, 0]);
  const r1 = s.row(good);
  const r2 = s.row(bad);
  assert.deepEqual(out.deliver[0], r1);
  assert.deepEqual([r1.status, r1.idempotency_key, r1.total_minor, r1.currency, r1.content_hash.length], ['pending', s.keys(good).key, 12345, 'EUR', 64]);
  assert.equal(rowPlan(r1)!.idempotencyKey, s.keys(good).key);
  assert.deepEqual([r2.status, r2.plan_json, r2.total_minor], ['held', null, 24690]);
  assert.deepEqual(JSON.parse(r2.reasons_json), [
    { code: 'NEEDS_MAPPING', message: HOTEL, subject: 'HOTEL', lineId: 'L1' },
    { code: 'NEEDS_MAPPING', message: TAXI, subject: 'TAXI', lineId: 'L2' },
  ]);
  assert.deepEqual(s.audits(), [
    ['plan', 'planned', 'R1', null, s.keys(good).key, 'Planned journal entry of 2 lines dated 2026-10-05'],
    ['hold', 'held', 'R2', null, s.keys(bad).key, `${HOTEL}; ${TAXI}`],
  ]);
  const [e] = s.store.audit.list({ limit: 1 });
  assert.deepEqual([e!.actor, e!.connectionId], ['test', 'c1']);
});

test('intakeBatch: a supplier invoice is audited as one', (t) => {
  const s = setup(t);
  const out = intakeBatch([doc()], s.env({ conn: s.conn({}, { postingModes: { expense_report: 'supplier_invoice' } }) }));
  assert.equal(out.deliver.length, 1);
  assert.deepEqual(s.audits().map((a) => a[5]), ['Planned supplier invoice of 1 lines dated 2026-10-05']);
});

test('intakeBatch: codes seen in the source are noted once for the mapping grid (expense types, employees, tax codes by code or rate)', (t) => {
  const s = setup(t);
  const tax = (c: Partial<TaxComponent>): TaxComponent => ({ code: '', name: null, rate: null, amountMinor: 0, ...c }) as TaxComponent;
  const components = [tax({ code: 'VAT20', name: 'VAT', rate: '20' }), tax({ name: 'Reduced', rate: '5.5' }), tax({ rate: '10' }), tax({ code: 'EXEMPT', name: 'Exempt' }), tax({ name: 'Nothing to key it by' })];
  const d = doc({
    sourceId: 'R1',
    employee: { id: 'bob', name: 'Bob', email: null },
    lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' }, tax: { netMinor: 12345, recoverableMinor: 0, nonRecoverableMinor: 0, components } }), line({ lineId: 'L2', expenseType: { code: 'TAXI', name: 'Taxi' } })],
  });
  const seen = new Set(['expense_type\u0000TAXI']);
  intakeBatch([d, doc({ sourceId: 'R2', employee: null })], s.env({ seen }));
  assert.deepEqual([...seen].sort(), ['employee\u0000bob', 'expense_type\u0000HOTEL', 'expense_type\u0000MEALS', 'expense_type\u0000TAXI', 'tax_code\u000010%', 'tax_code\u00005.5%', 'tax_code\u0000EXEMPT', 'tax_code\u0000VAT20']);
  const noted = (kind: 'expense_type' | 'employee' | 'tax_code') => s.store.mappings.list('c1', kind).filter((m) => m.unmapped).map((m) => [m.sourceCode, m.sourceName, m.updatedBy]);
  assert.deepEqual(noted('expense_type'), [['HOTEL', 'Hotel', 'sync']], 'TAXI was already seen in this run');
  assert.deepEqual(noted('employee'), [['bob', 'Bob', 'sync']]);
  assert.deepEqual(noted('tax_code').sort(), [['10%', '10 %', 'sync'], ['5.5%', 'Reduced 5.5 %', 'sync'], ['EXEMPT', 'Exempt', 'sync'], ['VAT20', 'VAT 20 %', 'sync']]);
});

test('intakeBatch: the connection tenant is stamped on a stored document that has none; its own tenant stays and makes its key', (t) => {
  const s = setup(t);
  intakeBatch([doc({ sourceId: 'R1' }), doc({ sourceId: 'R2', tenant: 'Other-Co' })], s.env());
  const r1 = s.store.postings.getByKey(documentKey('concur', 'company-1', 'expense_report', 'R1'))!;
  assert.equal(rowDocument(r1).tenant, 'company-1');
  const r2 = s.store.postings.getByKey(documentKey('concur', 'other-co', 'expense_report', 'R2'))!;
  assert.equal(rowDocument(r2).tenant, 'Other-Co');
  intakeBatch([doc({ sourceId: 'R3' })], s.env({ tenant: null }));
  const r3 = s.store.postings.getByKey(documentKey('concur', '', 'expense_report', 'R3'))!;
  assert.equal('tenant' in rowDocument(r3), false, 'no tenant to stamp');
});

test('intakeBatch: a row under the legacy key keeps that key; changed while held, it is planned again under it', (t) => {
  const s = setup(t);
  const k = s.keys(doc());
  const old = s.add({ sourceId: 'R1', key: k.legacy, status: 'held', plan: null, reasons: [{ code: 'NEEDS_MAPPING', message: 'x' }] });
  const out = intakeBatch([doc()], s.env());
  assert.deepEqual(out.deliver.map((r) => [r.id, r.idempotency_key, r.status]), [[old.id, k.legacy, 'pending']]);
  assert.equal(s.count(), 1, 'no second row under the new key');
  const plan = rowPlan(s.store.postings.get(old.id)!)!;
  assert.equal(plan.idempotencyKey, k.legacy);
  assert.deepEqual(plan.lookupKeys, [k.key]);
  assert.deepEqual(s.audits(), [['plan', 'planned', 'R1', null, k.legacy, 'Changed at the source and now valid: planned']]);
});

test('intakeBatch: a posted document read again unchanged is skipped; changed, it is kept as a change, flagged once and audited, never delivered', (t) => {
  const s = setup(t);
  const posted = intakeBatch([amount(12345)], s.env()).deliver[0]!;
  s.store.postings.markPosted(posted.id, 'JE1', false);
  const key = posted.idempotency_key;
  const before = s.audits().length;
  const flag = () => s.store.postings.get(posted.id)!.changed_after_posting;
  const stamp = () => s.store.postings.get(posted.id)!.updated_at;

  assert.deepEqual(intakeBatch([amount(12345)], s.env()), { deliver: [], held: 0, skipped: 1 });
  assert.deepEqual([flag(), s.store.changes.list({ limit: 5 }).length, s.audits().length], [0, 0, before]);

  s.clock.advance(1000);
  assert.deepEqual(intakeBatch([amount(12468)], s.env()), { deliver: [], held: 0, skipped: 1 });
  assert.equal(flag(), 1);
  const [c] = s.store.changes.list({ limit: 5 });
  assert.deepEqual(s.audits().slice(before), [['changed_after_posting', 'flagged', 'R1', 'JE1', key, `Changed in concur after it was posted as JE1: 123.45 EUR → 124.68 EUR; kept as change #${c!.id}, not posted — adjust it or accept it with a reason`]]);
  const flaggedAt = stamp();

  // The same changed version again: nothing new, the row is not touched.
  s.clock.advance(1000);
  assert.deepEqual(intakeBatch([amount(12468)], s.env()), { deliver: [], held: 0, skipped: 1 });
  assert.deepEqual([s.audits().length, stamp()], [before + 1, flaggedAt]);

  // Another version before anyone resolved the change: the change takes it; the flag is already there.
  s.clock.advance(1000);
  assert.deepEqual(intakeBatch([amount(13000)], s.env()), { deliver: [], held: 0, skipped: 1 });
  assert.deepEqual(s.audits().slice(before + 1), [['changed_after_posting', 'updated', 'R1', 'JE1', key, `Changed in concur after it was posted as JE1: 123.45 EUR → 130.00 EUR; kept as change #${c!.id}, not posted — adjust it or accept it with a reason`]]);
  assert.equal(stamp(), flaggedAt);
  const p = s.store.postings.get(posted.id)!;
  assert.deepEqual([p.status, p.erp_id, p.total_minor, p.content_hash], ['posted', 'JE1', 12345, posted.content_hash]);
});

test('intakeBatch: a dismissed document changed at the source is flagged once and audited; unchanged, nothing happens', (t) => {
  const s = setup(t);
  intakeBatch([unmapped('R1')], s.env());
  const row = s.row(unmapped('R1'));
  s.store.postings.markDismissed(row.id, 'not ours');
  const before = s.audits().length;

  assert.deepEqual(intakeBatch([unmapped('R1')], s.env()), { deliver: [], held: 0, skipped: 1 });
  assert.deepEqual([s.store.postings.get(row.id)!.changed_after_posting, s.audits().length], [0, before]);

  const changed = unmapped('R1', { lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' }, amount: { amountMinor: 999, currency: 'EUR' } })] });
  assert.deepEqual(intakeBatch([changed], s.env()), { deliver: [], held: 0, skipped: 1 });
  const after = s.store.postings.get(row.id)!;
  assert.deepEqual([after.status, after.changed_after_posting, after.content_hash], ['dismissed', 1, row.content_hash]);
  assert.deepEqual(s.audits().slice(before), [['changed_after_posting', 'flagged', 'R1', null, row.idempotency_key, 'Changed in concur after it was dismissed; not posted again — review the difference']]);

  intakeBatch([changed], s.env());
  assert.equal(s.audits().length, before + 1, 'flagged once');
});

test('intakeBatch: a pending document read again, changed or not, is skipped and left as it is (neither flagged nor re-planned)', (t) => {
  const s = setup(t);
  const row = intakeBatch([amount(12345)], s.env()).deliver[0]!;
  const before = s.audits().length;
  assert.deepEqual(intakeBatch([amount(12345), amount(20000)], s.env()), { deliver: [], held: 0, skipped: 2 });
  assert.deepEqual(s.store.postings.get(row.id), row);
  assert.equal(s.audits().length, before);
});

test('intakeBatch: a held document changed at the source is planned again — delivered when valid, held with its new reasons otherwise', (t) => {
  const s = setup(t);
  intakeBatch([unmapped('R1')], s.env());
  const held = s.row(unmapped('R1'));
  const before = s.audits().length;

  assert.deepEqual(intakeBatch([unmapped('R1')], s.env()), { deliver: [], held: 0, skipped: 1 }, 'unchanged');
  assert.equal(s.audits().length, before);

  const two = doc({ lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' } }), line({ lineId: 'L2', expenseType: { code: 'TAXI', name: 'Taxi' } })] });
  assert.deepEqual(intakeBatch([two], s.env()), { deliver: [], held: 1, skipped: 0 });
  const still = s.store.postings.get(held.id)!;
  assert.deepEqual([still.status, still.total_minor, JSON.parse(still.reasons_json).length], ['held', 24690, 2]);
  assert.deepEqual(s.audits().slice(before), [['hold', 'held', 'R1', null, held.idempotency_key, `Changed at the source, still held: ${HOTEL}; ${TAXI}`]]);

  const out = intakeBatch([doc()], s.env());
  assert.deepEqual([out.held, out.skipped], [0, 0]);
  const now = s.store.postings.get(held.id)!;
  assert.deepEqual(out.deliver, [now]);
  assert.deepEqual([now.status, now.reasons_json, now.total_minor, rowPlan(now)!.idempotencyKey], ['pending', '[]', 12345, held.idempotency_key]);
  assert.deepEqual(s.audits().slice(before + 1), [['plan', 'planned', 'R1', null, held.idempotency_key, 'Changed at the source and now valid: planned']]);
  assert.equal(s.count(), 1);
});

test('intakeBatch: a held document the accountant re-dated keeps the new date when the source changes it', (t) => {
  const s = setup(t);
  intakeBatch([unmapped('R1')], s.env());
  const held = s.row(unmapped('R1'));
  s.store.postings.redate(held.id, { ...rowDocument(held), meta: { [REDATE_META]: '2026-11-02' } }, null);
  const out = intakeBatch([doc()], s.env());
  const plan = rowPlan(out.deliver[0]!)!;
  assert.equal(plan.postingDate, '2026-11-02');
  assert.equal(rowDocument(out.deliver[0]!).meta[REDATE_META], '2026-11-02');
});

test('intakeBatch: a failed document changed at the source but still invalid is held with its reasons', (t) => {
  const s = setup(t);
  const row = intakeBatch([doc()], s.env()).deliver[0]!;
  s.store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message: 'down' }], { code: 'UNAVAILABLE', message: 'down', retryable: true }, null);
  assert.deepEqual(intakeBatch([unmapped('R1')], s.env()), { deliver: [], held: 1, skipped: 0 });
  assert.deepEqual(JSON.parse(s.store.postings.get(row.id)!.reasons_json), [{ code: 'NEEDS_MAPPING', message: HOTEL, subject: 'HOTEL', lineId: 'L1' }]);
});

test('aliasPosting: the first alias that has an outbox row, under either key form', (t) => {
  const s = setup(t);
  assert.equal(aliasPosting(doc({ sourceId: 'FIS-1' }), s.env()), null);
  const old = s.add({ sourceId: 'R-OLD', key: s.keys(doc({ sourceId: 'R-OLD' })).key });
  assert.equal(aliasPosting(doc({ sourceId: 'FIS-1', aliases: ['R-NONE', 'R-OLD'] }), s.env())?.id, old.id);
  const legacy = s.add({ sourceId: 'R-LEG', key: s.keys(doc({ sourceId: 'R-LEG' })).legacy });
  assert.equal(aliasPosting(doc({ sourceId: 'FIS-2', aliases: ['R-LEG'] }), s.env())?.id, legacy.id);
  assert.equal(aliasPosting(doc({ sourceId: 'FIS-3', aliases: ['R-NONE'] }), s.env()), null);
});

test('intakeBatch: a twin already posted is recorded as posted under the same ERP id, confirmed only when the source wants it, never delivered', (t) => {
  const s = setup(t);
  const twin = intakeBatch([doc({ sourceId: 'R-OLD' })], s.env()).deliver[0]!;
  s.store.postings.markPosted(twin.id, 'JE7', false);
  const before = s.audits().length;
  const fis = doc({ sourceId: 'FIS-1', aliases: ['R-NONE', 'R-OLD'] });
  assert.deepEqual(intakeBatch([fis], s.env()), { deliver: [], held: 0, skipped: 1 });
  const r = s.row(fis);
  assert.deepEqual([r.status, r.erp_id, r.confirm_status, r.plan_json, r.reasons_json, r.total_minor, r.currency], ['posted', 'JE7', 'none', null, '[]', 12345, 'EUR']);
  assert.deepEqual(s.audits().slice(before), [['fetch', 'already_posted', 'FIS-1', 'JE7', s.keys(fis).key, 'Already posted as R-OLD (JE7); recorded under this id too, not posted again']]);

  const fis2 = doc({ sourceId: 'FIS-2', aliases: ['R-OLD'] });
  intakeBatch([fis2], s.env({ confirmToSource: true }));
  assert.equal(s.row(fis2).confirm_status, 'pending');
});

test('intakeBatch: a twin still open holds the new document as a duplicate naming it', (t) => {
  const s = setup(t);
  intakeBatch([doc({ sourceId: 'R-OLD' })], s.env());
  const before = s.audits().length;
  const fis = doc({ sourceId: 'FIS-1', aliases: ['R-OLD'] });
  assert.deepEqual(intakeBatch([fis], s.env()), { deliver: [], held: 1, skipped: 0 });
  const r = s.row(fis);
  const message = 'The same document is already in the outbox as R-OLD (pending); settle that one first, then replay or dismiss this one';
  assert.deepEqual([r.status, r.plan_json, r.total_minor, JSON.parse(r.reasons_json)], ['held', null, 12345, [{ code: 'DUPLICATE_SOURCE', message, subject: 'R-OLD' }]]);
  assert.deepEqual(s.audits().slice(before), [['hold', 'held', 'FIS-1', null, s.keys(fis).key, message]]);
});

test('intakeInSlices: one transaction per slice, the first at once and the next after yielding; outcomes added up', async (t) => {
  const s = setup(t);
  s.add({ sourceId: 'R4', key: s.keys(doc({ sourceId: 'R4' })).key });
  const docs = [doc({ sourceId: 'R1' }), unmapped('R2'), doc({ sourceId: 'R3' }), doc({ sourceId: 'R4' }), doc({ sourceId: 'R5' })];
  const pending = intakeInSlices(docs, s.env(), 2);
  assert.equal(s.count(), 3, 'the first slice is written before the first yield, the second after it');
  const out = await pending;
  assert.deepEqual(out.deliver.map((r) => r.source_id), ['R1', 'R3', 'R5']);
  assert.deepEqual([out.held, out.skipped, s.count()], [1, 1, 5]);
  assert.deepEqual(await intakeInSlices([], s.env()), { deliver: [], held: 0, skipped: 0 });
});

test('previewBatch: what a run would do, written nowhere; the plan comes along only for what would be posted', (t) => {
  const s = setup(t);
  s.store.mappings.upsert('c1', [{ kind: 'expense_type', sourceCode: 'TAXI', sourceName: 'Taxi', target: '999999', dimensions: { costCenter: 'CC100' } }], 'test');
  const posted = intakeBatch([doc({ sourceId: 'P1' })], s.env()).deliver[0]!;
  s.store.postings.markPosted(posted.id, 'JE1', false);
  intakeBatch([unmapped('H1'), unmapped('H2', { currency: null }), unmapped('D1')], s.env());
  s.store.postings.markDismissed(s.row(unmapped('D1')).id, 'no');
  const legacy = s.add({ sourceId: 'N1', key: s.keys(doc({ sourceId: 'N1' })).legacy });
  const [rows, audits] = [s.count(), s.audits().length];

  const docs = [doc({ sourceId: 'P1' }), unmapped('H1'), unmapped('H2', { currency: null }), unmapped('D1'), doc({ sourceId: 'N1' }), doc({ sourceId: 'X1' }), unmapped('X2'), doc({ sourceId: 'X3', lines: [line({ expenseType: { code: 'TAXI', name: 'Taxi' } })] })];
  const preview = previewBatch(docs, s.env());
  const done = (outcome: string, sourceId: string, total: object | null) => ({ item: { sourceId, title: 'October trip', outcome, total, postingDate: null, lines: [], reasons: [], notes: [] }, plan: null });
  const eur = { amountMinor: 12345, currency: 'EUR' };
  assert.deepEqual(preview.slice(0, 4), [done('already_posted', 'P1', eur), done('already_held', 'H1', eur), done('already_held', 'H2', null), done('already_posted', 'D1', eur)]);

  const lines = [
    { account: '625100', side: 'debit', amountMinor: 12345, dimensions: { costCenter: 'CC100' }, partner: null },
    { account: '421000', side: 'credit', amountMinor: 12345, dimensions: {}, partner: 'V-JDOE' },
  ];
  const wouldPost = (sourceId: string) => ({ sourceId, title: 'October trip', outcome: 'would_post', total: eur, postingDate: '2026-10-05', lines, reasons: [], notes: ['Dated 2026-10-05, the document date'] });
  const [n1, x1, x2, x3] = preview.slice(4);
  assert.deepEqual(n1!.item, wouldPost('N1'));
  assert.equal(n1!.plan!.idempotencyKey, legacy.idempotency_key, 'a row already in the outbox keeps its key');
  assert.deepEqual(x1!.item, wouldPost('X1'));
  assert.deepEqual(x1!.plan, planAndValidate(doc({ sourceId: 'X1' }), s.env()).plan);
  assert.deepEqual(x2, { item: { sourceId: 'X2', title: 'October trip', outcome: 'would_hold', total: eur, postingDate: null, lines: [], reasons: [{ code: 'NEEDS_MAPPING', message: HOTEL, subject: 'HOTEL', lineId: 'L1' }], notes: [] }, plan: null });
  assert.deepEqual([x3!.item.outcome, x3!.item.postingDate, x3!.item.lines.map((l) => l.account), x3!.item.reasons.map((r) => r.code), x3!.plan], ['would_hold', '2026-10-05', ['999999', '421000'], ['ACCOUNT_UNKNOWN'], null]);

  assert.deepEqual([s.count(), s.audits().length], [rows, audits], 'a dry run writes nothing');
  previewBatch([doc({ sourceId: 'X4', lines: [line({ expenseType: { code: 'PARKING', name: 'Parking' } })] })], s.env());
  assert.equal(s.store.mappings.get('c1', 'expense_type', 'PARKING'), null, 'no code noted either');
});

test('previewBatch: a held document changed at the source, or a failed one, is planned again, as a run would', (t) => {
  const s = setup(t);
  intakeBatch([unmapped('R1')], s.env());
  const [held] = previewBatch([doc()], s.env());
  assert.equal(held!.item.outcome, 'would_post');
  assert.equal(held!.plan!.idempotencyKey, s.row(unmapped('R1')).idempotency_key);
  // A failed one waiting for its retry, unchanged, would be sent by the run too.
  const failed = intakeBatch([doc({ sourceId: 'R2' })], s.env()).deliver[0]!;
  s.store.postings.markFailed(failed.id, [{ code: 'FAILED_RETRY_LATER', message: 'down' }], { code: 'UNAVAILABLE', message: 'down', retryable: true }, null);
  assert.deepEqual(previewBatch([doc({ sourceId: 'R2' })], s.env()).map((p) => [p.item.outcome, p.plan?.idempotencyKey]), [['would_post', failed.idempotency_key]]);
});

test('previewBatch: a posted or dismissed document changed at the source is shown as done with the change noted, never as "would post"', (t) => {
  const s = setup(t);
  const posted = intakeBatch([amount(12345)], s.env()).deliver[0]!;
  s.store.postings.markPosted(posted.id, 'JE1', false);
  intakeBatch([unmapped('D1')], s.env());
  s.store.postings.markDismissed(s.row(unmapped('D1')).id, 'no');
  const changedDismissed = unmapped('D1', { lines: [line({ expenseType: { code: 'HOTEL', name: 'Hotel' }, amount: { amountMinor: 999, currency: 'EUR' } })] });
  const done = (sourceId: string, notes: string[]) => ({ item: { sourceId, title: 'October trip', outcome: 'already_posted', total: { amountMinor: 12345, currency: 'EUR' }, postingDate: null, lines: [], reasons: [], notes }, plan: null });
  assert.deepEqual(previewBatch([amount(12468), changedDismissed], s.env()), [
    done('R1', ['Changed in concur after it was posted: kept for review, not posted again']),
    done('D1', ['Changed in concur after it was dismissed: kept for review, not posted again']),
  ]);
  // Once a run has kept that version as a change, it is nothing new.
  intakeBatch([amount(12468)], s.env());
  assert.deepEqual(previewBatch([amount(12468)], s.env()), [done('R1', [])]);
  assert.deepEqual(previewBatch([amount(13000)], s.env()), [done('R1', ['Changed in concur after it was posted: kept for review, not posted again'])]);
});

test('intakeBatch: a twin marked posted without an ERP id holds the new document, and it is counted as held', (t) => {
  const s = setup(t);
  const twin = intakeBatch([doc({ sourceId: 'R-OLD' })], s.env()).deliver[0]!;
  s.store.postings.markPosted(twin.id, '', false);
  const fis = doc({ sourceId: 'FIS-1', aliases: ['R-OLD'] });
  assert.deepEqual(intakeBatch([fis], s.env()), { deliver: [], held: 1, skipped: 0 });
  const r = s.row(fis);
  assert.deepEqual([r.status, r.erp_id, JSON.parse(r.reasons_json)[0].message], ['held', null, 'The same document is already in the outbox as R-OLD (posted); settle that one first, then replay or dismiss this one']);
});
