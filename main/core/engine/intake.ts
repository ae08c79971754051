// Intake of fetched documents: dedupe by key, plan, validate, and commit each as pending or held,
// one short transaction per batch. Returns the rows that are ready to be delivered.
import type { Connection } from '../../../shared/schemas/connection';
import type { SourceDocument } from '../../../shared/schemas/document';
import type { PostingKind, PostingPlan } from '../../../shared/schemas/plan';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { PreviewItem } from '../../../shared/schemas/run';
import type { TargetCapabilities } from '../adapters/types';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument } from '../store/repos/postings';
import type { DocumentKeys } from './keys';
import { contentHash, keysFor, planKeys } from './keys';
import type { MappingLookup } from './mapping-lookup';
import { planDocument } from './plan';
import type { ReferenceIndex } from './validate';
import { validatePlan } from './validate';
import type { ErpPeriod } from '../../../shared/schemas/period';
import { closedPeriodRule } from '../../../shared/schemas/period';
import { checkPeriod, REDATE_META, redatedTo } from './periods';
import { changeMessage } from '../changes/describe';
import { lastSeenHash, recordChangeAfterPosting } from '../changes/record';

export interface IntakeEnv {
  conn: Connection;
  store: Store;
  lookup: MappingLookup;
  ref: ReferenceIndex;
  caps: TargetCapabilities;
  actor: string;
  /** Codes already recorded as seen during this run, so each is written once, not once per line. */
  seen?: Set<string>;
  /** The source wants to hear the outcome (a document recorded under an alias is confirmed too). */
  confirmToSource?: boolean;
  /** The source connection's tenant (Concur company UUID) for documents that do not carry their own. */
  tenant: string | null;
  /** The ERP's periods cached with the reference data (periods.ts); absent or empty = no opinion. */
  periods?: readonly ErpPeriod[];
}

export interface BatchOutcome {
  deliver: PostingRow[];
  held: number;
  skipped: number;
}

/** The connection's rule for this kind of document, else the target's posting mode, if the target can do it. */
export function postingKindFor(doc: SourceDocument, env: IntakeEnv): PostingKind {
  // Targets name their modes in their own terms (Intacct "ap_bill"); both mean a supplier invoice / AP bill.
  const raw = (env.conn.target as { postingMode?: string }).postingMode;
  const targetMode: PostingKind = raw === 'supplier_invoice' || raw === 'ap_bill' ? 'supplier_invoice' : 'journal';
  const wanted = env.conn.rules.postingModes?.[doc.kind] ?? targetMode;
  return env.caps.postingKinds.includes(wanted) ? wanted : 'journal';
}

/** Every key form of a document for this connection (see keys.ts). */
export const keysOfDoc = (doc: SourceDocument, env: Pick<IntakeEnv, 'conn' | 'tenant'>): DocumentKeys => keysFor(doc, env.conn.id, env.tenant);

/** The outbox row of a document under its key or its legacy key (rows written before keys had a tenant). */
export const outboxRow = (keys: DocumentKeys, store: Store): PostingRow | null => store.postings.getByKey(keys.key) ?? store.postings.getByKey(keys.legacy);

/**
 * Plans and validates one document against today's mappings and the cached reference data. `sendKey` is the
 * key the plan carries (an outbox row keeps the one it may already have been sent under); the plan also
 * carries every other form of the document's key, so the ERP look-ups find it under any of them.
 */
export function planAndValidate(doc: SourceDocument, env: IntakeEnv, sendKey?: string): { plan: PostingPlan | null; reasons: HoldReason[] } {
  const kind = postingKindFor(doc, env);
  const keys = keysOfDoc(doc, env);
  const { key, lookupKeys } = planKeys(sendKey ?? keys.key, keys);
  const r = planDocument({ doc, key, kind, rules: env.conn.rules, lookup: env.lookup, maxDescriptionLength: env.caps.maxDescriptionLength });
  if (!r.plan) return r;
  let plan: PostingPlan = { ...r.plan, lookupKeys };
  // The accountant re-dated the held document: the posting date is theirs, the document date stays the source's.
  const redate = redatedTo(doc.meta);
  if (redate && redate !== plan.postingDate) plan = { ...plan, postingDate: redate, notes: [...plan.notes, `Re-dated by the accountant from ${plan.postingDate} to ${redate}; the document date stays ${plan.documentDate}`] };
  const reasons = validatePlan(plan, env.ref, env.caps.dimensionTypes);
  const maxDescription = Math.min(env.caps.maxDescriptionLength, env.conn.rules.maxDescriptionLength);
  const period = checkPeriod(plan, env.periods ?? [], closedPeriodRule(env.conn), env.conn.target.system, maxDescription);
  return { plan: period.plan, reasons: [...reasons, ...period.reasons] };
}

