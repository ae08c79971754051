// The store: one database handle and every repository, built once per core. Opening checks the file (see
// open-checked.ts) and records a database created now as "new" in store_meta and the audit trail.
import type { Db } from './db';
import { openChecked } from './open-checked';
import { createMetaRepo } from './meta';
import { createAuditRepo } from './repos/audit';
import { createChangeRepo } from './repos/changes';
import { createConnectionRepo } from './repos/connections';
import { createCursorRepo } from './repos/cursors';
import { createMappingRepo } from './repos/mappings';
import { createPostingRepo } from './repos/postings';
import { createRateWindowRepo } from './repos/rate-windows';
import { createReceiptRepo } from './repos/receipts';
import { createReferenceRepo } from './repos/reference';
import { createRunRepo } from './repos/runs';
import { createWebhookEventRepo } from './repos/webhook-events';

export interface OpenStoreOptions {
  /** Signs the host saw, before it wrote anything, that this data folder was used before (e.g. its key file). */
  traces?: string[];
}

export const NEW_STORE_NOTICE = "This data folder's database is new: every document will be looked up in the ERP before it is posted";

export function openStore(path: string, now: () => Date, opts: OpenStoreOptions = {}) {
  const opened = openChecked(path, opts.traces);
  const db: Db = opened.db;
  const meta = createMetaRepo(db);
  const audit = createAuditRepo(db, now);
  let notice: string | null = null;
  if (opened.created) {
    const missing = opened.traces.length ? opened.traces.join(', ') : null;
    meta.markNew(now().toISOString(), missing);
    notice = missing
      ? `The database ${path} was missing although this data folder was used before (found ${missing}); a new, empty one was created. If documents were posted from here, restore the latest backup with "npx ml-connector restore <file>". ${NEW_STORE_NOTICE}.`
      : null;
    audit.append({ connectionId: null, actor: 'system', action: 'store', outcome: missing ? 'missing' : 'new', message: notice ?? `${NEW_STORE_NOTICE}.` });
  }
  return {
    db,
    path,
    meta,
    /** Set when this open replaced a database that had gone missing: hosts say it loudly. */
    notice,
    audit,
    connections: createConnectionRepo(db, now),
    cursors: createCursorRepo(db, now),
    mappings: createMappingRepo(db, now),
    postings: createPostingRepo(db, now),
    rateWindows: createRateWindowRepo(db),
    reference: createReferenceRepo(db, now),
    runs: createRunRepo(db),
    webhookEvents: createWebhookEventRepo(db, now),
    changes: createChangeRepo(db, now),
    receipts: createReceiptRepo(db, now),
    close: () => db.close(),
  };
}
export type Store = ReturnType<typeof openStore>;
