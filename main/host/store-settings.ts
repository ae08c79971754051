// Data-folder settings every host reads the same way: how long a writer waits for another process's lease,
// how many daily backups are kept, and the signs (before anything is written) that the folder was used before.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface StoreSettings {
  writerWaitMs?: number;
  backupsKept?: number;
}

const positive = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return v !== undefined && v.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** MLC_WRITER_WAIT_SECONDS (default 30) and MLC_BACKUPS_KEPT (default 7). */
export function storeSettingsFromEnv(env: NodeJS.ProcessEnv): StoreSettings {
  const wait = positive(env.MLC_WRITER_WAIT_SECONDS);
  const kept = positive(env.MLC_BACKUPS_KEPT);
  return { writerWaitMs: wait === undefined ? undefined : Math.round(wait * 1000), backupsKept: kept === undefined ? undefined : Math.max(1, Math.floor(kept)) };
}

/** Files a host finds before it creates any: a key file or a log means the folder held a database before. */
export function hostTraces(dataDir: string): string[] {
  const out: string[] = [];
  if (existsSync(join(dataDir, 'secret.key'))) out.push('its secret key file');
  if (existsSync(join(dataDir, 'logs', 'ml-connector.log'))) out.push('its log');
  return out;
}
