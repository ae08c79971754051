// The outbox: one row per source document, keyed by its idempotency key, moving through the posting states.
import type { ErrorPayload } from '../../../../shared/errors';
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldCode, HoldReason, PostingDetail, PostingStatus, PostingSummary } from '../../../../shared/schemas/posting';
import type { Db } from '../db';
import { statementCache } from '../db';

export interface PostingRow {
  id: number;
  connection_id: string;
  source_id: string;
  source_kind: string;
  idempotency_key: string;
  status: PostingStatus;
  title: string;
  party: string | null;
  total_minor: number | null;
  currency: string | null;
  reasons_json: string;
  plan_json: string | null;
  document_json: string;
  content_hash: string;
  erp_id: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_error_json: string | null;
  confirm_status: 'none' | 'pending' | 'done';
  changed_after_posting: number;
  dismiss_reason: string | null;
  created_at: string;
  updated_at: string;
  posted_at: string | null;
}

export const rowPlan = (r: PostingRow): PostingPlan | null => (r.plan_json ? (JSON.parse(r.plan_json) as PostingPlan) : null);
export const rowDocument = (r: PostingRow): SourceDocument => JSON.parse(r.document_json) as SourceDocument;

export function toSummary(r: PostingRow): PostingSummary {
  return {
    id: r.id,
    connectionId: r.connection_id,
    sourceId: r.source_id,
    sourceKind: r.source_kind,
    title: r.title,
    party: r.party,
    total: r.total_minor !== null && r.currency ? { amountMinor: r.total_minor, currency: r.currency } : null,
    status: r.status,
    reasons: JSON.parse(r.reasons_json) as HoldReason[],
    erpId: r.erp_id,
    idempotencyKey: r.idempotency_key,
    attempts: r.attempts,
    changedAfterPosting: r.changed_after_posting === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastError: r.last_error_json ? (JSON.parse(r.last_error_json) as ErrorPayload) : null,
  };
}

export const toDetail = (r: PostingRow): PostingDetail => ({ ...toSummary(r), plan: rowPlan(r), dismissReason: r.dismiss_reason });

export interface NewPosting {
  connectionId: string;
  doc: SourceDocument;
  key: string;
  contentHash: string;
  status: 'pending' | 'held';
  plan: PostingPlan | null;
  reasons: HoldReason[];
  total: { amountMinor: number; currency: string } | null;
}

export interface PostingFilter {
  connectionId?: string;
  status?: PostingStatus;
  code?: HoldCode;
  search?: string;
  limit: number;
}

