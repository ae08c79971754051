import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvToMappings, mappingsToCsv } from '../../../main/core/engine/mapping-csv';

test('mapping CSV round-trips, with Excel BOM, quotes and unicode', () => {
  const csv = '\uFEFFkind,source_code,source_name,target,costCenter\nexpense_type,MEALS,"Meals, business",625100,CC100\nemployee,jdoe,Zoë Müller,V-JDOE,\n';
  const rows = csvToMappings(csv);
  assert.deepEqual(rows, [
    { kind: 'expense_type', sourceCode: 'MEALS', sourceName: 'Meals, business', target: '625100', dimensions: { costCenter: 'CC100' } },
    { kind: 'employee', sourceCode: 'jdoe', sourceName: 'Zoë Müller', target: 'V-JDOE', dimensions: {} },
  ]);
  const out = mappingsToCsv(rows.map((r) => ({ ...r, connectionId: 'c', updatedAt: '', updatedBy: '', unmapped: false })), ['costCenter']);
  assert.deepEqual(csvToMappings(out), rows);
});

test('bad mapping CSV is refused with the line number', () => {
  assert.throws(() => csvToMappings('kind,source_code\nexpense_type,A\n'), /lacks the columns source_name, target/);
  assert.throws(() => csvToMappings('kind,source_code,source_name,target\nexpense,A,,1\n'), /Line 2: kind must be/);
  assert.throws(() => csvToMappings('kind,source_code,source_name,target\nexpense_type,A,,1\nexpense_type,A,,2\n'), /Line 3: .* appears twice/);
  assert.throws(() => csvToMappings('kind,source_code,source_name,target\nexpense_type,"A,,1\n'), /cannot be read/);
  assert.throws(() => csvToMappings(''), /empty/);
});
