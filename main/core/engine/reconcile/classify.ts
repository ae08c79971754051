// Pure reconciliation: the three sides of one connection and month in, every difference in one category
// with the action that resolves it out. Nothing here reads or writes anything.
import type { HoldReason, PostingStatus } from '../../../../shared/schemas/posting';
import type { Difference, MoneySum, ReconcileCategory } from '../../../../shared/schemas/reconcile';
import { RECONCILE_CATEGORIES } from '../../../../shared/schemas/reconcile';

/** An approved document of the period as the source (or its local copy) has it now. */
export interface SourceDoc {
  key: string;
  sourceId: string;
  title: string;
  date: string | null;
  total: MoneySum | null;
}

/** One outbox row of the period. */
export interface OutboxDoc {
  postingId: number;
  key: string;
  /** Every key the document may carry in the ERP: its own, legacy and twin forms. */
  keys: readonly string[];
  sourceId: string;
  title: string;
  date: string | null;
  status: PostingStatus;
  /** The document's total as read from the source (what was, or will be, posted for it). */
  total: MoneySum | null;
  /** The posted journal's or bill's size (its debit total, from the plan): what the ERP document must hold. */
  planned?: MoneySum | null;
  erpId: string | null;
  changedAfterPosting: boolean;
  reasons: readonly HoldReason[];
  dismissReason: string | null;
  dismissedBy: string | null;
}

/** One ERP document carrying one of our references. */
export interface ErpDoc {
  erpId: string;
  key: string;
  date: string | null;
  status: string | null;
  totals: MoneySum[];
  url: string | null;
}

export interface ErpSide {
  /** 'read': documents with totals; 'presence': found by reference only (no totals); 'none': not read. */
  mode: 'read' | 'presence' | 'none';
  docs: readonly ErpDoc[];
  /** Keys the ERP read did not cover (it stopped part-way): their documents are not judged against the ERP. */
  unchecked?: ReadonlySet<string>;
}

export interface ClassifyInput {
  source: readonly SourceDoc[];
  outbox: readonly OutboxDoc[];
  erp: ErpSide;
  /** Every key the outbox knows for this connection (any period): an ERP document under one of them is ours. */
  knownKeys: ReadonlySet<string>;
}

export interface Classification {
  differences: Difference[];
  counts: Record<ReconcileCategory, number>;
  matched: number;
  /** The ERP documents of this period: those of its outbox rows and those nobody here knows (others belong to another period). */
  erpDocs: ErpDoc[];
}

const sameMoney = (a: MoneySum | null, b: MoneySum | null) => a?.currency === b?.currency && a?.amountMinor === b?.amountMinor;
const fmt = (m: MoneySum | null) => (m ? `${m.amountMinor} ${m.currency} (minor units)` : 'no amount');

/** Sums per currency, sorted by currency code; zero sums are kept (a currency seen is a line). */
export function sumByCurrency(items: ReadonlyArray<MoneySum | null>): MoneySum[] {
  const by = new Map<string, number>();
  for (const m of items) if (m) by.set(m.currency, (by.get(m.currency) ?? 0) + m.amountMinor);
  return [...by].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([currency, amountMinor]) => ({ currency, amountMinor }));
}

const HELD_ACTION: Partial<Record<string, string>> = {
  PERIOD_CLOSED: 'Re-date the held item into an open period (or reopen the period in the ERP), then replay it',
  NEEDS_MAPPING: 'Map the expense type to a GL account, then replay',
  EMPLOYEE_UNMAPPED: 'Map the employee to an ERP vendor/employee, then replay',
};

function heldAction(reasons: readonly HoldReason[]): string {
  for (const r of reasons) if (HELD_ACTION[r.code]) return HELD_ACTION[r.code]!;
  return 'Fix what the hold reason names (mapping, reference data, source document), then replay';
}

