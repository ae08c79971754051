// One connection's reconciliation for a month, read fresh from the source, the outbox and the ERP.
// Read-only by design: no writer lease, no audit row, nothing sent to any ledger or source. A side that
// cannot be read completely is said, and the report is marked partial, never filled in by guessing.
import type { Connection } from '../../../../shared/schemas/connection';
import type { ConnectionReconciliation } from '../../../../shared/schemas/reconcile';
import type { SourceAdapter, TargetAdapter } from '../../adapters/types';
import { toErrorPayload } from '../../errors';
import type { Store } from '../../store/store';
import { totalOf } from '../intake';
import { keysFor } from '../keys';
import { classify, sumByCurrency, type ErpDoc, type ErpSide, type SourceDoc } from './classify';
import { readOutboxPeriod, type OutboxPeriod } from './outbox-read';
import { inPeriod, type Period } from './period';

/** Our references all start with this (keys.ts); older legacy keys share it. */
export const KEY_PREFIX = 'MLC-';

interface Sides {
  source: SourceDoc[];
  sourceBasis: ConnectionReconciliation['sourceBasis'];
  erp: ErpSide;
  erpBasis: ConnectionReconciliation['erpBasis'];
  accounts: Map<string, ConnectionReconciliation['erpAccounts']>;
  partial: string[];
}

async function readSource(conn: Connection, source: SourceAdapter, outbox: OutboxPeriod, p: Period, s: Sides): Promise<void> {
  const localCopy = () => outbox.docs.map((d): SourceDoc => ({ key: d.key, sourceId: d.sourceId, title: d.title, date: d.date, total: d.total }));
  if (!source.readPeriod) {
    s.source = localCopy();
    s.sourceBasis = 'local_copy';
    s.partial.push(`Source (${conn.source.system}): ${source.periodUnavailable ?? 'its API cannot list the approved documents of a past period here'}, so the source figures are the local copy of what was read from it`);
    return;
  }
  try {
    const docs = await source.readPeriod({ from: p.from, to: p.to });
    s.source = docs.map((doc) => ({ key: keysFor(doc, conn.id, source.tenant ?? null).key, sourceId: doc.sourceId, title: doc.title, date: doc.documentDate, total: totalOf(doc) })).filter((d) => inPeriod(d.date, p));
    s.sourceBasis = 'read';
  } catch (e) {
    s.source = localCopy();
    s.sourceBasis = 'local_copy';
    s.partial.push(`Source (${conn.source.system}) refused the period query: ${toErrorPayload(e).message}. Source figures are the local copy`);
  }
}

async function readErp(conn: Connection, target: TargetAdapter, outbox: OutboxPeriod, p: Period, s: Sides): Promise<void> {
  const keys = [...new Set(outbox.docs.filter((d) => d.status !== 'held' && d.status !== 'dismissed').flatMap((d) => d.keys))];
  if (target.readBack) {
    try {
      const r = await target.readBack({ keys, range: { from: p.from, to: p.to }, prefix: KEY_PREFIX });
      s.erp = { mode: 'read', docs: r.documents.map(({ accounts: _a, ...d }): ErpDoc => d), unchecked: new Set(r.uncheckedKeys ?? []) };
      for (const d of r.documents) s.accounts.set(d.erpId, d.accounts);
      s.erpBasis = 'read';
      if (r.incomplete) s.partial.push(`ERP (${conn.target.system}) read-back stopped part-way: ${r.incomplete}. Figures cover what was read`);
    } catch (e) {
      s.partial.push(`ERP (${conn.target.system}) read-back failed: ${toErrorPayload(e).message}. No ERP figures`);
    }
    return;
  }
  // No read-back for this ERP: at least the duplicate-protection look-up says which posted documents are there.
  const plans = [...outbox.plans.values()];
  try {
    const found = plans.length && target.findExistingMany ? await target.findExistingMany(plans) : new Map();
    if (!target.findExistingMany) for (const plan of plans) {
      const hit = await target.findExisting(plan);
      if (hit) found.set(plan.idempotencyKey, hit);
    }
    const all = plans.length && target.findAllExisting ? await target.findAllExisting(plans) : new Map<string, string[]>();
    const docs: ErpDoc[] = [];
    for (const plan of plans) {
      const many = all.get(plan.idempotencyKey) ?? [];
      const hit = found.get(plan.idempotencyKey);
      const ids = many.length > 1 ? many : hit ? [hit.erpId] : [];
      for (const erpId of ids) docs.push({ erpId, key: hit?.key ?? plan.idempotencyKey, date: plan.postingDate, status: null, totals: [], url: null });
    }
    s.erp = { mode: 'presence', docs };
    s.erpBasis = 'presence_only';
    s.partial.push(`ERP (${conn.target.system}): the posted documents were looked up by reference (the duplicate-protection look-up), but their totals are not read back for this ERP, and documents posted by hand under our prefix are not searched`);
  } catch (e) {
    s.partial.push(`ERP (${conn.target.system}) look-up failed: ${toErrorPayload(e).message}. No ERP figures`);
  }
}

export async function reconcileConnection(store: Store, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, p: Period): Promise<ConnectionReconciliation> {
  const outbox = readOutboxPeriod(store, conn.id, p);
  const s: Sides = { source: [], sourceBasis: 'not_read', erp: { mode: 'none', docs: [] }, erpBasis: 'not_read', accounts: new Map(), partial: [] };
  await readSource(conn, adapters.source, outbox, p, s);
  await readErp(conn, adapters.target, outbox, p, s);
  const c = classify({ source: s.source, outbox: outbox.docs, erp: s.erp, knownKeys: outbox.knownKeys });
  const byStatus = (...st: string[]) => sumByCurrency(outbox.docs.filter((d) => st.includes(d.status)).map((d) => d.total));
  // Posted: the size of what was posted (a journal's debit total), the figure the ERP documents must add up to.
  const posted = sumByCurrency(outbox.docs.filter((d) => d.status === 'posted').map((d) => d.planned ?? d.total));
  const accounts = new Map<string, { account: string; currency: string; debitMinor: number; creditMinor: number }>();
  for (const d of c.erpDocs) for (const a of s.accounts.get(d.erpId) ?? []) {
    const k = `${a.account}|${a.currency}`;
    const acc = accounts.get(k) ?? { account: a.account, currency: a.currency, debitMinor: 0, creditMinor: 0 };
    acc.debitMinor += a.debitMinor;
    acc.creditMinor += a.creditMinor;
    accounts.set(k, acc);
  }
  return {
    connectionId: conn.id,
    name: conn.name,
    sourceSystem: conn.source.system,
    targetSystem: conn.target.system,
    partial: s.partial.length > 0,
    partialReasons: s.partial,
    sourceBasis: s.sourceBasis,
    erpBasis: s.erpBasis,
    totals: { source: sumByCurrency(s.source.map((d) => d.total)), posted, erp: sumByCurrency(c.erpDocs.flatMap((d) => d.totals)) },
    outbox: { posted, held: byStatus('held'), failed: byStatus('failed'), dismissed: byStatus('dismissed'), waiting: byStatus('pending', 'sending', 'uncertain') },
    erpAccounts: [...accounts.values()].sort((a, b) => (a.account + a.currency < b.account + b.currency ? -1 : 1)),
    documents: { source: s.source.length, outbox: outbox.docs.length, erp: c.erpDocs.length, matched: c.matched },
    counts: c.counts,
    differences: c.differences,
  };
}
