// Export of the held rows shown (filters applied): CSV in the dialect Excel uses on this PC.
import type { PostingSummary } from '../../../shared/schemas/posting';
import { toExcelCsv } from '../../components/excel-dialect';
import { downloadText } from '../../components/download';
import { userLocale } from '../../components/format';
import { exportRow, HELD_EXPORT_HEADER } from './held-rows';

interface Props {
  rows: PostingSummary[];
  connectionName(id: string): string;
  scopeName: string | null;
}

export function HeldExport({ rows, connectionName, scopeName }: Props) {
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `held-${scopeName ? scopeName.replace(/[^\w-]+/g, '-').toLowerCase() : 'all'}-${stamp}`;
  const table = () => [HELD_EXPORT_HEADER, ...rows.map((r) => exportRow(r, connectionName(r.connectionId), userLocale()))];
  return (
    <button type="button" className="btn" disabled={rows.length === 0} onClick={() => downloadText(`${base}.csv`, toExcelCsv(table()))}>
      Export CSV
    </button>
  );
}
