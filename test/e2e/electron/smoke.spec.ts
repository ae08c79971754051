// Electron smoke test: launches the built app where the Electron binary exists (skipped with the reason
// elsewhere), checks window.mlc is exactly the contract surface, that navigation is blocked, and that closing
// the window keeps the app running in the tray.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from 'playwright/test';
import { METHOD_NAMES } from '../../../shared/contract/names';
import { electronBinary } from '../electron-binary';
import type { BrowserGlobals } from '../browser-globals';

const bin = electronBinary();

test('desktop app starts, exposes exactly the contract, blocks navigation, and stays in the tray when closed', async () => {
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
    // Closing the window leaves the app in the tray; launching it again opens a window.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    const reopened = app.waitForEvent('window');
    await app.evaluate(({ app: a }) => void a.emit('second-instance', {}, [process.execPath], process.cwd()));
    await expect((await reopened).getByRole('navigation', { name: 'Main' })).toBeVisible();
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
