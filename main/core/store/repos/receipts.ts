// The receipt attachment queue (migration 0005): one row per (posting, receipt). Each state change is its own
// short statement; nothing here is held open across a download or an upload.
import type { ReceiptAttachment, ReceiptRef } from '../../../../shared/schemas/receipt';
import type { Db } from '../db';

export type ReceiptRowState = 'pending' | 'attaching' | 'attached' | 'failed' | 'skipped';

export interface ReceiptRow {
  id: number;
  posting_id: number;
  connection_id: string;
  receipt_id: string;
  ref_json: string;
  file_name: string;
  state: ReceiptRowState;
  note: string | null;
  erp_file_ref: string | null;
  bytes: number | null;
  type: string | null;
  attempts: number;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
}

export const receiptRef = (r: ReceiptRow): ReceiptRef => JSON.parse(r.ref_json) as ReceiptRef;

export function toAttachment(r: ReceiptRow): ReceiptAttachment {
  return {
    receiptId: r.receipt_id,
    fileName: r.file_name,
    // An attach left half-way (crash, lost answer) is still to do: it is looked up in the ERP first.
    state: r.state === 'attaching' ? 'pending' : r.state,
    note: r.note,
    erpFileRef: r.erp_file_ref,
    bytes: r.bytes,
    type: r.type,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    updatedAt: r.updated_at,
  };
}

export function createReceiptRepo(db: Db, now: () => Date) {
  const ts = () => now().toISOString();
  const insert = db.prepare(`INSERT OR IGNORE INTO receipt_attachments (posting_id, connection_id, receipt_id, ref_json, file_name, state, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`);
  // Posted documents that carry receipts and have none queued yet.
  const unqueued = db.prepare(`SELECT p.id, p.document_json FROM postings p WHERE p.connection_id = ? AND p.status = 'posted' AND p.erp_id IS NOT NULL
    AND p.document_json LIKE '%"receipts":[{%' AND NOT EXISTS (SELECT 1 FROM receipt_attachments r WHERE r.posting_id = p.id)`);
  const due = db.prepare(`SELECT * FROM receipt_attachments WHERE connection_id = ? AND (state = 'attaching' OR (state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?))) ORDER BY id LIMIT ?`);
  const byPosting = db.prepare('SELECT * FROM receipt_attachments WHERE posting_id = ? ORDER BY id');
  const get = db.prepare('SELECT * FROM receipt_attachments WHERE id = ?');
  const set = db.prepare(`UPDATE receipt_attachments SET state = @state, note = @note, erp_file_ref = COALESCE(@ref, erp_file_ref), bytes = COALESCE(@bytes, bytes), type = COALESCE(@type, type),
    attempts = attempts + @bump, next_attempt_at = @next, updated_at = @at WHERE id = @id`);
  const enqueueAll = db.transaction((connectionId: string, items: Array<{ postingId: number; refs: ReceiptRef[] }>) => {
    let n = 0;
    const at = ts();
    for (const { postingId, refs } of items) for (const r of refs) n += insert.run(postingId, connectionId, r.receiptId, JSON.stringify(r), r.fileName, at, at).changes;
    return n;
  });
  const change = (id: number, state: ReceiptRowState, o: { note?: string | null; ref?: string | null; bytes?: number | null; type?: string | null; bump?: boolean; next?: string | null } = {}) =>
    void set.run({ id, state, note: o.note ?? null, ref: o.ref ?? null, bytes: o.bytes ?? null, type: o.type ?? null, bump: o.bump ? 1 : 0, next: o.next ?? null, at: ts() });
  return {
    /** Posted documents with receipts not queued yet, with their receipt references. */
    unqueued: (connectionId: string): Array<{ postingId: number; refs: ReceiptRef[] }> =>
      (unqueued.all(connectionId) as Array<{ id: number; document_json: string }>).flatMap((r) => {
        const refs = (JSON.parse(r.document_json) as { receipts?: ReceiptRef[] }).receipts ?? [];
        return refs.length ? [{ postingId: r.id, refs }] : [];
      }),
    /** Queues receipts; a (posting, receipt) pair already queued is left as it is. Returns how many were new. */
    enqueue: (connectionId: string, items: Array<{ postingId: number; refs: ReceiptRef[] }>): number => enqueueAll(connectionId, items),
    due: (connectionId: string, nowIso: string, limit = 500): ReceiptRow[] => due.all(connectionId, nowIso, limit) as ReceiptRow[],
    forPosting: (postingId: number): ReceiptRow[] => byPosting.all(postingId) as ReceiptRow[],
    get: (id: number): ReceiptRow | undefined => get.get(id) as ReceiptRow | undefined,
    /** Committed before the upload: a crash leaves 'attaching', which is looked up in the ERP before any re-send. */
    markAttaching: (id: number, bytes: number, type: string) => change(id, 'attaching', { bytes, type, bump: true }),
    markAttached: (id: number, erpFileRef: string, note: string) => change(id, 'attached', { ref: erpFileRef, note }),
    markSkipped: (id: number, note: string) => change(id, 'skipped', { note }),
    markFailed: (id: number, note: string) => change(id, 'failed', { note }),
    /** Back to pending with the next try time (a transient failure); counts as an attempt when `bump`. */
    markRetry: (id: number, note: string, next: string, bump: boolean) => change(id, 'pending', { note, next, bump }),
  };
}
export type ReceiptRepo = ReturnType<typeof createReceiptRepo>;
