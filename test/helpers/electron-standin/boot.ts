// TEST ONLY: boots main/electron/main.ts in Node against the Electron stand-in (resolve hooks send `electron`
// and `electron-updater` to the stand-ins), on a temp data folder seeded before the boot.
import { mkdtempSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Shell } from '../../../main/electron/shell';
import { installElectronStandin } from './electron-module';
import type { ElectronStandin, StandinOptions } from './standin';
import { createElectronStandin } from './standin';
import { UpdaterStandin } from './updater';
import { installUpdaterStandin } from './updater-module';

register('./hooks.mjs', import.meta.url);

const MAIN = pathToFileURL(join(process.cwd(), 'main', 'electron', 'main.ts')).href;
let boots = 0;

export interface Booted {
  standin: ElectronStandin;
  updater: UpdaterStandin;
  shell: Shell;
  dataDir: string;
  /** Quits like the tray's Quit and waits until the shell closed its core. */
  quit(): Promise<void>;
}

export interface BootOptions extends Partial<Omit<StandinOptions, 'userData' | 'appPath'>> {
  argv?: string[];
  env?: Record<string, string>;
  /** Runs on the empty data folder before the boot (a seeded connection keeps the demo from starting). */
  seed?(dataDir: string): void | Promise<void>;
  updater?(u: UpdaterStandin): void;
}

export async function bootMain(t: { after(fn: () => unknown): void }, o: BootOptions = {}): Promise<Booted> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-shell-'));
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  await o.seed?.(dataDir);
  const standin = createElectronStandin({ ...o, userData: dataDir, appPath: process.cwd() });
  const updater = new UpdaterStandin();
  o.updater?.(updater);
  installElectronStandin(standin);
  installUpdaterStandin(updater);
  const saved = { argv: process.argv, env: { ...process.env } };
  process.argv = [process.execPath, '.', ...(o.argv ?? [])];
  Object.assign(process.env, { MLC_DATA_DIR: dataDir }, o.env ?? {});
  let shell: Shell;
  try {
    const mod = (await import(`${MAIN}?boot=${++boots}`)) as { shell: Promise<Shell> | null };
    if (!mod.shell) throw new Error('main.ts did not start a shell (single-instance lock refused)');
    shell = await mod.shell;
  } catch (e) {
    cleanUp();
    throw e;
  } finally {
    process.argv = saved.argv;
    for (const k of Object.keys(process.env)) if (!(k in saved.env)) delete process.env[k];
    Object.assign(process.env, saved.env);
  }
  const quit = async () => {
    standin.electron.app.quit();
    await shell.closed;
  };
  t.after(async () => {
    if (!standin.rec.exited) await quit();
    cleanUp();
  });
  return { standin, updater, shell, dataDir, quit };
}
