// Test wiring for the NetSuite adapter: a key pair made at run time (never committed), a seeded simulator
// with that certificate registered, a real AdapterContext (fetch, TestClock shared with the simulator,
// Limiter, tiny retry delays) with in-memory secrets, and plan builders in NetSuite codes.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { RetryPolicy } from '../../shared/schemas/connection';
import type { PostingPlan } from '../../shared/schemas/plan';
import { netsuiteTargetSchema, type NetSuiteTargetSettings } from '../../shared/schemas/systems/netsuite';
import { Limiter } from '../../main/core/adapters/limiter';
import { createNetSuiteTarget } from '../../main/core/adapters/netsuite/adapter';
import type { AdapterContext, AdapterNote, TargetAdapter } from '../../main/core/adapters/types';
import { createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite, type NetSuiteSeed, type NetSuiteSimOptions, type NetSuiteSimulator } from '../../main/simulators/netsuite';
import { buildPlan, planLine, recordingContext } from './adapter-context';
import { TestClock } from './concur-context';
import { MemorySecrets } from './memory-secrets';

export const NS_FAST_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 10, pauseAfterAuthFailures: 3 };

export interface KeyPair {
  privatePem: string;
  publicKey: KeyObject;
}

const pairs = new Map<string, KeyPair>();

/** A key pair per kind, made once per test process: RSA (PS256) or EC P-256 (ES256). */
export function testKeys(kind: 'rsa' | 'ec' | 'rsa-other' = 'rsa'): KeyPair {
  let p = pairs.get(kind);
  if (!p) {
    const { privateKey, publicKey } = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    p = { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey };
    pairs.set(kind, p);
  }
  return p;
}

export function netsuiteSettings(restUrl: string, overrides: Partial<NetSuiteTargetSettings> = {}): NetSuiteTargetSettings {
  return netsuiteTargetSchema.parse({ system: 'netsuite', accountId: NETSUITE_DEMO.accountId, restUrl, clientId: NETSUITE_DEMO.clientId, certificateId: NETSUITE_DEMO.certificateId, subsidiary: NETSUITE_DEMO.subsidiary, ...overrides });
}

export interface NetSuiteFixture {
  sim: NetSuiteSimulator;
  url: string;
  settings: NetSuiteTargetSettings;
  ctx: AdapterContext;
  secrets: MemorySecrets;
  notes: AdapterNote[];
  clock: TestClock;
  limiter: Limiter;
  adapter: TargetAdapter;
  /** A fresh adapter on the same context (a new run). */
  newAdapter(settings?: Partial<NetSuiteTargetSettings>): TargetAdapter;
  stop(): Promise<void>;
}

export interface NetSuiteFixtureOptions {
  settings?: Partial<NetSuiteTargetSettings>;
  seed?: NetSuiteSeed;
  sim?: NetSuiteSimOptions;
  keys?: 'rsa' | 'ec';
  /** Private key actually stored (default: the registered one). */
  storedKey?: string;
  secrets?: Record<string, string>;
  concurrency?: number;
  sleepCapMs?: number;
}

export async function startNetSuiteFixture(o: NetSuiteFixtureOptions = {}): Promise<NetSuiteFixture> {
  const clock = new TestClock(o.sleepCapMs ?? 5);
  const sim = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId, now: () => clock.epochMs(), ...o.sim });
  seedNetSuite(sim.state, o.seed);
  const keys = testKeys(o.keys ?? 'rsa');
  sim.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, keys.publicKey);
  sim.state.tbaTokens.push({ ...NETSUITE_DEMO.tba });
  const { url } = await sim.start();
  const secrets = new MemorySecrets({ privateKey: o.storedKey ?? keys.privatePem, consumerSecret: NETSUITE_DEMO.tba.consumerSecret, tokenSecret: NETSUITE_DEMO.tba.tokenSecret, ...o.secrets });
  const limiter = new Limiter(o.concurrency ?? 4);
  const { ctx, notes } = recordingContext({ clock, secrets, limiter, retry: NS_FAST_RETRY });
  const settings = netsuiteSettings(url, o.settings);
  const newAdapter = (s: Partial<NetSuiteTargetSettings> = {}) => createNetSuiteTarget({ ...settings, ...s }, ctx);
  return { sim, url, settings, ctx, secrets, notes, clock, limiter, adapter: newAdapter(), newAdapter, stop: () => sim.stop() };
}

export const nsLine = planLine;

let seq = 0;

/** A balanced expense journal in EUR: travel by department/location/class, employee liability with the employee. */
export function nsPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  seq++;
  const lines = [nsLine(1, '6100', 'debit', 18700, { dimensions: { department: '10', location: '30', class: '20' } }), nsLine(2, '6120', 'debit', 4550, { dimensions: { department: '11' } }), nsLine(3, '2010', 'credit', 23250, { partner: 'EMP0001' })];
  const defaults = { idempotencyKey: `MLC-NS${String(seq).padStart(14, '0')}`, sourceId: `FISEXP${seq}`, postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: `Trip ${seq}`, partner: 'EMP0001', lines };
  return buildPlan(defaults, overrides);
}

export function nsBillPlan(overrides: Partial<PostingPlan> = {}): PostingPlan {
  const lines = [nsLine(1, '6110', 'debit', 20000, { dimensions: { department: '10' } }), nsLine(2, '6130', 'debit', 1999, { dimensions: { location: '31' } })];
  return nsPlan({ kind: 'supplier_invoice', sourceKind: 'invoice', partner: 'V1001', invoiceNumber: 'INV-2026-00001', lines, totalMinor: 21999, ...overrides });
}