/** A fresh read of a document keeps the posting date the accountant gave its held row. */
export function keepRedate(doc: SourceDocument, row: PostingRow): SourceDocument {
  const date = redatedTo(rowDocument(row).meta ?? {});
  return date && !doc.meta[REDATE_META] ? { ...doc, meta: { ...doc.meta, [REDATE_META]: date } } : doc;
}

/** What the document amounts to for the accountant: the net of its non-personal lines (refunds reduce it). */
export const totalOf = (doc: SourceDocument): { amountMinor: number; currency: string } | null =>
  doc.currency ? { amountMinor: doc.lines.reduce((s, l) => s + (l.amount && !l.isPersonal && l.amount.currency === doc.currency ? l.amount.amountMinor : 0), 0), currency: doc.currency } : null;

export function intakeBatch(docs: readonly SourceDocument[], env: IntakeEnv): BatchOutcome {
  const { store, conn, actor } = env;
  const out: BatchOutcome = { deliver: [], held: 0, skipped: 0 };
  const audit = (doc: SourceDocument, key: string, action: 'fetch' | 'plan' | 'hold' | 'changed_after_posting', outcome: string, message: string, erpId: string | null = null) =>
    store.audit.append({ connectionId: conn.id, actor, action, sourceId: doc.sourceId, erpId, idempotencyKey: key, outcome, message });

  store.db.transaction(() => {
    for (let doc of docs) {
      const seen = (env.seen ??= new Set());
      const note = (kind: 'expense_type' | 'employee' | 'tax_code', code: string, name: string) => {
        if (!code || seen.has(`${kind}\u0000${code}`)) return;
        seen.add(`${kind}\u0000${code}`);
        store.mappings.noteSeen(conn.id, kind, code, name);
      };
      for (const l of doc.lines) note('expense_type', l.expenseType.code, l.expenseType.name);
      if (doc.employee) note('employee', doc.employee.id, doc.employee.name);
      for (const c of doc.lines.flatMap((l) => l.tax?.components ?? [])) note('tax_code', c.code || (c.rate ? `${c.rate}%` : ''), [c.name, c.rate ? `${c.rate} %` : ''].filter(Boolean).join(' '));

      // The tenant is stamped on the stored document so a replay computes the same keys.
      if (!doc.tenant && env.tenant) doc = { ...doc, tenant: env.tenant };
      const keys = keysOfDoc(doc, env);
      const hash = contentHash(doc);
      const existing = outboxRow(keys, store);
      const key = existing?.idempotency_key ?? keys.key;
      if (existing) {
        const changed = existing.content_hash !== hash;
        // Compared with the version last seen: a recalled document that comes back unchanged is news too.
        if (existing.status === 'posted' && (changed || store.changes.latestFor(existing.id))) {
          const r = recordChangeAfterPosting(store, existing, hash, () => ({ ...planAndValidate(doc, env, key), doc, contentHash: hash, total: totalOf(doc) }));
          if (r.kind !== 'same' && existing.changed_after_posting === 0) store.postings.markChangedAfterPosting(existing.id);
          if (r.kind !== 'same') audit(doc, key, 'changed_after_posting', r.kind === 'new' ? 'flagged' : 'updated', changeMessage(doc, existing, r.change), existing.erp_id);
          out.skipped++;
          continue;
        }
        if (existing.status === 'dismissed' && changed && existing.changed_after_posting === 0) {
          store.postings.markChangedAfterPosting(existing.id);
          audit(doc, key, 'changed_after_posting', 'flagged', `Changed in ${doc.sourceSystem} after it was ${existing.status}; not posted again — review the difference`, existing.erp_id);
        }
        if ((existing.status === 'held' || existing.status === 'failed') && changed) {
          doc = keepRedate(doc, existing);
          const { plan, reasons } = planAndValidate(doc, env, key);
          store.postings.replan(existing.id, { doc, contentHash: hash, status: reasons.length ? 'held' : 'pending', plan, reasons, total: totalOf(doc) });
          audit(doc, key, reasons.length ? 'hold' : 'plan', reasons.length ? 'held' : 'planned', reasons.length ? `Changed at the source, still held: ${reasons.map((r) => r.message).join('; ')}` : 'Changed at the source and now valid: planned');
          if (reasons.length) out.held++;
          else out.deliver.push(store.postings.get(existing.id)!);
          continue;
        }
        out.skipped++;
        continue;
      }
      const twin = aliasPosting(doc, env);
      if (twin) {
        // Counted as what was written: a twin posted without an ERP id holds this one, like an open twin.
        if (recordTwin(doc, key, hash, twin, env, audit) === 'linked') out.skipped++;
        else out.held++;
        continue;
      }
      const { plan, reasons } = planAndValidate(doc, env, key);
      const row = store.postings.insert({ connectionId: conn.id, doc, key, contentHash: hash, status: reasons.length ? 'held' : 'pending', plan, reasons, total: totalOf(doc) });
      if (reasons.length) {
        audit(doc, key, 'hold', 'held', reasons.map((r) => r.message).join('; '));
        out.held++;
      } else {
        audit(doc, key, 'plan', 'planned', `Planned ${plan!.kind === 'journal' ? 'journal entry' : 'supplier invoice'} of ${plan!.lines.length} lines dated ${plan!.postingDate}`);
        out.deliver.push(row);
      }
    }
  })();
  return out;
}

