// connections.authorize: the browser sign-in (authorization code over a loopback redirect) for targets that
// have one (Acumatica). The call answers at once with the URL to open; the outcome arrives later as an audit
// row and an entities.changed event, since the person may take minutes. One sign-in per connection at a time.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { startAcumaticaSignIn, type AcumaticaSignIn, type AcumaticaSignInOptions } from '../adapters/acumatica/authorize';
import { adapterContext } from '../engine/context';
import { ConnectorError } from '../errors';
import type { Runtime } from '../runtime';
import { requireConnection } from '../runtime';

const pending = new WeakMap<Runtime, Map<string, AcumaticaSignIn>>();

/** Starts the listener; `done` settles after the callback (stored, audited) or the timeout. */
export async function beginAuthorization(rt: Runtime, connectionId: string, actor: string, opts: AcumaticaSignInOptions = {}): Promise<AcumaticaSignIn> {
  const conn = requireConnection(rt, connectionId);
  if (conn.target.system !== 'acumatica') throw new ConnectorError('BAD_REQUEST', 'Browser sign-in (authorization code) is available for Acumatica targets only', { retryable: false });
  const open = pending.get(rt) ?? new Map<string, AcumaticaSignIn>();
  pending.set(rt, open);
  open.get(connectionId)?.cancel('A newer sign-in for this connection replaced this one: nothing was stored');
  const ctx = adapterContext({ store: rt.store, cipher: rt.cipher, fetch: rt.fetch, clock: rt.clock, logger: rt.logger }, conn, 'target', actor);
  const session = await startAcumaticaSignIn(conn.target, ctx, opts);
  open.set(connectionId, session);
  const audit = (outcome: string, message: string) => rt.store.audit.append({ connectionId, actor, action: 'auth', outcome, message });
  const done = session.done.then(
    () => {
      // New credentials give a paused connection another chance, as connections.setSecret does.
      if (rt.store.connections.get(connectionId)?.status === 'paused') rt.store.connections.setStatus(connectionId, 'active', null);
      audit('signed_in', 'Signed in to Acumatica in the browser (authorization code); refresh token stored encrypted (value not recorded)');
    },
    (e: unknown) => {
      audit('sign_in_failed', e instanceof Error ? e.message : String(e));
      throw e;
    },
  ).finally(() => {
    if (open.get(connectionId) === session) open.delete(connectionId);
    rt.events.emit({ type: 'entities.changed', payload: { tags: ['connections', 'audit'] } });
  });
  done.catch(() => undefined);
  return { ...session, done };
}

export function authorizeHandlers(rt: Runtime, actor: string) {
  return {
    'connections.authorize': async (input: MethodInput<'connections.authorize'>): Promise<MethodOutput<'connections.authorize'>> => {
      const s = await beginAuthorization(rt, input.connectionId, actor, { port: input.port, timeoutMs: input.timeoutMs });
      return { authorizeUrl: s.authorizeUrl, redirectUri: s.redirectUri, expiresAt: s.expiresAt.toISOString() };
    },
  };
}
