// A change row as the accountant sees it: amounts before and after, what may be done, and the plans side by side.
import type { AdjustMode, ChangeDetail, ChangeSummary } from '../../../shared/schemas/change';
import type { Connection } from '../../../shared/schemas/connection';
import type { HoldReason } from '../../../shared/schemas/posting';
import type { ChangeRow } from '../store/repos/changes';
import { changeAdjustments, changeBeforePlan, changeDocument, changePlan } from '../store/repos/changes';
import type { PostingRow } from '../store/repos/postings';
import { accountDifferences, adjustModesFor, ledgerHolds } from './adjustment-plan';
import { supplierCreditOf } from './credit-documents';

type ConnView = (Pick<Connection, 'rules'> & { target?: { system: string } }) | null;

/** The connection's setting where this document allows it, else the first mode it allows. */
export function defaultModeOf(conn: Pick<Connection, 'rules'> | null, modes: readonly AdjustMode[]): AdjustMode | null {
  const wanted = conn?.rules.changeAdjustment ?? 'reverse';
  return modes.includes(wanted) ? wanted : (modes[0] ?? null);
}

export function toChangeSummary(r: ChangeRow, posted: PostingRow | null, conn: ConnView): ChangeSummary {
  const before = changeBeforePlan(r);
  const after = changePlan(r);
  const { modes, why } = adjustModesFor(before, after, ledgerHolds(r), supplierCreditOf(conn?.target?.system));
  const beforeCurrency = before?.currency ?? posted?.currency ?? null;
  return {
    id: r.id,
    postingId: r.posting_id,
    connectionId: r.connection_id,
    sourceId: r.source_id,
    title: changeDocument(r).title,
    seq: r.seq,
    changeKind: r.change_kind,
    status: r.status,
    kind: before?.kind ?? after?.kind ?? null,
    erpId: posted?.erp_id ?? null,
    before: r.before_total_minor !== null && beforeCurrency ? { amountMinor: r.before_total_minor, currency: beforeCurrency } : null,
    after: r.total_minor !== null && r.currency ? { amountMinor: r.total_minor, currency: r.currency } : null,
    modes: r.status === 'open' ? modes : [],
    defaultMode: r.status === 'open' ? defaultModeOf(conn, modes) : null,
    whyNoAdjustment: r.status === 'open' ? why : null,
    mode: r.mode,
    adjustments: changeAdjustments(r).map(({ plan: _plan, ...rest }) => rest),
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    reason: r.resolution_reason,
    detectedAt: r.detected_at,
    updatedAt: r.updated_at,
  };
}

export function toChangeDetail(r: ChangeRow, posted: PostingRow | null, conn: ConnView): ChangeDetail {
  const before = changeBeforePlan(r);
  const after = changePlan(r);
  return {
    ...toChangeSummary(r, posted, conn),
    beforePlan: before,
    afterPlan: after,
    reasons: JSON.parse(r.reasons_json) as HoldReason[],
    differences: accountDifferences(before, after),
    adjustmentPlans: changeAdjustments(r),
  };
}
