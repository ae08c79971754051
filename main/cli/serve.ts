// `ml-connector serve`: the desktop app's screens in a browser, over the loopback bridge. On a fresh data
// folder (or one holding the demo connections) it also starts the demo company's simulated systems.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Core } from '../core/create-core';
import { startBridge } from '../server/bridge-server';
import type { Bridge } from '../server/bridge-server';
import type { HeldDemo } from '../host/demo-host';
import type { DemoSystems } from '../demo/systems';
import { holdDemo, wantsDemoAtStart } from '../host/demo-host';

type Out = (s: string) => void;

export interface ServeOptions {
  dataDir: string;
  port?: number;
  out: Out;
  err: Out;
  /** Run scheduled syncs (default true; tests turn it off so only "Sync now" syncs). */
  scheduler?: boolean;
  /** Start the demo company when the data folder is fresh or holds it (default true). */
  demo?: boolean;
}

export interface Serving {
  bridge: Bridge;
  demoConnectionId: string | null;
  /** The demo company's running simulators (tests act in them as a user of Concur would). */
  demo: DemoSystems | null;
  stop(): Promise<void>;
}

/** Where the built screens are: next to the bundled CLI (dist/renderer), or dist/renderer from the sources. */
export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.MLC_RENDERER_DIR, fileURLToPath(new URL('./renderer', import.meta.url)), fileURLToPath(new URL('../../dist/renderer', import.meta.url))];
  return candidates.find((d): d is string => !!d && existsSync(`${d}/index.html`)) ?? null;
}

export async function startServe(core: Core, o: ServeOptions): Promise<Serving> {
  const rendererDir = findRendererDir();
  if (!rendererDir) throw new Error('The app screens are not built yet. Run "npm run build:renderer" (or "npm run build") first.');
  // The demo's systems run inside this process, so it holds the writer lease while it serves them.
  const demo: HeldDemo | null = (o.demo ?? true) && wantsDemoAtStart(core) ? await holdDemo(core, o.dataDir) : null;
  let bridge: Bridge;
  try {
    bridge = await startBridge({ core, rendererDir, port: o.port ?? 0, actor: safeUserName(), logger: core.runtime.logger });
  } catch (e) {
    await demo?.stop();
    throw e;
  }
  if (o.scheduler ?? true) core.startScheduler();
  return {
    bridge,
    demoConnectionId: demo?.systems.connectionId ?? null,
    demo: demo?.systems ?? null,
    async stop() {
      await bridge.close();
      await demo?.stop();
    },
  };
}

/** Serves until SIGINT/SIGTERM; returns the exit code. */
export async function runServe(core: Core, o: ServeOptions): Promise<number> {
  let serving: Serving;
  try {
    serving = await startServe(core, o);
  } catch (e) {
    const m = (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `Port ${o.port} is already in use; pick another with --port, or omit it.` : (e as Error).message;
    o.err(`Cannot start the browser bridge: ${m}`);
    return 1;
  }
  if (serving.demoConnectionId) o.out('Demo company: Northwind Consulting (simulated Concur, Expensify, Sage X3, Sage Intacct, Acumatica and NetSuite on this computer).');
  o.out(`ml-connector is running at ${serving.bridge.url}`);
  o.out('Open that address in your browser (it holds this session\'s access token). Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
  o.out('Stopping…');
  await serving.stop();
  return 0;
}

function safeUserName(): string {
  try {
    return userInfo().username || 'browser';
  } catch {
    return 'browser';
  }
}
