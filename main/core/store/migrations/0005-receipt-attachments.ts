// Receipts to attach to posted ERP documents: their own queue, one row per (posting, receipt), so a failed
// attachment is retried on its own and never touches (or repeats) the post it belongs to.
export const name = 'receipt-attachments';

export const up = `
CREATE TABLE receipt_attachments (
  id INTEGER PRIMARY KEY,
  posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
  connection_id TEXT NOT NULL,
  receipt_id TEXT NOT NULL,
  ref_json TEXT NOT NULL,
  file_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'attaching', 'attached', 'failed', 'skipped')),
  note TEXT,
  erp_file_ref TEXT,
  bytes INTEGER,
  type TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (posting_id, receipt_id)
);
CREATE INDEX receipt_attachments_due ON receipt_attachments (connection_id, state, next_attempt_at);
`;
