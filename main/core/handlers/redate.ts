// Re-dating a held post: the accountant gives it a posting date in an open period before replaying it. The new
// date lives in the stored document's meta (outside the content hash and the key: keys belong to the document),
// so the next replay plans with it and a fresh read of the unchanged document keeps it; the document date stays
// the source's. Checked against the ERP's cached periods; audited with the old and new date and who.
import type { Connection } from '../../../shared/schemas/connection';
import type { PlanKind, PostingPlan } from '../../../shared/schemas/plan';
import { ERP_LABEL, periodsOf, REDATE_META, redatedTo, redateProblem } from '../engine/periods';
import { ConnectorError } from '../errors';
import type { Runtime } from '../runtime';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument } from '../store/repos/postings';

export function redateHeld(rt: Pick<Runtime, 'store' | 'clock'>, conn: Connection, row: PostingRow, date: string, actor: string): PostingRow {
  const { store } = rt;
  if (row.status !== 'held' && row.status !== 'failed') throw new ConnectorError('CONFLICT', `Posting ${row.id} is ${row.status}; only held or failed posts can be re-dated`, { retryable: false });
  const doc = rowDocument(row);
  const plan = row.plan_json ? (JSON.parse(row.plan_json) as PostingPlan) : null;
  const before = redatedTo(doc.meta) ?? plan?.postingDate ?? doc.documentDate ?? '';
  const kind: PlanKind = plan?.kind ?? ((conn.target as { postingMode?: string }).postingMode === 'journal' ? 'journal' : 'supplier_invoice');
  const refused = JSON.parse(row.reasons_json ?? '[]') as Array<{ code: string; subject?: string }>;
  const refusedMonths = refused.filter((r) => r.code === 'PERIOD_CLOSED' && /^\d{4}-\d{2}$/.test(r.subject ?? '')).map((r) => r.subject!);
  const problem = redateProblem(date, kind, periodsOf(store.reference.list(conn.id, 'period')), conn.target.system, rt.clock.now().toISOString().slice(0, 10), refusedMonths);
  if (problem) throw new ConnectorError('BAD_REQUEST', `Cannot re-date posting ${row.id}: ${problem}`, { retryable: false });
  if (date === before) throw new ConnectorError('BAD_REQUEST', `Posting ${row.id} is already dated ${date}`, { retryable: false });
  const next = { ...doc, meta: { ...doc.meta, [REDATE_META]: date } };
  const nextPlan: PostingPlan | null = plan ? { ...plan, postingDate: date, notes: [...plan.notes, `Re-dated by ${actor} from ${before} to ${date}: replay to post`] } : null;
  store.db.transaction(() => {
    store.postings.redate(row.id, next, nextPlan);
    store.audit.append({
      connectionId: conn.id,
      actor,
      action: 'redate',
      sourceId: row.source_id,
      idempotencyKey: row.idempotency_key,
      outcome: 'redated',
      message: `Posting date changed from ${before || 'none'} to ${date} by ${actor}, to post in ${ERP_LABEL[conn.target.system] ?? conn.target.system}; the document date stays ${doc.documentDate ?? 'as the source has it'} and the key is unchanged. Replay to post`,
    });
  })();
  return store.postings.get(row.id)!;
}
