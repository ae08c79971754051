// Settlements at their edges (mutation testing, issue 19 item 10): who each line is settled by, the checks that
// journal rows add up, the balancing lines grouped per party / reason / account with their accounts chosen in
// the documented order, and the words on each balancing line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { CASH_ADVANCE_TYPE, checkDocumentSettlements, checkLineSettlements, settlementLines, settlementsOf, settlementText } from '../../../main/core/engine/settle';
import type { MappingRow } from '../../../shared/schemas/mapping';
import type { Settlement } from '../../../shared/schemas/document';
import { doc, line, rules } from '../../helpers/docs';

const row = (sourceCode: string, target: string): MappingRow => ({ connectionId: 'c', kind: 'expense_type', sourceCode, sourceName: '', target, dimensions: {}, updatedAt: '', updatedBy: '', unmapped: !target });
const none = createMappingLookup([]);
const st = (party: Settlement['party'], amountMinor: number, extra: Partial<Settlement> = {}): Settlement => ({ party, amountMinor, reason: 'expense', ...extra });

test('a line without journal rows is settled by its payer; with rows, by the rows', () => {
  assert.deepEqual(settlementsOf(line({ paidBy: 'company' }), 500), [{ party: 'card', amountMinor: 500, reason: 'expense' }]);
  assert.deepEqual(settlementsOf(line({ paidBy: 'employee' }), 500), [{ party: 'employee', amountMinor: 500, reason: 'expense' }]);
  const rows = [st('card', 300), st('employee', 200)];
  assert.equal(settlementsOf(line({ settlements: rows }), 500), rows);
});

test('journal rows must add up to a business line, and to zero for a personal one', () => {
  assert.equal(checkLineSettlements(line(), 500, 'EUR'), null);
  assert.equal(checkLineSettlements(line({ settlements: [st('card', 300), st('employee', 200)] }), 500, 'EUR'), null);
  assert.deepEqual(checkLineSettlements(line({ settlements: [st('card', 300)] }), 500, 'EUR'), {
    code: 'SOURCE_INVALID',
    message: "Line L1: the source's journal rows settle 3.00 EUR but the line is 5.00 EUR; the entry cannot balance",
    lineId: 'L1',
  });
  assert.equal(checkLineSettlements(line({ isPersonal: true, settlements: [st('card', 500), st('employee', -500, { reason: 'personal' })] }), 500, 'EUR'), null);
  assert.match(checkLineSettlements(line({ isPersonal: true, settlements: [st('card', 500)] }), 500, 'EUR')?.message ?? '', /settle 5\.00 EUR but the line is 0\.00 EUR/);
});

test("the document's cash-advance rows must come to zero", () => {
  assert.equal(checkDocumentSettlements(doc(), 'EUR'), null);
  assert.equal(checkDocumentSettlements(doc({ settlements: [st('cash_advance', 1000), st('employee', -1000)] }), 'EUR'), null);
  assert.deepEqual(checkDocumentSettlements(doc({ settlements: [st('cash_advance', 1000), st('employee', -900)] }), 'EUR'), {
    code: 'SOURCE_INVALID',
    message: "The document's cash-advance settlements are off by 1.00 EUR; the entry cannot balance",
  });
});

test('balancing lines: grouped per party and account, zero rows and zero groups left out', () => {
  const r = settlementLines([st('employee', 500), st('employee', 300), st('card', 200), st('card', -200), st('employee', 0), st('card', 100)], rules(), none);
  assert.deepEqual(r, { lines: [{ party: 'employee', reason: 'other', account: '421000', netMinor: 800, fromSource: false }, { party: 'card', reason: 'other', account: '467000', netMinor: 100, fromSource: false }], reasons: [] });
});

test("personal charges the employee owes stay on their own line; the card's personal share joins the card", () => {
  const r = settlementLines([st('employee', 1000), st('employee', -300, { reason: 'personal' }), st('card', 300, { reason: 'personal' }), st('card', 50)], rules(), none);
  assert.deepEqual(r.lines.map((l) => [l.party, l.reason, l.netMinor]), [['employee', 'other', 1000], ['employee', 'personal', -300], ['card', 'other', 350]]);
});

