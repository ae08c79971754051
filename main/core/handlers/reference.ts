// reference.push: on demand, re-read the target's reference data, then push it to the source (Concur lists
// and vendors) in the connection's slot, so it never overlaps a sync of the same connection.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { pushReferenceToSource } from '../engine/reference-push';
import { refreshReference } from '../engine/reference-refresh';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import { ACTIVITY, withSlot } from './sync';

export function referenceHandlers(rt: Runtime, actor: string) {
  return {
    'reference.push': async (input: MethodInput<'reference.push'>): Promise<MethodOutput<'reference.push'>> => {
      const conn = requireConnection(rt, input.connectionId);
      try {
        return await withSlot(rt, conn.id, async () => {
          const adapters = buildAdapters(rt, conn, actor);
          await refreshReference(rt.store, conn.id, adapters.target, actor);
          return pushReferenceToSource({ store: rt.store, clock: rt.clock, logger: rt.logger }, conn, adapters, actor);
        }, ACTIVITY.reference);
      } finally {
        rt.events.emit({ type: 'entities.changed', payload: { tags: ['reference', 'audit'] } });
      }
    },
  };
}
