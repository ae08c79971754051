// One side of the before/after comparison: a plan's lines with accounts, dimensions and amounts.
import type { PostingPlan } from '../../../shared/schemas/plan';
import { formatDate, formatMinor } from '../../components/format';

export function PlanSide({ title, plan, erpId, testId, empty }: { title: string; plan: PostingPlan | null; erpId?: string | null; testId: string; empty?: string }) {
  return (
    <section className="change-side" data-testid={testId}>
      <h3>
        {title}
        {erpId ? <span className="tag tag-ok change-erp">ERP {erpId}</span> : null}
      </h3>
      {!plan ? (
        <p className="muted">{empty ?? 'No plan: see the reasons below.'}</p>
      ) : (
        <table className="table table-compact plan-table">
          <thead>
            <tr><th>Account</th><th>Dimensions</th><th className="num">Debit</th><th className="num">Credit</th></tr>
          </thead>
          <tbody>
            {plan.lines.map((l) => (
              <tr key={l.lineNo}>
                <td className="mono">{l.account}</td>
                <td className="small">{[...Object.entries(l.dimensions).map(([k, v]) => `${k === 'costCenter' ? 'Cost center' : k} ${v}`), l.partner ? `Partner ${l.partner}` : ''].filter(Boolean).join(' · ') || '—'}</td>
                <td className="num">{l.side === 'debit' ? formatMinor(l.amountMinor, plan.currency) : ''}</td>
                <td className="num">{l.side === 'credit' ? formatMinor(l.amountMinor, plan.currency) : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><td colSpan={2}>{plan.kind === 'journal' ? 'Journal' : plan.kind === 'supplier_credit' ? 'Supplier credit' : 'Supplier invoice'} dated {formatDate(plan.postingDate)}, {plan.currency}</td><td className="num">{formatMinor(plan.totalMinor, plan.currency)}</td><td className="num">{formatMinor(plan.totalMinor, plan.currency)}</td></tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
