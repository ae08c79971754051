// Tax-code mappings (source tax code or rate -> ERP tax code): the mappings table's kind check learns
// 'tax_code'. SQLite cannot alter a CHECK constraint, so the table is rebuilt with its rows copied as they are;
// nothing references mappings, so dropping the old table cascades nowhere.
export const name = 'tax-code-mappings';

export const up = `
CREATE TABLE mappings_v7 (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('expense_type', 'employee', 'tax_code')),
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL DEFAULT '',
  target TEXT NOT NULL DEFAULT '',
  dimensions_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (connection_id, kind, source_code)
);
INSERT INTO mappings_v7 (connection_id, kind, source_code, source_name, target, dimensions_json, updated_at, updated_by)
  SELECT connection_id, kind, source_code, source_name, target, dimensions_json, updated_at, updated_by FROM mappings;
DROP TABLE mappings;
ALTER TABLE mappings_v7 RENAME TO mappings;
`;
