// The mapping grid shows one column per dimension type of an X3 connection's structure, in ledger order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsFor, gridDimensions } from '../../../renderer/features/mappings/grid-model';
import { x3Settings } from '../../helpers/x3-context';

const rules = (requiredDimensions: string[]) => ({ liabilityAccount: '421000', cardClearingAccount: '467100', personalLines: 'exclude' as const, dateRule: 'document_date' as const, requiredDimensions, postingModes: {}, maxDescriptionLength: 250 });

test('an X3 connection gets a column per configured dimension type, then other required ones', () => {
  const target = x3Settings('https://x3.example.com', { dimensionTypes: ['costCenter=CCT', 'department=DEP', 'project=PRJ'] });
  assert.deepEqual(gridDimensions({ target, rules: rules(['costCenter']) }), ['costCenter', 'department', 'project']);
  assert.deepEqual(gridDimensions({ target, rules: rules(['region']) }), ['costCenter', 'department', 'project', 'region']);
  const cols = columnsFor('expense_type', gridDimensions({ target, rules: rules([]) }));
  assert.deepEqual(cols.map((c) => c.label), ['Expense type', 'Name', 'GL account', 'Cost center', 'Department', 'Project']);
  assert.deepEqual(cols.at(-1)?.ref, { kind: 'dimension', dimensionType: 'project' });
  assert.deepEqual(columnsFor('employee', ['costCenter', 'project']).map((c) => c.key), ['sourceCode', 'sourceName', 'target']);
});
