// Resolves mappings for one run from an in-memory snapshot: expense type (with fallback) and employee.
import { FALLBACK_CODE } from '../../../shared/schemas/mapping';
import type { MappingRow } from '../../../shared/schemas/mapping';

export interface ExpenseTypeTarget {
  account: string;
  dimensions: Record<string, string>;
  /** True when the "*" fallback row supplied it. */
  viaFallback: boolean;
}

export interface MappingLookup {
  expenseType(code: string): ExpenseTypeTarget | null;
  employee(id: string): string | null;
}

export function createMappingLookup(rows: readonly MappingRow[]): MappingLookup {
  const types = new Map<string, MappingRow>();
  const employees = new Map<string, MappingRow>();
  for (const r of rows) (r.kind === 'expense_type' ? types : employees).set(r.sourceCode, r);
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
  };
}
