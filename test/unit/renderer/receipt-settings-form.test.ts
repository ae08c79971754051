import { test } from 'node:test';
import assert from 'node:assert/strict';
import { receiptFormOf, receiptFormProblems, receiptSettingsOf } from '../../../renderer/features/connections/receipt-settings-form';
import { receiptSettingsSchema } from '../../../shared/schemas/receipt';

test('receipt form: stored bytes shown in MB, saved back in bytes within the schema, types in a fixed order', () => {
  const f = receiptFormOf({ enabled: true, maxBytes: 5 * 1024 * 1024, allowedTypes: ['png', 'pdf'] });
  assert.deepEqual(f, { enabled: true, maxMb: '5', types: ['png', 'pdf'] });
  assert.deepEqual(receiptFormOf(undefined), { enabled: false, maxMb: '10', types: ['pdf', 'jpeg', 'png'] });
  const s = receiptSettingsOf({ ...f, maxMb: '2,5', types: ['tiff', 'pdf'] });
  assert.deepEqual(s, { enabled: true, maxBytes: 2_621_440, allowedTypes: ['pdf', 'tiff'] });
  assert.deepEqual(receiptSettingsSchema.parse(s), s);
});

test('receipt form problems: empty, not a number, out of bounds, no type', () => {
  const ok = { enabled: true, maxMb: '10', types: ['pdf' as const] };
  assert.deepEqual(receiptFormProblems(ok), {});
  assert.match(receiptFormProblems({ ...ok, maxMb: '' }).maxMb ?? '', /Enter the largest/);
  assert.match(receiptFormProblems({ ...ok, maxMb: 'ten' }).maxMb ?? '', /Enter the largest/);
  assert.match(receiptFormProblems({ ...ok, maxMb: '0' }).maxMb ?? '', /Between 0.01 and 100 MB/);
  assert.match(receiptFormProblems({ ...ok, maxMb: '101' }).maxMb ?? '', /Between/);
  assert.match(receiptFormProblems({ ...ok, types: [] }).types ?? '', /at least one/);
  // The smallest and largest sizes the form lets through are ones the stored schema takes.
  for (const mb of ['0.01', '100']) assert.ok(receiptSettingsSchema.safeParse(receiptSettingsOf({ ...ok, maxMb: mb })).success, mb);
});
