// TEST ONLY: what `import 'electron'` resolves to under the stand-in hooks. Named exports are live bindings to
// the current stand-in (installElectronStandin), and the default export reads through to it, as electron-store
// destructures the default export once.
import type { ElectronStandin } from './standin';

let current: ElectronStandin['electron'] | null = null;
const get = () => {
  if (!current) throw new Error('no Electron stand-in installed');
  return current;
};
export let app: unknown, BrowserWindow: unknown, ipcMain: unknown, protocol: unknown, net: unknown, safeStorage: unknown, dialog: unknown, session: unknown, shell: unknown, Tray: unknown, Menu: unknown, nativeImage: unknown;

export function installElectronStandin(s: ElectronStandin): void {
  current = s.electron;
  ({ app, BrowserWindow, ipcMain, protocol, net, safeStorage, dialog, session, shell, Tray, Menu, nativeImage } = s.electron);
}

const facade = new Proxy({}, { get: (_t, k: string) => (get() as Record<string, unknown>)[k] });
// eslint-disable-next-line no-restricted-syntax -- mirrors the real module, whose users take its default export
export default facade;
