// Webhook event ids already received, so a redelivered event is acknowledged but never processed twice.
import type { Db } from '../db';

export function createWebhookEventRepo(db: Db, now: () => Date) {
  const insert = db.prepare('INSERT OR IGNORE INTO webhook_events (event_id, connection_id, source_id, received_at) VALUES (?, ?, ?, ?)');
  const seen = db.prepare('SELECT 1 FROM webhook_events WHERE event_id = ?');
  const outcome = db.prepare('UPDATE webhook_events SET outcome = ? WHERE event_id = ?');
  return {
    has: (eventId: string): boolean => seen.get(eventId) !== undefined,
    /** Records the event; false when it was already there (a duplicate delivery). */
    record: (eventId: string, connectionId: string, sourceId: string): boolean => insert.run(eventId, connectionId, sourceId, now().toISOString()).changes === 1,
    setOutcome: (eventId: string, value: string): void => void outcome.run(value, eventId),
  };
}
export type WebhookEventRepo = ReturnType<typeof createWebhookEventRepo>;