export function classify(input: ClassifyInput): Classification {
  const differences: Difference[] = [];
  let matched = 0;
  const erpByKey = new Map<string, ErpDoc[]>();
  for (const d of input.erp.docs) erpByKey.set(d.key, [...(erpByKey.get(d.key) ?? []), d]);
  const sourceByKey = new Map(input.source.map((s) => [s.key, s] as const));
  const outboxKeys = new Set(input.outbox.flatMap((o) => o.keys));

  const add = (category: ReconcileCategory, o: OutboxDoc | null, s: SourceDoc | null, erp: ErpDoc[], detail: string, action: string) =>
    differences.push({
      category,
      sourceId: o?.sourceId ?? s?.sourceId ?? null,
      title: o?.title ?? s?.title ?? erp[0]?.key ?? '',
      idempotencyKey: o?.key ?? s?.key ?? erp[0]?.key ?? null,
      postingId: o?.postingId ?? null,
      erpIds: erp.map((d) => d.erpId),
      erpUrl: erp.find((d) => d.url)?.url ?? null,
      date: o?.date ?? s?.date ?? erp[0]?.date ?? null,
      source: s?.total ?? null,
      posted: o?.total ?? null,
      erp: sumByCurrency(erp.flatMap((d) => d.totals)),
      detail,
      action,
    });

  for (const o of input.outbox) {
    const s = sourceByKey.get(o.key) ?? null;
    const erp = o.keys.flatMap((k) => erpByKey.get(k) ?? []);
    switch (o.status) {
      case 'held':
        add('held', o, s, erp, o.reasons.map((r) => `${r.code}: ${r.message}`).join('; ') || 'Held', heldAction(o.reasons));
        continue;
      case 'failed':
        add('failed', o, s, erp, o.reasons.map((r) => r.message).join('; ') || 'The ERP did not accept or answer', 'Retried on the next sync; or replay it once the ERP answers');
        continue;
      case 'dismissed':
        add('dismissed', o, s, erp, `Dismissed by ${o.dismissedBy ?? 'an unknown user'}: ${o.dismissReason ?? 'no reason recorded'}`, 'None: dismissed on purpose; replay from the source if it was a mistake');
        continue;
      case 'pending':
      case 'sending':
      case 'uncertain':
        add('not_posted', o, s, erp, o.status === 'uncertain' ? 'Sent, outcome not known yet: checked in the ERP before any re-send' : 'Waiting to be posted', 'Run a sync: it posts it (after looking it up in the ERP)');
        continue;
      case 'posted':
        break;
    }
    if (!o.erpId) {
      add('unexplained', o, s, erp, 'Marked posted here without an ERP document number', 'Look the reference up in the ERP and tell support');
      continue;
    }
    if (o.changedAfterPosting) {
      add('changed_after_posting', o, s, erp, `Changed in the source after it was posted as ${o.erpId}`, 'Review the change: post an adjustment or accept it as is with a reason');
      continue;
    }
    if (o.keys.some((k) => input.erp.unchecked?.has(k))) {
      if (s && !sameMoney(s.total, o.total)) add('amount_differs', o, s, erp, `The source now says ${fmt(s.total)}, posted ${fmt(o.total)}`, 'Review the change: post an adjustment or accept it as is with a reason');
      else matched++;
      continue;
    }
    if (input.erp.mode !== 'none' && erp.length === 0) {
      add('unexplained', o, s, erp, `Posted here as ${o.erpId}, but no ERP document carries ${o.key}`, 'Look the document up in the ERP (deleted or reversed by hand?) and tell support');
      continue;
    }
    if (erp.length > 1) {
      add('erp_duplicate', o, s, erp, `${erp.length} ERP documents carry this reference: ${erp.map((d) => d.erpId).join(', ')}`, `Reverse the extra document(s) in the ERP; keep ${o.erpId}`);
      continue;
    }
    const erpTotal = input.erp.mode === 'read' ? sumByCurrency(erp.flatMap((d) => d.totals)) : null;
    const expected = o.planned ?? o.total;
    if (erpTotal && !(erpTotal.length === 1 && sameMoney(erpTotal[0]!, expected))) {
      add('amount_differs', o, s, erp, `Posted ${fmt(expected)}, the ERP document ${erp[0]!.erpId} holds ${erpTotal.map((m) => fmt(m)).join(' + ') || 'nothing'}`, 'Compare the ERP document with the source; correct it in the ERP with an adjustment');
      continue;
    }
    if (s && !sameMoney(s.total, o.total)) {
      add('amount_differs', o, s, erp, `The source now says ${fmt(s.total)}, posted ${fmt(o.total)}`, 'Review the change: post an adjustment or accept it as is with a reason');
      continue;
    }
    matched++;
  }

  const outboxSeen = new Set(input.outbox.map((o) => o.key));
  for (const s of input.source) {
    if (outboxSeen.has(s.key) || outboxKeys.has(s.key) || input.knownKeys.has(s.key)) continue;
    add('not_posted', null, s, erpByKey.get(s.key) ?? [], 'Approved in the source, not read into the outbox yet', 'Run a sync');
  }

  for (const [key, docs] of erpByKey) {
    if (outboxKeys.has(key) || input.knownKeys.has(key)) continue;
    const category = docs.length > 1 ? 'erp_duplicate' : 'erp_unknown';
    add(category, null, null, docs, `${docs.map((d) => d.erpId).join(', ')} carr${docs.length > 1 ? 'y' : 'ies'} ${key}, which this install never posted (posted by hand, by another tool or another install)`, 'Check who posted it; reverse it in the ERP if it is a duplicate of a posted document');
  }

  const counts = Object.fromEntries(RECONCILE_CATEGORIES.map((c) => [c, 0])) as Record<ReconcileCategory, number>;
  for (const d of differences) counts[d.category]++;
  const erpDocs = input.erp.docs.filter((d) => outboxKeys.has(d.key) || !input.knownKeys.has(d.key));
  return { differences, counts, matched, erpDocs };
}
