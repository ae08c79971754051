// Tax of one FIS expense entry or invoice line, from Concur's own `tax[]` rows (per allocation): `amountTax`
// is the tax charged, `amountReclaim` the part the company reclaims (DOCS
// src/api-reference/financial-integration/v4.financial-documents-schema.markdown, "Expense - Tax"; SAP's
// samples 2.1 DEVAT 1.60 reclaimed in full, 2.2 DEVAT 15.97 not reclaimed, 2.4 CAGST + CAPST half reclaimed).
// The rows carry no rate; `taxCode` may be null (then the authority label, e.g. DEVAT, keys the mapping).
// Amounts are in the report currency like the journal rows (inferred: the samples' amountNetOfTax + amountTax
// equal amountGross in the employee currency). Rows with the same code across allocations are summed.
import type { SourceProblem, TaxComponent } from '../../../../shared/schemas/document';
import { rateText } from '../../money/line-tax';
import { arr, moneyOf, text } from './map-common';
import type { Obj } from './map-common';

/**
 * `reclaimWhenAbsent`: what a row without `amountReclaim` reclaims. Expense entries: nothing (Concur computes the
 * reclaim from its tax configuration and sends it). Invoice lines: all of it (inferred: the invoice examples carry
 * no reclaim amounts, and the VAT on a supplier invoice is input VAT).
 */
export function fisTaxComponents(holders: readonly Obj[], currency: string | null, label: string, lineId: string, problems: SourceProblem[], reclaimWhenAbsent: 'none' | 'all' = 'none'): TaxComponent[] {
  const byCode = new Map<string, TaxComponent>();
  for (const h of holders) {
    for (const t of arr(h.tax)) {
      if (!currency) continue;
      const code = text(t.taxCode) ?? text(t.taxAuthorityLabel) ?? text(t.taxReclaimCode) ?? '';
      const what = `${label} tax ${code || '(no code)'}`;
      const amount = moneyOf(t.amountTax, currency, what, problems, lineId);
      if (!amount) continue;
      const reclaim = t.amountReclaim === null || t.amountReclaim === undefined ? { amountMinor: reclaimWhenAbsent === 'all' ? amount.amountMinor : 0 } : moneyOf(t.amountReclaim, currency, `${what} reclaim`, problems, lineId);
      if (!reclaim) continue;
      const prev = byCode.get(code);
      if (prev) {
        prev.amountMinor += amount.amountMinor;
        prev.recoverableMinor += reclaim.amountMinor;
        continue;
      }
      byCode.set(code, { code, name: text(t.taxAuthorityLabel), rate: rateText(t.taxRate), currency, amountMinor: amount.amountMinor, recoverableMinor: reclaim.amountMinor });
    }
  }
  return [...byCode.values()];
}
