// Resolving a change after posting by an explicit choice: post an adjustment (reversal + new version, or the
// difference) exactly once, or accept it as is with a reason. Both are audited with who, when and what.
// Exactly once (../shared/design/exactly-once.md): every adjustment document has its own key (document +
// changed version + role), is committed as 'pending' before anything is sent and 'sending' before the call,
// and is looked up in the ERP by that key before every send, so a crash or a repeat never posts it twice.
import type { AdjustMode, AdjustmentDoc } from '../../../shared/schemas/change';
import type { TargetAdapter } from '../adapters/types';
import { adjustmentKey } from '../engine/keys';
import { ConnectorError } from '../errors';
import { formatMinor } from '../money/parse';
import type { Store } from '../store/store';
import type { ChangeRow } from '../store/repos/changes';
import { changeAdjustments, changeBeforePlan, changeDocument, changePlan } from '../store/repos/changes';
import { adjustModesFor, creditPlan, differencePlan, ledgerHolds, newVersionPlan, reversalPlan, supplierDifferencePlan } from './adjustment-plan';

export interface AdjustDeps {
  store: Store;
  target: TargetAdapter;
  actor: string;
  /** The source connection's tenant, for documents that do not carry their own (see keys.ts). */
  tenant: string | null;
  maxDescriptionLength: number;
}

/** The adjustment documents of a change in the order they are posted (pure apart from reading the row). */
export function planAdjustment(change: ChangeRow, mode: AdjustMode, tenant: string | null, maxDescriptionLength: number, credit: string | null = null): AdjustmentDoc[] {
  const before = changeBeforePlan(change);
  const after = changePlan(change);
  const { modes, why } = adjustModesFor(before, after, ledgerHolds(change), credit);
  if (!modes.includes(mode)) throw new ConnectorError('CONFLICT', `Change #${change.id} cannot be adjusted by ${mode === 'reverse' ? 'a reversal' : 'a difference'}: ${why ?? 'not offered for this document'}`, { retryable: false });
  const doc = changeDocument(change);
  const ids = (JSON.parse(change.before_erp_ids_json) as string[]).join(', ') || 'the posted entry';
  const postingDate = after?.postingDate ?? before!.postingDate;
  const base = (role: AdjustmentDoc['role'], description: string) => ({ key: adjustmentKey(doc, tenant, change.before_hash, change.content_hash, role), postingDate, description, maxDescriptionLength });
  const pending = (role: AdjustmentDoc['role'], plan: AdjustmentDoc['plan']): AdjustmentDoc => ({ role, key: plan.idempotencyKey, status: 'pending', erpId: null, message: null, plan });
  if (mode === 'reverse') {
    const why = change.change_kind === 'recalled' ? 'recalled in the source' : 'changed at the source';
    const docs: AdjustmentDoc[] = [];
    // After a reversed recall the ledger holds nothing: only the new version is posted.
    // A supplier invoice is taken out by the ERP's credit document for its total (same lines, same supplier).
    if (ledgerHolds(change) && before!.kind === 'supplier_invoice') docs.push(pending('reversal', creditPlan(before!, base('reversal', `${credit ?? 'Credit'} for ${ids}${before!.invoiceNumber ? ` (invoice ${before!.invoiceNumber})` : ''}, ${doc.sourceId} ${why}`))));
    else if (ledgerHolds(change)) docs.push(pending('reversal', reversalPlan(before!, base('reversal', `Reversal of ${ids} (${doc.sourceId} ${why}): ${before!.description}`))));
    if (after) docs.push(pending('new_version', newVersionPlan(after, base('new_version', `${after.description} (changed version${ledgerHolds(change) ? `, replaces ${ids}` : ''})`))));
    return docs;
  }
  const diffBase = base('difference', `Difference to ${ids} (${doc.sourceId} changed at the source): ${after!.description}`);
  const diff = before!.kind === 'supplier_invoice' ? supplierDifferencePlan(before!, after!, diffBase) : differencePlan(before!, after!, diffBase);
  if (!diff) throw new ConnectorError('CONFLICT', `Change #${change.id} makes no difference in the ledger (same accounts and amounts): accept it with a reason instead`, { retryable: false });
  return [pending('difference', diff)];
}

const describeDocs = (docs: AdjustmentDoc[]): string => docs.map((d) => `${d.role.replace('_', ' ')} ${d.erpId ?? d.key} (${formatMinor(d.plan.totalMinor, d.plan.currency)} ${d.plan.currency})`).join(', ');

/**
 * Posts the adjustment of a change. An adjustment left half-way ('adjusting': a crash, an ERP refusal, an
 * outage) is resumed by calling this again with the same mode; documents already posted are not sent again.
 */
