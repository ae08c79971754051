// The demo company's simulated systems live inside the process that starts them, and starting them points the
// demo connections at that process's ports. So only a process holding the data folder's writer lease may start
// them, and it keeps the lease while they run: a second process on the same folder is told who runs the demo
// instead of restarting the systems and rewiring the connections under it.
import type { Core } from '../core/create-core';
import type { DemoSystems } from '../demo/systems';
import { DEMO_CONNECTION_ID, DEMO_CONNECTION_IDS, startDemoSystems } from '../demo/systems';

export const DEMO_ACTIVITY = "running the demo company's simulated systems for this data folder";

/** True when the data folder holds any demo connection. */
export const isDemoFolder = (core: Core): boolean => DEMO_CONNECTION_IDS.some((id) => core.runtime.store.connections.get(id));

/** A fresh folder, or one holding the primary demo connection: the app (serve, desktop) starts the demo there. */
export const wantsDemoAtStart = (core: Core): boolean => {
  const all = core.runtime.store.connections.list();
  return all.length === 0 || all.some((c) => c.id === DEMO_CONNECTION_ID);
};

export interface HeldDemo {
  systems: DemoSystems;
  /** Stops the systems (saving their ledgers), then lets the lease go. */
  stop(): Promise<void>;
}

/** Takes the writer lease (waiting the bounded time, else CONFLICT naming the holder) and starts the demo systems. */
export async function holdDemo(core: Core, dataDir: string): Promise<HeldDemo> {
  const release = await core.runtime.writer.acquire(DEMO_ACTIVITY);
  let systems: DemoSystems;
  try {
    systems = await startDemoSystems(core, dataDir);
  } catch (e) {
    release();
    throw e;
  }
  return {
    systems,
    async stop() {
      try {
        await systems.stop();
      } finally {
        release();
      }
    },
  };
}

/** Runs `job` with the demo systems up, inside the writer lease. */
export async function withDemo<T>(core: Core, dataDir: string, job: (systems: DemoSystems) => Promise<T>): Promise<T> {
  const held = await holdDemo(core, dataDir);
  try {
    return await job(held.systems);
  } finally {
    await held.stop();
  }
}
