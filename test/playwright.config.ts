// Playwright: web e2e in Debian's Chromium through the browser bridge (no browser download), plus a small
// Electron smoke test that runs only where the Electron binary exists.
import { existsSync } from 'node:fs';
import { defineConfig } from 'playwright/test';
import { electronBinary } from './e2e/electron-binary';

process.env.MLC_TEST = '1';
const chromium = process.env.MLC_CHROMIUM ?? '/usr/bin/chromium';
const electron = electronBinary();
if (!electron.path && process.env.TEST_WORKER_INDEX === undefined) console.log(`[e2e] Electron smoke test skipped: ${electron.reason}`);

// eslint-disable-next-line no-restricted-syntax -- Playwright reads its configuration from the default export
export default defineConfig({
  testDir: './e2e',
  outputDir: '../test-results/playwright',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : Math.min(2, Number(process.env.MLC_E2E_WORKERS ?? 2)),
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: { trace: 'on-first-retry', viewport: { width: 1280, height: 800 } },
  projects: [
    {
      name: 'web',
      testMatch: /web\/.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: existsSync(chromium) ? chromium : undefined,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
        },
      },
    },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
  ],
});
