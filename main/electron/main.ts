// Electron main process: builds the core with safeStorage secrets, opens the hardened window, wires IPC
// and the scheduler. electron-store keeps UI preferences only (window size, the weak-key-store consent).
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Store from 'electron-store';
import { createCore } from '../core/create-core';
import type { Core } from '../core/create-core';
import { dbPathIn } from '../host/data-dir';
import { holdDemo, wantsDemoAtStart } from '../host/demo-host';
import { hostTraces, storeSettingsFromEnv } from '../host/store-settings';
import { createFileLogger } from '../host/file-logger';
import { electron } from './electron-api';
import type { BrowserWindowLike } from './electron-api';
import { registerIpc } from './ipc';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createMainWindow, hardenSession, registerAppScheme, serveRenderer } from './window';

interface Prefs {
  bounds: { width: number; height: number; x?: number; y?: number };
  weakKeyStoreConsent: boolean;
}

const { app, dialog } = electron;
const here = fileURLToPath(new URL('.', import.meta.url));

registerAppScheme(electron);
if (!app.requestSingleInstanceLock()) app.quit();
else void start().catch((e: unknown) => {
  dialog.showErrorBox('ml-connector could not start', e instanceof Error ? e.message : String(e));
  app.quit();
});

async function start(): Promise<void> {
  app.setAppUserModelId('com.mlconnector.desktop');
  // MLC_DATA_DIR is for tests and development only; a packaged app always uses its per-user folder.
  const dataDir = !app.isPackaged && process.env.MLC_DATA_DIR ? process.env.MLC_DATA_DIR : app.getPath('userData');
  await app.whenReady();
  hardenSession(electron);
  serveRenderer(electron, join(here, '..', 'renderer'));
  const prefs = new Store<Prefs>({ name: 'preferences', defaults: { bounds: { width: 1280, height: 800 }, weakKeyStoreConsent: false } });
  const storeTraces = hostTraces(dataDir);
  const logger = createFileLogger(join(dataDir, 'logs', 'ml-connector.log'));
  const core: Core = createCore({
    dbPath: dbPathIn(dataDir),
    cipher: createSafeStorageCipher(electron, { get: () => prefs.get('weakKeyStoreConsent'), set: (v) => prefs.set('weakKeyStoreConsent', v) }),
    logger,
    owner: 'the desktop app',
    storeTraces,
    ...storeSettingsFromEnv(process.env),
  });
  if (core.runtime.store.notice) dialog.showErrorBox('ml-connector: the database was missing', core.runtime.store.notice);
  // The demo's systems run inside the app, so it holds the data folder's writer lease while they run.
  const demo = wantsDemoAtStart(core) ? await holdDemo(core, dataDir) : null;

  let win: BrowserWindowLike | null = null;
  const unsubscribe = registerIpc(electron, core, { trusted: () => win?.webContents ?? null, actor: safeUser(), logger });
  const open = () => {
    win = createMainWindow(electron, join(here, 'preload.cjs'), prefs.get('bounds'));
    const w = win;
    w.on('close', () => prefs.set('bounds', w.getBounds()));
  };
  open();
  core.startScheduler();
  app.on('second-instance', () => win?.show());
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (...args: unknown[]) => {
    if (closing) return;
    closing = true;
    (args[0] as { preventDefault(): void }).preventDefault();
    unsubscribe();
    void Promise.allSettled([demo?.stop(), core.close()]).then(() => app.quit());
  });
}

function safeUser(): string {
  try {
    return userInfo().username || 'desktop';
  } catch {
    return 'desktop';
  }
}
