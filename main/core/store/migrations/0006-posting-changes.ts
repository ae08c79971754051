// Changes after posting: the new version of a posted document (source document + its plan) kept beside the
// posted row, which is never touched, and how the accountant resolved it (adjustment documents or accepted).
export const name = 'posting-changes';

export const up = `
CREATE TABLE posting_changes (
  id INTEGER PRIMARY KEY,
  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  change_kind TEXT NOT NULL DEFAULT 'changed' CHECK (change_kind IN ('changed', 'recalled')),
  status TEXT NOT NULL CHECK (status IN ('open', 'adjusting', 'adjusted', 'accepted')),
  before_hash TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  before_plan_json TEXT,
  before_erp_ids_json TEXT NOT NULL DEFAULT '[]',
  document_json TEXT NOT NULL,
  plan_json TEXT,
  reasons_json TEXT NOT NULL DEFAULT '[]',
  before_total_minor INTEGER,
  total_minor INTEGER,
  currency TEXT,
  mode TEXT CHECK (mode IN ('reverse', 'difference')),
  adjustments_json TEXT NOT NULL DEFAULT '[]',
  resolved_by TEXT,
  resolved_at TEXT,
  resolution_reason TEXT,
  detected_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (posting_id, seq)
);
CREATE INDEX posting_changes_status ON posting_changes (connection_id, status);
`;
