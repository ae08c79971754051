// First schema: connections, encrypted credentials, mappings, reference cache, outbox, audit, cursors, runs.
export const name = 'init';

export const up = `
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  config_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  paused_reason TEXT,
  auth_failures INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE credentials (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  envelope TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, name)
);

CREATE TABLE mappings (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('expense_type', 'employee')),
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  dimensions_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (connection_id, kind, source_code)
);

CREATE TABLE reference_items (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  dimension_type TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL,
  refreshed_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, kind, dimension_type, code)
);

CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'uncertain', 'posted', 'held', 'failed', 'dismissed')),
  title TEXT NOT NULL,
  party TEXT,
  total_minor INTEGER,
  currency TEXT,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  plan_json TEXT,
  document_json TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  erp_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  last_error_json TEXT,
  confirm_status TEXT NOT NULL DEFAULT 'none' CHECK (confirm_status IN ('none', 'pending', 'done')),
  changed_after_posting INTEGER NOT NULL DEFAULT 0,
  dismiss_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  posted_at TEXT,
  UNIQUE (connection_id, source_id)
);
CREATE INDEX postings_status ON postings (connection_id, status);

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  connection_id TEXT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  source_id TEXT,
  erp_id TEXT,
  idempotency_key TEXT,
  outcome TEXT NOT NULL,
  message TEXT NOT NULL,
  correlation_id TEXT
);
CREATE INDEX audit_at ON audit_events (at);
CREATE INDEX audit_source ON audit_events (source_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;

CREATE TABLE cursors (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  stream TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, stream)
);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  summary_json TEXT NOT NULL
);
CREATE INDEX runs_connection ON runs (connection_id, started_at);
`;
