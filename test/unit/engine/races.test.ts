import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PostOutcome, TargetAdapter } from '../../../main/core/adapters/types';
import { keysOf } from '../../../main/core/adapters/types';
import { settleRaces } from '../../../main/core/engine/races';
import { ConnectorError } from '../../../main/core/errors';
import { openStore } from '../../../main/core/store/store';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { doc } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

/** An ERP with no uniqueness on our reference: documents numbered in creation order, several per key possible. */
class Ledger implements Pick<TargetAdapter, 'findAllExisting' | 'removeDuplicate' | 'findExisting' | 'post'> {
  seq = 0;
  readonly docs: Array<{ id: string; key: string; released: boolean }> = [];
  add(key: string, released = false): string {
    const id = `JE${String(++this.seq).padStart(4, '0')}`;
    this.docs.push({ id, key, released });
    return id;
  }
  async findAllExisting(plans: readonly PostingPlan[]) {
    return new Map(plans.map((p) => [p.idempotencyKey, this.docs.filter((d) => keysOf(p).includes(d.key)).map((d) => d.id)]));
  }
  async removeDuplicate(erpId: string) {
    const i = this.docs.findIndex((d) => d.id === erpId);
    if (this.docs[i]!.released) return { removed: false as const, reason: 'released documents cannot be deleted' };
    this.docs.splice(i, 1);
    return { removed: true as const };
  }
  async findExisting() {
    return null;
  }
  async post(): Promise<PostOutcome> {
    throw new Error('not used');
  }
}

function setup(t: { after(fn: () => void): void }) {
  const store = openStore(join(tempDir(t), 'x.db'), () => new Date());
  t.after(() => store.close());
  store.connections.save({ id: 'c1', name: 'C', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] }, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: [], postingModes: {}, maxDescriptionLength: 250 }, schedule: { mode: 'manual' }, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 });
  const ledger = new Ledger();
  const target = ledger as unknown as TargetAdapter;
  const posted = (key: string, erpId: string) => {
    const plan = { kind: 'journal', idempotencyKey: key, sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: key, sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: null, invoiceNumber: null, totalMinor: 1, notes: [], lines: [] } as PostingPlan;
    const row = store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: key }), key, contentHash: 'h', status: 'pending', plan, reasons: [], total: null });
    store.postings.markPosted(row.id, erpId, true);
    return row.id;
  };
  return { store, ledger, target, posted, deps: { store, target, logger, actor: 'test' } };
}

test('our copy is newer than another install\'s: ours is removed and the oldest linked, on this install', async (t) => {
  const { store, ledger, posted, deps } = setup(t);
  const theirs = ledger.add('MLC-A');
  const ours = ledger.add('MLC-A');
  const id = posted('MLC-A', ours);
  const r = await settleRaces([id], deps);
  assert.deepEqual(r, { settled: 1, twice: 0 });
  assert.deepEqual(ledger.docs.map((d) => d.id), [theirs]);
  assert.equal(store.postings.get(id)!.erp_id, theirs);
  assert.equal(store.postings.get(id)!.confirm_status, 'pending', 'the source hears the surviving number');
});

test('our copy is the oldest: kept, nothing removed (the other install removes its own)', async (t) => {
  const { ledger, posted, deps } = setup(t);
  const ours = ledger.add('MLC-B');
  ledger.add('MLC-B');
  const r = await settleRaces([posted('MLC-B', ours)], deps);
  assert.deepEqual(r, { settled: 0, twice: 0 });
  assert.equal(ledger.docs.length, 2);
});

test('a copy the ERP no longer lets us remove is said loudly and left for the accountant', async (t) => {
  const { store, ledger, posted, deps } = setup(t);
  ledger.add('MLC-C');
  const ours = ledger.add('MLC-C', true);
  const id = posted('MLC-C', ours);
  assert.deepEqual(await settleRaces([id], deps), { settled: 0, twice: 1 });
  assert.ok(store.audit.list({ limit: 10 }).some((e) => e.outcome === 'posted_twice' && /released documents cannot be deleted/.test(e.message)));
  assert.equal(store.postings.get(id)!.erp_id, ours);
});

test('a single document per key is left alone', async (t) => {
  const { ledger, posted, deps } = setup(t);
  const ours = ledger.add('MLC-D');
  assert.deepEqual(await settleRaces([posted('MLC-D', ours)], deps), { settled: 0, twice: 0 });
  assert.equal(ledger.docs.length, 1);
});

