// Mappings as an .xlsx workbook and back: the same columns as the mapping CSV (kind, source_code, source_name,
// target, then one per dimension type), so an .xlsx import goes through the CSV importer's checks, preview and undo.
import readXlsxFile from 'read-excel-file/node';
import type { MappingRow } from '../../../shared/schemas/mapping';
import { mappingTable } from '../engine/mapping-csv';
import { safeCsv } from '../engine/csv-safe';
import { ConnectorError } from '../errors';
import { workbookBuffer } from './xlsx';

export async function mappingsWorkbook(rows: readonly MappingRow[], dimensionTypes: readonly string[]): Promise<Buffer> {
  const [header, ...body] = mappingTable(rows, dimensionTypes);
  return workbookBuffer([
    {
      name: 'Mappings',
      columns: header!.map((h) => ({ header: h, width: h === 'source_name' ? 32 : h === 'kind' ? 14 : 16 })),
      rows: body.map((r) => r.map((c) => (c ? { text: c } : null))),
    },
  ]);
}

/** A cell as the CSV importer reads it: Excel may have turned a numeric code into a number; it goes back to its digits. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The first sheet of an .xlsx file as the comma CSV the mapping importer reads (a bad file is a clear error). */
export async function mappingXlsxToCsv(bytes: Buffer): Promise<string> {
  let sheets: Array<{ sheet: string; data: unknown[][] }>;
  try {
    sheets = (await readXlsxFile(bytes)) as Array<{ sheet: string; data: unknown[][] }>;
  } catch (e) {
    throw new ConnectorError('BAD_REQUEST', `The mapping workbook cannot be read (is it an .xlsx file?): ${e instanceof Error ? e.message : String(e)}`, { retryable: false });
  }
  const first = sheets[0];
  if (!first || first.data.length === 0) throw new ConnectorError('BAD_REQUEST', 'The mapping workbook is empty', { retryable: false });
  const width = Math.max(...first.data.map((r) => r.length));
  const rows = first.data.map((r) => Array.from({ length: width }, (_, i) => cellText(r[i])));
  // Rows Excel keeps after the last filled one are not lines of the file.
  return safeCsv(rows.filter((r) => r.some((c) => c.trim() !== '')));
}
