// Request slots of a rate window shared by every process on one data folder (Expensify allows 5 requests
// per 10 s per partner user: two CLI syncs back to back must count against the same window).
export const name = 'rate-window-slots';

export const up = `
CREATE TABLE rate_window_slots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  scope TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  answered_ms INTEGER
);
CREATE INDEX rate_window_slots_scope ON rate_window_slots (scope, started_ms);
`;
