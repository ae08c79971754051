// A scheduled run in an off-peak window: when the window closes mid-run, posts stop starting (the one in
// flight finishes), the rest wait in the outbox and post in the next window, each exactly once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PostOutcome, SourceAdapter } from '../../../main/core/adapters/types';
import { createCore } from '../../../main/core/create-core';
import type { Schedule } from '../../../shared/schemas/connection';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { doc } from '../../helpers/docs';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { tempDir } from '../../helpers/temp-dir';

process.env.TZ = 'Asia/Kolkata';

const at = (d: number, h: number, m = 0) => new Date(2026, 10, d, h, m);
const WINDOW: Schedule = { mode: 'window', from: '22:00', to: '06:00', minutes: 60 };

/** A target whose every post takes 20 minutes of the (controlled) clock. */
class SlowTarget extends ScriptedTarget {
  constructor(private readonly tick: () => void) {
    super();
  }
  override async post(plan: PostingPlan): Promise<PostOutcome> {
    const out = await super.post(plan);
    this.tick();
    return out;
  }
}

function setup(t: { after(fn: () => void | Promise<void>): void }, schedule: Schedule, start: Date) {
  let now = start;
  const clock = { now: () => new Date(now), sleep: async () => undefined };
  const target = new SlowTarget(() => (now = new Date(now.getTime() + 20 * 60_000)));
  const docs = Array.from({ length: 10 }, (_, i) => doc({ sourceId: `R${i + 1}` }));
  // The source lists the same ten documents on every pull: the outbox, not the cursor, keeps them single.
  const source: SourceAdapter = {
    system: 'concur',
    test: async () => [],
    pull: () => ({
      batches: (async function* () {
        yield docs.slice(0, 5);
        yield docs.slice(5);
      })(),
      finalCursor: () => 'cursor-1',
    }),
  };
  const core = createCore({
    dbPath: join(tempDir(t), 'w.db'),
    cipher: { backend: 'plain-test', encrypt: async (s) => s, decrypt: async (s) => s },
    clock,
    registry: { source: () => source, target: () => target },
  });
  t.after(() => core.close());
  const { store } = core.runtime;
  store.connections.save({ id: 'c1', name: 'Night', source: { system: 'concur', tokenUrl: 'http://127.0.0.1:1', clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] } as never, target: { system: 'sage-x3', serverUrl: 'http://127.0.0.1:1', folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never, rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 }, schedule, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 }, concurrency: 1 });
  store.mappings.upsert('c1', [{ kind: 'expense_type', sourceCode: 'MEALS', sourceName: 'Meals', target: '625100', dimensions: { costCenter: 'CC100' } }, { kind: 'employee', sourceCode: 'jdoe', sourceName: 'Jane', target: 'V-JDOE', dimensions: {} }], 'test');
  return { core, store, target, setNow: (d: Date) => (now = d), now: () => now };
}

test('the window closes mid-run: the rest stay pending and post in the next window, each exactly once', async (t) => {
  const { core, store, target, setNow, now } = setup(t, WINDOW, at(24, 5, 0));
  const first = await core.sync('c1', { actor: 'scheduler', trigger: 'schedule' });
  assert.equal(first.status, 'succeeded', first.error ?? '');
  // Posts start at 05:00, 05:20 and 05:40; the third finishes at 06:00 (in flight), the fourth never starts.
  assert.equal(first.posted, 3, JSON.stringify(first));
  assert.equal(target.posts, 3);
  assert.deepEqual(now(), at(24, 6, 0));
  assert.equal(store.postings.counts('c1').pending, 7);
  assert.equal(first.deferred, 7, 'the run summary counts the documents left for the next window');
  assert.equal(store.runs.last('c1')?.deferred, 7, 'stored with the run for the dashboard');
  assert.equal(store.audit.list({ connectionId: 'c1', limit: 100 }).filter((e) => e.outcome === 'deferred').length, 1);

  // The dashboard's next sync is tonight's opening, not 07:00.
  const [state] = await core.handlers('test')['connections.states']({});
  assert.equal(state!.nextRunAt, at(24, 22).toISOString());
  assert.equal(state!.lastRun?.deferred, 7);

  setNow(at(24, 22, 0));
  const second = await core.sync('c1', { actor: 'scheduler', trigger: 'schedule' });
  assert.equal(second.status, 'succeeded', second.error ?? '');
  assert.equal(second.posted, 7, JSON.stringify(second));
  assert.equal(second.recovered, 0);
  assert.equal(second.deferred, 0);
  assert.equal(target.posts, 10, 'each document sent once');
  assert.equal(target.lookups, 17, 'every document is looked up in the ERP before its first send: the 10 of the first page, and the 7 deferred ones again before tonight\'s send');
  assert.equal(target.docs.size, 10);
  const posted = store.postings.list({ connectionId: 'c1', status: 'posted', limit: 100 });
  assert.equal(posted.length, 10);
  assert.equal(new Set(posted.map((r) => r.erp_id)).size, 10);
});

test('"Sync now" outside the window posts everything at once', async (t) => {
  const { core, store, target } = setup(t, WINDOW, at(24, 12, 0));
  const run = await core.sync('c1', { actor: 'accountant', trigger: 'manual' });
  assert.equal(run.posted, 10, JSON.stringify(run));
  assert.equal(run.deferred, 0);
  assert.equal(target.posts, 10);
  assert.equal(store.postings.counts('c1').pending, 0);
});
