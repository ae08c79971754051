// The outbox side of a reconciliation: one short read of the rows whose posting date (or, without a plan,
// document date; without either, the day it was read) falls in the month. Read-only.
import type { HoldReason, PostingStatus } from '../../../../shared/schemas/posting';
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { Store } from '../../store/store';
import type { OutboxDoc } from './classify';
import type { Period } from './period';

interface Row {
  id: number;
  source_id: string;
  title: string;
  idempotency_key: string;
  status: PostingStatus;
  total_minor: number | null;
  currency: string | null;
  erp_id: string | null;
  changed_after_posting: number;
  reasons_json: string;
  dismiss_reason: string | null;
  lookup_json: string | null;
  period_date: string;
  plan_total: number | null;
  plan_currency: string | null;
}

const PERIOD_DATE = "COALESCE(json_extract(plan_json, '$.postingDate'), json_extract(document_json, '$.documentDate'), substr(created_at, 1, 10))";

export interface OutboxPeriod {
  docs: OutboxDoc[];
  /** Every key of the connection (any period), to tell our ERP documents from unknown ones. */
  knownKeys: Set<string>;
  /** The plans of the period's rows, by key (for ERPs read by presence only). */
  plans: Map<string, PostingPlan>;
}

const lookupKeys = (json: string | null): string[] => {
  if (!json) return [];
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
};

/** `full` false: the period's rows only (the dashboard), without the connection's keys and plans. */
export function readOutboxPeriod(store: Store, connectionId: string, p: Period, full = true): OutboxPeriod {
  const rows = store.db
    .prepare(
      `SELECT id, source_id, title, idempotency_key, status, total_minor, currency, erp_id, changed_after_posting, reasons_json, dismiss_reason,
              json_extract(plan_json, '$.lookupKeys') AS lookup_json, ${PERIOD_DATE} AS period_date,
              json_extract(plan_json, '$.totalMinor') AS plan_total, json_extract(plan_json, '$.currency') AS plan_currency
         FROM postings WHERE connection_id = ? AND ${PERIOD_DATE} BETWEEN ? AND ? ORDER BY id`,
    )
    .all(connectionId, p.from, p.to) as Row[];
  const dismissedBy = (r: Row) => store.audit.list({ connectionId, action: 'dismiss', sourceId: r.source_id, limit: 1 })[0]?.actor ?? null;
  const docs = rows.map((r): OutboxDoc => ({
    postingId: r.id,
    key: r.idempotency_key,
    keys: [r.idempotency_key, ...lookupKeys(r.lookup_json)],
    sourceId: r.source_id,
    title: r.title,
    date: r.period_date,
    status: r.status,
    total: r.total_minor !== null && r.currency ? { amountMinor: r.total_minor, currency: r.currency } : null,
    planned: r.plan_total !== null && r.plan_currency ? { amountMinor: r.plan_total, currency: r.plan_currency } : null,
    erpId: r.erp_id,
    changedAfterPosting: r.changed_after_posting === 1,
    reasons: JSON.parse(r.reasons_json) as HoldReason[],
    dismissReason: r.dismiss_reason,
    dismissedBy: r.status === 'dismissed' ? dismissedBy(r) : null,
  }));
  const knownKeys = new Set<string>();
  const plans = new Map<string, PostingPlan>();
  if (!full) return { docs, knownKeys, plans };
  for (const k of store.db.prepare("SELECT idempotency_key AS k, json_extract(plan_json, '$.lookupKeys') AS l FROM postings WHERE connection_id = ?").iterate(connectionId) as Iterable<{ k: string; l: string | null }>) {
    knownKeys.add(k.k);
    for (const x of lookupKeys(k.l)) knownKeys.add(x);
  }
  const planOf = store.db.prepare("SELECT plan_json FROM postings WHERE id = ? AND plan_json IS NOT NULL");
  for (const d of docs) {
    if (d.status !== 'posted') continue;
    const r = planOf.get(d.postingId) as { plan_json: string } | undefined;
    if (r) plans.set(d.key, JSON.parse(r.plan_json) as PostingPlan);
  }
  return { docs, knownKeys, plans };
}
