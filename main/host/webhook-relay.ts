// The optional Concur webhook relay: the mutual-TLS receiver wired to the core. A FIS "ready" event posts
// that document at once (ingestPushed); an approved-report event starts a sync of its connection (the
// v3 report API cannot fetch one report by the event's user UUID). Polling stays the safety net.
import type { Connection } from '../../shared/schemas/connection';
import type { Core } from '../core/create-core';
import { eventToDocumentRef, toPushedDocument } from '../core/webhooks/document-ref';
import type { WebhookReceiverOptions } from '../core/webhooks/receiver';
import { createWebhookReceiver } from '../core/webhooks/receiver';

export type RelayOptions = Omit<WebhookReceiverOptions, 'isDuplicate' | 'onEvent' | 'logger'>;

/** The Concur connection an event belongs to: the one connected for that company, else the only one. */
export function connectionFor(connections: readonly Connection[], companyId: string | null): Connection | null {
  const concur = connections.filter((c) => c.source.system === 'concur' && c.status === 'active');
  const byCompany = companyId ? concur.filter((c) => c.source.system === 'concur' && c.source.grant === 'authtoken' && c.source.username === companyId) : [];
  if (byCompany.length === 1) return byCompany[0]!;
  return concur.length === 1 ? concur[0]! : null;
}

export async function startWebhookRelay(core: Core, opts: RelayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const { store, logger } = core.runtime;
  const receiver = createWebhookReceiver({
    ...opts,
    logger,
    isDuplicate: (id) => core.isDuplicateEvent(id),
    onEvent: async (event) => {
      const ref = eventToDocumentRef(event);
      const pushed = toPushedDocument(ref);
      if (ref.kind === 'ignored' || !pushed) return logger.info(`webhook: ignored event ${ref.eventId}: ${ref.kind === 'ignored' ? ref.reason : ''}`);
      const conn = connectionFor(store.connections.list(), ref.companyId);
      if (!conn) return logger.warn(`webhook: no active Concur connection for company ${ref.companyId ?? '(unknown)'}; event ${ref.eventId} left to the next poll`);
      const fis = (conn.source as { mode?: string }).mode === 'fis';
      if (ref.kind === 'fis' && fis) {
        const outcome = await core.ingestPushed(conn.id, pushed, 'webhook');
        return logger.info(`webhook: event ${ref.eventId} for document ${pushed.sourceId}: ${outcome}`);
      }
      // Record the id (a redelivery is then ignored) and let a sync read what changed.
      if (!store.webhookEvents.record(pushed.eventId, conn.id, pushed.sourceId)) return;
      const run = await core.sync(conn.id, { trigger: 'webhook', actor: 'webhook' });
      store.webhookEvents.setOutcome(pushed.eventId, run.status);
      logger.info(`webhook: event ${ref.eventId} started a sync of ${conn.id}: ${run.status}`);
    },
  });
  const { url } = await receiver.start();
  return { url, stop: () => receiver.stop() };
}
