// Two installs of the same company syncing in the same second both look a page up, both find nothing and
// both post. ERPs that refuse a repeated reference (Intacct uniqueid, NetSuite external id) stop the second
// post themselves; for the others the engine checks right after posting: the ERP's oldest document carrying the
// key wins, on every install alike, and an install whose own document is newer removes it and links the oldest.
import type { TargetAdapter } from '../adapters/types';
import { isConnectorError } from '../errors';
import type { Logger } from '../ports';
import type { Store } from '../store/store';
import { rowPlan } from '../store/repos/postings';

export interface RaceDeps {
  store: Store;
  target: TargetAdapter;
  logger: Logger;
  actor: string;
}

export interface RaceResult {
  /** Documents another install had posted first: our copy removed, the older one linked. */
  settled: number;
  /** Documents the ERP holds twice and we could not remove: said loudly, left for the accountant. */
  twice: number;
}

/** Whether the target needs the check (it can list every document per key and remove our own copy). */
export const checksRaces = (target: TargetAdapter): boolean => Boolean(target.findAllExisting && target.removeDuplicate);

/**
 * Checks the documents this install just posted (outbox row ids). A failed check is logged and left: the
 * posts stand, and reconciliation reads the ERP by reference again.
 */
export async function settleRaces(rowIds: readonly number[], d: RaceDeps): Promise<RaceResult> {
  const out: RaceResult = { settled: 0, twice: 0 };
  if (!checksRaces(d.target) || rowIds.length === 0) return out;
  const rows = rowIds.map((id) => d.store.postings.get(id)).filter((r) => r?.status === 'posted' && r.erp_id);
  const plans = rows.flatMap((r) => {
    const p = rowPlan(r!);
    return p ? [{ row: r!, plan: p }] : [];
  });
  let all: Map<string, string[]>;
  try {
    all = await d.target.findAllExisting!(plans.map((p) => p.plan));
  } catch (e) {
    d.logger.warn('could not check the ERP for documents posted twice at the same moment', { error: isConnectorError(e) ? e.message : String(e) });
    return out;
  }
  for (const { row, plan } of plans) {
    const ids = all.get(plan.idempotencyKey) ?? [];
    const ours = row.erp_id!;
    const oldest = ids[0];
    if (ids.length < 2 || !oldest || oldest === ours || !ids.includes(ours)) continue;
    const base = { connectionId: row.connection_id, actor: d.actor, sourceId: row.source_id, idempotencyKey: row.idempotency_key };
    let removal: { removed: true } | { removed: false; reason: string };
    try {
      removal = await d.target.removeDuplicate!(ours, plan);
    } catch (e) {
      removal = { removed: false, reason: isConnectorError(e) ? e.message : String(e) };
    }
    if (removal.removed) {
      d.store.postings.markPosted(row.id, oldest, row.confirm_status !== 'none');
      d.store.audit.append({ ...base, action: 'recover', erpId: oldest, outcome: 'linked', message: `Another install posted this document at the same moment as ${oldest}; our copy ${ours} was removed from the ERP and ${oldest} linked` });
      out.settled++;
    } else {
      d.store.audit.append({ ...base, action: 'recover', erpId: ours, outcome: 'posted_twice', message: `Posted twice at the same moment by two installs: ${ids.join(' and ')} carry this document's reference, and ${ours} could not be removed (${removal.reason}); reverse one of them in the ERP` });
      d.logger.error('a document is in the ERP twice', { sourceId: row.source_id, erpIds: ids });
      out.twice++;
    }
  }
  return out;
}
