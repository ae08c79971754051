// Several fresh plans in one request for targets that take batches (Sage Intacct). Only rows never sent
// before and just looked up in the ERP go this way; anything else goes through deliver(), which checks first.
import { isConnectorError, toErrorPayload } from '../errors';
import type { PostingRow } from '../store/repos/postings';
import { rowPlan } from '../store/repos/postings';
import type { DeliverDeps, DeliveryResult } from './deliver';
import { AuthStop, deliver, settleDuplicate } from './deliver';
import { namePeriodRefusals } from './periods';

/** `lookedUp`: every row was just looked up in the ERP and not found (lookUpBeforeSend). */
export async function deliverBatch(rows: PostingRow[], d: DeliverDeps, lookedUp = false): Promise<DeliveryResult[]> {
  const { store, target } = d;
  if (!lookedUp || !target.postBatch || rows.length < 2 || rows.some((r) => r.attempts > 0 || r.status !== 'pending')) {
    const out: DeliveryResult[] = [];
    for (const r of rows) out.push(await deliver(r, d, lookedUp));
    return out;
  }
  const plans = rows.map((r) => {
    const p = rowPlan(r);
    if (!p) throw new Error(`posting ${r.id} has no plan to deliver`);
    return p;
  });
  store.db.transaction(() => rows.forEach((r) => store.postings.markSending(r.id)))();
  let outcomes;
  try {
    outcomes = await target.postBatch(plans);
    if (outcomes.length !== rows.length) throw new Error(`the target answered ${outcomes.length} results for ${rows.length} documents`);
  } catch (e) {
    // The whole request's fate is unknown: settle each document on its own, looking it up first.
    const payload = toErrorPayload(e);
    store.db.transaction(() => rows.forEach((r) => store.postings.markUncertain(r.id, payload)))();
    if (isConnectorError(e) && (e.code === 'AUTH_FAILED' || e.code === 'AUTH_EXPIRED')) throw new AuthStop(e);
    const out: DeliveryResult[] = [];
    for (const r of rows) out.push(await deliver(store.postings.get(r.id)!, d));
    return out;
  }
  const results: DeliveryResult[] = [];
  for (const [i, row] of rows.entries()) {
    const o = outcomes[i]!;
    const audit = (action: 'post' | 'hold', outcome: string, message: string, erpId: string | null) =>
      store.audit.append({ connectionId: row.connection_id, actor: d.actor, action, sourceId: row.source_id, erpId, idempotencyKey: row.idempotency_key, outcome, message });
    if (o.status === 'posted') {
      store.postings.markPosted(row.id, o.erpId, d.confirmToSource);
      audit('post', 'posted', `Posted as ${o.erpId} (batch of ${rows.length})${o.warnings.length ? ` (warnings: ${o.warnings.join('; ')})` : ''}`, o.erpId);
      results.push('posted');
    } else if (o.status === 'duplicate') {
      results.push(await settleDuplicate(row, plans[i]!, o.message, d));
    } else {
      const reasons = namePeriodRefusals(o.reasons, plans[i]!.postingDate, d.target.system);
      store.postings.markHeld(row.id, reasons);
      audit('hold', 'held', `Rejected by the ERP: ${reasons.map((r) => r.message).join('; ')}`, null);
      results.push('held');
    }
  }
  return results;
}
