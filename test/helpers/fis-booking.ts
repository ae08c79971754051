// Test helpers for Concur FIS booking: an FIS item around a document, a planner run with known accounts, and
// a plan summed per side of the books (expense, employee, card, cash-advance clearing) in minor units.
import { fisToDocument } from '../../main/core/adapters/concur/fis-from-remote';
import { readFisItem } from '../../main/core/adapters/concur/fis-schemas';
import { createMappingLookup } from '../../main/core/engine/mapping-lookup';
import { planDocument } from '../../main/core/engine/plan';
import type { PostingRules } from '../../shared/schemas/connection';
import { postingRulesSchema } from '../../shared/schemas/connection';
import type { SourceDocument } from '../../shared/schemas/document';
import type { MappingRow } from '../../shared/schemas/mapping';
import type { PostingPlan } from '../../shared/schemas/plan';
import type { HoldReason } from '../../shared/schemas/posting';

export const ACC = { employee: 'EMPLIAB', card: 'CARDCLR', cashAdvance: 'CAACC', expense: 'EXP', vat: 'VATREC' } as const;
/** The tax codes (or authority labels, where taxCode is null) of SAP's samples 2.1-2.4. */
export const SAMPLE_TAX_CODES = ['DEVAT', 'JC2E', 'JC1U', 'JC1E', 'JC2T'] as const;
export const FIS_SETTINGS = { dimensionFields: { costCenter: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP', 'COPD'], companyBilledPaymentTypes: ['CBCP'] };

const row = (kind: 'expense_type' | 'employee' | 'tax_code', sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({ connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: false });
const taxRows = SAMPLE_TAX_CODES.map((c) => row('tax_code', c, `T-${c}`, { vatAccount: ACC.vat }));

export function fisItem(document: unknown, over: Record<string, unknown> = {}) {
  return readFisItem({ id: 'DOC1', docType: 'expense', companyId: '1', companyUuid: 'c0ffee00-0000-4000-8000-000000000001', entityId: 'p1', docStatus: 'READY', document, ...over })!;
}

export function fisDoc(document: unknown, docType: 'expense' | 'cashadvance' | 'payroll' | 'invoice' = 'expense', over: Record<string, unknown> = {}): SourceDocument {
  return fisToDocument(fisItem(document, { docType, ...over }), docType, FIS_SETTINGS);
}

export function book(doc: SourceDocument, over: Partial<PostingRules> = {}, mapped = true): { plan: PostingPlan | null; reasons: HoldReason[] } {
  const rules = postingRulesSchema.parse({ liabilityAccount: ACC.employee, cardClearingAccount: ACC.card, cashAdvanceAccount: ACC.cashAdvance, requiredDimensions: [], ...over });
  const lookup = createMappingLookup(mapped ? [row('expense_type', '*', ACC.expense), row('employee', '*', 'EMPV'), ...taxRows] : [row('employee', '*', 'EMPV'), ...taxRows]);
  return planDocument({ doc, key: 'MLC-T', kind: 'journal', rules, lookup, maxDescriptionLength: 250 });
}

export interface Sides {
  /** Net debit to expense (non-settlement) accounts. */
  expense: number;
  /** Net credit: positive = owed to the employee, negative = the employee owes. */
  employee: number;
  /** Net credit to the card clearing account. */
  card: number;
  /** Net credit to the cash-advance clearing account (negative = debited, an advance issued). */
  cashAdvance: number;
}

/** Sums a plan per side; accounts are classified by the rule accounts (or the given source accounts). */
export function sides(plan: PostingPlan, accounts: { card?: string[]; cashAdvance?: string[] } = {}): Sides {
  const out: Sides = { expense: 0, employee: 0, card: 0, cashAdvance: 0 };
  const card = new Set([ACC.card, ...(accounts.card ?? [])]);
  const ca = new Set([ACC.cashAdvance, ...(accounts.cashAdvance ?? [])]);
  for (const l of plan.lines) {
    const credit = l.side === 'credit' ? l.amountMinor : -l.amountMinor;
    if (l.account === ACC.employee) out.employee += credit;
    else if (card.has(l.account)) out.card += credit;
    else if (ca.has(l.account)) out.cashAdvance += credit;
    else out.expense -= credit;
  }
  return out;
}

export function balanced(plan: PostingPlan): boolean {
  const d = plan.lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amountMinor, 0);
  const c = plan.lines.filter((l) => l.side === 'credit').reduce((s, l) => s + l.amountMinor, 0);
  return d === c;
}
