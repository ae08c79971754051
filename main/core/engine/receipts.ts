// The receipt queue: after the posts of a run, every posted document's receipts are fetched from the source
// and attached to its ERP document, each (posting, receipt) on its own. A failure here never touches the
// post: it is noted on the receipt, audited, and retried with backoff on a later run. Every state change is
// committed before and after each network call (no transaction spans one); an attempt whose answer was lost
// is looked up in the ERP before anything is sent again.
import type { Connection } from '../../../shared/schemas/connection';
import { systemLabel } from '../../../shared/schemas/document';
import type { ReceiptSettings } from '../../../shared/schemas/receipt';
import { receiptSettingsSchema } from '../../../shared/schemas/receipt';
import type { SourceAdapter, TargetAdapter } from '../adapters/types';
import { backoffDelay } from '../adapters/retry';
import { isConnectorError } from '../errors';
import type { Clock, HttpFetch, Logger } from '../ports';
import { downloadReceipt } from '../receipts/download';
import { EXTENSION_OF, MIME_OF } from '../receipts/magic';
import type { Store } from '../store/store';
import type { ReceiptRow } from '../store/repos/receipts';
import { receiptRef } from '../store/repos/receipts';
import { rowPlan } from '../store/repos/postings';

export interface ReceiptRunDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  fetch: HttpFetch;
  actor: string;
  signal?: AbortSignal;
}

export interface ReceiptRunSummary {
  queued: number;
  attached: number;
  failed: number;
  skipped: number;
  retrying: number;
}

/** The connection's receipt settings, or null when receipts are off. */
export function receiptSettingsOf(conn: Pick<Connection, 'receipts'>): ReceiptSettings | null {
  if (!conn.receipts?.enabled) return null;
  return receiptSettingsSchema.parse(conn.receipts);
}

/** A file name the ERPs take: letters, digits, dot, dash and underscore; never empty. */
export function safeFileName(base: string): string {
  const s = base.normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\w.-]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 80);
  return s || 'receipt';
}

export async function attachReceipts(deps: ReceiptRunDeps, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }): Promise<ReceiptRunSummary> {
  const sum: ReceiptRunSummary = { queued: 0, attached: 0, failed: 0, skipped: 0, retrying: 0 };
  const limits = receiptSettingsOf(conn);
  if (!limits) return sum;
  const { store, clock } = deps;
  sum.queued = store.receipts.enqueue(conn.id, store.receipts.unqueued(conn.id));
  // Page by page until nothing is due; a receipt is tried at most once per run (a retry waits for a later one).
  const seen = new Set<number>();
  for (;;) {
    const page = store.receipts.due(conn.id, clock.now().toISOString()).filter((r) => !seen.has(r.id));
    if (page.length === 0) break;
    for (const row of page) {
      if (deps.signal?.aborted) return sum;
      seen.add(row.id);
      const r = await attachOne(row, limits, conn, adapters, deps);
      sum[r]++;
    }
  }
  return sum;
}

type One = 'attached' | 'failed' | 'skipped' | 'retrying';

async function attachOne(row: ReceiptRow, limits: ReceiptSettings, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, deps: ReceiptRunDeps): Promise<One> {
  const { store, clock } = deps;
  const { target, source } = adapters;
  const posting = store.postings.get(row.posting_id);
  const plan = posting ? rowPlan(posting) : null;
  const audit = (outcome: string, message: string) =>
    store.audit.append({ connectionId: conn.id, actor: deps.actor, action: 'receipt', sourceId: posting?.source_id ?? null, erpId: posting?.erp_id ?? null, idempotencyKey: posting?.idempotency_key ?? null, outcome, message: `Receipt ${row.file_name}: ${message}`, correlationId: null });
  const skip = (note: string): One => {
    store.receipts.markSkipped(row.id, note);
    audit('skipped', note);
    return 'skipped';
  };
  const fail = (note: string): One => {
    store.receipts.markFailed(row.id, note);
    audit('failed', note);
    return 'failed';
  };
  const retry = (note: string, bump: boolean, retryAfterMs?: number): One => {
    const attempts = row.attempts + (bump ? 1 : 0);
    if (attempts >= conn.retry.maxAttempts) return fail(`${note} (gave up after ${attempts} attempts)`);
    const next = new Date(clock.now().getTime() + backoffDelay(conn.retry, attempts + 1, retryAfterMs)).toISOString();
    store.receipts.markRetry(row.id, `${note}; next try after ${next.slice(11, 19)} UTC`, next, bump);
    audit('retrying', note);
    return 'retrying';
  };

  if (!posting || !plan || !posting.erp_id) return skip('the document is not posted in the ERP');
  const erpId = posting.erp_id;
  const port = target.attachments;
  if (!port) return skip(target.attachmentsUnsupported ?? `${systemLabel(target.system)}: attachments are not supported through its documented APIs`);
  const ref = receiptRef(row);
  const base = safeFileName(ref.fileName);
  // An attempt whose answer was lost (or a crash after sending) may have landed: look it up before re-sending.
  const unsure = row.state === 'attaching' || row.attempts > 0;
  // markAttaching counts the attempt; a failure before it counts here instead.
  let counted = false;

  try {
    if (unsure) {
      const found = await port.findAttached(erpId, plan, base);
      if (found) {
        const note = `already on ${systemLabel(target.system)} ${erpId} as ${found}; not attached again`;
        store.receipts.markAttached(row.id, found, note);
        audit('attached', note);
        return 'attached';
      }
    }
    let link: { url: string; headers?: Record<string, string> } | null;
    if (ref.kind === 'url') link = { url: ref.locator };
    else if (source.receiptLink) link = await source.receiptLink(ref);
    else return skip(`${systemLabel(source.system)} gives no receipt link for this document`);
    if (!link) return skip(`${systemLabel(source.system)} has no receipt image for this document`);

    const got = await downloadReceipt(deps.fetch, link.url, { limits, headers: link.headers, signal: deps.signal });
    if (!got.ok) {
      if (got.retry) return retry(got.note, true);
      return got.outcome === 'skipped' ? skip(got.note) : fail(got.note);
    }
    const name = `${base}.${EXTENSION_OF[got.type]}`;
    store.receipts.markAttaching(row.id, got.bytes.byteLength, got.type);
    row.attempts++;
    counted = true;
    const done = await port.attach(erpId, plan, { name, bytes: got.bytes, type: got.type, mime: MIME_OF[got.type] });
    const note = `attached to ${systemLabel(target.system)} ${erpId} (${done.where})`;
    store.receipts.markAttached(row.id, done.erpFileRef, note);
    audit('attached', `${note}, ${got.bytes.byteLength} bytes ${got.type.toUpperCase()}`);
    return 'attached';
  } catch (e) {
    if (!isConnectorError(e)) {
      deps.logger.error('receipt attachment failed unexpectedly', { connectionId: conn.id, postingId: row.posting_id, error: e instanceof Error ? e.stack : String(e) });
      return retry(`unexpected error: ${e instanceof Error ? e.message : String(e)}`, !counted);
    }
    // A lost answer is retried after a look-up; a refusal by the ERP (too large, unknown type) is final.
    if (e.retryable || e.uncertain) return retry(`${e.message}; will look it up and try again`, !counted, e.retryAfterMs);
    return fail(e.message);
  }
}
