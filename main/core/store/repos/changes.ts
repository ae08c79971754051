// Changes after posting: one row per change of a posted document, kept beside the posted row (never touching
// its plan or ERP id), with the new version, its plan, and the adjustment documents or the acceptance.
import type { AdjustMode, AdjustmentDoc, ChangeKind, ChangeStatus } from '../../../../shared/schemas/change';
import type { SourceDocument } from '../../../../shared/schemas/document';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldReason } from '../../../../shared/schemas/posting';
import type { Db } from '../db';
import { statementCache } from '../db';

export interface ChangeRow {
  id: number;
  posting_id: number;
  connection_id: string;
  source_id: string;
  seq: number;
  change_kind: ChangeKind;
  status: ChangeStatus;
  before_hash: string;
  content_hash: string;
  before_plan_json: string | null;
  before_erp_ids_json: string;
  document_json: string;
  plan_json: string | null;
  reasons_json: string;
  before_total_minor: number | null;
  total_minor: number | null;
  currency: string | null;
  mode: AdjustMode | null;
  adjustments_json: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution_reason: string | null;
  detected_at: string;
  updated_at: string;
}

export interface NewVersion {
  doc: SourceDocument;
  contentHash: string;
  plan: PostingPlan | null;
  reasons: HoldReason[];
  total: { amountMinor: number; currency: string } | null;
}

export interface NewChange extends NewVersion {
  /** recalled: the source took the document back after it was posted (Concur FIS WAS_RECALLED); no new version yet. */
  kind?: ChangeKind;
  postingId: number;
  connectionId: string;
  seq: number;
  beforeHash: string;
  beforePlan: PostingPlan | null;
  beforeErpIds: string[];
  beforeTotalMinor: number | null;
}

export const changePlan = (r: ChangeRow): PostingPlan | null => (r.plan_json ? (JSON.parse(r.plan_json) as PostingPlan) : null);
export const changeBeforePlan = (r: ChangeRow): PostingPlan | null => (r.before_plan_json ? (JSON.parse(r.before_plan_json) as PostingPlan) : null);
export const changeAdjustments = (r: ChangeRow): AdjustmentDoc[] => JSON.parse(r.adjustments_json) as AdjustmentDoc[];
export const changeDocument = (r: ChangeRow): SourceDocument => JSON.parse(r.document_json) as SourceDocument;

export function createChangeRepo(db: Db, now: () => Date) {
  const ts = () => now().toISOString();
  const q = statementCache(db);
  const set = (id: number, fields: Record<string, unknown>) => {
    const cols = Object.keys(fields);
    q(`UPDATE posting_changes SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`).run({ ...fields, id, updated_at: ts() });
  };
  const version = (v: NewVersion) => ({
    content_hash: v.contentHash,
    document_json: JSON.stringify(v.doc),
    plan_json: v.plan ? JSON.stringify(v.plan) : null,
    reasons_json: JSON.stringify(v.reasons),
    total_minor: v.total?.amountMinor ?? null,
    currency: v.total?.currency ?? null,
  });
  return {
    get: (id: number) => (q('SELECT * FROM posting_changes WHERE id = ?').get(id) as ChangeRow | undefined) ?? null,
    /** The latest change of a posted document, resolved or not. */
    latestFor: (postingId: number) => (q('SELECT * FROM posting_changes WHERE posting_id = ? ORDER BY seq DESC LIMIT 1').get(postingId) as ChangeRow | undefined) ?? null,
    insert(c: NewChange): ChangeRow {
      const at = ts();
      const info = q(
        `INSERT INTO posting_changes (posting_id, connection_id, source_id, seq, change_kind, status, before_hash, content_hash, before_plan_json, before_erp_ids_json, document_json,
           plan_json, reasons_json, before_total_minor, total_minor, currency, detected_at, updated_at)
         VALUES (@posting_id, @connection_id, @source_id, @seq, @change_kind, 'open', @before_hash, @content_hash, @before_plan_json, @before_erp_ids_json, @document_json,
           @plan_json, @reasons_json, @before_total_minor, @total_minor, @currency, @at, @at)`,
      ).run({
        ...version(c),
        posting_id: c.postingId,
        connection_id: c.connectionId,
        source_id: c.doc.sourceId,
        seq: c.seq,
        change_kind: c.kind ?? 'changed',
        before_hash: c.beforeHash,
        before_plan_json: c.beforePlan ? JSON.stringify(c.beforePlan) : null,
        before_erp_ids_json: JSON.stringify(c.beforeErpIds),
        before_total_minor: c.beforeTotalMinor,
        at,
      });
      return this.get(Number(info.lastInsertRowid))!;
    },
    /** An open change that changed again before anyone resolved it: the latest version replaces the one shown. */
    updateVersion(id: number, v: NewVersion): void {
      // A recalled document that came back is a changed one: its new version is what is shown now.
      set(id, { ...version(v), change_kind: 'changed' });
    },
    /** The adjustment documents are committed before anything is sent (see engine/deliver.ts). */
    startAdjusting(id: number, mode: AdjustMode, docs: AdjustmentDoc[]): void {
      set(id, { status: 'adjusting', mode, adjustments_json: JSON.stringify(docs) });
    },
    saveAdjustments(id: number, docs: AdjustmentDoc[]): void {
      set(id, { adjustments_json: JSON.stringify(docs) });
    },
    markAdjusted(id: number, by: string): void {
      set(id, { status: 'adjusted', resolved_by: by, resolved_at: ts() });
    },
    markAccepted(id: number, by: string, reason: string): void {
      set(id, { status: 'accepted', resolved_by: by, resolved_at: ts(), resolution_reason: reason });
    },
    list(f: { connectionId?: string; status?: ChangeStatus | 'unresolved'; limit: number }): ChangeRow[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.connectionId) {
        where.push('connection_id = ?');
        args.push(f.connectionId);
      }
      if (f.status === 'unresolved') where.push("status IN ('open', 'adjusting')");
      else if (f.status) {
        where.push('status = ?');
        args.push(f.status);
      }
      return db.prepare(`SELECT * FROM posting_changes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...args, f.limit) as ChangeRow[];
    },
    /** Unresolved changes per connection and currency, with the amounts before and after (the badge). */
    openTotals(): Array<{ connection_id: string; currency: string | null; count: number; before_minor: number; after_minor: number }> {
      return q(
        `SELECT connection_id, currency, COUNT(*) AS count, COALESCE(SUM(before_total_minor), 0) AS before_minor, COALESCE(SUM(total_minor), 0) AS after_minor
         FROM posting_changes WHERE status IN ('open', 'adjusting') GROUP BY connection_id, currency ORDER BY connection_id, currency`,
      ).all() as Array<{ connection_id: string; currency: string | null; count: number; before_minor: number; after_minor: number }>;
    },
  };
}