/** Each method is one short statement or transaction: nothing here is ever held across a network call. */
export function createPostingRepo(db: Db, now: () => Date) {
  const ts = () => now().toISOString();
  const byId = db.prepare('SELECT * FROM postings WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM postings WHERE idempotency_key = ?');
  const insert = db.prepare(
    `INSERT INTO postings (connection_id, source_id, source_kind, idempotency_key, status, title, party, total_minor, currency, reasons_json, plan_json,
       document_json, content_hash, created_at, updated_at)
     VALUES (@connectionId, @sourceId, @sourceKind, @key, @status, @title, @party, @total, @currency, @reasons, @plan, @doc, @hash, @at, @at)`,
  );
  const q = statementCache(db);
  const set = (id: number, fields: Record<string, unknown>) => {
    const cols = Object.keys(fields);
    q(`UPDATE postings SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...fields, id, updated_at: ts() });
  };
  const party = (doc: SourceDocument) => doc.vendor?.name ?? doc.employee?.name ?? null;

  return {
    get: (id: number) => (byId.get(id) as PostingRow | undefined) ?? null,
    getByKey: (key: string) => (byKey.get(key) as PostingRow | undefined) ?? null,

    insert(p: NewPosting): PostingRow {
      const values = {
        connectionId: p.connectionId,
        sourceId: p.doc.sourceId,
        sourceKind: p.doc.kind,
        key: p.key,
        status: p.status,
        title: p.doc.title,
        party: party(p.doc),
        total: p.total?.amountMinor ?? null,
        currency: p.total?.currency ?? null,
        reasons: JSON.stringify(p.reasons),
        plan: p.plan ? JSON.stringify(p.plan) : null,
        doc: JSON.stringify(p.doc),
        hash: p.contentHash,
        at: ts(),
      };
      const info = insert.run(values);
      // Built here rather than read back: intake inserts thousands of rows a second.
      return {
        id: Number(info.lastInsertRowid), connection_id: values.connectionId, source_id: values.sourceId, source_kind: values.sourceKind, idempotency_key: values.key,
        status: values.status, title: values.title, party: values.party, total_minor: values.total, currency: values.currency, reasons_json: values.reasons,
        plan_json: values.plan, document_json: values.doc, content_hash: values.hash, erp_id: null, attempts: 0, next_attempt_at: null, last_error_json: null,
        confirm_status: 'none', changed_after_posting: 0, dismiss_reason: null, created_at: values.at, updated_at: values.at, posted_at: null,
      };
    },

    /** Re-planned from today's mappings (replay, or a changed source document before it was posted). */
    replan(id: number, p: Omit<NewPosting, 'connectionId' | 'key'>): void {
      set(id, {
        status: p.status,
        title: p.doc.title,
        party: party(p.doc),
        total_minor: p.total?.amountMinor ?? null,
        currency: p.total?.currency ?? null,
        reasons_json: JSON.stringify(p.reasons),
        plan_json: p.plan ? JSON.stringify(p.plan) : null,
        document_json: JSON.stringify(p.doc),
        content_hash: p.contentHash,
        next_attempt_at: null,
        dismiss_reason: null,
        // Held again after a change at the source: the source hears about it again (see engine/confirm.ts).
        ...(p.status === 'held' ? { confirm_status: 'none' as const } : {}),
      });
    },

    markSending(id: number): void {
      q(`UPDATE postings SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(ts(), id);
    },
    markUncertain(id: number, error: ErrorPayload): void {
      set(id, { status: 'uncertain', last_error_json: JSON.stringify(error) });
    },
    markPosted(id: number, erpId: string, confirm: boolean): void {
      set(id, { status: 'posted', erp_id: erpId, posted_at: ts(), reasons_json: '[]', last_error_json: null, next_attempt_at: null, confirm_status: confirm ? 'pending' : 'none' });
    },
    markHeld(id: number, reasons: HoldReason[], error: ErrorPayload | null = null): void {
      set(id, { status: 'held', reasons_json: JSON.stringify(reasons), last_error_json: error ? JSON.stringify(error) : null, next_attempt_at: null });
    },
    markFailed(id: number, reasons: HoldReason[], error: ErrorPayload, nextAttemptAt: string | null): void {
      set(id, { status: 'failed', reasons_json: JSON.stringify(reasons), last_error_json: JSON.stringify(error), next_attempt_at: nextAttemptAt });
    },
    /** `confirm`: the source is told about the dismissal (Concur FIS marks the posting failed). */
    markDismissed(id: number, reason: string, confirm = false): void {
      set(id, { status: 'dismissed', dismiss_reason: reason, ...(confirm ? { confirm_status: 'pending' } : {}) });
    },
    /** A held post's document and plan as re-dated by the accountant (key, status and reasons unchanged). */
    redate(id: number, doc: SourceDocument, plan: PostingPlan | null): void {
      set(id, { document_json: JSON.stringify(doc), plan_json: plan ? JSON.stringify(plan) : null });
    },
    markChangedAfterPosting(id: number): void {
      set(id, { changed_after_posting: 1 });
    },
    markConfirmed(id: number): void {
      set(id, { confirm_status: 'done' });
    },

    /** Rows a previous run left between "plan committed" and "outcome recorded": they must pass findExisting. */
    unsettled(connectionId: string): PostingRow[] {
      return q(`SELECT * FROM postings WHERE connection_id = ? AND status IN ('pending', 'sending', 'uncertain') ORDER BY id`).all(connectionId) as PostingRow[];
    },
    dueFailures(connectionId: string, at: string): PostingRow[] {
      return q(`SELECT * FROM postings WHERE connection_id = ? AND status = 'failed' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id`).all(connectionId, at) as PostingRow[];
    },
    /** Held rows the source has not heard about (a hold that can never post is reported as a failure). */
    heldUnreported(connectionId: string): PostingRow[] {
      return q(`SELECT * FROM postings WHERE connection_id = ? AND status = 'held' AND confirm_status = 'none' ORDER BY id`).all(connectionId) as PostingRow[];
    },
    pendingConfirmations(connectionId: string): PostingRow[] {
      return q(`SELECT * FROM postings WHERE connection_id = ? AND status IN ('posted', 'dismissed') AND confirm_status = 'pending' ORDER BY id`).all(connectionId) as PostingRow[];
    },
    list(f: PostingFilter): PostingRow[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.connectionId) {
        where.push('connection_id = ?');
        args.push(f.connectionId);
      }
      if (f.status) {
        where.push('status = ?');
        args.push(f.status);
      }
      if (f.code) {
        where.push('EXISTS (SELECT 1 FROM json_each(reasons_json) WHERE json_extract(value, \'$.code\') = ?)');
        args.push(f.code);
      }
      if (f.search) {
        where.push("(source_id LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\' OR party LIKE ? ESCAPE '\\' OR erp_id LIKE ? ESCAPE '\\')");
        const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        args.push(like, like, like, like);
      }
      const sql = `SELECT * FROM postings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
      return db.prepare(sql).all(...args, f.limit) as PostingRow[];
    },
    counts(connectionId: string): Record<PostingStatus, number> {
      const rows = db.prepare('SELECT status, COUNT(*) AS n FROM postings WHERE connection_id = ? GROUP BY status').all(connectionId) as Array<{ status: PostingStatus; n: number }>;
      const out = { pending: 0, sending: 0, uncertain: 0, posted: 0, held: 0, failed: 0, dismissed: 0 };
      for (const r of rows) out[r.status] = r.n;
      return out;
    },
  };
}
export type PostingRepo = ReturnType<typeof createPostingRepo>;
