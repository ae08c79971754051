// store_meta: the database's identity and origin. A store that is new or restored may lack documents the ERP
// already holds, so the engine and the accountant are told (see audit "store" rows) rather than trusting it.
import type { Db } from './db';

export type StoreOrigin = 'new' | 'restored' | 'existing';

export interface StoreOriginInfo {
  origin: StoreOrigin;
  storeId: string;
  createdAt: string;
  restoredAt: string | null;
  restoredFrom: string | null;
  /** When the database was created where the data folder showed an earlier one (backups, key file…): what was seen. */
  missingBefore: string | null;
}

export function createMetaRepo(db: Db) {
  const get = (key: string): string | null => (db.prepare('SELECT value FROM store_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const set = (key: string, value: string): void => {
    db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  };
  return {
    get,
    set,
    origin(): StoreOriginInfo {
      const origin = get('origin');
      return {
        origin: origin === 'new' || origin === 'restored' ? origin : 'existing',
        storeId: get('store_id') ?? '',
        createdAt: get('created_at') ?? '',
        restoredAt: get('restored_at'),
        restoredFrom: get('restored_from'),
        missingBefore: get('missing_before'),
      };
    },
    /** A database created by this open: a new id (the migration made one) and origin "new". */
    markNew(at: string, missingBefore: string | null): void {
      db.transaction(() => {
        set('origin', 'new');
        set('created_at', at);
        if (missingBefore) set('missing_before', missingBefore);
      })();
    },
    markRestored(at: string, from: string): void {
      db.transaction(() => {
        set('origin', 'restored');
        set('restored_at', at);
        set('restored_from', from);
      })();
    },
  };
}
export type MetaRepo = ReturnType<typeof createMetaRepo>;