/** A logger that keeps what it was told, to check what the accountant's log says. */
function recordingLogger() {
  const lines: Array<{ level: string; msg: string; data: unknown }> = [];
  const at = (level: string) => (msg: string, data?: unknown) => void lines.push({ level, msg, data });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

test('a target that cannot both list every copy and remove one is not checked at all', async (t) => {
  const { posted, ledger, store } = setup(t);
  const ours = ledger.add('MLC-E');
  ledger.add('MLC-E');
  const id = posted('MLC-E', ours);
  let asked = 0;
  const listOnly = { findAllExisting: async () => { asked++; return new Map([['MLC-E', ['X1', ours]]]); } } as unknown as TargetAdapter;
  const removeOnly = { removeDuplicate: async () => { asked++; return { removed: true as const }; } } as unknown as TargetAdapter;
  for (const target of [listOnly, removeOnly]) assert.deepEqual(await settleRaces([id], { store, target, logger, actor: 't' }), { settled: 0, twice: 0 });
  assert.equal(asked, 0, 'neither half is called on its own');
});

test('nothing to check: the ERP is not asked', async (t) => {
  const { store, ledger } = setup(t);
  let asked = 0;
  const target = { findAllExisting: async () => { asked++; return new Map(); }, removeDuplicate: ledger.removeDuplicate.bind(ledger) } as unknown as TargetAdapter;
  assert.deepEqual(await settleRaces([], { store, target, logger, actor: 't' }), { settled: 0, twice: 0 });
  assert.equal(asked, 0);
});

test('only posted rows with an ERP id and a plan are checked; unknown row ids are skipped without failing', async (t) => {
  const { store, ledger, posted, deps } = setup(t);
  const mine = ledger.add('MLC-F');
  const withPlan = posted('MLC-F', mine);
  const held = store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: 'MLC-G' }), key: 'MLC-G', contentHash: 'h', status: 'held', plan: null, reasons: [], total: null });
  const noPlan = store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: 'MLC-H' }), key: 'MLC-H', contentHash: 'h', status: 'pending', plan: null, reasons: [], total: null });
  store.postings.markPosted(noPlan.id, 'JE9999', true);
  const seen: string[][] = [];
  const target = { ...deps.target, findAllExisting: async (plans: readonly PostingPlan[]) => { seen.push(plans.map((p) => p.idempotencyKey)); return ledger.findAllExisting(plans); }, removeDuplicate: ledger.removeDuplicate.bind(ledger) } as unknown as TargetAdapter;
  assert.deepEqual(await settleRaces([withPlan, held.id, noPlan.id, 424242], { ...deps, target }), { settled: 0, twice: 0 });
  assert.deepEqual(seen, [['MLC-F']], 'one look-up, for the posted row that has a plan');
});

test('a look-up that fails is logged with the connector error\'s message and leaves every post as it stands', async (t) => {
  const { store, ledger, posted, deps } = setup(t);
  const theirs = ledger.add('MLC-I');
  const ours = ledger.add('MLC-I');
  const id = posted('MLC-I', ours);
  const rec = recordingLogger();
  const target = { findAllExisting: async () => { throw new ConnectorError('NETWORK', 'ERP unreachable'); }, removeDuplicate: ledger.removeDuplicate.bind(ledger) } as unknown as TargetAdapter;
  assert.deepEqual(await settleRaces([id], { ...deps, target, logger: rec.logger }), { settled: 0, twice: 0 });
  assert.deepEqual(rec.lines, [{ level: 'warn', msg: 'could not check the ERP for documents posted twice at the same moment', data: { error: 'ERP unreachable' } }]);
  assert.equal(store.postings.get(id)!.erp_id, ours);
  assert.deepEqual(ledger.docs.map((d) => d.id), [theirs, ours]);
});

test('a removal that throws (not a connector error) counts as posted twice, with the thrown text in the audit and the log', async (t) => {
  const { store, ledger, posted, deps } = setup(t);
  const theirs = ledger.add('MLC-J');
  const ours = ledger.add('MLC-J');
  const id = posted('MLC-J', ours);
  const rec = recordingLogger();
  const target = { findAllExisting: ledger.findAllExisting.bind(ledger), removeDuplicate: async () => { throw new Error('HTTP 500 from the ERP'); } } as unknown as TargetAdapter;
  assert.deepEqual(await settleRaces([id], { ...deps, target, logger: rec.logger }), { settled: 0, twice: 1 });
  const row = store.audit.list({ limit: 10 }).find((e) => e.outcome === 'posted_twice')!;
  assert.equal(row.action, 'recover');
  assert.equal(row.erpId, ours);
  assert.equal(row.message, `Posted twice at the same moment by two installs: ${theirs} and ${ours} carry this document's reference, and ${ours} could not be removed (Error: HTTP 500 from the ERP); reverse one of them in the ERP`);
  assert.deepEqual(rec.lines, [{ level: 'error', msg: 'a document is in the ERP twice', data: { sourceId: 'MLC-J', erpIds: [theirs, ours] } }]);
});

test('the linked oldest copy is audited with both numbers and keeps the row\'s confirmation state', async (t) => {
  const { store, ledger, deps } = setup(t);
  const theirs = ledger.add('MLC-K');
  const ours = ledger.add('MLC-K');
  const plan = { kind: 'journal', idempotencyKey: 'MLC-K', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'MLC-K', sourceVersion: 'v', postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'x', partner: null, invoiceNumber: null, totalMinor: 1, notes: [], lines: [] } as PostingPlan;
  const row = store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: 'MLC-K' }), key: 'MLC-K', contentHash: 'h', status: 'pending', plan, reasons: [], total: null });
  store.postings.markPosted(row.id, ours, false); // a source that takes no posting confirmation
  assert.deepEqual(await settleRaces([row.id], deps), { settled: 1, twice: 0 });
  assert.equal(store.postings.get(row.id)!.confirm_status, 'none', 'no confirmation is owed to a source that takes none');
  const a = store.audit.list({ limit: 10 }).find((e) => e.outcome === 'linked')!;
  assert.deepEqual([a.action, a.erpId, a.sourceId, a.idempotencyKey, a.connectionId, a.actor], ['recover', theirs, 'MLC-K', 'MLC-K', 'c1', 'test']);
  assert.equal(a.message, `Another install posted this document at the same moment as ${theirs}; our copy ${ours} was removed from the ERP and ${theirs} linked`);
});
