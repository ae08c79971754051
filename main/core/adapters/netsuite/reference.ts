// The SuiteQL look-ups behind readReference (../shared/api/netsuite.md §4): one query per record type,
// every row (inactive ones too, so the engine can say "inactive"), unique ORDER BY id for keyset paging.
// Codes are what accountants map: account numbers, vendor/employee IDs, and internal ids for segments.
import type { ReferenceItem } from '../../../../shared/schemas/reference';

export type NsRefKind = 'subsidiary' | 'department' | 'class' | 'location' | 'account' | 'vendor' | 'employee' | 'currency' | 'taxCode';

export const REF_ORDER: readonly NsRefKind[] = ['subsidiary', 'department', 'class', 'location', 'account', 'vendor', 'employee', 'currency', 'taxCode'];

/**
 * Kinds that exist only when the account has the feature (OneWorld, classes, departments, locations; tax codes
 * where the account keeps taxes: SuiteQL table `salestaxitem`, the Records Catalog's "Tax Code" of legacy tax
 * accounts; that SuiteTax accounts answer the same table is inferred).
 */
export const FEATURE_KINDS: readonly NsRefKind[] = ['subsidiary', 'department', 'class', 'location', 'taxCode'];

/** Table and columns per kind; columns and active flags are what refRow reads. */
export const REF_TABLES: Record<NsRefKind, { from: string; columns: string }> = {
  subsidiary: { from: 'subsidiary', columns: 'id, name, isinactive' },
  department: { from: 'department', columns: 'id, name, isinactive' },
  class: { from: 'classification', columns: 'id, name, isinactive' },
  location: { from: 'location', columns: 'id, name, isinactive' },
  account: { from: 'account', columns: 'id, acctnumber, fullname, isinactive' },
  vendor: { from: 'vendor', columns: 'id, entityid, companyname, isinactive' },
  employee: { from: 'employee', columns: 'id, entityid, firstname, lastname, isinactive' },
  currency: { from: 'currency', columns: 'id, symbol, isinactive' },
  taxCode: { from: 'salestaxitem', columns: 'id, itemid, description, isinactive' },
};

/**
 * The look-up for one kind, optionally only the rows after an internal id (keyset paging). The first
 * query has no WHERE so rows with zero or negative system ids are read too.
 */
export function refQuery(kind: NsRefKind, afterId: string | null = null): string {
  const t = REF_TABLES[kind];
  return `SELECT ${t.columns} FROM ${t.from}${afterId === null ? '' : ` WHERE id > ${afterId}`} ORDER BY id`;
}

export const REF_QUERIES = Object.fromEntries(REF_ORDER.map((k) => [k, refQuery(k)])) as Record<NsRefKind, string>;

/** Segment types the engine validates on plan lines; subsidiary is a header value checked by the adapter. */
export const NETSUITE_DIMENSIONS = ['department', 'class', 'location', 'subsidiary'] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
/** SuiteQL booleans are 'T'/'F'; a missing column (NetSuite leaves nulls out) counts as false. */
export const isTrue = (v: unknown): boolean => v === true || v === 'T' || v === 't' || v === 'true';

export interface RefRow {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** One SuiteQL row as id, mapping code, display name and active flag; null when it has no id. */
export function refRow(kind: NsRefKind, row: Record<string, unknown>): RefRow | null {
  const id = text(row.id);
  if (!id) return null;
  const active = !isTrue(row.isinactive);
  switch (kind) {
    case 'account':
      return { id, code: text(row.acctnumber) || id, name: text(row.fullname) || text(row.acctnumber) || id, active };
    case 'vendor':
      return { id, code: text(row.entityid) || id, name: text(row.companyname) || text(row.entityid) || id, active };
    case 'employee':
      return { id, code: text(row.entityid) || id, name: [text(row.firstname), text(row.lastname)].filter(Boolean).join(' ') || text(row.entityid) || id, active };
    case 'currency':
      return { id, code: text(row.symbol).toUpperCase(), name: text(row.symbol), active };
    case 'taxCode':
      return { id, code: text(row.itemid) || id, name: text(row.description) || text(row.itemid) || id, active };
    default:
      return { id, code: id, name: text(row.name) || id, active };
  }
}

/** What the engine caches; currencies stay inside the adapter (the engine has no kind for them). */
export function toReferenceItem(kind: NsRefKind, r: RefRow): ReferenceItem | null {
  switch (kind) {
    case 'currency':
      return null;
    case 'account':
      return { kind: 'account', dimensionType: '', code: r.code, name: r.name, active: r.active };
    case 'vendor':
      return { kind: 'supplier', dimensionType: '', code: r.code, name: r.name, active: r.active };
    case 'employee':
      return { kind: 'employee', dimensionType: '', code: r.code, name: r.name, active: r.active };
    case 'taxCode':
      return { kind: 'tax_code', dimensionType: '', code: r.code, name: r.name, active: r.active };
    default:
      return { kind: 'dimension', dimensionType: kind, code: r.code, name: r.name, active: r.active };
  }
}

/** Mapping codes → internal ids per kind, filled while reference data is read. */
export class IdMaps {
  private readonly maps = new Map<NsRefKind, Map<string, RefRow>>();
  loaded = false;
  /** Feature kinds the account does not have (its SuiteQL has no such record type). */
  readonly missing = new Set<NsRefKind>();

  add(kind: NsRefKind, r: RefRow): void {
    let m = this.maps.get(kind);
    if (!m) this.maps.set(kind, (m = new Map()));
    // Codes should be unique; if NetSuite holds two, the active one wins.
    const prev = m.get(r.code);
    if (!prev || (!prev.active && r.active)) m.set(r.code, r);
  }

  get(kind: NsRefKind, code: string): RefRow | undefined {
    return this.maps.get(kind)?.get(kind === 'currency' ? code.toUpperCase() : code);
  }

  size(kind: NsRefKind): number {
    return this.maps.get(kind)?.size ?? 0;
  }
}
