// Electron smoke test: launches the built app where the Electron binary exists (skipped with the reason
// elsewhere), checks window.mlc is exactly the contract surface and that navigation is blocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from 'playwright/test';
import { METHOD_NAMES } from '../../../shared/contract/names';
import { electronBinary } from '../electron-binary';
import type { BrowserGlobals } from '../browser-globals';

const bin = electronBinary();

test('desktop app starts, exposes exactly the contract, and blocks navigation', async () => {
  test.skip(!bin.path, `Electron binary not available: ${bin.reason}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-electron-'));
  const app = await _electron.launch({ executablePath: bin.path!, args: ['.'], env: { ...process.env, MLC_DATA_DIR: dataDir } });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const keys = await win.evaluate(() => Object.keys((globalThis as unknown as BrowserGlobals).mlc).sort());
    expect(keys).toEqual([...METHOD_NAMES, 'onEvent'].sort());
    expect(await win.evaluate(() => typeof (globalThis as unknown as BrowserGlobals).require)).toBe('undefined');
    await win.evaluate(() => ((globalThis as unknown as BrowserGlobals).location.href = 'https://example.com/'));
    await win.waitForTimeout(500);
    expect(win.url()).toMatch(/^app:\/\/mlc\//);
    const list = await win.evaluate(() => (globalThis as unknown as BrowserGlobals).mlc['connections.list']({}));
    expect(list.ok).toBe(true);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
