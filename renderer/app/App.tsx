// Application shell: side navigation (Dashboard, Connections, Mappings, Held, Audit), connection picker, page.
import { useMlcQuery } from '../api/hooks';
import { AuditPage } from '../features/audit/AuditPage';
import { ChangesPage } from '../features/changes/ChangesPage';
import { ConnectionsPage } from '../features/connections/ConnectionsPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { HeldPage } from '../features/held/HeldPage';
import { MappingsPage } from '../features/mappings/MappingsPage';
import { ReconciliationPage } from '../features/reconciliation/ReconciliationPage';
import { useConnections } from './connection-context';
import type { Page } from './route';
import { href, useRoute } from './route';

const NAV: Array<[Page, string]> = [
  ['dashboard', 'Dashboard'],
  ['connections', 'Connections'],
  ['mappings', 'Mappings'],
  ['held', 'Held'],
  ['audit', 'Audit'],
  ['reconciliation', 'Reconciliation'],
  ['changes', 'Changes after posting'],
];

export function App() {
  const route = useRoute();
  const { connections, current, select } = useConnections();
  const states = useMlcQuery('connections.states', {}, { refetchInterval: 30_000 });
  // Held and failed alike need the accountant: both count in the badge.
  const heldTotal = (states.data ?? []).reduce((n, s) => n + s.counts.held + s.counts.failed, 0);
  const changes = useMlcQuery('changes.counts', {}, { refetchInterval: 30_000 });
  const changesTotal = (changes.data ?? []).reduce((n, c) => n + c.count, 0);
  const title = NAV.find(([p]) => p === route.page)?.[1] ?? 'Dashboard';
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">ml</span>
          <span>ml-connector</span>
        </div>
        <ul>
          {NAV.map(([page, label]) => (
            <li key={page}>
              <a href={href(page)} aria-current={route.page === page ? 'page' : undefined} className={route.page === page ? 'active' : undefined}>
                {label}
                {page === 'held' && heldTotal > 0 ? <span className="nav-count" aria-hidden="true">{heldTotal}</span> : null}
                {page === 'changes' && changesTotal > 0 ? <span className="nav-count" data-testid="changes-badge" aria-hidden="true">{changesTotal}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar">
          <h1>{title}</h1>
          {/* Only the mappings are edited per connection; the other screens show every connection or pick their own. */}
          {connections.length > 0 && route.page === 'mappings' ? (
            <label className="picker">
              <span>Connection</span>
              <select value={current?.id ?? ''} onChange={(e) => select(e.target.value)}>
                {connections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </header>
        <main className="content">
          {route.page === 'dashboard' && <DashboardPage />}
          {route.page === 'connections' && <ConnectionsPage />}
          {route.page === 'mappings' && <MappingsPage params={route.params} />}
          {route.page === 'held' && <HeldPage key={route.params.toString()} params={route.params} />}
          {route.page === 'audit' && <AuditPage key={route.params.toString()} params={route.params} />}
          {route.page === 'reconciliation' && <ReconciliationPage key={route.params.toString()} params={route.params} />}
          {route.page === 'changes' && <ChangesPage key={route.params.toString()} params={route.params} />}

        </main>
      </div>
    </div>
  );
}
