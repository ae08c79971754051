import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CURSOR_OVERLAP_MS, advanceCursor, advanceInvoiceCursor, datePart, formatCursor, formatPullCursor, parseConcurDate, parsePullCursor, startingCursor, startingInvoiceCursor } from '../../../main/core/adapters/concur/cursor';

test('parses both documented date formats and rejects impossible dates', () => {
  assert.equal(parseConcurDate('2025-03-04'), Date.UTC(2025, 2, 4));
  assert.equal(parseConcurDate('2025-03-04T10:11:12'), Date.UTC(2025, 2, 4, 10, 11, 12));
  assert.equal(parseConcurDate('2025-03-04T10:11:12.345'), Date.UTC(2025, 2, 4, 10, 11, 12, 345));
  assert.equal(parseConcurDate('2025-02-30'), null);
  assert.equal(parseConcurDate('2025-03-04T25:00:00'), null);
  assert.equal(parseConcurDate('soon'), null);
  assert.equal(parseConcurDate(20250304), null);
  assert.equal(datePart('2025-03-04T23:59:59'), '2025-03-04');
});

test('formats yyyy-MM-ddTHH:mm:ss.SSS and round-trips', () => {
  const t = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
  assert.equal(formatCursor(t), '2025-01-02T03:04:05.006');
  assert.equal(parseConcurDate(formatCursor(t)), t);
});

test('first pull starts at the start date minus the overlap; a stored cursor is used as is', () => {
  assert.equal(startingCursor(null, '2025-01-01'), '2024-12-31T23:59:00.000');
  assert.equal(startingCursor('2025-06-01T10:00:00.000', '2025-01-01'), '2025-06-01T10:00:00.000');
  assert.throws(() => startingCursor(null, 'not-a-date'));
});

test('advance: newest seen minus one minute, never backwards, unchanged when nothing was seen', () => {
  assert.equal(CURSOR_OVERLAP_MS, 60_000);
  const from = '2025-06-01T10:00:00.000';
  assert.equal(advanceCursor(from, Date.UTC(2025, 5, 1, 12, 30, 0)), '2025-06-01T12:29:00.000');
  assert.equal(advanceCursor(from, null), from);
  // A report only 30 s newer than the cursor must not pull the cursor back below where it was.
  assert.equal(advanceCursor(from, Date.UTC(2025, 5, 1, 10, 0, 30)), from);
  assert.equal(advanceCursor(from, Date.UTC(2025, 4, 1)), from);
});

test('combined cursor: plain timestamps stay readable, JSON carries both watermarks', () => {
  assert.deepEqual(parsePullCursor(null), { reports: null, invoices: null });
  assert.deepEqual(parsePullCursor('2025-05-10T09:00:00.000'), { reports: '2025-05-10T09:00:00.000', invoices: null });
  assert.deepEqual(parsePullCursor('{"reports":"2025-05-10T09:00:00.000","invoices":"2025-05-09"}'), { reports: '2025-05-10T09:00:00.000', invoices: '2025-05-09' });
  assert.deepEqual(parsePullCursor('{broken'), { reports: null, invoices: null });
  assert.equal(formatPullCursor({ reports: 'R', invoices: null }, false), 'R');
  assert.equal(formatPullCursor({ reports: 'R', invoices: '2025-05-09' }, true), '{"reports":"R","invoices":"2025-05-09"}');
  assert.equal(startingInvoiceCursor(null, '2025-05-10'), '2025-05-09');
  assert.equal(advanceInvoiceCursor('2025-05-09', Date.UTC(2025, 4, 20, 8)), '2025-05-19');
  assert.equal(advanceInvoiceCursor('2025-05-09', Date.UTC(2025, 4, 1)), '2025-05-09', 'never goes back');
});
