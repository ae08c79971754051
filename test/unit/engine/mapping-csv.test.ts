import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvToMappings, mappingsToCsv } from '../../../main/core/engine/mapping-csv';
import { ConnectorError } from '../../../main/core/errors';

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

/** The refusal csvToMappings throws, as the accountant sees it. */
function refusal(csv: string): { code: string; message: string; retryable: boolean } {
  try {
    csvToMappings(csv);
  } catch (e) {
    assert.equal(e instanceof ConnectorError, true, `not a ConnectorError: ${String(e)}`);
    const { code, message, retryable } = e as ConnectorError;
    return { code, message, retryable };
  }
  return assert.fail(`accepted: ${JSON.stringify(csv)}`);
}
const HEADER = 'kind,source_code,source_name,target\n';
const bad = (message: string) => ({ code: 'BAD_REQUEST', message, retryable: false });

test('each refusal in the exact words the accountant reads, never retryable', () => {
  assert.deepEqual(refusal(''), bad('Mapping CSV is empty'));
  assert.deepEqual(refusal('\n\n'), bad('Mapping CSV is empty'), 'blank lines only');
  assert.deepEqual(refusal('kind,source_code,source_name\nexpense_type,A,\n'), bad('Mapping CSV lacks the column target (expected: kind, source_code, source_name, target, then dimension columns)'));
  assert.deepEqual(refusal('kind,source_code\nexpense_type,A\n'), bad('Mapping CSV lacks the columns source_name, target (expected: kind, source_code, source_name, target, then dimension columns)'));
  assert.deepEqual(refusal(`${HEADER}expense,A,,1\n`), bad('Line 2: kind must be expense_type, employee or tax_code, not "expense"'));
  assert.deepEqual(refusal(`${HEADER}expense_type,A,,1\nemployee,,Zoë,V-1\n`), bad('Line 3: source_code is empty'));
  assert.deepEqual(refusal(`${HEADER}expense_type,A,,1\nexpense_type,A,,2\n`), bad('Line 3: expense_type "A" appears twice'));
  const unreadable = refusal(`${HEADER}expense_type,"A,,1\n`);
  assert.match(unreadable.message, /^Mapping CSV cannot be read: Quote Not Closed/);
  assert.deepEqual({ ...unreadable, message: '' }, bad(''));
});

test('the same source code under two kinds is two rows, not a duplicate', () => {
  assert.deepEqual(csvToMappings(`${HEADER}expense_type,A,,1\nemployee,A,,V-1\n`).map((r) => [r.kind, r.sourceCode]), [['expense_type', 'A'], ['employee', 'A']]);
});

test('header names are trimmed, also inside quotes', () => {
  const csv = '" kind "," source_code ","source_name ", target," costCenter "\nexpense_type,MEALS,Meals,625100,CC1\n';
  assert.deepEqual(csvToMappings(csv), [{ kind: 'expense_type', sourceCode: 'MEALS', sourceName: 'Meals', target: '625100', dimensions: { costCenter: 'CC1' } }]);
});
