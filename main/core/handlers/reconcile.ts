// reconcile.run and dashboard.amounts: read-only views of a month. No writer lease is taken and nothing is
// written (not even an audit row): a reconciliation may run while another process syncs.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import type { PeriodAmounts } from '../../../shared/schemas/reconcile';
import { sumByCurrency } from '../engine/reconcile/classify';
import { readOutboxPeriod } from '../engine/reconcile/outbox-read';
import { currentPeriod, parsePeriod } from '../engine/reconcile/period';
import { reconcileConnection } from '../engine/reconcile/run';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';

export function reconcileHandlers(rt: Runtime, actor: string) {
  const today = () => rt.clock.now();
  return {
    'reconcile.run': async (input: MethodInput<'reconcile.run'>): Promise<MethodOutput<'reconcile.run'>> => {
      const p = parsePeriod(input.period, today());
      const conns = input.connectionId ? [requireConnection(rt, input.connectionId)] : rt.store.connections.list();
      const out = [];
      for (const conn of conns) out.push(await reconcileConnection(rt.store, conn, buildAdapters(rt, conn, actor), p));
      return { period: p.period, from: p.from, to: p.to, generatedAt: today().toISOString(), partial: out.some((c) => c.partial), connections: out };
    },
    'dashboard.amounts': async (input: MethodInput<'dashboard.amounts'>): Promise<PeriodAmounts> => {
      const p = parsePeriod(input.period ?? currentPeriod(today()), today());
      return {
        period: p.period,
        connections: rt.store.connections.list().map((c) => {
          const docs = readOutboxPeriod(rt.store, c.id, p, false).docs;
          const of = (st: string) => docs.filter((d) => d.status === st);
          return { connectionId: c.id, posted: sumByCurrency(of('posted').map((d) => d.planned ?? d.total)), held: sumByCurrency(of('held').map((d) => d.total)), failed: sumByCurrency(of('failed').map((d) => d.total)), postedCount: of('posted').length, heldCount: of('held').length };
        }),
      };
    },
  };
}
