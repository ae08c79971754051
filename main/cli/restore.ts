// `ml-connector restore <file>`: runs without a core, since the database it replaces may be damaged or missing.
import { isConnectorError } from '../core/errors';
import { dbPathIn } from '../host/data-dir';
import { storeSettingsFromEnv } from '../host/store-settings';
import { RESTORED_NOTICE, RestoreError, restoreStore } from '../core/store/restore';

export interface RestoreCliOptions {
  out: (s: string) => void;
  err: (s: string) => void;
  owner: string;
  env?: NodeJS.ProcessEnv;
}

export async function runRestore(dataDir: string, file: string | undefined, o: RestoreCliOptions): Promise<number> {
  if (!file) {
    o.err('usage: ml-connector restore <backup-file>   (automatic backups are in <data-dir>/backups)');
    return 2;
  }
  try {
    const r = await restoreStore(dbPathIn(dataDir), file, { owner: o.owner, waitMs: storeSettingsFromEnv(o.env ?? process.env).writerWaitMs });
    o.out(`Restored ${r.restoredFrom} into ${dbPathIn(dataDir)}.${r.previous ? ` The database it replaced was kept as ${r.previous}.` : ''}`);
    o.out(`${RESTORED_NOTICE}.`);
    return 0;
  } catch (e) {
    if (e instanceof RestoreError || isConnectorError(e)) {
      o.err(`Error: ${e.message}`);
      return 1;
    }
    o.err(`Cannot restore into ${dataDir}: ${(e as Error).message}`);
    return 1;
  }
}
