// Mapping CSV or .xlsx import with a preview and an undo: a CSV is read in whatever dialect Excel wrote it (an .xlsx
// goes to the core as bytes, which reads it into the same rows and checks), the
// core counts what would change without writing, the user confirms, and the whole import can be undone
// (the mappings as they were just before are written back; rows the file added are removed).
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { MappingRow } from '../../../shared/schemas/mapping';
import { invalidateTags } from '../../api/hooks';
import { call } from '../../api/mlc';
import { fileBase64 } from '../../components/download';
import { decodeCsvBytes } from '../../components/excel-dialect';

/** What was chosen: CSV text, or an .xlsx workbook as base64; both go through the same preview, import and undo. */
type Chosen = { csv: string } | { xlsx: string };
const isXlsx = (file: File) => /\.xlsx$/i.test(file.name);
const importFile = (connectionId: string, f: Chosen, preview?: boolean) =>
  'csv' in f ? call('mappings.importCsv', { connectionId, csv: f.csv, preview }) : call('mappings.importXlsx', { connectionId, base64: f.xlsx, preview });

interface Props {
  connectionId: string;
  onStatus(text: string): void;
  onError(e: unknown): void;
  onImported(): void;
}

export function CsvImport({ connectionId, onStatus, onError, onImported }: Props) {
  const client = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ name: string; file: Chosen; rows: number; changed: number } | null>(null);
  const [undo, setUndo] = useState<{ name: string; before: MappingRow[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    onError(null);
    try {
      await fn();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
      await invalidateTags(client, ['mappings', 'audit']);
    }
  };
  const choose = (file: File) =>
    run(async () => {
      const chosen: Chosen = isXlsx(file) ? { xlsx: await fileBase64(file) } : { csv: decodeCsvBytes(await file.arrayBuffer()) };
      const r = await importFile(connectionId, chosen, true);
      setPending({ name: file.name, file: chosen, rows: r.rows, changed: r.changed });
    });
  const confirm = () =>
    run(async () => {
      if (!pending) return;
      const before = await call('mappings.list', { connectionId });
      const r = await importFile(connectionId, pending.file);
      setPending(null);
      setUndo({ name: pending.name, before });
      onImported();
      onStatus(`Imported ${r.rows.toLocaleString()} rows from ${pending.name}: ${r.changed.toLocaleString()} changed`);
    });
  const undoImport = () =>
    run(async () => {
      if (!undo) return;
      const now = await call('mappings.list', { connectionId });
      const had = new Set(undo.before.map((m) => `${m.kind}|${m.sourceCode}`));
      const added = now.filter((x) => !had.has(`${x.kind}|${x.sourceCode}`)).map(({ kind, sourceCode }) => ({ kind, sourceCode }));
      if (added.length) await call('mappings.deleteMany', { connectionId, rows: added });
      const rows = undo.before.map(({ kind, sourceCode, sourceName, target, dimensions }) => ({ kind, sourceCode, sourceName, target, dimensions }));
      for (let i = 0; i < rows.length; i += 50_000) await call('mappings.upsert', { connectionId, rows: rows.slice(i, i + 50_000) });
      setUndo(null);
      onStatus(`Undone: import of ${undo.name}`);
    });
  return (
    <>
      <button type="button" className="btn" disabled={busy} title="Import mappings from a CSV or xlsx file (previewed first, can be undone)" onClick={() => fileInput.current?.click()}>
        Import…
      </button>
      <input ref={fileInput} type="file" accept=".csv,text/csv,.xlsx" hidden aria-label="Mapping file to import (CSV or xlsx)" onChange={(e) => (e.target.files?.[0] && void choose(e.target.files[0]), (e.target.value = ''))} />
      {undo && !pending ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void undoImport()}>
          Undo import
        </button>
      ) : null}
      {pending ? (
        <div className="banner banner-info import-preview" role="dialog" aria-label="Import preview">
          <span>
            {pending.name}: {pending.rows.toLocaleString()} rows, {pending.changed.toLocaleString()} would change{pending.changed === 0 ? ' (nothing new)' : ''}.
          </span>
          <button type="button" className="btn btn-primary btn-small" disabled={busy || pending.changed === 0} onClick={() => void confirm()}>
            Import
          </button>
          <button type="button" className="btn btn-small" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      ) : null}
    </>
  );
}
