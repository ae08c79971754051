// The planner where mutation testing found nothing pinned: the whole plan of a plain report, document-level
// cash-advance settlements, personal lines with the source's journal rows, lines the source mapper already
// reported, per-share accounts, recoverable-VAT lines, date holds with nothing postable, partners on a journal
// of an invoice (the vendor owed), supplier-invoice holds, and one reason per subject. Through planDocument only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { planDocument } from '../../../main/core/engine/plan';
import { lineTaxOf } from '../../../main/core/money/line-tax';
import type { Allocation, Settlement, SourceDocument, TaxComponent } from '../../../shared/schemas/document';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import type { PostingKind } from '../../../shared/schemas/plan';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: MappingKind, sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }), row('employee', 'jdoe', 'V-JDOE'), row('tax_code', 'FR20', 'FRS', { vatAccount: '445660' })]);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const planOf = (d: SourceDocument, over: Parameters<typeof rules>[0] = {}, kind: PostingKind = 'journal', maxDescriptionLength = 250) =>
  planDocument({ doc: d, key: 'MLC-K', kind, rules: rules(over), lookup, maxDescriptionLength });
const settle = (party: Settlement['party'], amountMinor: number, reason: Settlement['reason']): Settlement => ({ party, amountMinor, reason });
const advance = (applied: number, employee: number) => [settle('cash_advance', applied, 'cash_advance'), settle('employee', employee, 'cash_advance')];
const vat = (over: Partial<TaxComponent> = {}): TaxComponent => ({ code: 'FR20', name: 'TVA', rate: '20', currency: 'EUR', amountMinor: 2000, recoverableMinor: 2000, ...over });
const invoice = (over: Partial<SourceDocument> = {}) => doc({ kind: 'invoice', vendor: { code: 'V-ACME', name: 'Acme' }, ...over });
const noEntry = { sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null };
const fromLine = { sourceAmountMinor: 12345, sourceCurrency: 'EUR', sourceRate: '1', transactionDate: '2026-10-02' };

test('a plain report plans exactly: the expense, the employee owed, one note, no reasons and no tax fields', () => {
  assert.deepEqual(planOf(doc()), {
    reasons: [],
    plan: {
      kind: 'journal', idempotencyKey: 'MLC-K', sourceSystem: 'concur', sourceKind: 'expense_report', sourceId: 'R1', sourceVersion: '2026-10-05T10:00:00',
      postingDate: '2026-10-05', documentDate: '2026-10-05', currency: 'EUR', description: 'October trip', partner: 'V-JDOE', invoiceNumber: null, totalMinor: 12345,
      lines: [
        { lineNo: 1, sourceLineId: 'L1', account: '625100', side: 'debit', amountMinor: 12345, dimensions: { costCenter: 'CC100' }, description: 'Client dinner', partner: null, ...fromLine, accountSource: 'mapping' },
        { lineNo: 2, sourceLineId: null, account: '421000', side: 'credit', amountMinor: 12345, dimensions: {}, description: 'Due to Jane Doe: October trip', partner: 'V-JDOE', partnerRole: 'employee', ...noEntry, accountSource: 'rule' },
      ],
      notes: ['Dated 2026-10-05, the document date'],
    },
  });
});

test('only a calendar date YYYY-MM-DD dates an entry: an ISO year-month of year 10000 is not one', () => {
  // '+010000-01' reads back from Date as itself, so only the pattern keeps it out.
  assert.deepEqual(planOf(doc({ documentDate: '+010000-01' })).reasons, [{ code: 'INVALID_DATE', message: 'Document date "+010000-01" is missing or invalid' }]);
});

test('a missing currency is held with empty quotes, and document settlements are not weighed without one', () => {
  const r = planOf(doc({ currency: null as never, settlements: advance(5000, -4000) }), { cashAdvanceAccount: '467100' });
  assert.deepEqual(r.reasons, [{ code: 'INVALID_CURRENCY', message: 'Document currency "" is not a known ISO 4217 code' }]);
});

test("document cash-advance settlements that do not add up to zero hold the report with the difference", () => {
  const r = planOf(doc({ settlements: advance(5000, -4000) }), { cashAdvanceAccount: '467100' });
  assert.deepEqual(r.reasons, [{ code: 'SOURCE_INVALID', message: "The document's cash-advance settlements are off by 10.00 EUR; the entry cannot balance" }]);
});

