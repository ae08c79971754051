// Confirmation back to the source (Concur FIS posting confirmation, Expensify export mark): only after the
// ERP post is recorded, after the accountant dismissed a document, or when a held document can never post
// as the source sent it (both sent as a failure with the reason; see source-holds.ts).
// Retried on its own every run; a failed confirmation never causes a second ERP post.
import type { ConfirmOutcome, SourceAdapter } from '../adapters/types';
import { isConnectorError } from '../errors';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument } from '../store/repos/postings';
import type { HoldReason } from '../../../shared/schemas/posting';
import { finalAtSource, heldMessage } from './source-holds';
import { recordRecall } from '../changes/record';

/** True when the source wants to hear back at all. */
export const wantsConfirmation = (source: SourceAdapter): boolean => !!(source.confirm || source.confirmBatch);

function outcomeOf(row: PostingRow): ConfirmOutcome {
  if (row.status === 'posted') return { ok: true, erpId: row.erp_id ?? '', postingDate: postingDateOf(row) };
  if (row.status === 'held') return { ok: false, reason: heldMessage(finalAtSource(reasonsOf(row))) };
  return { ok: false, reason: `Dismissed in ml-connector: ${row.dismiss_reason ?? 'no reason given'}` };
}

function reasonsOf(row: PostingRow): HoldReason[] {
  try {
    return JSON.parse(row.reasons_json) as HoldReason[];
  } catch {
    return [];
  }
}

function postingDateOf(row: PostingRow): string {
  try {
    const plan = row.plan_json ? (JSON.parse(row.plan_json) as { postingDate?: string }) : null;
    return plan?.postingDate ?? row.posted_at?.slice(0, 10) ?? '';
  } catch {
    return row.posted_at?.slice(0, 10) ?? '';
  }
}

export async function confirmPending(store: Store, connectionId: string, source: SourceAdapter, actor: string): Promise<{ confirmed: number; failed: number }> {
  const result = { confirmed: 0, failed: 0 };
  if (!wantsConfirmation(source)) return result;
  const unpostable = store.postings.heldUnreported(connectionId).filter((row) => finalAtSource(reasonsOf(row)).length > 0);
  const rows = [...store.postings.pendingConfirmations(connectionId), ...unpostable];
  if (rows.length === 0) return result;
  const record = (row: PostingRow, ok: boolean, message: string, correlationId: string | null = null) => {
    if (ok) {
      store.postings.markConfirmed(row.id);
      result.confirmed++;
    } else result.failed++;
    const doc = rowDocument(row);
    store.audit.append({
      connectionId,
      actor,
      action: 'confirm',
      sourceId: row.source_id,
      erpId: row.erp_id,
      idempotencyKey: row.idempotency_key,
      outcome: ok ? 'ok' : 'retry_later',
      message: ok ? `${row.status === 'posted' ? 'Posting confirmed' : row.status === 'held' ? 'Hold reported as not posted' : 'Dismissal reported'} to ${doc.sourceSystem}` : `Confirmation failed, will retry: ${message}`,
      correlationId,
    });
  };
  if (source.confirmBatch) {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      try {
        const answers = await source.confirmBatch(chunk.map((row) => ({ doc: { sourceId: row.source_id, meta: rowDocument(row).meta }, outcome: outcomeOf(row) })));
        const bySource = new Map(answers.map((a) => [a.sourceId, a]));
        for (const row of chunk) {
          const a = bySource.get(row.source_id);
          if (a?.recalled && row.status === 'posted') noteRecall(store, row, actor);
          record(row, !!a?.ok, a?.error ?? 'no answer for this document');
        }
      } catch (e) {
        for (const row of chunk) record(row, false, e instanceof Error ? e.message : String(e), isConnectorError(e) ? (e.correlationId ?? null) : null);
      }
    }
    return result;
  }
  for (const row of rows) {
    try {
      await source.confirm!({ sourceId: row.source_id, meta: rowDocument(row).meta }, outcomeOf(row));
      record(row, true, '');
    } catch (e) {
      record(row, false, e instanceof Error ? e.message : String(e), isConnectorError(e) ? (e.correlationId ?? null) : null);
    }
  }
  return result;
}

/** A posted document recalled in the source is shown under "Changes after posting" (once), never reversed by itself. */
function noteRecall(store: Store, row: PostingRow, actor: string): void {
  const change = recordRecall(store, row);
  if (!change) return;
  // The row says so too, as for any other change: the Held/Posted lists and reconciliation read this flag.
  if (row.changed_after_posting === 0) store.postings.markChangedAfterPosting(row.id);
  store.audit.append({ connectionId: row.connection_id, actor, action: 'changed_after_posting', sourceId: row.source_id, erpId: row.erp_id, idempotencyKey: row.idempotency_key, outcome: 'recalled', message: `Recalled in ${rowDocument(row).sourceSystem} after it was posted as ${row.erp_id ?? 'an unknown ERP id'}; kept as change #${change.id}, nothing reversed — reverse it or accept it with a reason`, correlationId: null });
}
