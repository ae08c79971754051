// store.*: the database's origin, the writer lease's holder and backups on demand (into the backups folder only:
// the contract never takes a path to write to).
import { join } from 'node:path';
import type { MethodOutput } from '../../../shared/contract/methods';
import type { Runtime } from '../runtime';
import { backupDirOf, backupTo, listBackups } from '../store/backups';

export function storeHandlers(rt: Runtime) {
  const { store } = rt;
  return {
    'store.info': async (): Promise<MethodOutput<'store.info'>> => ({ ...store.meta.origin(), writer: rt.writer.holder(), backups: listBackups(store.path) }),
    // An online backup is consistent without the writer lease: readers and the writer carry on meanwhile.
    'store.backup': async (): Promise<MethodOutput<'store.backup'>> =>
      backupTo(store.db, join(backupDirOf(store.path), `manual-${rt.clock.now().toISOString().replace(/[:.]/g, '-')}.db`)),
  };
}
