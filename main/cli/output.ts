// Terminal output: aligned tables, amounts with currency, and a progress bar when stderr is a terminal.
import type { MlcEvent } from '../../shared/contract/events';
import type { Money } from '../../shared/schemas/money';
import type { RunSummary } from '../../shared/schemas/run';
import { formatMinor } from '../core/money/parse';

export const money = (m: Money | null): string => (m ? `${formatMinor(m.amountMinor, m.currency)} ${m.currency}` : '—');

export function table(rows: string[][], rightAligned: number[] = []): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  return rows
    .map((r) => r.map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

export function summaryLine(s: RunSummary): string {
  const parts = [`fetched ${s.fetched}`, `posted ${s.posted}`, `held ${s.held}`, `failed ${s.failed}`, `skipped ${s.skipped}`];
  if (s.recovered) parts.push(`recovered ${s.recovered}`);
  if (s.dryRun) parts.push(`would post ${s.wouldPost}`);
  if (s.deferred) parts.push(`${s.deferred} waiting for the off-peak window`);
  const ref = s.referenceRefreshError ? `\n  ERP reference data not refreshed, checked against the copy kept from before: ${s.referenceRefreshError}` : '';
  return `${s.connectionId}: ${s.status} — ${parts.join(', ')}${s.error ? `\n  ${s.error}` : ''}${ref}`;
}

/** Renders run.progress events as a one-line bar on a TTY; silent otherwise. */
export function progressPrinter(stream: NodeJS.WriteStream): { onEvent(e: MlcEvent): void; done(): void } {
  const tty = stream.isTTY === true;
  let shown = false;
  return {
    onEvent(e) {
      if (!tty || e.type !== 'run.progress') return;
      const p = e.payload;
      const settled = p.posted + p.held + p.failed + p.skipped;
      const width = 24;
      const filled = p.fetched ? Math.min(width, Math.round((settled / p.fetched) * width)) : 0;
      stream.write(`\r${p.connectionId} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.phase} fetched ${p.fetched} posted ${p.posted} held ${p.held} failed ${p.failed}   `);
      shown = true;
    },
    done() {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
