// Credentials: write-only. The app only knows which secrets are stored (names), never their values.
import { useState } from 'react';
import type { Connection } from '../../../shared/schemas/connection';
import { secretNamesFor } from '../../../shared/schemas/connection';
import { useMlcMutation } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { AcumaticaSignIn } from './AcumaticaSignIn';
import { secretLabel } from './connection-fields';

export function SecretsPanel({ connection }: { connection: Connection }) {
  const names = secretNamesFor(connection.source.system, connection.target.system);
  return (
    <fieldset className="secrets">
      <legend>Credentials</legend>
      <p className="muted">Stored encrypted on this computer. Saved values are never shown again; type a new value to replace one.</p>
      {names.map((n) => (
        <SecretRow key={n} connectionId={connection.id} name={n} label={secretLabel(n, connection)} stored={connection.secretNames.includes(n)} />
      ))}
      <AcumaticaSignIn connection={connection} />
    </fieldset>
  );
}

function SecretRow({ connectionId, name, label, stored }: { connectionId: string; name: string; label: string; stored: boolean }) {
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
      <span className={stored ? 'ok-text' : 'warn-text'}>{done ? 'Saved' : stored ? 'Stored' : 'Missing'}</span>
      <ErrorBanner error={set.error} />
    </form>
  );
}
