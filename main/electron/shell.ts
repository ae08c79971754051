// The desktop shell: builds the core with safeStorage secrets, opens the hardened window, and keeps running in
// the tray when it closes (scheduled syncs go on). Start at login, updates and quitting all wait for syncs:
// nothing here ever stops a sync half-way. electron-store keeps UI preferences only.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Store from 'electron-store';
import { createCore } from '../core/create-core';
import type { Core } from '../core/create-core';
import { dispatch } from '../core/dispatch';
import { dbPathIn } from '../host/data-dir';
import { holdDemo, wantsDemoAtStart } from '../host/demo-host';
import { createFileLogger } from '../host/file-logger';
import { makeDataFolderPrivate } from '../host/private-data';
import { hostTraces, storeSettingsFromEnv } from '../host/store-settings';
import { rebindSecrets } from '../core/secrets/secret-store';
import type { ConnectionState } from '../../shared/schemas/run';
import type { BackgroundScheduler } from './background';
import { createBackgroundScheduler } from './background';
import { createDesktopNotifier } from './desktop-notices';
import type { BrowserWindowLike, ElectronMain } from './electron-api';
import { registerIpc } from './ipc';
import { setStartAtLogin, startsAtLogin, wantsBackground } from './login-item';
import { createSafeStorageCipher } from './safe-storage-cipher';
import type { AppTray } from './tray';
import { createAppTray } from './tray';
import type { TrayStatus } from './tray-state';
import { trayStatusOf } from './tray-state';
import { readUpdateSettings, writeUpdateSettings } from './update-settings';
import type { UpdateController, UpdaterLike } from './updates';
import { createUpdateController } from './updates';
import { createMainWindow, hardenSession, registerAppScheme, serveRenderer } from './window';

interface Prefs {
  bounds: { width: number; height: number; x?: number; y?: number };
  weakKeyStoreConsent: boolean;
  schedulesPaused: boolean;
  trayHintShown: boolean;
  desktopNotifications: boolean;
}

export interface ShellDeps {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The folder holding main.mjs and preload.cjs. */
  bundleDir: string;
  loadUpdater(): Promise<UpdaterLike>;
}

export interface Shell {
  core: Core;
  dataDir: string;
  tray: AppTray;
  scheduler: BackgroundScheduler;
  updates: UpdateController;
  window(): BrowserWindowLike | null;
  open(): void;
  /** Re-reads the core's state into the tray (events do this on their own). */
  refresh(): Promise<TrayStatus | null>;
  /** Resolves once a quit has finished its running syncs and closed the core. */
  closed: Promise<void>;
}

/** Starts the shell, or returns null when another instance runs (that one is shown instead). */
export function bootShell(e: ElectronMain, deps: ShellDeps): Promise<Shell> | null {
  registerAppScheme(e);
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return null;
  }
  return start(e, deps).catch((err: unknown) => {
    e.dialog.showErrorBox('ml-connector could not start', err instanceof Error ? err.message : String(err));
    e.app.quit();
    throw err;
  });
}

