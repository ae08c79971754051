// Update decisions around electron-updater: a generic feed per installation, a check at start and daily, the
// download in the background, the install when the app quits. A restart to update first waits until no sync
// runs (the installer stops the app, so it must never start in the middle of a post).
import type { Logger } from '../core/ports';
import type { UpdateSettings } from './update-settings';

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  setFeedURL(o: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'checking-for-update' | 'update-available' | 'update-not-available' | 'update-downloaded' | 'error', l: (arg?: unknown) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export type UpdatePhase = 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'error';

export interface UpdateDeps {
  updater: UpdaterLike;
  settings(): UpdateSettings & { problem: string | null };
  /** Only a packaged app can install an update. */
  packaged: boolean;
  logger: Logger;
  /** Resolves once no sync runs, with scheduled syncs held back until the app quits. */
  waitForIdle(): Promise<void>;
  onChange(): void;
  dayMs?: number;
}

export interface UpdateController {
  readonly phase: UpdatePhase;
  /** Why updates are off (no feed, turned off, a development build, a bad URL), or null. */
  readonly offReason: string | null;
  /** Whether the tray may offer the on/off switch: an installed app with a usable feed. */
  readonly switchable: boolean;
  /** The downloaded version, waiting for a quit. */
  readonly readyVersion: string | null;
  /** Reads the settings again and starts or stops checking (at once, then daily). */
  apply(): void;
  checkNow(): Promise<void>;
  restartToUpdate(): Promise<void>;
  stop(): void;
}

const versionOf = (info: unknown): string | null => (info && typeof (info as { version?: unknown }).version === 'string' ? (info as { version: string }).version : null);

export function createUpdateController(d: UpdateDeps): UpdateController {
  const u = d.updater;
  let phase: UpdatePhase = 'off';
  let offReason: string | null = null;
  let switchable = false;
  let readyVersion: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const set = (p: UpdatePhase) => {
    phase = p;
    d.onChange();
  };
  u.autoDownload = true;
  u.autoInstallOnAppQuit = false;
  u.logger = { info: (m: unknown) => d.logger.info(`updater: ${String(m)}`), warn: (m: unknown) => d.logger.warn(`updater: ${String(m)}`), error: (m: unknown) => d.logger.error(`updater: ${String(m)}`), debug: () => undefined };
  u.on('checking-for-update', () => set('checking'));
  u.on('update-available', (info) => {
    d.logger.info('update available, downloading in the background', { version: versionOf(info) });
    set('downloading');
  });
  u.on('update-not-available', () => set('idle'));
  u.on('update-downloaded', (info) => {
    readyVersion = versionOf(info) ?? 'new';
    d.logger.info('update downloaded; it installs when the app quits', { version: readyVersion });
    set('ready');
  });
  u.on('error', (e) => {
    d.logger.warn('update check failed; trying again tomorrow', { error: e instanceof Error ? e.message : String(e) });
    if (phase !== 'off') set(readyVersion ? 'ready' : 'error');
  });

  const checkNow = async () => {
    if (phase === 'off' || phase === 'downloading' || phase === 'ready') return;
    try {
      await u.checkForUpdates();
    } catch {
      // reported through the 'error' event
    }
  };

  function apply() {
    const s = d.settings();
    switchable = d.packaged && !!s.feedUrl && !s.problem;
    offReason = !d.packaged ? 'updates apply to the installed app only' : s.problem ?? (!s.feedUrl ? 'no update feed is set for this installation' : !s.enabled ? 'turned off' : null);
    if (offReason) {
      if (timer) clearInterval(timer);
      timer = null;
      u.autoInstallOnAppQuit = false;
      readyVersion = null;
      set('off');
      return;
    }
    u.setFeedURL({ provider: 'generic', url: s.feedUrl! });
    u.autoInstallOnAppQuit = true;
    if (timer) return;
    set(readyVersion ? 'ready' : 'idle');
    void checkNow();
    timer = setInterval(() => void checkNow(), d.dayMs ?? 24 * 60 * 60_000);
    timer.unref?.();
  }

  return {
    get phase() {
      return phase;
    },
    get offReason() {
      return offReason;
    },
    get switchable() {
      return switchable;
    },
    get readyVersion() {
      return readyVersion;
    },
    apply,
    checkNow,
    async restartToUpdate() {
      if (phase !== 'ready') return;
      await d.waitForIdle();
      d.logger.info('restarting to install the update', { version: readyVersion });
      u.quitAndInstall(false, true);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
