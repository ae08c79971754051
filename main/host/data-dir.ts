// Where a headless host keeps its data: --data-dir, else MLC_DATA_DIR, else the per-user app-data folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MLC_DATA_DIR) return env.MLC_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ml-connector');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ml-connector');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ml-connector');
}

export const dbPathIn = (dataDir: string): string => join(dataDir, 'ml-connector.db');
