// A reconciliation as a file to file with the close: CSV (formula-safe, one row per difference and one per
// total), and an xlsx workbook with a summary sheet and one differences sheet per connection.
import type { ConnectionReconciliation, MoneySum, Reconciliation } from '../../../../shared/schemas/reconcile';
import { RECONCILE_CATEGORIES } from '../../../../shared/schemas/reconcile';
import { workbookBuffer, type XlsxCell, type XlsxSheet } from '../../export/xlsx';
import { formatMinor } from '../../money/parse';
import { safeCsv } from '../csv-safe';

const currenciesOf = (c: ConnectionReconciliation): string[] => [...new Set([...c.totals.source, ...c.totals.posted, ...c.totals.erp].map((m) => m.currency))].sort();
const amountIn = (list: readonly MoneySum[], currency: string): number => list.find((m) => m.currency === currency)?.amountMinor ?? 0;
const decimal = (minor: number, currency: string) => formatMinor(minor, currency);

/** One line per connection and currency: the three totals side by side (a currency the ERP lacks shows 0 there). */
export function totalLines(r: Reconciliation) {
  return r.connections.flatMap((c) => currenciesOf(c).map((currency) => ({ c, currency, source: amountIn(c.totals.source, currency), posted: amountIn(c.totals.posted, currency), erp: amountIn(c.totals.erp, currency) })));
}

export function reconciliationCsv(r: Reconciliation): string {
  const rows: Array<Array<string | number>> = [['period', 'connection', 'record', 'category', 'currency', 'source', 'posted', 'erp', 'source_id', 'reference', 'erp_ids', 'detail', 'action']];
  for (const t of totalLines(r)) rows.push([r.period, t.c.connectionId, 'total', '', t.currency, decimal(t.source, t.currency), decimal(t.posted, t.currency), t.c.erpBasis === 'read' ? decimal(t.erp, t.currency) : '', '', '', '', t.c.partial ? `partial: ${t.c.partialReasons.join(' | ')}` : '', '']);
  for (const c of r.connections) {
    for (const cat of RECONCILE_CATEGORIES) rows.push([r.period, c.connectionId, 'count', cat, '', '', '', '', '', '', '', String(c.counts[cat] ?? 0), '']);
    for (const d of c.differences) {
      const cur = d.posted?.currency ?? d.source?.currency ?? d.erp[0]?.currency ?? '';
      const fmt = (m: MoneySum | null | undefined) => (m ? decimal(m.amountMinor, m.currency) : '');
      rows.push([r.period, c.connectionId, 'difference', d.category, cur, fmt(d.source), fmt(d.posted), d.erp.map((m) => fmt(m)).join(' + '), d.sourceId ?? '', d.idempotencyKey ?? '', d.erpIds.join(' '), d.detail, d.action]);
    }
  }
  return safeCsv(rows);
}

const money = (m: MoneySum | null | undefined): XlsxCell => (m ? { money: m.amountMinor, currency: m.currency } : null);
const text = (s: string | null | undefined): XlsxCell => (s ? { text: s } : null);

export async function reconciliationXlsx(r: Reconciliation): Promise<Buffer> {
  const summary: XlsxSheet = {
    name: `Summary ${r.period}`,
    columns: [
      { header: 'Connection', width: 26 }, { header: 'Currency', width: 9 }, { header: 'Source', width: 16 }, { header: 'Posted', width: 16 }, { header: 'ERP', width: 16 },
      ...RECONCILE_CATEGORIES.map((c) => ({ header: c, width: 12 })), { header: 'Partial', width: 60 },
    ],
    rows: totalLines(r).map((t) => [
      { text: t.c.connectionId }, { text: t.currency }, { money: t.source, currency: t.currency }, { money: t.posted, currency: t.currency },
      t.c.erpBasis === 'read' ? { money: t.erp, currency: t.currency } : { text: t.c.erpBasis === 'presence_only' ? 'not read back' : 'not read' },
      ...RECONCILE_CATEGORIES.map((cat): XlsxCell => ({ number: t.c.counts[cat] ?? 0 })), text(t.c.partialReasons.join(' | ')),
    ]),
  };
  const sheets = r.connections.map((c): XlsxSheet => ({
    name: c.connectionId,
    columns: [
      { header: 'Category', width: 22 }, { header: 'Date', width: 11 }, { header: 'Source id', width: 16 }, { header: 'Title', width: 30 }, { header: 'Reference', width: 22 },
      { header: 'Source', width: 15 }, { header: 'Posted', width: 15 }, { header: 'ERP', width: 15 }, { header: 'ERP document', width: 16 }, { header: 'Detail', width: 50 }, { header: 'Action', width: 50 },
    ],
    rows: c.differences.map((d) => [
      { text: d.category }, d.date ? { date: d.date } : null, text(d.sourceId), text(d.title), text(d.idempotencyKey), money(d.source), money(d.posted), money(d.erp[0]),
      text(d.erpIds.join(' ')), text(d.detail), text(d.action),
    ]),
  }));
  return workbookBuffer([summary, ...sheets]);
}

/** The CLI's table: totals per connection and currency, then the counts, then each difference. */
export function reconciliationText(r: Reconciliation, table: (rows: string[][], right?: number[]) => string): string {
  const out: string[] = [`Reconciliation ${r.period} (${r.from} – ${r.to})${r.partial ? ' — PARTIAL, see the notes below' : ''}`];
  out.push(table([['CONNECTION', 'CURRENCY', 'SOURCE', 'POSTED', 'ERP', 'UNEXPLAINED'], ...totalLines(r).map((t) => [t.c.connectionId, t.currency, decimal(t.source, t.currency), decimal(t.posted, t.currency), t.c.erpBasis === 'read' ? decimal(t.erp, t.currency) : 'not read back', String(t.c.counts.unexplained ?? 0)])], [2, 3, 4, 5]));
  for (const c of r.connections) {
    const counts = RECONCILE_CATEGORIES.filter((k) => (c.counts[k] ?? 0) > 0).map((k) => `${k} ${c.counts[k]}`);
    out.push('', `${c.connectionId}: ${c.documents.matched} matched${counts.length ? `, ${counts.join(', ')}` : ', no differences'}`);
    for (const why of c.partialReasons) out.push(`  partial: ${why}`);
    for (const d of c.differences) out.push(`  ${d.category.padEnd(22)} ${(d.sourceId ?? d.erpIds.join(' ')).padEnd(16)} ${d.detail} → ${d.action}`);
  }
  return out.join('\n');
}
