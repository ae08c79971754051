// Resolves mappings for one run from an in-memory snapshot: expense type (with fallback) and employee.
import { FALLBACK_CODE, TAX_ACCOUNT_FIELD, TAX_RECOVERABLE_FIELD } from '../../../shared/schemas/mapping';
import type { MappingRow } from '../../../shared/schemas/mapping';

export interface ExpenseTypeTarget {
  account: string;
  dimensions: Record<string, string>;
  /** True when the "*" fallback row supplied it. */
  viaFallback: boolean;
}

export interface TaxTarget {
  /** The ERP tax code. */
  taxCode: string;
  /** The recoverable-VAT GL account, when the mapping names one. */
  account: string | null;
  /** False when the mapping says this tax is never reclaimed. */
  recoverable: boolean;
  /** The mapping row's source code that matched (the code itself, or the rate as "20%"). */
  via: string;
}

export interface MappingLookup {
  expenseType(code: string): ExpenseTypeTarget | null;
  employee(id: string): string | null;
  /** Tax mapping by source tax code, else by rate ("20%"); optional so hand-made lookups in tests stay valid. */
  taxCode?(code: string, rate: string | null): TaxTarget | null;
}

/** "20.00" -> "20%", "5.50" -> "5.5%": the form a rate row is keyed by. */
export function rateKey(rate: string): string {
  const t = rate.trim().replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return `${t}%`;
  const [i, f = ''] = t.split('.');
  const frac = f.replace(/0+$/, '');
  return `${String(Number(i))}${frac ? `.${frac}` : ''}%`;
}

export function createMappingLookup(rows: readonly MappingRow[]): MappingLookup {
  const types = new Map<string, MappingRow>();
  const employees = new Map<string, MappingRow>();
  const taxes = new Map<string, MappingRow>();
  for (const r of rows) (r.kind === 'expense_type' ? types : r.kind === 'tax_code' ? taxes : employees).set(r.kind === 'tax_code' && /%$/.test(r.sourceCode) ? rateKey(r.sourceCode) : r.sourceCode, r);
  const fallback = types.get(FALLBACK_CODE);
  return {
    expenseType(code) {
      const own = types.get(code);
      if (own && own.target) return { account: own.target, dimensions: own.dimensions, viaFallback: false };
      if (fallback && fallback.target) return { account: fallback.target, dimensions: fallback.dimensions, viaFallback: true };
      return null;
    },
    employee(id) {
      const own = employees.get(id);
      if (own && own.target) return own.target;
      const fb = employees.get(FALLBACK_CODE);
      return fb && fb.target ? fb.target : null;
    },
    taxCode(code, rate) {
      const row = (code ? taxes.get(code) : undefined) ?? (rate ? taxes.get(rateKey(rate)) : undefined);
      if (!row || !row.target) return null;
      return { taxCode: row.target, account: row.dimensions[TAX_ACCOUNT_FIELD] || null, recoverable: (row.dimensions[TAX_RECOVERABLE_FIELD] ?? '').trim().toLowerCase() !== 'no', via: row.sourceCode };
    },
  };
}
