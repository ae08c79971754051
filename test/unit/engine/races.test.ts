import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PostOutcome, TargetAdapter } from '../../../main/core/adapters/types';
import { keysOf } from '../../../main/core/adapters/types';
import { settleRaces } from '../../../main/core/engine/races';
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
