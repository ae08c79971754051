// Sends one committed plan to the target, exactly once: anything that may have been sent before is first
// looked up by its key (findExisting); every state change is committed before and after the network call.
import type { RetryPolicy } from '../../../shared/schemas/connection';
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { TargetAdapter } from '../adapters/types';
import { backoffDelay } from '../adapters/retry';
import { ConnectorError, isConnectorError, toErrorPayload } from '../errors';
import type { Clock } from '../ports';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowPlan } from '../store/repos/postings';
import { namePeriodRefusals } from './periods';

/** linked: found in the ERP before sending and recorded with its ERP id; nothing was sent. */
export type DeliveryResult = 'posted' | 'linked' | 'held' | 'failed';

export interface DeliverDeps {
  store: Store;
  target: TargetAdapter;
  clock: Clock;
  retry: RetryPolicy;
  actor: string;
  /** Whether the source wants a confirmation after the post (Concur FIS, Expensify export mark). */
  confirmToSource: boolean;
  signal?: AbortSignal;
}

/** Thrown when the target refuses our credentials: the run stops and the connection may pause. */
export class AuthStop extends Error {
  constructor(readonly error: ConnectorError) {
    super(error.message);
  }
}

/**
 * `lookedUp`: the caller has just looked this row up in the ERP (lookUpBeforeSend) and it was not there.
 * Otherwise every delivery starts with findExisting: a replay, a recovery or a webhook post may concern a
 * document another install or an older copy of this folder posted.
 */
export async function deliver(row: PostingRow, d: DeliverDeps, lookedUp = false): Promise<DeliveryResult> {
  const { store, target, clock, retry } = d;
  const plan = rowPlan(row);
  if (!plan) throw new Error(`posting ${row.id} has no plan to deliver`);
  const audit = (action: 'post' | 'hold' | 'fail' | 'recover', outcome: string, message: string, erpId: string | null = null, correlationId?: string) =>
    store.audit.append({ connectionId: row.connection_id, actor: d.actor, action, sourceId: row.source_id, erpId, idempotencyKey: row.idempotency_key, outcome, message, correlationId: correlationId ?? null });

  // Anything attempted before (crash, timeout, dropped response) may already be in the ERP, and so may
  // anything not looked up yet (posted by another install, or before this database was restored).
  let mustCheck = !lookedUp || row.attempts > 0 || row.status === 'sending' || row.status === 'uncertain';
  let lastError: ConnectorError | null = null;

  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    if (attempt > 1) await clock.sleep(backoffDelay(retry, attempt - 1, lastError?.retryAfterMs), d.signal);
    try {
      if (mustCheck) {
        const existing = await target.findExisting(plan);
        if (existing) {
          store.postings.markPosted(row.id, existing.erpId, d.confirmToSource);
          // Sent before by this folder (its answer lost): a post. Never sent from here: linked to what is there.
          const sentBefore = row.attempts > 0 || row.status === 'sending' || row.status === 'uncertain' || attempt > 1;
          const why = sentBefore ? 'after an uncertain attempt' : 'before sending (posted earlier by another install, an older copy of this data folder, or by hand)';
          audit('recover', sentBefore ? 'posted' : 'linked', `Found already in the ERP as ${existing.erpId} ${why}; not sent again`, existing.erpId);
          return sentBefore ? 'posted' : 'linked';
        }
      }
      store.postings.markSending(row.id);
      const outcome = await target.post(plan);
      if (outcome.status === 'posted') {
        store.postings.markPosted(row.id, outcome.erpId, d.confirmToSource);
        const warn = outcome.warnings.length ? ` (warnings: ${outcome.warnings.join('; ')})` : '';
        audit('post', 'posted', `Posted as ${outcome.erpId}${warn}`, outcome.erpId);
        return 'posted';
      }
      if (outcome.status === 'duplicate') return await settleDuplicate(row, plan, outcome.message, d);
      const reasons = namePeriodRefusals(outcome.reasons, plan.postingDate, target.system);
      store.postings.markHeld(row.id, reasons);
      audit('hold', 'held', `Rejected by the ERP: ${reasons.map((r) => r.message).join('; ')}`);
      return 'held';
    } catch (e) {
      if (!isConnectorError(e)) {
        store.postings.markUncertain(row.id, toErrorPayload(e));
        throw e;
      }
      lastError = e;
      if (e.code === 'AUTH_FAILED' || e.code === 'AUTH_EXPIRED') {
        store.postings.markUncertain(row.id, e.toPayload());
        throw new AuthStop(e);
      }
      if (e.uncertain) {
        store.postings.markUncertain(row.id, e.toPayload());
        mustCheck = true;
      }
      if (!e.retryable) {
        // A definite refusal that is not a business rejection (bad request, protocol error): hold it.
        const reasons: HoldReason[] = [{ code: 'ERP_REJECTED', message: e.message }];
        if (e.uncertain) {
          // We cannot know if it landed: leave it uncertain so the next run checks before sending.
          store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message: e.message }], e.toPayload(), clock.now().toISOString());
          audit('fail', 'failed', `Outcome unknown, will check the ERP before any re-send: ${e.message}`, null, e.correlationId);
          return 'failed';
        }
        store.postings.markHeld(row.id, reasons, e.toPayload());
        audit('hold', 'held', e.message, null, e.correlationId);
        return 'held';
      }
      audit('fail', 'retrying', `Attempt ${attempt} of ${retry.maxAttempts} failed: ${e.message}`, null, e.correlationId);
    }
  }
  const message = `Failed after ${retry.maxAttempts} attempts, retry later: ${lastError?.message ?? 'unknown error'}`;
  const next = new Date(clock.now().getTime() + retry.maxDelayMs).toISOString();
  store.postings.markFailed(row.id, [{ code: 'FAILED_RETRY_LATER', message }], (lastError ?? new ConnectorError('INTERNAL', message)).toPayload(), next);
  audit('fail', 'failed', message, null, lastError?.correlationId);
  return 'failed';
}

/**
 * The ERP refused the document because its reference is already there: that is "posted before" (by this
 * install, a restored copy or a colleague's), so it is looked up and linked, never held as a rejection.
 */
export async function settleDuplicate(row: PostingRow, plan: PostingPlan, message: string, d: DeliverDeps): Promise<DeliveryResult> {
  const existing = await d.target.findExisting(plan);
  const base = { connectionId: row.connection_id, actor: d.actor, sourceId: row.source_id, idempotencyKey: row.idempotency_key, correlationId: null };
  if (existing) {
    d.store.postings.markPosted(row.id, existing.erpId, d.confirmToSource);
    d.store.audit.append({ ...base, action: 'recover', erpId: existing.erpId, outcome: 'linked', message: `The ERP already has this document as ${existing.erpId} (${message}); linked, not sent again` });
    return 'linked';
  }
  const reason: HoldReason = { code: 'ERP_REJECTED', message: `The ERP says this document's reference ${plan.idempotencyKey} already exists, but a look-up by that reference finds nothing: ${message}` };
  d.store.postings.markHeld(row.id, [reason]);
  d.store.audit.append({ ...base, action: 'hold', erpId: null, outcome: 'held', message: reason.message });
  return 'held';
}
