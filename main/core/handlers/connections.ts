// connections.* : settings, write-only secrets, connection tests, pause/resume and dashboard states.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { connectionInputSchema, secretNamesFor } from '../../../shared/schemas/connection';
import { systemLabel } from '../../../shared/schemas/document';
import type { ConnectionState } from '../../../shared/schemas/run';
import { nextRunAt, watchedSince } from '../engine/schedule';
import { ConnectorError, isConnectorError } from '../errors';
import { registerSecret } from '../redact';
import { writeSecret } from '../secrets/secret-store';
import { urlCredentialPaths } from '../secrets/url-credentials';
import type { Runtime } from '../runtime';
import { buildAdapters, requireConnection } from '../runtime';
import type { TestStep } from '../adapters/types';
import { discoverHandlers } from './discover-endpoints';


export function connectionHandlers(rt: Runtime, actor: string) {
  const { store } = rt;
  return {
    'connections.list': async () => store.connections.list(),

    'connections.save': async (input: MethodInput<'connections.save'>) => {
      const conn = connectionInputSchema.parse(input);
      const withCredentials = urlCredentialPaths(conn);
      if (withCredentials.length) throw new ConnectorError('BAD_REQUEST', `A URL with a user name or password in it is not stored (${withCredentials.join(', ')}): remove them from the URL and enter the password as the connection's secret`, { retryable: false });
      const { created } = store.connections.save(conn);
      store.audit.append({ connectionId: conn.id, actor, action: 'connection_change', outcome: created ? 'created' : 'updated', message: `Connection "${conn.name}" ${created ? 'created' : 'updated'} (${conn.source.system} → ${conn.target.system})` });
      return requireConnection(rt, conn.id);
    },

    'connections.setSecret': async (input: MethodInput<'connections.setSecret'>): Promise<MethodOutput<'connections.setSecret'>> => {
      const conn = requireConnection(rt, input.connectionId);
      const allowed = secretNamesFor(conn.source.system, conn.target.system);
      if (!allowed.includes(input.name)) throw new ConnectorError('BAD_REQUEST', `"${input.name}" is not a secret of this connection (expected one of: ${allowed.join(', ')})`, { retryable: false });
      registerSecret(input.value);
      await writeSecret(store, rt.cipher, conn.id, input.name, input.value);
      // New credentials: forget tokens minted with the old ones and give the connection another chance.
      store.connections.deleteSecret(conn.id, `${input.name.split('.')[0]}.tokenState`);
      if (conn.status === 'paused') store.connections.setStatus(conn.id, 'active', null);
      store.audit.append({ connectionId: conn.id, actor, action: 'connection_change', outcome: 'secret_set', message: `Secret "${input.name}" replaced (value not recorded)` });
      return { ok: true };
    },

    'connections.test': async (input: MethodInput<'connections.test'>): Promise<MethodOutput<'connections.test'>> => {
      const saved = requireConnection(rt, input.connectionId);
      if (input.draft && input.draft.id !== saved.id) throw new ConnectorError('BAD_REQUEST', `The settings tested are those of "${input.draft.id}", not "${saved.id}"`, { retryable: false });
      // The form's settings as typed, with the secrets stored for this connection: nothing is saved.
      const conn = input.draft ? { ...saved, ...connectionInputSchema.parse(input.draft) } : saved;
      const steps: TestStep[] = [];
      let adapters;
      try {
        adapters = buildAdapters(rt, conn, actor);
      } catch (e) {
        return { ok: false, steps: [{ step: 'configuration', ok: false, message: isConnectorError(e) ? e.message : String(e) }] };
      }
      for (const [side, adapter, system] of [['source', adapters.source, conn.source.system], ['target', adapters.target, conn.target.system]] as const) {
        try {
          for (const st of await adapter.test()) steps.push({ ...st, step: `${systemLabel(system)}: ${st.step}` });
        } catch (e) {
          steps.push({ step: `${systemLabel(system)} (${side})`, ok: false, message: isConnectorError(e) ? e.message : `Unexpected error: ${String(e)}` });
        }
      }
      return { ok: steps.every((s) => s.ok), steps };
    },

    ...discoverHandlers(rt, actor),

    'connections.resume': async (input: MethodInput<'connections.resume'>) => {
      const conn = requireConnection(rt, input.connectionId);
      store.connections.setStatus(conn.id, 'active', null);
      store.audit.append({ connectionId: conn.id, actor, action: 'connection_change', outcome: 'resumed', message: 'Connection resumed by the user' });
      return { ok: true as const };
    },

    'connections.states': async (): Promise<ConnectionState[]> =>
      store.connections.list().map((c) => {
        const lastRun = store.runs.last(c.id);
        const counts = store.postings.counts(c.id);
        // The same rule as the scheduler: a never-run connection's first sync counts from when it was watched.
        const next = c.status === 'active' ? nextRunAt(c.schedule, lastRun?.startedAt ?? null, rt.clock.now(), lastRun ? undefined : watchedSince(c.createdAt, rt.scheduleSince)) : null;
        const errors = store.audit.list({ connectionId: c.id, outcome: 'failed', limit: 5 });
        return {
          connectionId: c.id,
          name: c.name,
          status: c.status,
          pausedReason: c.pausedReason,
          running: rt.running.has(c.id),
          lastRun,
          nextRunAt: next ? next.toISOString() : null,
          counts: { posted: counts.posted, held: counts.held, failed: counts.failed + counts.uncertain },
          latestErrors: errors.map((e) => ({ at: e.at, message: e.message })),
        };
      }),
  };
}
