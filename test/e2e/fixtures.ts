// Web e2e fixture: a temp data folder per test, the demo company and the browser bridge started
// in-process on port 0, and a page already open on the app (token in the URL fragment).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from 'playwright/test';
import type { Core } from '../../main/core/create-core';
import { startServe } from '../../main/cli/serve';
import type { Serving } from '../../main/cli/serve';
import { createHeadlessCore } from '../../main/host/headless-core';
import { AppPage } from './pages/app-page';

interface Fixtures {
  serving: { core: Core; serving: Serving; dataDir: string; rpcBodies: string[] };
  app: AppPage;
}

export const test = base.extend<Fixtures>({
  serving: async ({}, use) => { // eslint-disable-line no-empty-pattern
    const dataDir = mkdtempSync(join(tmpdir(), 'mlc-e2e-'));
    const { core } = createHeadlessCore({ dataDir, env: { MLC_SECRET_KEY: 'a1'.repeat(32), MLC_TEST: '1' } });
    const serving = await startServe(core, { dataDir, out: () => undefined, err: () => undefined, scheduler: false });
    await use({ core, serving, dataDir, rpcBodies: [] });
    await serving.stop();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, serving }, use) => {
    page.on('response', async (res) => {
      if (!res.url().includes('/rpc/')) return;
      try {
        serving.rpcBodies.push(`${res.url()} ${await res.text()}`);
      } catch {
        // The page navigated away before the body was read.
      }
    });
    await page.goto(serving.serving.bridge.url);
    await use(new AppPage(page));
  },
});

export { expect } from 'playwright/test';
