// Credentials: write-only. The app only knows which secrets are stored (names), never their values.
import { useState } from 'react';
import type { Connection, ConnectionInput } from '../../../shared/schemas/connection';
import { secretNamesFor } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AcumaticaSignIn } from './AcumaticaSignIn';
import { secretLabel } from './connection-fields';
import { ONE_OF, secretInUse } from './secrets-in-use';

export function SecretsPanel({ connection, draft }: { connection: Connection; draft?: ConnectionInput }) {
  const settings = draft ?? connection;
  const all = secretNamesFor(connection.source.system, connection.target.system);
  const used = all.filter((n) => secretInUse(settings, n));
  const unused = all.filter((n) => !used.includes(n));
  const stored = (n: string) => connection.secretNames.includes(n) || (ONE_OF[n] ?? []).some((o) => connection.secretNames.includes(o));
  return (
    <fieldset className="secrets">
      <legend>Credentials</legend>
      <p className="muted">Stored encrypted on this computer. Saved values are never shown again; type a new value to replace one. Only the ones the chosen sign-in method uses are listed.</p>
      {used.map((n) => (
        <SecretRow key={n} connectionId={connection.id} name={n} label={secretLabel(n, connection)} stored={stored(n)} />
      ))}
      {unused.length ? (
        <details className="unused-secrets">
          <summary className="muted">Not needed with these sign-in settings ({unused.length})</summary>
          {unused.map((n) => (
            <SecretRow key={n} connectionId={connection.id} name={n} label={secretLabel(n, connection)} stored={connection.secretNames.includes(n)} notNeeded />
          ))}
        </details>
      ) : null}
      <AcumaticaSignIn connection={connection} />
    </fieldset>
  );
}

function SecretRow({ connectionId, name, label, stored, notNeeded = false }: { connectionId: string; name: string; label: string; stored: boolean; notNeeded?: boolean }) {
  const [value, setValue] = useState('');
  const [done, setDone] = useState(false);
  const set = useMlcMutation('connections.setSecret');
  const id = `secret-${name.replace(/\./g, '-')}`;
  return (
    <form
      className="secret-row"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        set.mutate({ connectionId, name, value }, { onSuccess: () => (setValue(''), setDone(true)) });
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="new-password" value={value} placeholder={stored ? '•••••••• (stored)' : 'Not set'} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="btn" disabled={!value || set.isPending}>
        {stored ? 'Replace' : 'Save'}
      </button>
      <span className={stored ? 'ok-text' : notNeeded ? 'muted' : 'warn-text'}>{done ? 'Saved' : stored ? 'Stored' : notNeeded ? 'Not needed' : 'Missing'}</span>
      <ErrorBanner error={set.error} />
    </form>
  );
}
