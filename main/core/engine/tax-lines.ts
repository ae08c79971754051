// How a taxed line posts (issue 15): the net and the non-recoverable tax stay on the expense account, every
// recoverable tax goes to its own line on the recoverable-VAT account of its tax mapping, carrying the ERP tax
// code; the expense line carries the tax code too (the ERPs that take one per line: Sage X3, NetSuite bills).
import type { SourceLine, TaxComponent } from '../../../shared/schemas/document';
import { TAX_ACCOUNT_FIELD } from '../../../shared/schemas/mapping';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { MappingLookup } from './mapping-lookup';

export interface TaxLineDraft {
  component: TaxComponent;
  account: string;
  taxCode: string;
  amountMinor: number;
}

export interface LineTaxPlan {
  /** What the expense account is debited with: the line less its recoverable tax. */
  expenseMinor: number;
  /** The ERP tax code of the line's first tax, put on its net line; undefined for an untaxed line. */
  netTaxCode: string | undefined;
  taxLines: TaxLineDraft[];
  /** Tax that stays in the expense: what the source does not reclaim, plus what the mapping says is never reclaimed. */
  nonRecoverableMinor: number;
}

const label = (c: TaxComponent) => `${c.code || c.name || '(no code)'}${c.rate ? ` (${c.rate} %)` : ''}`;

export function lineTaxPlan(line: SourceLine, amountMinor: number, lookup: MappingLookup): LineTaxPlan | HoldReason[] {
  const tax = line.tax;
  if (!tax || tax.components.length === 0) return { expenseMinor: amountMinor, netTaxCode: undefined, taxLines: [], nonRecoverableMinor: 0 };
  const reasons: HoldReason[] = [];
  const taxLines: TaxLineDraft[] = [];
  let netTaxCode: string | undefined;
  let reclaimed = 0;
  for (const c of tax.components) {
    const target = lookup.taxCode?.(c.code, c.rate) ?? null;
    if (!target) {
      reasons.push({ code: 'TAX_UNMAPPED', message: `Line ${line.lineId}: source tax code ${label(c)} has no ERP tax code: map it on the Tax codes tab`, subject: c.code || (c.rate ? `${c.rate}%` : ''), lineId: line.lineId });
      continue;
    }
    netTaxCode ??= target.taxCode;
    // The mapping may say the company never reclaims this tax: it then stays in the expense like any non-recoverable tax.
    if (c.recoverableMinor === 0 || !target.recoverable) continue;
    if (!target.account) {
      reasons.push({ code: 'TAX_UNMAPPED', message: `Line ${line.lineId}: tax code ${label(c)} is reclaimed but its mapping names no recoverable-VAT account (${TAX_ACCOUNT_FIELD})`, subject: target.via, lineId: line.lineId });
      continue;
    }
    taxLines.push({ component: c, account: target.account, taxCode: target.taxCode, amountMinor: c.recoverableMinor });
    reclaimed += c.recoverableMinor;
  }
  if (reasons.length) return reasons;
  return { expenseMinor: amountMinor - reclaimed, netTaxCode, taxLines, nonRecoverableMinor: tax.recoverableMinor + tax.nonRecoverableMinor - reclaimed };
}