test("accounts: the source's own only when the rules say so; employees always the liability account", () => {
  const rows = [st('card', 100, { sourceAccount: '512CARD' }), st('employee', 100, { sourceAccount: '999' }), st('cash_advance', 100, { sourceAccount: '467ADV' })];
  const mapping = settlementLines(rows, rules({ cashAdvanceAccount: '467100' }), none);
  assert.deepEqual(mapping.lines.map((l) => [l.party, l.account, l.fromSource]), [['card', '467000', false], ['employee', '421000', false], ['cash_advance', '467100', false]]);
  for (const accountSource of ['source', 'source_then_mapping'] as const) {
    const source = settlementLines(rows, rules({ accountSource, cashAdvanceAccount: '467100' }), none);
    assert.deepEqual(source.lines.map((l) => [l.party, l.account, l.fromSource]), [['card', '512CARD', true], ['employee', '421000', false], ['cash_advance', '467ADV', true]], accountSource);
  }
  const noSourceAccount = settlementLines([st('card', 100)], rules({ accountSource: 'source' }), none);
  assert.deepEqual(noSourceAccount.lines.map((l) => [l.account, l.fromSource]), [['467000', false]]);
});

test('a cash advance: the rule account, else the CASHADV mapping (never the catch-all row), else a hold', () => {
  assert.equal(CASH_ADVANCE_TYPE, 'CASHADV');
  const mapped = settlementLines([st('cash_advance', 100)], rules(), createMappingLookup([row('CASHADV', '467200'), row('*', '625000')]));
  assert.deepEqual(mapped.lines.map((l) => l.account), ['467200']);
  const fallbackOnly = settlementLines([st('cash_advance', 100)], rules(), createMappingLookup([row('*', '625000')]));
  assert.deepEqual(fallbackOnly.lines, []);
  assert.deepEqual(fallbackOnly.reasons, [{ code: 'NEEDS_MAPPING', message: 'A cash advance is applied on this report: set the cash-advance clearing account in the connection\'s posting rules, or map expense type "CASHADV" (Cash advance)', subject: 'CASHADV' }]);
  assert.deepEqual(settlementLines([st('cash_advance', 100)], rules({ cashAdvanceAccount: '' }), none).reasons.map((r) => r.code), ['NEEDS_MAPPING']);
});

test('the words on each balancing line', () => {
  const l = (party: Settlement['party'], reason: 'personal' | 'other', netMinor: number) => ({ party, reason, account: 'A', netMinor, fromSource: false });
  assert.equal(settlementText(l('employee', 'other', 100), 'Jane', 'Trip'), 'Due to Jane: Trip');
  assert.equal(settlementText(l('employee', 'other', -100), 'Jane', 'Trip'), 'Owed by Jane: Trip');
  assert.equal(settlementText(l('employee', 'personal', -100), 'Jane', 'Trip'), 'Personal charges owed by Jane: Trip');
  assert.equal(settlementText(l('card', 'other', 100), 'Jane', 'Trip'), 'Card clearing: Trip');
  assert.equal(settlementText(l('cash_advance', 'other', 100), 'Jane', 'Trip'), 'Cash advance applied: Trip');
});

test('zero settlements and groups that net to zero make no line and ask for no account', () => {
  const none = createMappingLookup([]);
  const r = rules({ cashAdvanceAccount: '' });
  // A zero cash-advance row needs no clearing account: nothing is applied.
  assert.deepEqual(settlementLines([{ party: 'cash_advance', amountMinor: 0, reason: 'cash_advance' }], r, none), { lines: [], reasons: [] });
  // Owed 10.00 and owing 10.00 for expenses: the employee line nets to nothing and is left out.
  const netZero: Settlement[] = [{ party: 'employee', amountMinor: 1000, reason: 'expense' }, { party: 'employee', amountMinor: -1000, reason: 'expense' }, { party: 'card', amountMinor: 500, reason: 'expense' }];
  assert.deepEqual(settlementLines(netZero, r, none).lines.map((l) => [l.party, l.netMinor]), [['card', 500]]);
});
