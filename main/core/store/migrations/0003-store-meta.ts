// The store's identity (id, creation time, origin: new / restored / existing) and the data folder's writer
// lease: one row naming the process allowed to post, replay, dismiss or import, with its heartbeat.
export const name = 'store-meta-writer-lease';

export const up = `
CREATE TABLE store_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO store_meta (key, value) VALUES
  ('store_id', lower(hex(randomblob(16)))),
  ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('origin', 'existing');
CREATE TABLE writer_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  owner TEXT NOT NULL,
  activity TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);
`;
