// Mapping CSV import/export (Excel-friendly): kind, source_code, source_name, target, then one column per dimension type.
import { parse } from 'csv-parse/sync';
import type { Mapping, MappingRow } from '../../../shared/schemas/mapping';
import { mappingKindSchema } from '../../../shared/schemas/mapping';
import { ConnectorError } from '../errors';
import { detectDelimiter, restoreCell, safeCsv } from './csv-safe';

const FIXED = ['kind', 'source_code', 'source_name', 'target'] as const;

/** Header and rows of a mapping export (the CSV and the .xlsx share them). */
export function mappingTable(rows: readonly MappingRow[], dimensionTypes: readonly string[]): string[][] {
  const dims = [...new Set([...dimensionTypes, ...rows.flatMap((r) => Object.keys(r.dimensions))])];
  return [[...FIXED, ...dims], ...rows.map((r) => [r.kind, r.sourceCode, r.sourceName, r.target, ...dims.map((d) => r.dimensions[d] ?? '')])];
}

export function mappingsToCsv(rows: readonly MappingRow[], dimensionTypes: readonly string[]): string {
  return safeCsv(mappingTable(rows, dimensionTypes));
}

/** Parses and checks every row; any bad row rejects the whole file with its line number. */
export function csvToMappings(csv: string): Mapping[] {
  let records: string[][];
  try {
    const delimiter = detectDelimiter(csv);
    records = (parse(csv, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][]).map((r) => r.map(restoreCell));
  } catch (e) {
    throw new ConnectorError('BAD_REQUEST', `Mapping CSV cannot be read: ${e instanceof Error ? e.message : String(e)}`, { retryable: false });
  }
  const [header, ...body] = records;
  if (!header) throw new ConnectorError('BAD_REQUEST', 'Mapping CSV is empty', { retryable: false });
  const cols = header.map((h) => h.trim());
  const missing = FIXED.filter((f) => !cols.includes(f));
  if (missing.length) throw new ConnectorError('BAD_REQUEST', `Mapping CSV lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (expected: ${FIXED.join(', ')}, then dimension columns)`, { retryable: false });
  const dimCols = cols.filter((c) => !(FIXED as readonly string[]).includes(c));
  const at = (rec: string[], name: string) => rec[cols.indexOf(name)] ?? '';
  const seen = new Set<string>();
  return body.map((rec, i) => {
    const line = i + 2;
    const kind = mappingKindSchema.safeParse(at(rec, 'kind'));
    if (!kind.success) throw new ConnectorError('BAD_REQUEST', `Line ${line}: kind must be expense_type, employee or tax_code, not "${at(rec, 'kind')}"`, { retryable: false });
    const sourceCode = at(rec, 'source_code');
    if (!sourceCode) throw new ConnectorError('BAD_REQUEST', `Line ${line}: source_code is empty`, { retryable: false });
    const k = `${kind.data}|${sourceCode}`;
    if (seen.has(k)) throw new ConnectorError('BAD_REQUEST', `Line ${line}: ${kind.data} "${sourceCode}" appears twice`, { retryable: false });
    seen.add(k);
    const dimensions: Record<string, string> = {};
    for (const d of dimCols) if (at(rec, d)) dimensions[d] = at(rec, d);
    return { kind: kind.data, sourceCode, sourceName: at(rec, 'source_name'), target: at(rec, 'target'), dimensions };
  });
}
