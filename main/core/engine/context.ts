// Builds what one connection's adapters need: decrypted secrets on demand, a limiter, audit notes.
import type { Connection } from '../../../shared/schemas/connection';
import { Limiter } from '../adapters/limiter';
import type { AdapterContext, SecretAccess } from '../adapters/types';
import type { Clock, HttpFetch, Logger, SecretCipher } from '../ports';
import { registerSecret } from '../redact';
import type { Store } from '../store/store';

export function secretAccess(store: Store, cipher: SecretCipher, connectionId: string): SecretAccess {
  return {
    async get(name) {
      const env = store.connections.getSecretEnvelope(connectionId, name);
      if (!env) return null;
      const value = await cipher.decrypt(env);
      registerSecret(value);
      return value;
    },
    async set(name, value) {
      registerSecret(value);
      store.connections.putSecretEnvelope(connectionId, name, await cipher.encrypt(value));
    },
    async delete(name) {
      store.connections.deleteSecret(connectionId, name);
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
export function adapterContext(deps: ContextDeps, conn: Connection, actor: string, signal?: AbortSignal): AdapterContext {
  return {
    fetch: deps.fetch,
    clock: deps.clock,
    logger: deps.logger,
    secrets: secretAccess(deps.store, deps.cipher, conn.id),
    limiter: new Limiter(conn.concurrency),
    retry: conn.retry,
    signal,
    note: (n) =>
      deps.store.audit.append({ connectionId: conn.id, actor, action: n.action, outcome: n.outcome, message: n.message, correlationId: n.correlationId ?? null }),
  };
}
