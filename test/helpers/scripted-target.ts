// A test double of a target ERP: keeps documents by key and follows a script of failures per post call.
import type { PostOutcome, TargetAdapter } from '../../main/core/adapters/types';
import { keysOf } from '../../main/core/adapters/types';
import { ConnectorError } from '../../main/core/errors';
import type { PostingPlan } from '../../shared/schemas/plan';

export type Step = 'ok' | 'commit-then-drop' | 'timeout-before-commit' | '429' | '503' | 'reject' | 'auth' | 'duplicate';

export class ScriptedTarget implements TargetAdapter {
  readonly system = 'sage-x3' as const;
  readonly capabilities = { postingKinds: ['journal', 'supplier_invoice'] as const, dimensionTypes: ['costCenter'], maxBatch: 1, maxDescriptionLength: 250 };
  readonly docs = new Map<string, string>();
  posts = 0;
  lookups = 0;
  private seq = 0;

  constructor(private readonly script: Step[] = []) {}

  async test() {
    return [];
  }
  async *readReference() {
    yield [
      { kind: 'account' as const, dimensionType: '', code: '625100', name: 'Meals', active: true },
      { kind: 'account' as const, dimensionType: '', code: '421000', name: 'Employees', active: true },
      { kind: 'dimension' as const, dimensionType: 'costCenter', code: 'CC100', name: 'Sales', active: true },
      { kind: 'supplier' as const, dimensionType: '', code: 'V-JDOE', name: 'Jane', active: true },
    ];
  }
  async findExisting(plan: PostingPlan) {
    this.lookups++;
    for (const key of keysOf(plan)) {
      const id = this.docs.get(key);
      if (id) return { erpId: id, key };
    }
    return null;
  }
  async post(plan: PostingPlan): Promise<PostOutcome> {
    this.posts++;
    const step = this.script.shift() ?? 'ok';
    const commit = () => {
      const id = `JE${++this.seq}`;
      this.docs.set(plan.idempotencyKey, id);
      return id;
    };
    switch (step) {
      case 'ok':
        return { status: 'posted', erpId: commit(), warnings: [] };
      case 'commit-then-drop':
        commit();
        throw new ConnectorError('NETWORK', 'socket hang up', { uncertain: true });
      case 'timeout-before-commit':
        throw new ConnectorError('TIMEOUT', 'no answer', { uncertain: true });
      case '429':
        throw new ConnectorError('RATE_LIMITED', 'slow down', { retryAfterMs: 5 });
      case '503':
        throw new ConnectorError('UNAVAILABLE', 'down', { uncertain: true });
      case 'reject':
        return { status: 'rejected', reasons: [{ code: 'PERIOD_CLOSED', message: 'Period 2026-10 is closed' }] };
      case 'auth':
        throw new ConnectorError('AUTH_FAILED', 'wrong password', { retryable: false });
      case 'duplicate':
        return { status: 'duplicate', message: 'reference already used' };
    }
  }
}
