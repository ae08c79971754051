// Line accounts and text cutting at their edges (mutation testing, issue 19 item 10): each account source with
// and without the source's own account, per allocation share, cash-advance issuance lines, the exact hold words,
// and descriptions cleaned and cut with an ellipsis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineAccount, originText } from '../../../main/core/engine/line-account';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { truncate } from '../../../main/core/engine/text';
import type { MappingRow } from '../../../shared/schemas/mapping';
import { line, rules } from '../../helpers/docs';

const row = (sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({ connectionId: 'c', kind: 'expense_type', sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target });
const lookup = createMappingLookup([row('MEALS', '625100', { costCenter: 'CC1' })]);
/** The accounts of a result, or null when it is a hold. */
const accountsOf = (r: ReturnType<typeof lineAccount>) => ('accounts' in r ? r.accounts : null);
const unmapped = line({ expenseType: { code: 'GIFT', name: 'Gifts' } });

test('the mapping: its account and dimensions, whatever the source carries', () => {
  assert.deepEqual(lineAccount(line({ sourceAccount: '999' }), rules(), lookup, []), { accounts: [{ account: '625100', origin: 'mapping' }], dimensions: { costCenter: 'CC1' } });
  assert.deepEqual(lineAccount(unmapped, rules(), lookup, []), { code: 'NEEDS_MAPPING', message: 'Expense type "GIFT" (Gifts) has no GL account mapped', subject: 'GIFT', lineId: 'L1' });
  assert.equal((lineAccount(line({ expenseType: { code: 'GIFT', name: '' } }), rules(), lookup, []) as { message: string }).message, 'Expense type "GIFT" has no GL account mapped');
});

test("the source only: the line's or the share's own account; none is a hold naming the setting", () => {
  const r = rules({ accountSource: 'source' });
  assert.deepEqual(lineAccount(line({ sourceAccount: '612000' }), r, lookup, []), { accounts: [{ account: '612000', origin: 'source' }], dimensions: { costCenter: 'CC1' } });
  assert.deepEqual(lineAccount(line({ sourceAccount: '612000' }), r, lookup, [{ sourceAccount: '613000' }, {}]), { accounts: [{ account: '613000', origin: 'source' }, { account: '612000', origin: 'source' }], dimensions: { costCenter: 'CC1' } });
  const held = lineAccount(line(), r, lookup, []);
  assert.deepEqual(held, {
    code: 'ACCOUNT_UNKNOWN',
    message: "Line L1 (\"MEALS\" (Meals)): the source's journal carries no GL account and the connection takes accounts from the source only; set the account in Concur's accounting configuration, or let the connection fall back to the mapping",
    subject: 'MEALS',
    lineId: 'L1',
  });
});

test('the source, then the mapping: per share, the source where it has one', () => {
  const r = rules({ accountSource: 'source_then_mapping' });
  assert.deepEqual(accountsOf(lineAccount(line(), r, lookup, [{ sourceAccount: '613000' }, {}])), [{ account: '613000', origin: 'source' }, { account: '625100', origin: 'mapping' }]);
  assert.equal((lineAccount(unmapped, r, lookup, []) as { code: string }).code, 'NEEDS_MAPPING');
  assert.deepEqual(lineAccount(unmapped, r, lookup, [{ sourceAccount: '613000' }]), { accounts: [{ account: '613000', origin: 'source' }], dimensions: {} });
});

test('a cash-advance issuance line goes to the rule account, else its mapping, else a hold that says both ways', () => {
  const adv = line({ role: 'cash_advance', expenseType: { code: 'CASHADV', name: 'Cash advance' } });
  assert.deepEqual(lineAccount(adv, rules({ cashAdvanceAccount: '467100' }), lookup, []), { accounts: [{ account: '467100', origin: 'rule' }], dimensions: {} });
  assert.deepEqual(lineAccount(adv, rules(), createMappingLookup([row('CASHADV', '467200')]), []), { accounts: [{ account: '467200', origin: 'mapping' }], dimensions: {} });
  assert.deepEqual(lineAccount(adv, rules(), lookup, []), { code: 'NEEDS_MAPPING', message: 'Cash advance L1: set the connection\'s cash-advance clearing account or map expense type "CASHADV" (Cash advance)', subject: 'CASHADV', lineId: 'L1' });
  assert.deepEqual(accountsOf(lineAccount(line({ expenseType: { code: 'MEALS', name: 'Meals' } }), rules({ cashAdvanceAccount: '467100' }), lookup, [])), [{ account: '625100', origin: 'mapping' }], 'only issuance lines take the rule account');
});

test('origins in words', () => {
  assert.deepEqual((['mapping', 'source', 'rule'] as const).map(originText), ['the expense-type mapping', "the source's journal", 'the connection rule']);
});

test('truncate: clean short text as is; control characters and runs of spaces folded; cut with an ellipsis by characters', () => {
  assert.deepEqual(truncate('Client dinner', 20), { text: 'Client dinner', cut: false });
  assert.deepEqual(truncate('abc', 3), { text: 'abc', cut: false });
  assert.deepEqual(truncate('abcd', 3), { text: 'ab…', cut: true });
  assert.deepEqual(truncate('  a \t\u0007 b\r\nc  ', 20), { text: 'a b c', cut: false });
  assert.deepEqual(truncate('a  b', 3), { text: 'a b', cut: false });
  assert.deepEqual(truncate('😀😀😀😀', 3), { text: '😀😀…', cut: true });
  assert.deepEqual(truncate('abc', 0), { text: '…', cut: true });
  assert.deepEqual(truncate('x\u007Fy', 5), { text: 'x y', cut: false });
  assert.deepEqual(truncate(' lead', 10), { text: 'lead', cut: false });
  assert.deepEqual(truncate('trail ', 10), { text: 'trail', cut: false });
});

test('truncate: text made only of control characters is cleaned, never passed through as it came', () => {
  assert.deepEqual(truncate('\u0001', 10), { text: '', cut: false });
  assert.deepEqual(truncate('\u0007\u001F', 10), { text: '', cut: false });
  assert.deepEqual(truncate('Taxi\u0000', 10), { text: 'Taxi', cut: false });
});
