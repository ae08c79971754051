// Reads and writes connection secrets through the binding (bound.ts): every envelope written is bound to its
// connection and stored name, and one read in an older, unbound form is re-sealed in place at once.
import type { SecretCipher } from '../ports';
import type { Store } from '../store/store';
import { openSecret, sealSecret } from './bound';

export async function readSecret(store: Store, cipher: SecretCipher, connectionId: string, name: string): Promise<string | null> {
  const envelope = store.connections.getSecretEnvelope(connectionId, name);
  if (!envelope) return null;
  const { value, legacy } = await openSecret(cipher, { connectionId, name }, envelope);
  if (legacy) store.connections.putSecretEnvelope(connectionId, name, await sealSecret(cipher, { connectionId, name }, value));
  return value;
}

export async function writeSecret(store: Store, cipher: SecretCipher, connectionId: string, name: string, value: string): Promise<void> {
  store.connections.putSecretEnvelope(connectionId, name, await sealSecret(cipher, { connectionId, name }, value));
}

/**
 * The migration step: re-seals every unbound envelope this cipher can open. Ones it cannot open (another
 * backend, another key) are left for the user to re-enter and counted, never deleted.
 */
export async function rebindSecrets(store: Store, cipher: SecretCipher): Promise<{ rebound: number; unreadable: number }> {
  let rebound = 0;
  let unreadable = 0;
  for (const row of store.connections.listSecretEnvelopes()) {
    try {
      const { value, legacy } = await openSecret(cipher, row, row.envelope);
      if (!legacy) continue;
      store.connections.putSecretEnvelope(row.connectionId, row.name, await sealSecret(cipher, row, value));
      rebound++;
    } catch {
      unreadable++;
    }
  }
  return { rebound, unreadable };
}
