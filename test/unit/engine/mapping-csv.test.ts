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

test('tax_code rows round-trip with their VAT account and reclaim columns; a rate row "5.5%" keeps its form', () => {
  const csv = 'kind,source_code,source_name,target,costCenter,vatAccount,recoverable\nexpense_type,MEALS,Meals,625100,CC100,,\ntax_code,FR20,TVA 20 %,FRS,,445660,\ntax_code,5.5%,Reduced,FRR,,445660,\ntax_code,CHHOTEL,Swiss hotel,FRN,,,no\n';
  const rows = csvToMappings(csv);
  assert.deepEqual(rows.filter((r) => r.kind === 'tax_code').map((r) => [r.sourceCode, r.target, r.dimensions]), [
    ['FR20', 'FRS', { vatAccount: '445660' }],
    ['5.5%', 'FRR', { vatAccount: '445660' }],
    ['CHHOTEL', 'FRN', { recoverable: 'no' }],
  ]);
  const out = mappingsToCsv(rows.map((r) => ({ ...r, connectionId: 'c', updatedAt: '', updatedBy: '', unmapped: false })), ['costCenter']);
  assert.deepEqual(csvToMappings(out), rows);
  assert.throws(() => csvToMappings('kind,source_code,source_name,target\ntax,FR20,,FRS\n'), /expense_type, employee or tax_code/);
});
