// The time budget of one run: past it every call in flight ends, backoff sleeps wake, and the run stops as
// failed with a message saying so. Documents not yet sent stay pending; one whose send was cut off is
// "uncertain" and is looked up in the ERP before any re-send, so a budget never causes a duplicate.
import type { Connection } from '../../../shared/schemas/connection';
import { systemLabel } from '../../../shared/schemas/document';
import { ConnectorError } from '../errors';

/** One hour unless the connection sets `retry.runBudgetMs`. */
export const DEFAULT_RUN_BUDGET_MS = 60 * 60_000;

export function runBudgetMs(conn: Connection): number {
  return conn.retry.runBudgetMs ?? DEFAULT_RUN_BUDGET_MS;
}

export function budgetText(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

/** A signal that aborts after the budget with a retryable TIMEOUT ConnectorError; `dispose` clears its timer. */
export function runBudget(conn: Connection, ms: number = runBudgetMs(conn)): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const what = `${systemLabel(conn.source.system)} → ${systemLabel(conn.target.system)}`;
  const timer = setTimeout(() => {
    controller.abort(new ConnectorError('TIMEOUT', `The sync (${what}) stopped after its time budget of ${budgetText(ms)}: the rest waits for the next run (set retry.runBudgetMs to change it)`, { retryable: true }));
  }, ms);
  timer.unref?.();
  return { signal: controller.signal, dispose: () => clearTimeout(timer) };
}
