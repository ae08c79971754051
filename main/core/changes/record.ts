// Intake of a posted document that changed at the source: its new version is kept as a change beside the
// posted row (whose plan and ERP id stay as they are), shown to the accountant and never posted by itself.
import type { AdjustmentDoc } from '../../../shared/schemas/change';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument, rowPlan } from '../store/repos/postings';
import type { ChangeRow, NewVersion } from '../store/repos/changes';
import { changeAdjustments, changeBeforePlan, changePlan } from '../store/repos/changes';

/** The ERP ids the ledger holds for the document after a change was adjusted (the new version or the difference). */
const adjustedIds = (docs: AdjustmentDoc[]): string[] => docs.filter((d) => d.role !== 'reversal' && d.erpId).map((d) => d.erpId!);

/** What the ledger holds before this change: the posted row, or what the latest resolved change left there. */
function ledgerState(existing: PostingRow, latest: ChangeRow | null) {
  if (!latest) return { hash: existing.content_hash, plan: rowPlan(existing), erpIds: existing.erp_id ? [existing.erp_id] : [], total: existing.total_minor };
  if (latest.status === 'accepted') return { hash: latest.content_hash, plan: changeBeforePlan(latest), erpIds: JSON.parse(latest.before_erp_ids_json) as string[], total: latest.before_total_minor };
  // adjusted, or adjusting (its adjustment is resumed by the next "adjust"): the new version is the ledger's.
  const ids = adjustedIds(changeAdjustments(latest));
  return { hash: latest.content_hash, plan: changePlan(latest), erpIds: latest.mode === 'difference' ? [...(JSON.parse(latest.before_erp_ids_json) as string[]), ...ids] : ids, total: latest.total_minor };
}

/** The content hash of the version last seen of a posted row: its latest change's, else its own. */
export const lastSeenHash = (existing: PostingRow, latest: ChangeRow | null): string => latest?.content_hash ?? existing.content_hash;

export type ChangeOutcome = { kind: 'same' } | { kind: 'new' | 'updated'; change: ChangeRow };

/**
 * Called inside intake's transaction for a posted row. `version` plans the new content (only when it differs
 * from the version last seen). An unresolved change takes the newest version; a change after a resolved one
 * is a new change.
 */
export function recordChangeAfterPosting(store: Store, existing: PostingRow, hash: string, version: () => NewVersion): ChangeOutcome {
  const latest = store.changes.latestFor(existing.id);
  if (lastSeenHash(existing, latest) === hash) return { kind: 'same' };
  const v = version();
  if (latest?.status === 'open') {
    store.changes.updateVersion(latest.id, v);
    return { kind: 'updated', change: store.changes.get(latest.id)! };
  }
  const before = ledgerState(existing, latest);
  const change = store.changes.insert({ ...v, postingId: existing.id, connectionId: existing.connection_id, seq: (latest?.seq ?? 0) + 1, beforeHash: before.hash, beforePlan: before.plan, beforeErpIds: before.erpIds, beforeTotalMinor: before.total });
  return { kind: 'new', change };
}

/**
 * The source says it took a posted document back (Concur FIS answers WAS_RECALLED to our posting confirmation):
 * kept as a "recalled" change with no new version, once, until a newer change follows it.
 */
export function recordRecall(store: Store, existing: PostingRow): ChangeRow | null {
  const latest = store.changes.latestFor(existing.id);
  if (latest?.change_kind === 'recalled') return null;
  const before = ledgerState(existing, latest);
  return store.changes.insert({
    kind: 'recalled',
    doc: rowDocument(existing),
    contentHash: `recalled:${before.hash}`,
    plan: null,
    reasons: [],
    total: null,
    postingId: existing.id,
    connectionId: existing.connection_id,
    seq: (latest?.seq ?? 0) + 1,
    beforeHash: before.hash,
    beforePlan: before.plan,
    beforeErpIds: before.erpIds,
    beforeTotalMinor: before.total,
  });
}
