// postings.*, held.* and sync.run: the outbox as the user sees it, and the actions on it.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { wantsConfirmation } from '../engine/confirm';
import { replayPostings } from '../engine/replay';
import { ConnectorError } from '../errors';
import { heldWorkbook } from '../export/held-xlsx';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import type { PostingRow } from '../store/repos/postings';
import { rowDocument, toDetail, toSummary } from '../store/repos/postings';
import { receiptsOf } from './receipts-view';
import { replayInChunks } from './replay-progress';
import { redateHeld } from './redate';
import { ACTIVITY, startSync, withSlot } from './sync';

export function postingHandlers(rt: Runtime, actor: string) {
  const { store } = rt;
  const getRow = (id: number): PostingRow => {
    const r = store.postings.get(id);
    if (!r) throw new ConnectorError('NOT_FOUND', `No posting ${id}`, { retryable: false });
    return r;
  };
  return {
    'sync.run': (input: MethodInput<'sync.run'>) => startSync(rt, { connectionId: input.connectionId, dryRun: input.dryRun ?? false, trigger: 'manual', actor }),

    'postings.list': async (input: MethodInput<'postings.list'>) =>
      store.postings.list({ connectionId: input.connectionId, status: input.status, code: input.code, search: input.search, limit: input.limit ?? 1000 }).map(toSummary),

    'postings.get': async (input: MethodInput<'postings.get'>) => {
      const row = getRow(input.id);
      const receipts = receiptsOf(row, rowDocument(row), store.receipts.forPosting(row.id), store.connections.get(row.connection_id)?.receipts?.enabled === true);
      return receipts.length ? { ...toDetail(row), receipts } : toDetail(row);
    },

    'held.exportXlsx': async (input: MethodInput<'held.exportXlsx'>) => {
      const names = new Map(store.connections.list().map((c) => [c.id, c.name]));
      const rows = input.ids.map((id) => toSummary(getRow(id)));
      return { base64: (await heldWorkbook(rows, (id) => names.get(id) ?? id)).toString('base64') };
    },

    // The rows are read inside the writer lease: another process replaying them meanwhile must be seen first.
    'held.replay': (input: MethodInput<'held.replay'>): Promise<MethodOutput<'held.replay'>> => rt.writer.run(ACTIVITY.replay, async () => {
      let rows: PostingRow[];
      if (input.ids?.length) rows = input.ids.map(getRow);
      else if (input.all) {
        rows = [
          ...store.postings.list({ connectionId: input.connectionId, status: 'held', limit: 1_000_000 }),
          ...store.postings.list({ connectionId: input.connectionId, status: 'failed', limit: 1_000_000 }),
        ].reverse();
      } else throw new ConnectorError('BAD_REQUEST', 'Say which posts to replay: ids, or all: true', { retryable: false });
      const notReplayable = rows.find((r) => r.status !== 'held' && r.status !== 'failed');
      if (notReplayable && input.ids?.length) throw new ConnectorError('CONFLICT', `Posting ${notReplayable.id} is ${notReplayable.status}; only held or failed posts can be replayed`, { retryable: false });
      const out = [];
      for (const connectionId of [...new Set(rows.map((r) => r.connection_id))]) {
        const conn = requireConnection(rt, connectionId);
        const adapters = buildAdapters(rt, conn, actor);
        // Replays take the connection's slot so they never overlap a sync of the same connection.
        out.push(...(await withSlot(rt, conn.id, () => replayInChunks(rt, conn.id, rows.filter((r) => r.connection_id === connectionId), (chunk, first) => replayPostings(rt, conn, adapters, chunk, actor, wantsConfirmation(adapters.source), first)))));
      }
      rt.events.emit({ type: 'entities.changed', payload: { tags: ['postings', 'audit'] } });
      return out;
    }),

    'held.redate': (input: MethodInput<'held.redate'>) => rt.writer.run(ACTIVITY.redate, async () => {
      const row = getRow(input.id);
      const conn = requireConnection(rt, row.connection_id);
      return toSummary(redateHeld(rt, conn, row, input.date.trim(), actor));
    }),

    'held.dismiss': (input: MethodInput<'held.dismiss'>) => rt.writer.run(ACTIVITY.dismiss, async () => {
      const row = getRow(input.id);
      if (row.status !== 'held' && row.status !== 'failed') throw new ConnectorError('CONFLICT', `Posting ${row.id} is ${row.status}; only held or failed posts can be dismissed`, { retryable: false });
      const conn = requireConnection(rt, row.connection_id);
      const { source } = buildAdapters(rt, conn, actor);
      store.postings.markDismissed(row.id, input.reason, wantsConfirmation(source));
      store.audit.append({ connectionId: row.connection_id, actor, action: 'dismiss', sourceId: row.source_id, idempotencyKey: row.idempotency_key, outcome: 'dismissed', message: `Dismissed: ${input.reason}` });
      return toSummary(getRow(row.id));
    }),
  };
}