export async function adjustChange(changeId: number, requested: AdjustMode | undefined, defaultMode: AdjustMode, d: AdjustDeps): Promise<ChangeRow> {
  const { store, target, actor } = d;
  let change = store.changes.get(changeId);
  if (!change) throw new ConnectorError('NOT_FOUND', `No change #${changeId}`, { retryable: false });
  if (change.status === 'adjusted' || change.status === 'accepted') throw new ConnectorError('CONFLICT', `Change #${changeId} is already ${change.status}`, { retryable: false });
  const audit = (outcome: string, message: string, erpId: string | null = null, key: string | null = null) =>
    store.audit.append({ connectionId: change!.connection_id, actor, action: 'change_adjust', sourceId: change!.source_id, erpId, idempotencyKey: key, outcome, message });

  let docs: AdjustmentDoc[];
  if (change.status === 'open') {
    const mode = requested ?? defaultMode;
    docs = planAdjustment(change, mode, d.tenant, d.maxDescriptionLength, target.capabilities.supplierCredit?.document ?? null);
    store.changes.startAdjusting(change.id, mode, docs);
    audit('started', `${actor} chose to adjust change #${change.id} by ${mode === 'reverse' ? 'reversing the posted entry and posting the new version' : 'posting the difference'}: ${describeDocs(docs)}`);
  } else {
    if (requested && requested !== change.mode) throw new ConnectorError('CONFLICT', `Change #${changeId} is being adjusted by ${change.mode === 'reverse' ? 'a reversal' : 'a difference'}; finish that (run adjust again) before choosing another way`, { retryable: false });
    docs = changeAdjustments(change);
  }

  for (const [i, doc] of docs.entries()) {
    if (doc.status === 'posted') continue;
    // Adapters without a credit document would read any other kind as a journal: never hand them a supplier credit.
    if (doc.plan.kind === 'supplier_credit' && !target.capabilities.supplierCredit) throw new ConnectorError('CONFLICT', `The ${target.system} adapter posts no supplier credit, which the ${doc.role.replace('_', ' ')} of change #${changeId} is`, { retryable: false });
    const save = (next: Partial<AdjustmentDoc>) => {
      docs[i] = { ...docs[i]!, ...next };
      store.changes.saveAdjustments(changeId, docs);
    };
    // Looked up before every send: a crash after the ERP took it, or another install, may have posted it.
    const found = await target.findExisting(doc.plan);
    if (found) {
      save({ status: 'posted', erpId: found.erpId, message: null });
      audit('linked', `The ${doc.role.replace('_', ' ')} of change #${changeId} is already in the ERP as ${found.erpId}; recorded, not sent again`, found.erpId, doc.key);
      continue;
    }
    save({ status: 'sending' });
    const outcome = await target.post(doc.plan);
    if (outcome.status === 'posted') {
      save({ status: 'posted', erpId: outcome.erpId, message: outcome.warnings.join('; ') || null });
      audit('posted', `Posted the ${doc.role.replace('_', ' ')} of change #${changeId} as ${outcome.erpId}`, outcome.erpId, doc.key);
      continue;
    }
    if (outcome.status === 'duplicate') {
      const again = await target.findExisting(doc.plan);
      if (again) {
        save({ status: 'posted', erpId: again.erpId, message: null });
        audit('linked', `The ERP already has the ${doc.role.replace('_', ' ')} of change #${changeId} as ${again.erpId}; linked`, again.erpId, doc.key);
        continue;
      }
    }
    const message = outcome.status === 'rejected' ? outcome.reasons.map((r) => r.message).join('; ') : outcome.message;
    save({ status: 'rejected', message });
    audit('rejected', `The ERP refused the ${doc.role.replace('_', ' ')} of change #${changeId}: ${message}`, null, doc.key);
    throw new ConnectorError('VALIDATION_REJECTED', `The ERP refused the ${doc.role.replace('_', ' ')} of change #${changeId}: ${message}`, { retryable: false });
  }
  store.changes.markAdjusted(changeId, actor);
  change = store.changes.get(changeId)!;
  audit('adjusted', `Change #${changeId} adjusted by ${actor}: ${describeDocs(docs)}`, docs.at(-1)?.erpId ?? null, docs.at(-1)?.key ?? null);
  return change;
}

/** Accepts a change as it is: nothing is posted; who, when and why are recorded. */
export function acceptChange(store: Store, changeId: number, actor: string, reason: string): ChangeRow {
  const change = store.changes.get(changeId);
  if (!change) throw new ConnectorError('NOT_FOUND', `No change #${changeId}`, { retryable: false });
  if (reason.trim().length < 3) throw new ConnectorError('BAD_REQUEST', 'Say why the change is accepted as it is (a reason of at least 3 characters)', { retryable: false });
  if (change.status !== 'open') {
    const why = change.status === 'adjusting' ? 'an adjustment of it is under way; finish it with "adjust" first' : `it is already ${change.status}`;
    throw new ConnectorError('CONFLICT', `Change #${changeId} cannot be accepted: ${why}`, { retryable: false });
  }
  store.db.transaction(() => {
    store.changes.markAccepted(changeId, actor, reason.trim());
    store.audit.append({ connectionId: change.connection_id, actor, action: 'change_accept', sourceId: change.source_id, erpId: null, idempotencyKey: null, outcome: 'accepted', message: `${actor} accepted change #${changeId} as it is, nothing posted: ${reason.trim()}` });
  })();
  return store.changes.get(changeId)!;
}
