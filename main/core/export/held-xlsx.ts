// The held list as an .xlsx workbook: one row per held or failing document, the amount a number in its
// currency's format (so Excel sums it), filed with the close next to the CSV in the PC's Excel dialect.
import type { PostingSummary } from '../../../shared/schemas/posting';
import type { XlsxCell } from './xlsx';
import { workbookBuffer } from './xlsx';

export const HELD_XLSX_COLUMNS = [
  { header: 'Connection', width: 34 },
  { header: 'Source document', width: 22 },
  { header: 'Title', width: 30 },
  { header: 'Employee / vendor', width: 22 },
  { header: 'Amount', width: 16 },
  { header: 'Currency', width: 9 },
  { header: 'Reason codes', width: 24 },
  { header: 'What is wrong', width: 60 },
  { header: 'Received', width: 12 },
  { header: 'Status', width: 10 },
] as const;

export function heldRow(p: PostingSummary, connectionName: string): XlsxCell[] {
  const why = [...new Set([...p.reasons.map((r) => r.message), p.lastError?.message ?? ''].filter(Boolean))].join(' | ');
  return [
    { text: connectionName },
    { text: p.sourceId },
    { text: p.title },
    p.party ? { text: p.party } : null,
    p.total ? { money: p.total.amountMinor, currency: p.total.currency } : null,
    p.total ? { text: p.total.currency } : null,
    { text: [...new Set(p.reasons.map((r) => r.code))].join(', ') },
    { text: why },
    { date: p.createdAt.slice(0, 10) },
    { text: p.status },
  ];
}

export async function heldWorkbook(rows: readonly PostingSummary[], connectionName: (id: string) => string): Promise<Buffer> {
  return workbookBuffer([{ name: 'Held', columns: HELD_XLSX_COLUMNS, rows: rows.map((p) => heldRow(p, connectionName(p.connectionId))) }]);
}
