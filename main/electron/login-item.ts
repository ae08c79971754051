// Start at login through Electron's login item settings. The login item starts the app with --background:
// tray only, no window, so the scheduled syncs run from the moment the accountant signs in to Windows.
import type { ElectronMain } from './electron-api';

export const BACKGROUND_ARG = '--background';

/**
 * Windows finds the login item by executable path and arguments, so query and set with the same pair. The
 * installed app is its own executable; a development run is Electron given the app folder.
 */
export const loginItemOf = (e: ElectronMain) => ({ path: process.execPath, args: e.app.isPackaged ? [BACKGROUND_ARG] : [e.app.getAppPath(), BACKGROUND_ARG] });

export function startsAtLogin(e: ElectronMain): boolean {
  return e.app.getLoginItemSettings(loginItemOf(e)).openAtLogin;
}

export function setStartAtLogin(e: ElectronMain, on: boolean): void {
  e.app.setLoginItemSettings({ ...loginItemOf(e), openAtLogin: on });
}

/** Started by the login item (or by a second launch with the flag): stay in the tray. */
export const wantsBackground = (argv: readonly string[]): boolean => argv.includes(BACKGROUND_ARG);
