// One connection through the real engine: a headless core on a temp data folder, the simulated Concur and
// one ERP simulator started on loopback, the connection saved with short backoffs, its secrets set and its
// mappings upserted. Everything is stopped and removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodInput } from '../../shared/contract/methods';
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Core, Handlers } from '../../main/core/create-core';
import { createHeadlessCore } from '../../main/host/headless-core';
import type { ConcurSimulator } from '../../main/simulators/concur';
import { TEST_KEY } from './world';

export interface EngineWorldSpec {
  /** Temp folder prefix (names the test in leftovers). */
  prefix: string;
  /** Created and seeded, not yet started. */
  concur: ConcurSimulator;
  target: { start(): Promise<{ url: string }>; stop(): Promise<void> };
  /** The connection for the US data center's token URL and the started ERP simulator's URL. */
  connection(concurUrl: string, targetUrl: string): ConnectionInput;
  /** Read after the connection is saved. */
  secrets(): ReadonlyArray<readonly [string, string]>;
  mappings: MethodInput<'mappings.upsert'>['rows'];
}

export interface EngineWorld {
  core: Core;
  h: Handlers;
  /** As saved (with the short backoffs). */
  conn: ConnectionInput;
  /** The data folder (for a CLI run against the same store). */
  dir: string;
}

export async function startEngineWorld(t: { after(fn: () => Promise<void>): void }, spec: EngineWorldSpec): Promise<EngineWorld> {
  const dir = mkdtempSync(join(tmpdir(), spec.prefix));
  const { urls } = await spec.concur.start();
  const { url } = await spec.target.start();
  const { core } = createHeadlessCore({ dataDir: dir, env: { MLC_SECRET_KEY: TEST_KEY } });
  t.after(async () => {
    await core.close();
    await spec.concur.stop();
    await spec.target.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const h = core.handlers('test');
  const base = spec.connection(urls.us, url);
  // Tests run fast: no long backoffs.
  const conn: ConnectionInput = { ...base, retry: { ...base.retry, baseDelayMs: 5, maxDelayMs: 50 } };
  await h['connections.save'](conn);
  for (const [name, value] of spec.secrets()) await h['connections.setSecret']({ connectionId: conn.id, name, value });
  await h['mappings.upsert']({ connectionId: conn.id, rows: spec.mappings });
  return { core, h, conn, dir };
}
