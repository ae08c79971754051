// The ERP is the source of truth: before the first send of a page of documents, their references are looked up
// in the ERP in as few calls as it allows (findExistingMany), and anything found is linked, never sent again.
// This is what keeps a new data folder, a restored copy, a colleague's install or an older install's keys from
// posting a document twice (../shared/design/exactly-once.md, "The local store is not the authority").
import type { PostingPlan } from '../../../shared/schemas/plan';
import type { ExistingDocument, TargetAdapter } from '../adapters/types';
import { ConnectorError, isConnectorError } from '../errors';
import type { Clock } from '../ports';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowPlan } from '../store/repos/postings';
import { AuthStop } from './deliver';

/** The target's batched look-up, or one findExisting per plan where the target has none. */
export async function findMany(target: TargetAdapter, plans: readonly PostingPlan[]): Promise<Map<string, ExistingDocument>> {
  if (plans.length === 0) return new Map();
  if (target.findExistingMany) return target.findExistingMany(plans);
  const found = new Map<string, ExistingDocument>();
  for (const plan of plans) {
    const hit = await target.findExisting(plan);
    if (hit) found.set(plan.idempotencyKey, hit);
  }
  return found;
}

export interface LookupDeps {
  store: Store;
  target: TargetAdapter;
  clock: Clock;
  actor: string;
  confirmToSource: boolean;
  /** How long a row whose look-up failed waits before the next try. */
  retryAfterMs: number;
}

export interface LookupResult {
  /** Rows the ERP does not have: safe to send now (the look-up is done). */
  toSend: PostingRow[];
  /** Rows found in the ERP and linked to their ERP id. */
  linked: number;
  /** Rows left as failed because the look-up itself failed (nothing was sent). */
  failed: number;
}

/**
 * Looks fresh rows up in the ERP by every form of their key and links those found. A failed look-up sends
 * nothing: the rows wait as "failed, retry later" and their next try looks them up again.
 */
export async function lookUpBeforeSend(rows: readonly PostingRow[], d: LookupDeps): Promise<LookupResult> {
  const out: LookupResult = { toSend: [], linked: 0, failed: 0 };
  if (rows.length === 0) return out;
  const plans = rows.map((r) => {
    const p = rowPlan(r);
    if (!p) throw new Error(`posting ${r.id} has no plan to deliver`);
    return p;
  });
  let found: Map<string, ExistingDocument>;
  try {
    found = await findMany(d.target, plans);
  } catch (e) {
    const err = isConnectorError(e) ? e : new ConnectorError('INTERNAL', e instanceof Error ? e.message : String(e), { retryable: true });
    if (err.code === 'AUTH_FAILED' || err.code === 'AUTH_EXPIRED') throw new AuthStop(err);
    const message = `Could not check the ERP for this document before sending it, so nothing was sent; it is tried again later: ${err.message}`;
    const next = new Date(d.clock.now().getTime() + d.retryAfterMs).toISOString();
    d.store.db.transaction(() => {
      for (const r of rows) {
        d.store.postings.markFailed(r.id, [{ code: 'FAILED_RETRY_LATER', message }], err.toPayload(), next);
        d.store.audit.append({ connectionId: r.connection_id, actor: d.actor, action: 'fail', sourceId: r.source_id, idempotencyKey: r.idempotency_key, outcome: 'failed', message, correlationId: err.correlationId ?? null });
      }
    })();
    out.failed = rows.length;
    return out;
  }
  d.store.db.transaction(() => {
    for (const [i, r] of rows.entries()) {
      const hit = found.get(plans[i]!.idempotencyKey);
      if (!hit) {
        out.toSend.push(r);
        continue;
      }
      d.store.postings.markPosted(r.id, hit.erpId, d.confirmToSource);
      const under = hit.key && hit.key !== r.idempotency_key ? ` under ${hit.key}` : '';
      d.store.audit.append({ connectionId: r.connection_id, actor: d.actor, action: 'recover', sourceId: r.source_id, erpId: hit.erpId, idempotencyKey: r.idempotency_key, outcome: 'linked', message: `Found in the ERP as ${hit.erpId}${under}, posted before (by another install, an older copy of this data folder, or by hand); linked, not sent again` });
      out.linked++;
    }
  })();
  return out;
}
