// Electron main entry: boots the shell on the real Electron API and electron-updater's autoUpdater. Tests boot
// this same file in Node with an in-memory stand-in for both modules (test/helpers/electron-standin).
import { fileURLToPath } from 'node:url';
import updaterModule from 'electron-updater';
import { electron } from './electron-api';
import { bootShell } from './shell';
import type { UpdaterLike } from './updates';

export const shell = bootShell(electron, {
  argv: process.argv,
  env: process.env,
  bundleDir: fileURLToPath(new URL('.', import.meta.url)),
  loadUpdater: async () => (updaterModule as unknown as { autoUpdater: UpdaterLike }).autoUpdater,
});
shell?.catch(() => undefined); // already shown in an error box
