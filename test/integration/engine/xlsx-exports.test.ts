// Held and mapping exports as .xlsx, generated in the core (the bridge and Electron share it): the workbook is
// opened with read-excel-file and its figures checked; an .xlsx mapping import is previewed, then written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { startWorld } from '../../helpers/world';

test('held.exportXlsx: one row per held document, amounts as numbers equal to the minor units that sum to the held total', async (t) => {
  const w = await startWorld(t, { reports: 30 });
  await w.core.sync(w.demo.connectionId, { actor: 'test' });
  const h = w.core.handlers('test');
  const held = await h['postings.list']({ connectionId: w.demo.connectionId, status: 'held' });
  assert.ok(held.length > 3);
  const { base64 } = await h['held.exportXlsx']({ ids: held.map((p) => p.id) });
  const [sheet] = await readXlsxFile(Buffer.from(base64, 'base64'));
  const [header, ...rows] = sheet!.data;
  assert.deepEqual(header!.slice(0, 6), ['Connection', 'Source document', 'Title', 'Employee / vendor', 'Amount', 'Currency']);
  assert.equal(rows.length, held.length);
  const conn = w.core.runtime.store.connections.get(w.demo.connectionId)!;
  held.forEach((p, i) => {
    const r = rows[i]!;
    assert.equal(r[0], conn.name);
    assert.equal(r[1], p.sourceId);
    assert.equal(typeof r[4], 'number', 'the amount is a number Excel can sum');
    assert.equal(Math.round((r[4] as number) * 100), p.total!.amountMinor);
    assert.equal(r[5], p.total!.currency);
    assert.ok(String(r[7]).length > 10, 'what is wrong, in words');
  });
  const sum = rows.reduce((n, r) => n + Math.round((r[4] as number) * 100), 0);
  assert.equal(sum, held.reduce((n, p) => n + p.total!.amountMinor, 0));
  await assert.rejects(h['held.exportXlsx']({ ids: [987654] }), /No posting 987654/);
});

test('mappings.exportXlsx round-trips through mappings.importXlsx: preview counts, nothing written until confirmed', async (t) => {
  const w = await startWorld(t, { reports: 6, allMapped: true });
  const h = w.core.handlers('test');
  const id = w.demo.connectionId;
  const before = await h['mappings.list']({ connectionId: id });
  assert.ok(before.length > 0);
  const { base64 } = await h['mappings.exportXlsx']({ connectionId: id });
  const [sheet] = await readXlsxFile(Buffer.from(base64, 'base64'));
  assert.deepEqual(sheet!.data[0]!.slice(0, 4), ['kind', 'source_code', 'source_name', 'target']);
  assert.equal(sheet!.data.length, before.length + 1);
  assert.deepEqual(await h['mappings.importXlsx']({ connectionId: id, base64, preview: true }), { changed: 0, rows: before.length });

  // A workbook as Excel writes it: a numeric code typed as a number, an accent, a new row.
  const one = before[0]!;
  const book = await writeXlsxFile([
    [{ value: 'kind' }, { value: 'source_code' }, { value: 'source_name' }, { value: 'target' }],
    [{ value: one.kind }, { value: one.sourceCode }, { value: 'Café renamed' }, { value: one.target }],
    [{ value: 'expense_type' }, { value: 'COWRK' }, { value: 'Café coworking' }, { value: 625800, type: Number }],
  ]).toBuffer();
  const b64 = book.toString('base64');
  assert.deepEqual(await h['mappings.importXlsx']({ connectionId: id, base64: b64, preview: true }), { changed: 2, rows: 2 });
  assert.equal((await h['mappings.list']({ connectionId: id })).length, before.length, 'a preview writes nothing');
  assert.deepEqual(await h['mappings.importXlsx']({ connectionId: id, base64: b64 }), { changed: 2, rows: 2 });
  const after = await h['mappings.list']({ connectionId: id });
  const cowork = after.find((m) => m.sourceCode === 'COWRK')!;
  assert.equal(cowork.sourceName, 'Café coworking');
  assert.equal(cowork.target, '625800');
  assert.equal(after.find((m) => m.sourceCode === one.sourceCode && m.kind === one.kind)!.sourceName, 'Café renamed');
  await assert.rejects(h['mappings.importXlsx']({ connectionId: id, base64: Buffer.from('not a workbook').toString('base64') }), /mapping workbook cannot be read/);
});