test("a personal line is posted when one of its journal rows moves money, and skipped when none does; notes name the type", () => {
  const gift = { isPersonal: true, paidBy: 'company' as const, expenseType: { code: 'GIFT', name: 'Gift' } };
  const r = planOf(doc({
    lines: [
      line(),
      // A zero row next to real ones must not hide the card charge.
      line({ ...gift, lineId: 'L2', amount: eur(3000), settlements: [settle('card', 3000, 'personal'), settle('employee', -3000, 'personal'), settle('employee', 0, 'personal')] }),
      line({ ...gift, lineId: 'L3', amount: eur(2000), expenseType: { code: 'GIFT', name: '' }, settlements: [settle('card', 0, 'personal'), settle('employee', 0, 'personal')] }),
      line({ ...gift, lineId: 'L4', amount: eur(1500), expenseType: { code: 'GIFT', name: '' }, settlements: [settle('card', 1500, 'personal'), settle('employee', -1500, 'personal')] }),
    ],
  }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.notes, [
    'Line L2 (Gift) is a personal charge on the company card: the card is credited and the employee owes it',
    'Line L3 (GIFT) is personal and not posted',
    'Line L4 (GIFT) is a personal charge on the company card: the card is credited and the employee owes it',
    'Dated 2026-10-05, the document date',
  ]);
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.description]), [
    ['625100', 'debit', 12345, 'Client dinner'],
    ['421000', 'credit', 12345, 'Due to Jane Doe: October trip'],
    ['467000', 'credit', 4500, 'Card clearing: October trip'],
    ['421000', 'debit', 4500, 'Personal charges owed by Jane Doe: October trip'],
  ]);
});

test("lines the source mapper already reported (no amount, no expense type) add no reason of the planner's own", () => {
  const noAmount = { code: 'SOURCE_INVALID', message: 'Line L2: amount "abc" is not a number', lineId: 'L2' };
  assert.deepEqual(planOf(doc({ problems: [noAmount] as never, lines: [line(), line({ lineId: 'L2', amount: null })] })).reasons, [noAmount]);
  const noType = { code: 'SOURCE_INVALID', message: 'Line L2: the expense type is missing', lineId: 'L2' };
  assert.deepEqual(planOf(doc({ problems: [noType] as never, lines: [line(), line({ lineId: 'L2', expenseType: { code: '', name: 'Mystery' } })] })).reasons, [noType]);
});

test('allocations that do not add up to 100 % hold the line with the figure', () => {
  const r = planOf(doc({ lines: [line({ allocations: [{ percentage: '60', dimensions: {} }, { percentage: '30', dimensions: {} }] })] }));
  assert.deepEqual(r.reasons, [{ code: 'ALLOCATION_INVALID', message: 'Line L1: allocation percentages add up to 90%, not 100%', lineId: 'L1' }]);
});

test("each allocation share is debited to its own account, and the note lists every account and where it came from", () => {
  const shares = [{ percentage: '50', dimensions: { costCenter: 'A' }, sourceAccount: '625900' }, { percentage: '50', dimensions: { costCenter: 'B' } }];
  const r = planOf(doc({ lines: [line({ allocations: shares })] }), { accountSource: 'source_then_mapping' });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.dimensions, l.accountSource]), [
    ['625900', 'debit', 6173, { costCenter: 'A' }, 'source'],
    ['625100', 'debit', 6172, { costCenter: 'B' }, 'mapping'],
    ['421000', 'credit', 12345, {}, 'rule'],
  ]);
  assert.deepEqual(r.plan.notes, ["Line L1: account 625900 from the source's journal, 625100 from the expense-type mapping", 'Dated 2026-10-05, the document date']);
});

