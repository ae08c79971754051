// One document pushed by the source (a Concur webhook event): fetched at once and posted through the same
// outbox as a poll, under the connection's single-flight slot, so a webhook and a later poll post it once.
import type { Connection } from '../../../shared/schemas/connection';
import type { SourceAdapter, TargetAdapter } from '../adapters/types';
import type { Clock, Logger } from '../ports';
import type { Store } from '../store/store';
import { confirmPending, wantsConfirmation } from './confirm';
import { deliver } from './deliver';
import { intakeBatch } from './intake';
import { settleRaces } from './races';
import { createMappingLookup } from './mapping-lookup';
import { refreshReference } from './reference-refresh';
import { createReferenceIndex } from './validate';
import { periodsOf } from './periods';

export interface PushedDocument {
  eventId: string;
  sourceId: string;
  meta: Record<string, string>;
}

export type IngestOutcome = 'duplicate' | 'not_ready' | 'skipped' | 'posted' | 'held' | 'failed';

export interface IngestDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export async function ingestOne(deps: IngestDeps, conn: Connection, adapters: { source: SourceAdapter; target: TargetAdapter }, ref: PushedDocument, actor: string): Promise<IngestOutcome> {
  const { store } = deps;
  const audit = (outcome: string, message: string) => store.audit.append({ connectionId: conn.id, actor, action: 'fetch', sourceId: ref.sourceId, outcome, message });
  if (!adapters.source.fetchOne) throw new Error(`${adapters.source.system} cannot fetch a single document`);
  const doc = await adapters.source.fetchOne(ref.sourceId, ref.meta);
  if (!doc) {
    audit('not_ready', `Event ${ref.eventId}: document ${ref.sourceId} is no longer ready at the source`);
    return 'not_ready';
  }
  if (store.reference.count(conn.id) === 0) await refreshReference(store, conn.id, adapters.target, actor);
  const env = {
    conn,
    store,
    lookup: createMappingLookup(store.mappings.list(conn.id)),
    ref: createReferenceIndex(store.reference.list(conn.id)),
    periods: periodsOf(store.reference.list(conn.id, 'period')),
    caps: adapters.target.capabilities,
    actor,
    confirmToSource: wantsConfirmation(adapters.source),
    tenant: adapters.source.tenant ?? null,
  };
  audit('received', `Event ${ref.eventId}: fetched document ${ref.sourceId}`);
  const out = intakeBatch([doc], env);
  if (adapters.source.acknowledge) await adapters.source.acknowledge([doc]).catch((e: unknown) => deps.logger.warn('acknowledgement failed', { error: String(e) }));
  let result: IngestOutcome = out.held ? 'held' : 'skipped';
  for (const row of out.deliver) {
    // deliver() looks the document up in the ERP before sending it: it may have been posted elsewhere.
    const r = await deliver(row, { store, target: adapters.target, clock: deps.clock, retry: conn.retry, actor, confirmToSource: wantsConfirmation(adapters.source) });
    if (r === 'posted') await settleRaces([row.id], { store, target: adapters.target, logger: deps.logger, actor });
    result = r === 'linked' ? 'posted' : r;
  }
  if (wantsConfirmation(adapters.source)) await confirmPending(store, conn.id, adapters.source, actor);
  return result;
}
