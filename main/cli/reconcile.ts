// `reconcile --period YYYY-MM [--connection ID] [--format table|json|csv|xlsx] [--out F]`: read-only, so no
// writer lease. A malformed or future period is a usage error (exit 2); a partial report exits 1 so a
// close script notices; differences alone do not fail the command, unexplained ones do.
import { writeFileSync } from 'node:fs';
import { PERIOD_PATTERN } from '../../shared/schemas/reconcile';
import type { Core } from '../core/create-core';
import { currentPeriod } from '../core/engine/reconcile/period';
import { reconciliationCsv, reconciliationText, reconciliationXlsx } from '../core/engine/reconcile/export';
import type { Flags } from './args';
import { oneOf, UsageError } from './args';
import { call } from './call';
import { table } from './output';

export async function runReconcile(core: Core, flags: Flags, out: (s: string) => void): Promise<number> {
  const period = flags.period;
  if (!period) throw new UsageError('reconcile needs --period YYYY-MM');
  if (!PERIOD_PATTERN.test(period)) throw new UsageError(`--period must be a month written YYYY-MM (for example 2026-11), not "${period}"`);
  const now = core.runtime.clock.now();
  if (period > currentPeriod(now)) throw new UsageError(`--period ${period} is in the future (this month is ${currentPeriod(now)}): there is nothing to reconcile yet`);
  const format = oneOf(flags.format, '--format', ['table', 'json', 'csv', 'xlsx'] as const, flags.json ? 'json' : 'table');
  if (format === 'xlsx' && !flags.out) throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx');
  const r = await call(core, 'reconcile.run', { period, connectionId: flags.connection });
  if (format === 'xlsx') writeFileSync(flags.out!, await reconciliationXlsx(r));
  else {
    const text = format === 'json' ? JSON.stringify(r, null, 2) : format === 'csv' ? reconciliationCsv(r) : reconciliationText(r, table);
    if (flags.out) writeFileSync(flags.out, text);
    else out(text.trimEnd());
  }
  if (flags.out) out(`Reconciliation ${r.period} written to ${flags.out}${r.partial ? ' (partial: some side could not be read completely)' : ''}.`);
  const unexplained = r.connections.reduce((n, c) => n + (c.counts.unexplained ?? 0), 0);
  return r.partial || unexplained > 0 ? 1 : 0;
}
