// The dashboard's line for changes after posting: how many per connection, with the amounts before and after.
import { useMlcQuery } from '../../api/hooks';
import { href } from '../../app/route';
import { formatMoney } from '../../components/format';

export function ChangesCount({ connectionId }: { connectionId: string }) {
  const counts = useMlcQuery('changes.counts', {});
  const mine = (counts.data ?? []).filter((c) => c.connectionId === connectionId);
  if (mine.length === 0) return null;
  const n = mine.reduce((s, c) => s + c.count, 0);
  return (
    <a className="count count-warn changes-count" href={href('changes', { connection: connectionId })} data-testid="changes-count">
      <span><strong>{n}</strong> changed after posting, waiting for a decision: </span>
      {mine.map((c) => (
        <span key={c.currency ?? ''} className="tabular">
          posted {formatMoney(c.currency ? { amountMinor: c.beforeMinor, currency: c.currency } : null)} → now {formatMoney(c.currency ? { amountMinor: c.afterMinor, currency: c.currency } : null)}
        </span>
      ))}
    </a>
  );
}
