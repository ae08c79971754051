// Builds what one connection's adapters need: decrypted secrets on demand, a limiter, audit notes.
import type { Connection } from '../../../shared/schemas/connection';
import { Limiter } from '../adapters/limiter';
import type { AdapterContext, SecretAccess } from '../adapters/types';
import type { Clock, HttpFetch, Logger, SecretCipher } from '../ports';
import { registerSecret } from '../redact';
import { readSecret, writeSecret } from '../secrets/secret-store';
import type { Store } from '../store/store';

/** Secrets live per connection and side ("source.password", "target.password"), so two systems never share a name. */
export function secretAccess(store: Store, cipher: SecretCipher, connectionId: string, side: 'source' | 'target'): SecretAccess {
  const key = (name: string) => `${side}.${name}`;
  return {
    async get(name) {
      const value = await readSecret(store, cipher, connectionId, key(name));
      if (value !== null) registerSecret(value);
      return value;
    },
    async set(name, value) {
      registerSecret(value);
      await writeSecret(store, cipher, connectionId, key(name), value);
    },
    async delete(name) {
      store.connections.deleteSecret(connectionId, key(name));
    },
  };
}

export interface ContextDeps {
  store: Store;
  cipher: SecretCipher;
  fetch: HttpFetch;
  clock: Clock;
  logger: Logger;
}

/** One context per side (source, target): each gets its own limiter so one slow system does not starve the other. */
export function adapterContext(deps: ContextDeps, conn: Connection, side: 'source' | 'target', actor: string, signal?: AbortSignal): AdapterContext {
  return {
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    secrets: secretAccess(deps.store, deps.cipher, conn.id, side),
    limiter: new Limiter(conn.concurrency),
    retry: conn.retry,
    signal,
    note: (n) =>
      deps.store.audit.append({ connectionId: conn.id, actor, action: n.action, outcome: n.outcome, message: n.message, correlationId: n.correlationId ?? null }),
  };
}
