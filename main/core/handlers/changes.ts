// changes.*: documents changed at the source after posting, and the accountant's explicit choice for each.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { acceptChange, adjustChange } from '../changes/adjust';
import { adjustModesFor, ledgerHolds } from '../changes/adjustment-plan';
import { defaultModeOf, toChangeDetail, toChangeSummary } from '../changes/view';
import { ConnectorError } from '../errors';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import type { ChangeRow } from '../store/repos/changes';
import { changeBeforePlan, changePlan } from '../store/repos/changes';
import { withSlot } from './sync';

const ACTIVITY_CHANGES = 'adjusting changes after posting in this data folder';

export function changeHandlers(rt: Runtime, actor: string) {
  const { store } = rt;
  const getRow = (id: number): ChangeRow => {
    const r = store.changes.get(id);
    if (!r) throw new ConnectorError('NOT_FOUND', `No change #${id}`, { retryable: false });
    return r;
  };
  const summary = (r: ChangeRow) => toChangeSummary(r, store.postings.get(r.posting_id), store.connections.get(r.connection_id));
  const changed = () => rt.events.emit({ type: 'entities.changed', payload: { tags: ['postings', 'audit'] } });
  return {
    'changes.list': async (input: MethodInput<'changes.list'>): Promise<MethodOutput<'changes.list'>> =>
      store.changes.list({ connectionId: input.connectionId, status: input.status, limit: input.limit ?? 1000 }).map(summary),

    'changes.get': async (input: MethodInput<'changes.get'>): Promise<MethodOutput<'changes.get'>> => {
      const r = getRow(input.id);
      return toChangeDetail(r, store.postings.get(r.posting_id), store.connections.get(r.connection_id));
    },

    'changes.counts': async (): Promise<MethodOutput<'changes.counts'>> =>
      store.changes.openTotals().map((t) => ({ connectionId: t.connection_id, currency: t.currency, count: t.count, beforeMinor: t.before_minor, afterMinor: t.after_minor })),

    // Takes the writer lease and the connection's slot, like a replay: never alongside a sync of the same connection.
    'changes.adjust': (input: MethodInput<'changes.adjust'>): Promise<MethodOutput<'changes.adjust'>> => {
      const first = getRow(input.id);
      const conn = requireConnection(rt, first.connection_id);
      return withSlot(rt, conn.id, async () => {
        const row = getRow(input.id);
        const { source, target } = buildAdapters(rt, conn, actor);
        const { modes } = adjustModesFor(changeBeforePlan(row), changePlan(row), ledgerHolds(row), target.capabilities.supplierCredit?.document ?? null);
        const fallback = defaultModeOf(conn, modes) ?? 'reverse';
        try {
          const done = await adjustChange(row.id, input.mode, fallback, { store, target, actor, tenant: source.tenant ?? null, maxDescriptionLength: Math.min(conn.rules.maxDescriptionLength, target.capabilities.maxDescriptionLength) });
          return summary(done);
        } finally {
          changed();
        }
      }, ACTIVITY_CHANGES);
    },

    'changes.accept': (input: MethodInput<'changes.accept'>): Promise<MethodOutput<'changes.accept'>> =>
      rt.writer.run(ACTIVITY_CHANGES, async () => {
        const done = acceptChange(store, input.id, actor, input.reason);
        changed();
        return summary(done);
      }),
  };
}