/** The outbox row of the same business document read earlier on another path of the source, if any. */
export function aliasPosting(doc: SourceDocument, env: Pick<IntakeEnv, 'conn' | 'store' | 'tenant'>): PostingRow | null {
  for (const alias of doc.aliases ?? []) {
    const row = outboxRow(keysOfDoc({ ...doc, sourceId: alias, aliases: [] }, env), env.store);
    if (row) return row;
  }
  return null;
}

/**
 * A twin already posted is recorded as posted under the same ERP id (and confirmed to the source if it
 * wants that), never sent again; a twin still open or dismissed holds this one for the accountant.
 */
function recordTwin(doc: SourceDocument, key: string, hash: string, twin: PostingRow, env: IntakeEnv, audit: (doc: SourceDocument, key: string, action: 'fetch' | 'plan' | 'hold', outcome: string, message: string, erpId?: string | null) => void): 'linked' | 'held' {
  const { store } = env;
  if (twin.status === 'posted' && twin.erp_id) {
    const row = store.postings.insert({ connectionId: env.conn.id, doc, key, contentHash: hash, status: 'pending', plan: null, reasons: [], total: totalOf(doc) });
    store.postings.markPosted(row.id, twin.erp_id, env.confirmToSource ?? false);
    audit(doc, key, 'fetch', 'already_posted', `Already posted as ${twin.source_id} (${twin.erp_id}); recorded under this id too, not posted again`, twin.erp_id);
    return 'linked';
  }
  const reason: HoldReason = { code: 'DUPLICATE_SOURCE', message: `The same document is already in the outbox as ${twin.source_id} (${twin.status}); settle that one first, then replay or dismiss this one`, subject: twin.source_id };
  store.postings.insert({ connectionId: env.conn.id, doc, key, contentHash: hash, status: 'held', plan: null, reasons: [reason], total: totalOf(doc) });
  audit(doc, key, 'hold', 'held', reason.message);
  return 'held';
}

/**
 * Intake of a fetched page in slices, one short transaction each, yielding to the event loop in between:
 * a page of 100 reports is ~20 ms of CPU, and answers from the source and the ERP should not wait behind it.
 */
export async function intakeInSlices(docs: readonly SourceDocument[], env: IntakeEnv, slice = 20): Promise<BatchOutcome> {
  const total: BatchOutcome = { deliver: [], held: 0, skipped: 0 };
  for (let i = 0; i < docs.length; i += slice) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const out = intakeBatch(docs.slice(i, i + slice), env);
    total.deliver.push(...out.deliver);
    total.held += out.held;
    total.skipped += out.skipped;
  }
  return total;
}

/** Dry run: the same decisions, written nowhere; the plans of would_post items come along for the ERP look-up. */
export function previewBatch(docs: readonly SourceDocument[], env: IntakeEnv): Array<{ item: PreviewItem; plan: PostingPlan | null }> {
  return docs.map((doc) => {
    const existing = outboxRow(keysOfDoc(doc, env), env.store);
    const base = { sourceId: doc.sourceId, title: doc.title };
    const hash = contentHash(doc);
    // Posted or dismissed: a run never posts it again, changed or not (a change is flagged for review), so neither
    // does the dry run promise it; a held one is planned again only when it changed.
    const settled = existing && (existing.status === 'posted' || existing.status === 'dismissed');
    if (existing && (settled || (existing.status === 'held' && existing.content_hash === hash))) {
      const lastSeen = existing.status === 'posted' ? lastSeenHash(existing, env.store.changes.latestFor(existing.id)) : existing.content_hash;
      const notes = lastSeen !== hash ? [`Changed in ${doc.sourceSystem} after it was ${existing.status}: kept for review, not posted again`] : [];
      const item: PreviewItem = { ...base, outcome: existing.status === 'held' ? 'already_held' : 'already_posted', total: existing.total_minor !== null && existing.currency ? { amountMinor: existing.total_minor, currency: existing.currency } : null, postingDate: null, lines: [], reasons: [], notes };
      return { item, plan: null };
    }
    const { plan, reasons } = planAndValidate(doc, env, existing?.idempotency_key);
    const item: PreviewItem = {
      ...base,
      outcome: reasons.length ? 'would_hold' : 'would_post',
      total: totalOf(doc),
      postingDate: plan?.postingDate ?? null,
      lines: (plan?.lines ?? []).map((l) => ({ account: l.account, side: l.side, amountMinor: l.amountMinor, dimensions: l.dimensions, partner: l.partner })),
      reasons,
      notes: plan?.notes ?? [],
    };
    return { item, plan: reasons.length ? null : plan };
  });
}
