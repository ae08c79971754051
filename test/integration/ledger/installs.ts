// Several installs of the product against ONE set of simulated systems (the demo company's Concur, Expensify,
// Sage X3, Sage Intacct, Acumatica and NetSuite): each install is a headless core on its own data folder with the
// demo connections saved into it, as a new PC, a reinstall or a colleague's install would have them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../main/core/create-core';
import type { DemoSimulators } from '../../../main/demo/systems';
import { NETSUITE_CONNECTION_ID } from '../../../main/demo/netsuite-company';
import { configureDemoConnection, DEMO_CONNECTION_IDS, startDemoSimulators } from '../../../main/demo/systems';
import { createHeadlessCore } from '../../../main/host/headless-core';
import type { RunSummary } from '../../../shared/schemas/run';
import { testEnv } from '../../helpers/world';

export interface Install {
  dataDir: string;
  core: Core;
}

export interface Installs {
  sims: DemoSimulators;
  /** Documents the four simulated ledgers hold. */
  erpCount(): number;
  /** A new install: an empty data folder with the demo connections (all mappings fixed). */
  install(): Promise<Install>;
  /** Opens a core on an existing folder (a copy, or one whose database was deleted) and saves the connections. */
  open(dataDir: string): Promise<Install>;
  /** Closes the install and copies its folder: a backup taken at this moment. */
  snapshot(i: Install): Promise<string>;
  syncAll(i: Install): Promise<RunSummary[]>;
}

export async function startInstalls(t: { after(fn: () => Promise<void>): void }, reports = 40): Promise<Installs> {
  const simDir = mkdtempSync(join(tmpdir(), 'mlc-ledger-sims-'));
  const sims = await startDemoSimulators(simDir, { reports });
  const folders: string[] = [simDir];
  const cores: Core[] = [];
  t.after(async () => {
    for (const c of cores) await c.close().catch(() => undefined);
    await sims.stop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });
  // The NetSuite integration record trusts one certificate: every install signs with the first one's key.
  let first: { envelope: string | null; publicPem: string } | null = null;
  const open = async (dataDir: string): Promise<Install> => {
    const { core } = createHeadlessCore({ dataDir, env: testEnv() });
    cores.push(core);
    await configureDemoConnection(core, sims.urls, { reports, allMapped: true });
    const store = core.runtime.store;
    const ns = sims.urls.netsuite!;
    if (!first) first = { envelope: store.connections.getSecretEnvelope(NETSUITE_CONNECTION_ID, 'target.privateKey'), publicPem: readFileSync(ns.publicKeyFile, 'utf8') };
    else {
      if (first.envelope) store.connections.putSecretEnvelope(NETSUITE_CONNECTION_ID, 'target.privateKey', first.envelope);
      writeFileSync(ns.publicKeyFile, first.publicPem);
      ns.trust(first.publicPem);
    }
    for (const id of DEMO_CONNECTION_IDS) {
      const conn = store.connections.get(id);
      if (conn) store.connections.save({ ...conn, retry: { ...conn.retry, baseDelayMs: 5, maxDelayMs: 50 } });
    }
    return { dataDir, core };
  };
  return {
    sims,
    erpCount: () => sims.x3.state.documentCount() + (sims.intacct?.state.recordCount() ?? 0) + (sims.acumatica?.state.recordCount() ?? 0) + (sims.netsuite?.state.recordCount() ?? 0),
    open,
    async install() {
      const dir = mkdtempSync(join(tmpdir(), 'mlc-ledger-install-'));
      folders.push(dir);
      return open(dir);
    },
    async snapshot(i) {
      await i.core.close();
      const copy = mkdtempSync(join(tmpdir(), 'mlc-ledger-copy-'));
      folders.push(copy);
      cpSync(i.dataDir, copy, { recursive: true });
      return copy;
    },
    async syncAll(i) {
      const runs: RunSummary[] = [];
      for (const id of DEMO_CONNECTION_IDS) runs.push(await i.core.sync(id, { actor: 'test', trigger: 'manual' }));
      return runs;
    },
  };
}

export const sum = (runs: RunSummary[], field: 'posted' | 'linked' | 'held' | 'failed' | 'recovered'): number => runs.reduce((n, r) => n + r[field], 0);
