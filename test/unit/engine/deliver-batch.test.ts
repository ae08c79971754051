import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { deliverBatch } from '../../../main/core/engine/deliver-batch';
import { ConnectorError } from '../../../main/core/errors';
import { openStore } from '../../../main/core/store/store';
import type { PostOutcome } from '../../../main/core/adapters/types';
import type { PostingPlan } from '../../../shared/schemas/plan';
import { ScriptedTarget } from '../../helpers/scripted-target';
import { doc } from '../../helpers/docs';
import { tempDir } from '../../helpers/temp-dir';

const clock = { now: () => new Date(), sleep: async () => {} };
const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 };

class BatchTarget extends ScriptedTarget {
  batchCalls = 0;
  constructor(private readonly batchMode: 'ok' | 'reject-second' | 'commit-half-then-drop') {
    super();
  }
  async postBatch(plans: PostingPlan[]): Promise<PostOutcome[]> {
    this.batchCalls++;
    if (this.batchMode === 'commit-half-then-drop') {
      plans.slice(0, 2).forEach((p, i) => this.docs.set(p.idempotencyKey, `B${i + 1}`));
      throw new ConnectorError('NETWORK', 'socket hang up', { uncertain: true });
    }
    return plans.map((p, i) => {
      if (this.batchMode === 'reject-second' && i === 1) return { status: 'rejected', reasons: [{ code: 'DIMENSION_INACTIVE', message: 'Department 40 is inactive' }] };
      this.docs.set(p.idempotencyKey, `B${i + 1}`);
      return { status: 'posted', erpId: `B${i + 1}`, warnings: [] };
    });
  }
}

function setup(t: { after(fn: () => void): void }, target: BatchTarget) {
  const store = openStore(join(tempDir(t), 'b.db'), () => new Date());
  t.after(() => store.close());
  store.db.prepare("INSERT INTO connections (id, name, config_json, created_at, updated_at) VALUES ('c1', 'C', '{}', 'x', 'x')").run();
  const rows = [1, 2, 3, 4].map((n) => {
    const key = `MLC-BATCH${String(n).padStart(11, '0')}`;
    const plan = { kind: 'journal', idempotencyKey: key, lines: [], totalMinor: 0 } as unknown as PostingPlan;
    return store.postings.insert({ connectionId: 'c1', doc: doc({ sourceId: `R${n}` }), key, contentHash: 'h', status: 'pending', plan, reasons: [], total: null });
  });
  return { store, rows, deps: { store, target, clock, retry, actor: 'test', confirmToSource: false } };
}

test('a batch records one outcome per plan, holding only the rejected one', async (t) => {
  const target = new BatchTarget('reject-second');
  const { store, rows, deps } = setup(t, target);
  assert.deepEqual(await deliverBatch(rows, deps, true), ['posted', 'held', 'posted', 'posted']);
  assert.equal(target.batchCalls, 1);
  assert.equal(store.postings.get(rows[1]!.id)!.status, 'held');
  assert.match(store.postings.get(rows[1]!.id)!.reasons_json, /DIMENSION_INACTIVE/);
});

test('a batch whose answer is lost settles each document by key: committed ones found, the rest sent once', async (t) => {
  const target = new BatchTarget('commit-half-then-drop');
  const { store, rows, deps } = setup(t, target);
  assert.deepEqual(await deliverBatch(rows, deps, true), ['posted', 'posted', 'posted', 'posted']);
  assert.equal(target.docs.size, 4);
  assert.equal(target.posts, 2, 'only the two documents the ERP never got were sent again');
  assert.equal(store.postings.get(rows[0]!.id)!.erp_id, 'B1');
});
