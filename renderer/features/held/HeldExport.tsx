// Export of the held rows shown (filters applied): CSV in the dialect Excel uses on this PC, or .xlsx built by the
// core (amounts as numbers in their currency's format).
import type { PostingSummary } from '../../../shared/schemas/posting';
import { toExcelCsv } from '../../components/excel-dialect';
import { useState } from 'react';
import { call } from '../../api/mlc';
import { downloadText, downloadXlsx } from '../../components/download';
import { userLocale } from '../../components/format';
import { exportRow, HELD_EXPORT_HEADER } from './held-rows';

interface Props {
  rows: PostingSummary[];
  connectionName(id: string): string;
  scopeName: string | null;
}

export function HeldExport({ rows, connectionName, scopeName }: Props) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `held-${scopeName ? scopeName.replace(/[^\w-]+/g, '-').toLowerCase() : 'all'}-${stamp}`;
  const table = () => [HELD_EXPORT_HEADER, ...rows.map((r) => exportRow(r, connectionName(r.connectionId), userLocale()))];
  const xlsx = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const { base64 } = await call('held.exportXlsx', { ids: rows.map((r) => r.id) });
      downloadXlsx(`${base}.xlsx`, base64);
    } catch (e) {
      setFailed(`Export xlsx failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <span className="btn-pair" role="group" aria-label="Export">
        <button type="button" className="btn" disabled={rows.length === 0} onClick={() => downloadText(`${base}.csv`, toExcelCsv(table()))}>
          Export CSV
        </button>
        <button type="button" className="btn" aria-label="Export xlsx" title="Export as an Excel workbook (.xlsx)" disabled={rows.length === 0 || busy} onClick={() => void xlsx()}>
          xlsx
        </button>
      </span>
      {failed ? <span role="alert" className="bad-text small">{failed}</span> : null}
    </>
  );
}
