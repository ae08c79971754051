import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptSettingsOf, safeFileName } from '../../../main/core/engine/receipts';
import { receiptsOf } from '../../../main/core/handlers/receipts-view';
import type { PostingRow } from '../../../main/core/store/repos/postings';
import type { ReceiptRow } from '../../../main/core/store/repos/receipts';
import type { SourceDocument } from '../../../shared/schemas/document';

test('file names the ERPs take: no path, no spaces or accents left, never empty', () => {
  assert.equal(safeFileName('concur-report-NWR00284'), 'concur-report-NWR00284');
  assert.equal(safeFileName('../../etc/passwd'), 'etc_passwd');
  assert.equal(safeFileName('Hôtel Lutetia (reçu)'), 'Hotel_Lutetia_recu');
  assert.equal(safeFileName('...'), 'receipt');
  assert.equal(safeFileName('x'.repeat(200)).length, 80);
});

test('receipts are off unless the connection turns them on; limits default to 10 MB and PDF/JPEG/PNG', () => {
  assert.equal(receiptSettingsOf({}), null);
  assert.equal(receiptSettingsOf({ receipts: { enabled: false, maxBytes: 1024, allowedTypes: ['pdf'] } }), null);
  assert.deepEqual(receiptSettingsOf({ receipts: { enabled: true } as never }), { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] });
});

test('a document lists queued receipts with their state and the others with why they wait', () => {
  const doc = { receipts: [
    { receiptId: 'report:A', kind: 'concur-image', locator: 'report/A', fileName: 'concur-report-A' },
    { receiptId: 'report:B', kind: 'concur-image', locator: 'report/B', fileName: 'concur-report-B' },
  ] } as unknown as SourceDocument;
  const queued = [{ receipt_id: 'report:A', file_name: 'concur-report-A', state: 'attaching', note: null, erp_file_ref: null, bytes: 10, type: 'pdf', attempts: 1, next_attempt_at: null, updated_at: 't' }] as unknown as ReceiptRow[];
  const held = { status: 'held', updated_at: 'u' } as PostingRow;
  const out = receiptsOf(held, doc, queued, true);
  assert.deepEqual(out.map((r) => [r.receiptId, r.state, r.note]), [['report:A', 'pending', null], ['report:B', 'pending', 'Waits for the document to post']]);
  assert.equal(receiptsOf({ ...held, status: 'posted' }, doc, [], true)[0]!.note, 'Queued with the next sync');
  assert.deepEqual(receiptsOf(held, doc, [], false).map((r) => r.state), ['skipped', 'skipped']);
});
