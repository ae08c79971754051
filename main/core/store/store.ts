// The store: one database handle and every repository, built once per core.
import type { Db } from './db';
import { openDb } from './db';
import { migrate } from './migrate';
import { createAuditRepo } from './repos/audit';
import { createConnectionRepo } from './repos/connections';
import { createCursorRepo } from './repos/cursors';
import { createMappingRepo } from './repos/mappings';
import { createPostingRepo } from './repos/postings';
import { createRateWindowRepo } from './repos/rate-windows';
import { createReferenceRepo } from './repos/reference';
import { createRunRepo } from './repos/runs';
import { createWebhookEventRepo } from './repos/webhook-events';

export function openStore(path: string, now: () => Date) {
  const db: Db = openDb(path);
  migrate(db, path);
  return {
    db,
    audit: createAuditRepo(db, now),
    connections: createConnectionRepo(db, now),
    cursors: createCursorRepo(db, now),
    mappings: createMappingRepo(db, now),
    postings: createPostingRepo(db, now),
    rateWindows: createRateWindowRepo(db),
    reference: createReferenceRepo(db, now),
    runs: createRunRepo(db),
    webhookEvents: createWebhookEventRepo(db, now),
    close: () => db.close(),
  };
}
export type Store = ReturnType<typeof openStore>;
