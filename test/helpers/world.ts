// A demo world for engine tests: a headless core on a temp data folder with the simulated Concur and X3.
import { join } from 'node:path';
import type { Core } from '../../main/core/create-core';
import type { DemoOptions, DemoSystems } from '../../main/demo/systems';
import { startDemoSystems } from '../../main/demo/systems';
import { createHeadlessCore } from '../../main/host/headless-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export const TEST_KEY = 'a1'.repeat(32);
export const testEnv = (): NodeJS.ProcessEnv => ({ ...process.env, MLC_SECRET_KEY: TEST_KEY });

export interface World {
  dataDir: string;
  core: Core;
  demo: DemoSystems;
  reopen(): Core;
}

export async function startWorld(t: { after(fn: () => void | Promise<void>): void }, opts: DemoOptions = {}): Promise<World> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-world-'));
  const open = () => createHeadlessCore({ dataDir, env: testEnv() }).core;
  const world: World = { dataDir, core: open(), demo: null as unknown as DemoSystems, reopen: () => (world.core = open()) };
  world.demo = await startDemoSystems(world.core, dataDir, { reports: 40, subsidiaries: false, ...opts });
  // Tests run fast: no long backoffs.
  const conn = world.core.runtime.store.connections.get(world.demo.connectionId)!;
  world.core.runtime.store.connections.save({ ...conn, retry: { ...conn.retry, baseDelayMs: 5, maxDelayMs: 50 } });
  t.after(async () => {
    await world.demo.stop();
    await world.core.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });
  return world;
}

/** Every posted row is in the ledger exactly once, under its own key, and nothing else is. */
export function ledgerMatchesOutbox(w: World): { posted: number; erp: number; duplicates: string[] } {
  const rows = w.core.runtime.store.postings.list({ connectionId: w.demo.connectionId, status: 'posted', limit: 1_000_000 });
  const duplicates = rows.filter((r) => w.demo.x3.state.findByReference(r.idempotency_key).length !== 1).map((r) => r.idempotency_key);
  return { posted: rows.length, erp: w.demo.x3.state.documentCount(), duplicates };
}

export const dbFile = (w: World) => join(w.dataDir, 'ml-connector.db');
