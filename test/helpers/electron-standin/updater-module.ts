// TEST ONLY: what `import 'electron-updater'` resolves to under the stand-in hooks.
import type { UpdaterStandin } from './updater';

let current: UpdaterStandin | null = null;
export function installUpdaterStandin(u: UpdaterStandin): void {
  current = u;
}
const facade = {
  get autoUpdater() {
    if (!current) throw new Error('no updater stand-in installed');
    return current;
  },
};
// eslint-disable-next-line no-restricted-syntax -- mirrors the real module, whose users take its default export
export default facade;
