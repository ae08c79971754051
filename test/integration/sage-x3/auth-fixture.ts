// Wiring for the X3 auth-variant and GraphQL tests: one clock shared by the adapter and the simulator
// (so tokens expire on both sides when a test moves time), the three-dimension ledger, and every kind
// of client registered with the simulator.
import type { SageX3TargetSettings } from '../../../shared/schemas/systems/sage-x3';
import { Limiter } from '../../../main/core/adapters/limiter';
import { createSageX3Target } from '../../../main/core/adapters/sage-x3/adapter';
import type { AdapterContext, AdapterNote, TargetAdapter } from '../../../main/core/adapters/types';
import type { Clock } from '../../../main/core/ports';
import { silentLogger } from '../../../main/core/ports';
import { createSageX3Simulator, type SageX3SimOptions, type SageX3Simulator } from '../../../main/simulators/sage-x3';
import { MemorySecrets } from '../../helpers/memory-secrets';
import { X3_FAST_RETRY, X3_PASSWORD, X3_SEED, X3_USER, x3Settings } from '../../helpers/x3-context';

export const OAUTH = { clientId: 'mlc-oauth', secret: 'oauth-Secret-7731' };
export const APP = { clientId: 'mlc-app', secret: 'app-Secret-0b7c55e1f2', validitySeconds: 600 };
export const SERVICES = { clientId: 'mlc-services', secret: 'svc-Secret-9d0e', code: 'pairing-code-4411' };

export const THREE_DIMENSIONS: SageX3SimOptions = {
  dimensionTypes: [{ code: 'CCT', name: 'Cost center' }, { code: 'DEP', name: 'Department' }, { code: 'PRJ', name: 'Project' }],
  costCenters: [
    { code: 'CC10' },
    { code: 'CC20' },
    { code: 'CC99', active: false },
    { code: 'D100', type: 'DEP', name: 'Sales dept' },
    { code: 'D200', type: 'DEP', name: 'Finance dept' },
    { code: 'P-ALPHA', type: 'PRJ', name: 'Project Alpha' },
    { code: 'P-OLD', type: 'PRJ', name: 'Closed project', active: false },
  ],
};

export const THREE_DIMS_SETTING = ['costCenter=CCT', 'department=DEP', 'project=PRJ'];

/** A clock tests move by hand; sleeps return at once (retries stay fast). */
export class ManualClock implements Clock {
  constructor(public ms = Date.parse('2026-11-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  async sleep(): Promise<void> {}
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface AuthWorld {
  sim: SageX3Simulator;
  url: string;
  clock: ManualClock;
  secrets: MemorySecrets;
  notes: AdapterNote[];
  settings: SageX3TargetSettings;
  adapter: TargetAdapter;
  /** A fresh adapter over the same secrets (a new sync run). */
  again(overrides?: Record<string, unknown>): TargetAdapter;
  stop(): Promise<void>;
}

export async function startAuthWorld(opts: { settings?: (url: string) => Record<string, unknown>; secrets?: Record<string, string>; sim?: SageX3SimOptions } = {}): Promise<AuthWorld> {
  const clock = new ManualClock();
  const sim = createSageX3Simulator({
    ...X3_SEED,
    ...THREE_DIMENSIONS,
    ...opts.sim,
    auth: {
      now: () => clock.ms,
      oauthClients: [{ clientId: OAUTH.clientId, secret: OAUTH.secret, user: X3_USER }],
      connectedApps: [{ clientId: APP.clientId, secret: APP.secret, user: X3_USER, validitySeconds: APP.validitySeconds }],
      servicesClients: [{ clientId: SERVICES.clientId, secret: SERVICES.secret, user: X3_USER }],
      ...opts.sim?.auth,
    },
  });
  const { url } = await sim.start();
  sim.auth.addAuthCode(SERVICES.clientId, SERVICES.code);
  const secrets = new MemorySecrets(opts.secrets ?? { password: X3_PASSWORD });
  const notes: AdapterNote[] = [];
  const ctx: AdapterContext = { fetch: globalThis.fetch, clock, logger: silentLogger, secrets, limiter: new Limiter(4), retry: X3_FAST_RETRY, note: (n) => notes.push(n) };
  const base = { dimensionTypes: THREE_DIMS_SETTING, ...opts.settings?.(url) };
  const settings = x3Settings(url, base);
  return {
    sim,
    url,
    clock,
    secrets,
    notes,
    settings,
    adapter: createSageX3Target(settings, ctx),
    again: (overrides = {}) => createSageX3Target(x3Settings(url, { ...base, ...overrides }), ctx),
    stop: () => sim.stop(),
  };
}
