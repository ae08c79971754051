// connections.discoverEndpoints: the endpoint versions an Acumatica instance offers, for the settings form,
// from a saved connection or the draft settings of one not saved yet. Stored secrets are used only when the
// instance insists on a session, and only for the site they were saved for.
import type { MethodInput, MethodOutput } from '../../../shared/contract/methods';
import { methods } from '../../../shared/contract/methods';
import { retryPolicySchema } from '../../../shared/schemas/connection';
import type { AcumaticaTargetSettings } from '../../../shared/schemas/systems/acumatica';
import { createAcumaticaTarget } from '../adapters/acumatica/adapter';
import { siteBase } from '../adapters/acumatica/auth';
import { Limiter } from '../adapters/limiter';
import type { AdapterContext } from '../adapters/types';
import { adapterContext } from '../engine/context';
import { ConnectorError, isConnectorError } from '../errors';
import type { Runtime } from '../runtime';
import { requireConnection } from '../runtime';

type Input = MethodInput<'connections.discoverEndpoints'>;
type Output = MethodOutput<'connections.discoverEndpoints'>;

/** A context without secrets: enough for the anonymous GET /entity; a sign-in attempt says what is missing. */
function draftContext(rt: Runtime): AdapterContext {
  return {
    fetch: rt.fetch,
    clock: rt.clock,
    logger: rt.logger,
    secrets: { get: async () => null, set: async () => undefined, delete: async () => undefined },
    limiter: new Limiter(2),
    // A button in the form: answer quickly; the accountant can click again.
    retry: { ...retryPolicySchema.parse({}), maxAttempts: 2 },
    note: () => undefined,
  };
}

export function discoverHandlers(rt: Runtime, actor: string) {
  return {
    'connections.discoverEndpoints': async (raw: Input): Promise<Output> => {
      const input = methods['connections.discoverEndpoints'].input.parse(raw);
      const saved = input.connectionId ? requireConnection(rt, input.connectionId) : null;
      const savedAcu = saved?.target.system === 'acumatica' ? saved.target : null;
      const settings: AcumaticaTargetSettings | null = input.target ?? savedAcu;
      if (!settings) throw new ConnectorError('BAD_REQUEST', 'Endpoint versions can be looked up for Acumatica targets only', { retryable: false });
      const sameSite = saved !== null && savedAcu !== null && siteBase(savedAcu) === siteBase(settings);
      const ctx = sameSite ? adapterContext({ store: rt.store, cipher: rt.cipher, fetch: rt.fetch, clock: rt.clock, logger: rt.logger }, saved, 'target', actor) : draftContext(rt);
      const adapter = createAcumaticaTarget(settings, ctx);
      try {
        return await adapter.discoverEndpoints!();
      } catch (e) {
        // The instance wants a session and we hold no credentials for this site.
        if (!sameSite && isConnectorError(e) && e.code === 'CONFIG_INVALID' && e.details?.secret) {
          throw new ConnectorError('AUTH_FAILED', 'This Acumatica instance lists its endpoint versions only after sign-in: save the connection and its password (same site URL), then click "Find versions" again', { system: 'acumatica', retryable: false });
        }
        throw e;
      }
    },
  };
}
