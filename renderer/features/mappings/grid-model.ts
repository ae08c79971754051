// Pure model of the mappings grid: columns, ordering (unmapped pinned on top), filtering, and turning
// a typed value or a pasted block of Excel cells (tab-separated) into row changes that can be undone.
import type { ConnectionInput } from '../../../shared/schemas/connection';
import type { Mapping, MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import { TAX_ACCOUNT_FIELD, TAX_RECOVERABLE_FIELD } from '../../../shared/schemas/mapping';
import type { ReferenceItem, ReferenceKind } from '../../../shared/schemas/reference';
import { x3DimensionTypes } from '../../../shared/schemas/systems/sage-x3';

export type GridRow = Pick<MappingRow, 'kind' | 'sourceCode' | 'sourceName' | 'target' | 'dimensions' | 'unmapped'>;

export interface Column {
  key: string;
  label: string;
  editable: boolean;
  width: string;
  ref?: { kind: ReferenceKind; dimensionType: string };
  numeric?: boolean;
}

export interface Change {
  before: GridRow | null;
  after: GridRow;
}

const DIM_LABEL: Record<string, string> = { costCenter: 'Cost center', department: 'Department', project: 'Project' };

/**
 * One grid column per dimension type: a Sage X3 connection's own structure (in ledger order) first, then
 * any other required dimension; other targets show their required dimensions.
 */
export function gridDimensions(conn: Pick<ConnectionInput, 'rules' | 'target'>): string[] {
  const own = conn.target.system === 'sage-x3' ? x3DimensionTypes(conn.target).map((d) => d.name) : [];
  const all = [...new Set([...own, ...conn.rules.requiredDimensions])];
  return all.length ? all : ['costCenter'];
}

export function columnsFor(kind: MappingKind, dimensions: string[]): Column[] {
  // Source tax code (or a rate row "20%") -> ERP tax code, the recoverable-VAT account, and whether it is reclaimed at all.
  if (kind === 'tax_code')
    return [
      { key: 'sourceCode', label: 'Source tax code or rate', editable: false, width: 'minmax(160px, 1.2fr)' },
      { key: 'sourceName', label: 'Name', editable: true, width: 'minmax(160px, 1.5fr)' },
      { key: 'target', label: 'ERP tax code', editable: true, width: 'minmax(160px, 1.5fr)', ref: { kind: 'tax_code', dimensionType: '' } },
      { key: `dim:${TAX_ACCOUNT_FIELD}`, label: 'Recoverable VAT account', editable: true, width: 'minmax(200px, 2fr)', ref: { kind: 'account', dimensionType: '' } },
      { key: `dim:${TAX_RECOVERABLE_FIELD}`, label: 'Reclaimed', editable: true, width: 'minmax(110px, 0.8fr)' },
    ];
  if (kind === 'employee')
    return [
      { key: 'sourceCode', label: 'Employee (Concur login)', editable: false, width: 'minmax(220px, 2fr)' },
      { key: 'sourceName', label: 'Name', editable: true, width: 'minmax(160px, 1.5fr)' },
      { key: 'target', label: 'ERP supplier', editable: true, width: 'minmax(220px, 2fr)', ref: { kind: 'supplier', dimensionType: '' } },
    ];
  return [
    { key: 'sourceCode', label: 'Expense type', editable: false, width: 'minmax(110px, 1fr)' },
    { key: 'sourceName', label: 'Name', editable: true, width: 'minmax(160px, 2fr)' },
    { key: 'target', label: 'GL account', editable: true, width: 'minmax(200px, 2fr)', ref: { kind: 'account', dimensionType: '' } },
    ...dimensions.map((d) => ({ key: `dim:${d}`, label: DIM_LABEL[d] ?? d, editable: true, width: 'minmax(200px, 2fr)', ref: { kind: 'dimension' as const, dimensionType: d } })),
  ];
}

export function cellValue(row: GridRow, col: Column): string {
  if (col.key.startsWith('dim:')) return row.dimensions[col.key.slice(4)] ?? '';
  return String(row[col.key as 'sourceCode' | 'sourceName' | 'target'] ?? '');
}

export function withCell(row: GridRow, col: Column, value: string): GridRow {
  const v = value.trim();
  if (col.key.startsWith('dim:')) {
    const dims = { ...row.dimensions };
    if (v) dims[col.key.slice(4)] = v;
    else delete dims[col.key.slice(4)];
    return { ...row, dimensions: dims };
  }
  return { ...row, [col.key]: v, unmapped: col.key === 'target' ? v === '' : row.unmapped };
}

export const isUnmapped = (r: GridRow): boolean => r.unmapped || r.target === '';

/** Unmapped rows first (by the set captured when the screen opened, so rows do not jump while you type), then by code. */
export interface SortBy {
  key: string;
  dir: 1 | -1;
}

/** The text of a row under a column key (sourceCode, sourceName, target, dim:<type>). */
export const valueOf = (r: GridRow, key: string): string => (key.startsWith('dim:') ? (r.dimensions[key.slice(4)] ?? '') : String((r as unknown as Record<string, unknown>)[key] ?? ''));

/** Unmapped rows first, then by code; a column the user sorts by (header click) overrides both, like Excel. */
export function orderRows(rows: GridRow[], pinned: ReadonlySet<string>, filter: string, onlyProblems: boolean, problem: (r: GridRow) => boolean, sort: SortBy | null = null): GridRow[] {
  const f = filter.trim().toLowerCase();
  const match = (r: GridRow) =>
    !f || r.sourceCode.toLowerCase().includes(f) || r.sourceName.toLowerCase().includes(f) || r.target.toLowerCase().includes(f) || Object.values(r.dimensions).some((v) => v.toLowerCase().includes(f));
  const out = rows.filter((r) => match(r) && (!onlyProblems || problem(r)));
  if (sort) return out.sort((a, b) => sort.dir * valueOf(a, sort.key).localeCompare(valueOf(b, sort.key), undefined, { numeric: true }) || a.sourceCode.localeCompare(b.sourceCode));
  return out.sort((a, b) => Number(pinned.has(b.sourceCode)) - Number(pinned.has(a.sourceCode)) || a.sourceCode.localeCompare(b.sourceCode));
}

/** Excel copies cells as tab-separated lines, quoting cells that hold tabs, quotes or line breaks. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length) endRow();
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/**
 * The inverse of parseTsv, as Excel writes the clipboard: tab between cells, CRLF after every row, and a
 * cell holding a tab, line break or quote wrapped in quotes with its quotes doubled.
 */
export function toTsv(block: string[][]): string {
  const cell = (v: string) => (/[\t\r\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return block.map((row) => row.map(cell).join('\t') + '\r\n').join('');
}

/**
 * Applies a pasted block at (rowIndex, colIndex) of the visible rows. Pasting into the first column
 * matches (or creates) rows by source code, so a whole block copied from Excel can be dropped in.
 */
export function applyPaste(block: string[][], view: GridRow[], all: GridRow[], cols: Column[], rowIndex: number, colIndex: number, kind: MappingKind): { changes: Change[]; skipped: number } {
  const byCode = new Map(all.map((r) => [r.sourceCode, r]));
  const changes = new Map<string, Change>();
  let skipped = 0;
  block.forEach((cells, i) => {
    let base: GridRow | undefined;
    let start = colIndex;
    if (colIndex === 0) {
      const code = cells[0]?.trim() ?? '';
      if (!code) return void skipped++;
      base = byCode.get(code) ?? { kind, sourceCode: code, sourceName: '', target: '', dimensions: {}, unmapped: true };
      start = 1;
      cells = cells.slice(1);
    } else base = view[rowIndex + i];
    if (!base) return void skipped++;
    const prev = changes.get(base.sourceCode);
    let after = prev?.after ?? base;
    cells.forEach((v, j) => {
      const col = cols[start + j];
      if (col?.editable) after = withCell(after, col, v);
    });
    changes.set(base.sourceCode, { before: prev?.before ?? (byCode.get(base.sourceCode) ?? null), after });
  });
  return { changes: [...changes.values()], skipped };
}

export const toMapping = (r: GridRow): Mapping => ({ kind: r.kind, sourceCode: r.sourceCode, sourceName: r.sourceName, target: r.target, dimensions: r.dimensions });

export type RefIndex = Map<string, ReferenceItem>;

export function refKey(kind: ReferenceKind, dimensionType: string, code: string): string {
  return `${kind}|${dimensionType}|${code.toUpperCase()}`;
}

export function indexReference(items: ReferenceItem[]): RefIndex {
  return new Map(items.map((i) => [refKey(i.kind, i.dimensionType, i.code), i]));
}

/** Reference state of a cell: fine, empty, unknown to the ERP, or inactive there. */
export function cellCheck(row: GridRow, col: Column, ref: RefIndex): 'ok' | 'empty' | 'unknown' | 'inactive' {
  const v = cellValue(row, col);
  if (!col.ref) return 'ok';
  if (!v) return 'empty';
  if (ref.size === 0) return 'ok';
  // An ERP whose tax codes are not read (or has none) cannot prove a tax code wrong, as in the engine's check.
  if (col.ref.kind === 'tax_code' && !hasKind(ref, 'tax_code')) return 'ok';
  const item = ref.get(refKey(col.ref.kind, col.ref.dimensionType, v));
  return !item ? 'unknown' : item.active ? 'ok' : 'inactive';
}

const kindsSeen = new WeakMap<RefIndex, Set<string>>();
function hasKind(ref: RefIndex, kind: ReferenceKind): boolean {
  let kinds = kindsSeen.get(ref);
  if (!kinds) kindsSeen.set(ref, (kinds = new Set([...ref.values()].map((i) => i.kind))));
  return kinds.has(kind);
}