test('recoverable-VAT lines: described by tax name, rate and line text, from the tax mapping, with only the organisational dimensions', () => {
  const r = planOf(doc({
    lines: [
      line({ amount: eur(12000), dimensions: { location: 'PARIS' }, tax: lineTaxOf(12000, [vat()]) }),
      line({ lineId: 'L2', description: '', amount: eur(6000), tax: lineTaxOf(6000, [vat({ name: null, rate: null, amountMinor: 1000, recoverableMinor: 1000 })]) }),
      line({ lineId: 'L3', description: '', expenseType: { code: 'MEALS', name: '' }, amount: eur(1200), tax: lineTaxOf(1200, [vat({ amountMinor: 200, recoverableMinor: 200 })]) }),
    ],
  }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  const tax = r.plan.lines.filter((l) => l.taxRole === 'tax');
  assert.deepEqual(tax.map((l) => [l.sourceLineId, l.account, l.amountMinor, l.description, l.dimensions, l.accountSource, l.taxBaseMinor]), [
    ['L1', '445660', 2000, 'Recoverable VAT TVA 20 %: Client dinner', { location: 'PARIS' }, 'mapping', 10000],
    ['L2', '445660', 1000, 'Recoverable VAT FR20: Meals', {}, 'mapping', 5000],
    ['L3', '445660', 200, 'Recoverable VAT TVA 20 %: MEALS', {}, 'mapping', 1000],
  ]);
  assert.deepEqual(r.plan.lines[0]!.dimensions, { costCenter: 'CC100', location: 'PARIS' });
  // Everything reclaimed: no "not recoverable" note, and the mapping is the account source, so no account note.
  assert.deepEqual(r.plan.notes, ['Dated 2026-10-05, the document date']);
});

test('a supplier invoice cannot show a cash advance: held with what to do; a zero cash-advance row is no advance', () => {
  assert.deepEqual(planOf(invoice({ settlements: advance(2000, -2000) }), {}, 'supplier_invoice').reasons, [
    { code: 'UNBALANCED', message: 'A cash advance is applied on this report, which a supplier invoice cannot show: post this kind of document as a journal (connection posting modes)' },
  ]);
  const zero = planOf(invoice({ settlements: [settle('cash_advance', 0, 'cash_advance')] }), {}, 'supplier_invoice');
  assert.deepEqual(zero.reasons, []);
  assert.equal(zero.plan?.totalMinor, 12345);
});

test('a credit-note invoice is held with its negative total', () => {
  assert.deepEqual(planOf(invoice({ lines: [line({ amount: eur(-5000) })] }), {}, 'supplier_invoice').reasons, [
    { code: 'ZERO_AMOUNT', message: 'Invoice total -50.00 EUR is not positive: credit notes are posted by hand' },
  ]);
});

test("an invoice posted as a journal owes the vendor, not the employee: the vendor's code on the payables line, and no employee mapping needed", () => {
  const r = planOf(invoice(), { payablesAccount: '401000' });
  assert.equal(r.plan?.partner, 'V-ACME');
  assert.deepEqual(r.plan?.lines.filter((l) => l.side === 'credit').map((l) => [l.account, l.partner, l.partnerRole]), [['401000', 'V-ACME', 'vendor']]);
  assert.deepEqual(planOf(invoice({ employee: { id: 'ghost', name: 'G. Host', email: null } }), { payablesAccount: '401000' }).reasons, []);
  // A report naming a vendor is still the employee's: only an invoice changes who is owed.
  assert.equal(planOf(doc({ vendor: { code: 'V-ACME', name: 'Acme' } }), { payablesAccount: '401000' }).plan?.lines.at(-1)?.partner, 'V-JDOE');
});

test('with nothing postable a missing expense date is not repeated; a bad document date always is', () => {
  const unmapped = line({ expenseType: { code: 'TAXI', name: 'Taxi' }, transactionDate: null });
  const needsMapping = { code: 'NEEDS_MAPPING', message: 'Expense type "TAXI" (Taxi) has no GL account mapped', subject: 'TAXI', lineId: 'L1' };
  assert.deepEqual(planOf(doc({ lines: [unmapped] }), { dateRule: 'latest_expense_date' }).reasons, [needsMapping]);
  assert.deepEqual(planOf(doc({ documentDate: 'bad', lines: [unmapped] })).reasons, [needsMapping, { code: 'INVALID_DATE', message: 'Document date "bad" is missing or invalid' }]);
});

test("the source's note about VAT it could not read is kept, and a cut balancing description is noted", () => {
  const r = planOf(doc({ title: 'T'.repeat(40), meta: { vatNotRead: '1 entry has VAT that was not read: posted gross' } }), { maxDescriptionLength: 20 });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.notes, [
    '1 entry has VAT that was not read: posted gross',
    'Dated 2026-10-05, the document date',
    'Balancing line description shortened to 20 characters',
    'Document description shortened to 20 characters',
  ]);
});

test('two unmapped tax codes on one line are two reasons: one per subject', () => {
  const tax = lineTaxOf(12600, [vat({ code: 'DE19', name: 'MwSt', rate: '19', amountMinor: 1900, recoverableMinor: 1900 }), vat({ code: 'DE07', name: 'MwSt', rate: '7', amountMinor: 700, recoverableMinor: 700 })]);
  assert.deepEqual(planOf(doc({ lines: [line({ amount: eur(12600), tax })] })).reasons, [
    { code: 'TAX_UNMAPPED', message: 'Line L1: source tax code DE19 (19 %) has no ERP tax code: map it on the Tax codes tab', subject: 'DE19', lineId: 'L1' },
    { code: 'TAX_UNMAPPED', message: 'Line L1: source tax code DE07 (7 %) has no ERP tax code: map it on the Tax codes tab', subject: 'DE07', lineId: 'L1' },
  ]);
});

test('a line lacking several required dimensions names them all in its one reason, across its shares', () => {
  // Reasons are kept one per code, subject and line: a reason per dimension lost all but the first.
  const r = planOf(doc(), { requiredDimensions: ['costCenter', 'project', 'department'] });
  assert.deepEqual(r.reasons, [{ code: 'DIMENSION_MISSING', message: 'Line L1 has no project and department: map them on expense type "MEALS" or allocate them at the source', subject: 'MEALS', lineId: 'L1' }]);
  const shares: Allocation[] = [{ percentage: '50', dimensions: { costCenter: '', project: 'P1' } }, { percentage: '50', dimensions: { costCenter: 'CC2' } }];
  const split = planOf(doc({ lines: [line({ allocations: shares })] }), { requiredDimensions: ['costCenter', 'project', 'department'] });
  assert.deepEqual(split.reasons.map((x) => x.message), ['Line L1 has no costCenter, project and department: map them on expense type "MEALS" or allocate them at the source']);
});
