// The dashboard's amounts: a month's posted and held totals per currency for one connection (counts alone
// do not tell an accountant whether 3 held reports are 40 EUR or 40,000 EUR).
import type { MoneySum } from '../../../shared/schemas/reconcile';
import { useMlcQuery } from '../../api/hooks';
import { href } from '../../app/route';
import { formatMoney } from '../../components/format';

const amounts = (list: readonly MoneySum[] | undefined) => (list && list.length ? list.map((m) => formatMoney(m)).join(' · ') : '—');

export function PeriodAmounts({ connectionId, period }: { connectionId: string; period: string }) {
  const q = useMlcQuery('dashboard.amounts', { period });
  const row = q.data?.connections.find((c) => c.connectionId === connectionId);
  return (
    <table className="table table-compact period-amounts" aria-label={`Amounts ${period}`}>
      <thead>
        <tr>
          <th>{period}</th>
          <th>Documents</th>
          <th className="num">Amount</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>Posted</td>
          <td>{row?.postedCount ?? '…'}</td>
          <td className="num" data-testid="posted-amount">{amounts(row?.posted)}</td>
        </tr>
        <tr>
          <td>
            <a href={href('held', { connection: connectionId })}>Held</a>
          </td>
          <td>{row?.heldCount ?? '…'}</td>
          <td className="num" data-testid="held-amount">{amounts(row?.held)}</td>
        </tr>
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            <a href={href('reconciliation', { period, connection: connectionId })}>Reconcile {period}</a>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
