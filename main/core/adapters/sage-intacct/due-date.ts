// PURE: where an AP bill's due date comes from. Intacct computes it from a payment term (TERMNAME) or takes
// WHENDUE as sent; by default the vendor's own terms in Intacct decide, so the connector never overrides
// the vendor master data with a fixed number of days unless the connection says so (billDueRule).
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldReason } from '../../../../shared/schemas/posting';
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';

/** The due-date element of an APBILL: a term name Intacct applies, or an explicit date (YYYY-MM-DD). */
export type BillDue = { termName: string } | { whenDue: string };

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The due date of a bill under the connection's rule. `vendorTerm` is the vendor's TERMNAME as Intacct holds
 * it ('' = the vendor has none, undefined = the vendor was not found: Intacct will name the vendor itself).
 */
export function billDueFor(plan: PostingPlan, s: SageIntacctTargetSettings, vendorTerm: string | undefined): BillDue | HoldReason {
  if (s.billDueRule === 'days') return { whenDue: addDays(plan.postingDate, s.billDueDays) };
  if (s.billDueRule === 'term_name') {
    if (!s.billTermName.trim()) return { code: 'ERP_REJECTED', message: 'The connection sets every bill to one payment term but names none: enter the AP term in the connection settings' };
    return { termName: s.billTermName.trim() };
  }
  if (vendorTerm) return { termName: vendorTerm };
  // An unknown vendor is refused by Intacct with its own reason; sending the bill date keeps that reason visible.
  if (vendorTerm === undefined) return { whenDue: plan.postingDate };
  return {
    code: 'ERP_REJECTED',
    subject: plan.partner ?? '',
    message: `Vendor ${plan.partner ?? ''} has no payment terms in Sage Intacct, so the bill's due date is unknown: give the vendor its terms in Intacct, or set a due-date rule on the connection`,
  };
}
