// Category names as the accountant reads them.
import type { ReconcileCategory } from '../../../shared/schemas/reconcile';

export const CATEGORY_LABEL: Record<ReconcileCategory, string> = {
  held: 'Held',
  failed: 'Failed',
  dismissed: 'Dismissed',
  not_posted: 'Not yet posted',
  changed_after_posting: 'Changed after posting',
  amount_differs: 'Amount differs',
  erp_unknown: 'In the ERP, unknown here',
  erp_duplicate: 'Reference twice in the ERP',
  unexplained: 'Unexplained',
};

export const BASIS_LABEL = { read: 'read now', local_copy: 'from the local copy', presence_only: 'looked up by reference, totals not read back', not_read: 'not read' } as const;

/** The month before `today`'s: the one usually being closed. */
export function previousMonth(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}
