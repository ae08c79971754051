// Webhook deliveries seen, by event id: Concur's Event Subscription Service delivers at least once.
export const name = 'webhook-events';

export const up = `
CREATE TABLE webhook_events (
  event_id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'received'
);
CREATE INDEX webhook_events_received ON webhook_events (received_at);
`;
