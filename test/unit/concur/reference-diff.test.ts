import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listCodeProblem, listValue, planList, planVendors } from '../../../main/core/adapters/concur/reference-diff';
import type { ReferenceItem } from '../../../shared/schemas/reference';

const dim = (code: string, name: string, active = true): ReferenceItem => ({ kind: 'dimension', dimensionType: 'department', code, name, active });
const sup = (code: string, name: string, active = true): ReferenceItem => ({ kind: 'supplier', dimensionType: '', code, name, active });
const item = (id: string, shortCode: string, value: string, isDeleted = false) => ({ id, shortCode, value, isDeleted });

test('a list plan creates missing values, renames changed ones, deletes deactivated ones and leaves the rest', () => {
  const plan = planList(
    [dim('D100', 'Sales'), dim('D200', 'Engineering R&D'), dim('D300', 'Ops'), dim('D400', 'Marketing', false), dim('D500', 'Gone', false)],
    [item('i1', 'D100', 'Sales'), item('i2', 'D200', 'Engineering'), item('i4', 'D400', 'Marketing'), item('ix', 'X999', 'Only in Concur')],
  );
  assert.deepEqual(plan.ops, [
    { op: 'rename', id: 'i2', code: 'D200', value: 'Engineering R&D' },
    { op: 'create', code: 'D300', value: 'Ops' },
    { op: 'delete', id: 'i4', code: 'D400' },
  ]);
  assert.equal(plan.unchanged, 2, 'D100 as it is, D500 inactive and absent');
  assert.deepEqual(plan.skipped, []);
});

test('a list plan is empty when Concur already matches (a second push changes nothing)', () => {
  const desired = [dim('D100', 'Sales'), dim('D400', 'Marketing', false)];
  assert.deepEqual(planList(desired, [item('i1', 'D100', 'Sales')]).ops, []);
  // A deleted item does not count as present: the active value is created again.
  assert.deepEqual(planList([dim('D100', 'Sales')], [item('i1', 'D100', 'Sales', true)]).ops, [{ op: 'create', code: 'D100', value: 'Sales' }]);
});

test('codes Concur lists cannot hold are skipped with a reason, long names are cut to 64 characters', () => {
  const plan = planList([dim('V-E001', 'Hyphenated'), dim('X'.repeat(33), 'Too long'), dim('D9', 'N'.repeat(80))], []);
  assert.equal(plan.skipped.length, 2);
  assert.match(plan.skipped[0]!.reason, /hyphen/);
  assert.match(plan.skipped[1]!.reason, /longer than 32/);
  assert.deepEqual(plan.ops, [{ op: 'create', code: 'D9', value: 'N'.repeat(64) }]);
  assert.equal(listCodeProblem('D100'), null);
  assert.equal(listValue('  ', 'D1'), 'D1');
});

test('a vendor plan creates, renames, unapproves and re-approves only our address code, and reports Concur-only vendors', () => {
  const plan = planVendors(
    [sup('V100', 'Grand Hotel'), sup('V101', 'Skyline Airways Inc'), sup('V103', 'Old Taxi', false), sup('V104', 'Back Again'), sup('V105', 'New Supplier'), sup('V106', 'Elsewhere')],
    [
      { VendorCode: 'V100', AddressCode: 'MAIN', VendorName: 'Grand Hotel', Approved: 'true' },
      { VendorCode: 'V101', AddressCode: 'MAIN', VendorName: 'Skyline Airways', Approved: 'true' },
      { VendorCode: 'V103', AddressCode: 'MAIN', VendorName: 'Old Taxi', Approved: 'true' },
      { VendorCode: 'V104', AddressCode: 'MAIN', VendorName: 'Back Again', Approved: 'false' },
      { VendorCode: 'V106', AddressCode: 'REMIT2', VendorName: 'Elsewhere', Approved: 'true' },
      { VendorCode: 'C900', AddressCode: 'MAIN', VendorName: 'Concur-only Caterer', Approved: 'true' },
    ],
    'MAIN',
  );
  assert.deepEqual(
    plan.ops.map((o) => (o.op === 'create' ? `create ${o.code}` : `${o.change} ${o.code}`)),
    ['rename V101', 'deactivate V103', 'reactivate V104', 'create V105'],
  );
  assert.equal(plan.unchanged, 2, 'V100 as it is; V106 exists under another address code');
  assert.deepEqual(plan.sourceOnly, [{ code: 'C900', name: 'Concur-only Caterer' }]);
});