async function start(e: ElectronMain, deps: ShellDeps): Promise<Shell> {
  const { app } = e;
  app.setAppUserModelId('com.mlconnector.desktop');
  // MLC_DATA_DIR is for tests and development only; a packaged app always uses its per-user folder, the same
  // folder the CLI uses by default, so a scheduled CLI and the app share one database.
  const dataDir = !app.isPackaged && deps.env.MLC_DATA_DIR ? deps.env.MLC_DATA_DIR : app.getPath('userData');
  await app.whenReady();
  hardenSession(e);
  serveRenderer(e, join(deps.bundleDir, '..', 'renderer'));
  const prefs = new Store<Prefs>({ name: 'preferences', cwd: dataDir, defaults: { bounds: { width: 1280, height: 800 }, weakKeyStoreConsent: false, schedulesPaused: false, trayHintShown: false, desktopNotifications: true } });
  // The data folder is the user's alone (700/600 on POSIX; on Windows the profile's ACLs, warned otherwise).
  const privacy = makeDataFolderPrivate(dataDir, process.platform, deps.env);
  // Looked at before this run creates the log or the database (a missing database must be noticed).
  const storeTraces = hostTraces(dataDir);
  const logger = createFileLogger(join(dataDir, 'logs', 'ml-connector.log'));
  const core = createCore({
    dbPath: dbPathIn(dataDir),
    cipher: createSafeStorageCipher(e, { get: () => prefs.get('weakKeyStoreConsent'), set: (v) => prefs.set('weakKeyStoreConsent', v) }),
    logger,
    owner: 'the desktop app',
    storeTraces,
    ...storeSettingsFromEnv(deps.env),
  });
  if (privacy.warning) logger.warn(privacy.warning);
  if (core.runtime.store.notice) e.dialog.showErrorBox('ml-connector: the database was missing', core.runtime.store.notice);
  // Envelopes from before secrets were bound to their connection and name are re-sealed once.
  await rebindSecrets(core.runtime.store, core.runtime.cipher);
  // The demo's systems run inside the app, so it holds the data folder's writer lease while they run.
  const demo = wantsDemoAtStart(core) ? await holdDemo(core, dataDir) : null;
  const actor = safeUser();

  let win: BrowserWindowLike | null = null;
  const unsubscribeIpc = registerIpc(e, core, { trusted: () => win?.webContents ?? null, actor, logger });
  const open = () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return;
    }
    const w = createMainWindow(e, join(deps.bundleDir, 'preload.cjs'), prefs.get('bounds'));
    win = w;
    w.on('close', () => prefs.set('bounds', w.getBounds()));
    w.on('closed', () => {
      if (win === w) win = null;
      if (!quitting && !prefs.get('trayHintShown')) {
        prefs.set('trayHintShown', true);
        tray.balloon('ml-connector is still running', 'Scheduled syncs go on in the background. Open or quit it from this icon.');
      }
    });
  };

  const scheduler = createBackgroundScheduler(core, { paused: prefs.get('schedulesPaused'), logger, onPausedChange: (p) => prefs.set('schedulesPaused', p) });
  // Before a restart to update: no new scheduled sync, and the running ones finish.
  const waitForIdle = async () => {
    scheduler.stop();
    while (core.runtime.running.size > 0) await Promise.allSettled([...core.runtime.running.values()]);
  };
  const updates = createUpdateController({ updater: await deps.loadUpdater(), settings: () => readUpdateSettings(dataDir, deps.env), packaged: app.isPackaged, logger, waitForIdle, onChange: () => void refresh() });

  let quitting = false;
  let last: TrayStatus | null = null;
  let refreshing: Promise<TrayStatus | null> | null = null;
  let again = false;
  const render = (states: ConnectionState[]) => {
    last = trayStatusOf(states, { schedulesPaused: scheduler.paused, updateReady: updates.readyVersion, quitting });
    tray.render({ status: last, schedulesPaused: scheduler.paused, startAtLogin: startsAtLogin(e), autoUpdate: updates.switchable ? { on: updates.phase !== 'off' } : null, updateReady: updates.readyVersion, notifications: prefs.get('desktopNotifications') });
    return last;
  };
  // One read at a time; a request during a read runs once more after it.
  const refresh = async (): Promise<TrayStatus | null> => {
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      let status: TrayStatus | null = null;
      do {
        again = false;
        if (quitting && core.runtime.running.size === 0) break;
        const res = await dispatch(core, 'connections.states', {}, actor, logger);
        if (res.ok) status = render(res.data as ConnectionState[]);
      } while (again);
      return status;
    })().finally(() => (refreshing = null));
    return refreshing;
  };

  const tray = createAppTray(e, join(app.getAppPath(), 'main', 'electron', 'tray-icons'), {
    open,
    // "Sync now" is the contract's sync.run for every active connection, exactly as the window calls it.
    syncNow: () => {
      for (const id of last?.activeIds ?? []) void dispatch(core, 'sync.run', { connectionId: id }, actor, logger).then(() => refresh());
      void refresh();
    },
    setPaused: (p) => {
      scheduler.setPaused(p);
      void refresh();
    },
    setStartAtLogin: (on) => {
      setStartAtLogin(e, on);
      void refresh();
    },
    setAutoUpdate: (on) => {
      writeUpdateSettings(dataDir, { enabled: on });
      updates.apply();
      void refresh();
    },
    restartToUpdate: () => void updates.restartToUpdate(),
    quit: () => app.quit(),
    setNotifications: (on) => {
      prefs.set('desktopNotifications', on);
      void refresh();
    },
  });
  // Desktop notifications (optional, on by default in the app): a click brings the window up.
  const notifier = createDesktopNotifier(e.Notification, {
    enabled: () => prefs.get('desktopNotifications'),
    now: () => Date.now(),
    onClick: () => open(),
    onError: (err) => logger.warn('a desktop notification could not be shown', { error: err instanceof Error ? err.message : String(err) }),
  });
  const unsubscribeNotices = core.subscribe((ev) => notifier.onEvent(ev));
  const unsubscribeTray = core.subscribe((ev) => {
    if (ev.type !== 'run.progress' || !last?.anyRunning) void refresh();
  });
  const poll = setInterval(() => void refresh(), 60_000); // the CLI may write to the same database
  poll.unref?.();

  app.on('second-instance', (...args: unknown[]) => {
    if (!wantsBackground((args[1] as string[] | undefined) ?? [])) open();
  });
  // Closing the window leaves the app in the tray; only Quit (or Windows signing out) ends it.
  app.on('window-all-closed', () => undefined);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  app.on('will-quit', (...args: unknown[]) => {
    if (quitting) return;
    quitting = true;
    (args[0] as { preventDefault(): void }).preventDefault();
    scheduler.stop();
    updates.stop();
    if (core.runtime.running.size > 0) {
      logger.info('quit requested during a sync: finishing it first');
      void refresh();
    }
    if (win && !win.isDestroyed()) win.close();
    void (async () => {
      await core.close().catch((err: unknown) => logger.error('closing the core failed', { error: String(err) }));
      await demo?.stop().catch(() => undefined);
      clearInterval(poll);
      unsubscribeTray();
      unsubscribeNotices();
      unsubscribeIpc();
      tray.destroy();
      resolveClosed();
      app.quit();
    })();
  });

  if (!wantsBackground(deps.argv)) open();
  scheduler.start();
  updates.apply();
  await refresh();
  return { core, dataDir, tray, scheduler, updates, window: () => win, open, refresh, closed };
}

function safeUser(): string {
  try {
    return userInfo().username || 'desktop';
  } catch {
    return 'desktop';
  }
}
