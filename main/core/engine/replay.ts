// Replay of held/failed posts: re-planned from today's mappings and reference data, then delivered
// through the same findExisting gate as any other post.
import type { Connection } from '../../../shared/schemas/connection';
import type { PostingSummary } from '../../../shared/schemas/posting';
import type { SourceAdapter, TargetAdapter } from '../adapters/types';
import { isConnectorError } from '../errors';
import type { Store } from '../store/store';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument, toSummary } from '../store/repos/postings';
import type { Clock, Logger } from '../ports';
import { deliver } from './deliver';
import { contentHash } from './keys';
import { aliasPosting, planAndValidate, totalOf } from './intake';
import { createMappingLookup } from './mapping-lookup';
import { Pool } from './pool';
import { settleRaces } from './races';
import { refreshReference } from './reference-refresh';
import { createReferenceIndex } from './validate';
import { periodsOf } from './periods';

export interface ReplayDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

/** `refresh`: re-read the ERP's reference data first; a replay taken in chunks does it for its first chunk only. */
export async function replayPostings(deps: ReplayDeps, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, rows: PostingRow[], actor: string, confirmToSource: boolean, refresh = true): Promise<PostingSummary[]> {
  const { store } = deps;
  const { target } = adapters;
  try {
    if (refresh) await refreshReference(store, conn.id, target, actor);
  } catch (e) {
    if (store.reference.count(conn.id) === 0 || !isConnectorError(e)) throw e;
    deps.logger.warn('reference refresh failed before replay, using cached data', { error: e.message });
  }
  const env = {
    conn,
    store,
    lookup: createMappingLookup(store.mappings.list(conn.id)),
    ref: createReferenceIndex(store.reference.list(conn.id)),
    periods: periodsOf(store.reference.list(conn.id, 'period')),
    caps: target.capabilities,
    actor,
    tenant: adapters.source.tenant ?? null,
  };
  const pool = new Pool(conn.concurrency);
  const ids: number[] = [];
  const posted: number[] = [];
  for (const stale of rows) {
    // Re-read: a sync that held the slot before us may have settled it meanwhile.
    const row = store.postings.get(stale.id);
    if (!row || (row.status !== 'held' && row.status !== 'failed')) continue;
    ids.push(row.id);
    const doc = rowDocument(row);
    // The same document read on another path of the source: posted there means recorded here, never re-sent.
    const twin = aliasPosting(doc, env);
    if (twin && twin.status === 'posted' && twin.erp_id) {
      store.postings.markPosted(row.id, twin.erp_id, confirmToSource);
      store.audit.append({ connectionId: conn.id, actor, action: 'replay', sourceId: row.source_id, erpId: twin.erp_id, idempotencyKey: row.idempotency_key, outcome: 'already_posted', message: `Already posted as ${twin.source_id} (${twin.erp_id}); recorded, not posted again` });
      continue;
    }
    if (twin && twin.status !== 'dismissed') {
      store.audit.append({ connectionId: conn.id, actor, action: 'replay', sourceId: row.source_id, idempotencyKey: row.idempotency_key, outcome: 'still_held', message: `Replayed, still held: ${twin.source_id} is ${twin.status}; settle it first` });
      continue;
    }
    // The row keeps the key it may already have been sent under; deliver() looks every form up first.
    const { plan, reasons } = planAndValidate(doc, env, row.idempotency_key);
    store.postings.replan(row.id, { doc, contentHash: contentHash(doc), status: reasons.length ? 'held' : 'pending', plan, reasons, total: totalOf(doc) });
    store.audit.append({
      connectionId: conn.id,
      actor,
      action: 'replay',
      sourceId: row.source_id,
      idempotencyKey: row.idempotency_key,
      outcome: reasons.length ? 'still_held' : 'planned',
      message: reasons.length ? `Replayed, still held: ${reasons.map((r) => r.message).join('; ')}` : 'Replayed with current mappings: sending',
    });
    if (reasons.length) continue;
    const fresh = store.postings.get(row.id)!;
    await pool.add(async () => {
      if ((await deliver(fresh, { store, target, clock: deps.clock, retry: conn.retry, actor, confirmToSource })) === 'posted') posted.push(fresh.id);
    });
  }
  await pool.drain();
  // Another install replaying the same document at the same moment: the oldest ERP document wins (races.ts).
  await settleRaces(posted, { store, target, logger: deps.logger, actor });
  return ids.map((id) => toSummary(store.postings.get(id)!));
}
