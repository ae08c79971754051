// Connections: list on the left; settings, credentials and "Test connection" for the one selected.
import { useState } from 'react';
import type { Connection, ConnectionInput } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { useConnections } from '../../app/connection-context';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ConnectionForm } from './ConnectionForm';
import { newConnectionTemplate, toDraft } from './connection-fields';
import { SecretsPanel } from './SecretsPanel';

export function ConnectionsPage() {
  const { connections, current, select, error } = useConnections();
  const [creating, setCreating] = useState(() => location.hash.includes('new=1'));
  const editing = creating ? null : current;
  // The settings as typed in the form: "Test connection" tests these, saved or not.
  const [draft, setDraft] = useState<ConnectionInput | null>(null);
  const typed = editing && draft?.id === editing.id ? draft : null;
  return (
    <div className="split">
      <aside className="list-pane" aria-label="Connections">
        <ErrorBanner error={error} />
        <ul className="plain-list">
          {connections.map((c) => (
            <li key={c.id}>
              <button type="button" className={!creating && c.id === current?.id ? 'list-item selected' : 'list-item'} onClick={() => (setCreating(false), select(c.id))}>
                <span>{c.name}</span>
                <small className="muted">
                  {c.id} · {c.status === 'active' ? 'active' : 'paused'}
                </small>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="btn" onClick={() => setCreating(true)}>
          Add connection
        </button>
      </aside>
      <section className="detail-pane">
        {creating ? (
          <ConnectionForm key="new" initial={newConnectionTemplate()} isNew onSaved={(id) => (setCreating(false), select(id))} />
        ) : editing ? (
          <>
            <TestPanel connection={editing} draft={typed} />
            <ConnectionForm key={editing.id} initial={toDraft(editing)} isNew={false} onSaved={() => setDraft(null)} onChange={setDraft} />
            <SecretsPanel connection={editing} draft={typed ?? undefined} />
          </>
        ) : (
          <p className="muted">No connection yet. Click “Add connection”.</p>
        )}
      </section>
    </div>
  );
}

function TestPanel({ connection, draft }: { connection: Connection; draft: ConnectionInput | null }) {
  const test = useMlcMutation('connections.test');
  const result = test.data && test.variables?.connectionId === connection.id ? test.data : null;
  const unsaved = !!draft && JSON.stringify(draft) !== JSON.stringify(toDraft(connection));
  const firstFailure = result?.steps.find((s) => !s.ok);
  return (
    <div className="test-panel">
      <div className="test-head">
        <button type="button" className="btn btn-primary" disabled={test.isPending} onClick={() => test.mutate({ connectionId: connection.id, draft: unsaved ? draft! : undefined })}>
          {test.isPending ? 'Testing…' : 'Test connection'}
        </button>
        {result ? (
          <strong className={result.ok ? 'ok-text' : 'bad-text'} role="status">
            {result.ok ? `Connection works: both systems answered${test.variables?.draft ? ' (with the settings as typed; not saved yet)' : ''}.` : `Connection test failed${test.variables?.draft ? ' (settings as typed, not saved)' : ''} — ${firstFailure?.step}: ${firstFailure?.message}`}
          </strong>
        ) : unsaved ? (
          <span className="muted">Tests the settings as typed below, before you save them.</span>
        ) : null}
      </div>
      <ErrorBanner error={test.error} />
      {result ? (
        <ul className="steps" aria-label="Test steps">
          {result.steps.map((s, i) => (
            <li key={i} className={s.ok ? 'step-ok' : 'step-bad'}>
              <span aria-hidden="true">{s.ok ? '✓' : '✗'}</span> <strong>{s.step}</strong> {s.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
