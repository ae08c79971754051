// A supplier invoice posted as a journal (posting modes, or a target without supplier invoices): the vendor is
// owed it on the supplier payables account, not the employee on the liability account (shared/design/books.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { planDocument } from '../../../main/core/engine/plan';
import { settlementLines, settlementText } from '../../../main/core/engine/settle';
import { createReferenceIndex, validatePlan } from '../../../main/core/engine/validate';
import type { Settlement, SourceDocument } from '../../../shared/schemas/document';
import type { MappingKind, MappingRow } from '../../../shared/schemas/mapping';
import type { PostingKind } from '../../../shared/schemas/plan';
import type { ReferenceItem } from '../../../shared/schemas/reference';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: MappingKind, sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([
  row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }),
  row('expense_type', 'OFFICE', '606400', { costCenter: 'CC200' }),
  row('employee', 'jdoe', 'V-JDOE'),
]);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
// What the invoice mappers produce: lines "paid by the employee", a vendor, no employee (Concur Invoice) or the owner (FIS).
const invoice = (over: Partial<SourceDocument> = {}) =>
  doc({
    kind: 'invoice', sourceId: 'INV-7', title: 'Acme office supplies', employee: null, vendor: { code: 'V-ACME', name: 'Acme Supplies' }, invoiceNumber: 'A-1001',
    lines: [line({ lineId: 'L1', expenseType: { code: 'OFFICE', name: 'Office' }, amount: eur(30000), transactionAmount: eur(30000), description: 'Paper' }), line({ lineId: 'L2', amount: eur(4550), transactionAmount: eur(4550), description: 'Team lunch' })],
    ...over,
  });
const planOf = (d: SourceDocument, over: Parameters<typeof rules>[0] = {}, kind: PostingKind = 'journal') =>
  planDocument({ doc: d, key: 'MLC-K', kind, rules: rules({ payablesAccount: '401000', ...over }), lookup, maxDescriptionLength: 250 });
const payablesUnset = {
  code: 'ACCOUNT_UNKNOWN',
  message: "Invoices post as journals on this connection and the supplier payables account is not set: set it in the connection's posting rules (Supplier payables account), or post invoices as supplier invoices (posting modes)",
};

test('a vendor invoice as a journal debits its expenses and credits the payables account with the vendor as partner, balanced', () => {
  const r = planOf(invoice());
  assert.ok(r.plan, JSON.stringify(r.reasons));
  const noEntry = { sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null };
  assert.deepEqual(r.plan.lines, [
    { lineNo: 1, sourceLineId: 'L1', account: '606400', side: 'debit', amountMinor: 30000, dimensions: { costCenter: 'CC200' }, description: 'Paper', partner: null, sourceAmountMinor: 30000, sourceCurrency: 'EUR', sourceRate: '1', transactionDate: '2026-10-02', accountSource: 'mapping' },
    { lineNo: 2, sourceLineId: 'L2', account: '625100', side: 'debit', amountMinor: 4550, dimensions: { costCenter: 'CC100' }, description: 'Team lunch', partner: null, sourceAmountMinor: 4550, sourceCurrency: 'EUR', sourceRate: '1', transactionDate: '2026-10-02', accountSource: 'mapping' },
    { lineNo: 3, sourceLineId: null, account: '401000', side: 'credit', amountMinor: 34550, dimensions: {}, description: 'Due to Acme Supplies: Acme office supplies', partner: 'V-ACME', partnerRole: 'vendor', ...noEntry, accountSource: 'rule' },
  ]);
  assert.equal(r.plan.kind, 'journal');
  assert.equal(r.plan.partner, 'V-ACME');
  assert.equal(r.plan.totalMinor, 34550);
  assert.equal(r.plan.invoiceNumber, 'A-1001');
  assert.ok(!r.plan.lines.some((l) => l.account === '421000'), 'nothing on the employee liability account');
});

test('an invoice with an owner employee still owes the vendor; the employee needs no mapping', () => {
  const r = planOf(invoice({ employee: { id: 'nobody', name: 'No Body', email: null } }));
  assert.deepEqual(r.reasons, []);
  assert.deepEqual(r.plan?.lines.at(-1), { ...r.plan?.lines.at(-1), account: '401000', partner: 'V-ACME', partnerRole: 'vendor' });
});

test('a credit-note invoice as a journal debits the payables account: the vendor owes it', () => {
  const r = planOf(invoice({ lines: [line({ amount: eur(-2500), transactionAmount: eur(-2500) })] }));
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.partner, l.description]), [
    ['625100', 'credit', 2500, null, 'Client dinner'],
    ['401000', 'debit', 2500, 'V-ACME', 'Owed by Acme Supplies: Acme office supplies'],
  ]);
});

test('no supplier payables account: the invoice is held with the setting named, and nothing lands on the employee liability', () => {
  assert.deepEqual(planOf(invoice(), { payablesAccount: '' }).reasons, [payablesUnset]);
  // Rules saved before the setting existed have none at all.
  assert.deepEqual(planDocument({ doc: invoice(), key: 'K', kind: 'journal', rules: rules(), lookup, maxDescriptionLength: 250 }).reasons, [payablesUnset]);
});

test('a vendor without a supplier code is PARTNER_UNKNOWN, with the payables hold too when both are missing', () => {
  const noCode = invoice({ vendor: { code: null, name: 'Acme Supplies' } });
  const partnerUnknown = { code: 'PARTNER_UNKNOWN', message: 'Vendor "Acme Supplies" has no supplier code', subject: 'Acme Supplies' };
  assert.deepEqual(planOf(noCode).reasons, [partnerUnknown]);
  assert.deepEqual(planOf(noCode, { payablesAccount: '' }).reasons, [payablesUnset, partnerUnknown]);
});

test('an invoice naming no vendor is held, even with an owner employee: nobody is known to be owed it', () => {
  const noVendor = { code: 'PARTNER_UNKNOWN', message: 'The invoice names no vendor, so nobody is known to be owed it: fix the invoice at the source' };
  assert.deepEqual(planOf(invoice({ vendor: null })).reasons, [noVendor]);
  assert.deepEqual(planOf(invoice({ vendor: null, employee: { id: 'jdoe', name: 'Jane Doe', email: null } })).reasons, [noVendor]);
});

test('card and cash-advance settlements on an invoice journal stay where they are; only the expense owed moves to the vendor', () => {
  const settle = (party: Settlement['party'], amountMinor: number, reason: Settlement['reason']): Settlement => ({ party, amountMinor, reason });
  const r = planOf(invoice({
    employee: { id: 'jdoe', name: 'Jane Doe', email: null },
    lines: [line({ amount: eur(10000), transactionAmount: eur(10000), settlements: [settle('employee', 6000, 'expense'), settle('card', 4000, 'expense')] })],
    settlements: [settle('cash_advance', 1000, 'cash_advance'), settle('employee', -1000, 'cash_advance')],
  }), { cashAdvanceAccount: '467100' });
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.deepEqual(r.plan.lines.filter((l) => !l.sourceLineId).map((l) => [l.account, l.side, l.amountMinor, l.partner, l.partnerRole]), [
    ['467100', 'credit', 1000, null, undefined],
    ['421000', 'debit', 1000, 'V-JDOE', 'employee'],
    ['401000', 'credit', 6000, 'V-ACME', 'vendor'],
    ['467000', 'credit', 4000, null, undefined],
  ]);
});

test('an expense report is unchanged: the employee liability, the employee as partner, whatever the payables account', () => {
  const r = planOf(doc({ vendor: { code: 'V-ACME', name: 'Acme' } }));
  assert.deepEqual(r.plan?.lines.at(-1), {
    lineNo: 2, sourceLineId: null, account: '421000', side: 'credit', amountMinor: 12345, dimensions: {}, description: 'Due to Jane Doe: October trip', partner: 'V-JDOE', partnerRole: 'employee',
    sourceAmountMinor: null, sourceCurrency: null, sourceRate: null, transactionDate: null, accountSource: 'rule',
  });
  assert.equal(r.plan?.partner, 'V-JDOE');
  // A report still names nobody when it has no employee.
  assert.deepEqual(planOf(doc({ employee: null })).reasons, [{ code: 'PARTNER_UNKNOWN', message: 'The document names neither an employee nor a vendor' }]);
});

test('an invoice as a supplier invoice is unchanged: expense lines only, the vendor on the header, no payables account needed', () => {
  const r = planOf(invoice(), { payablesAccount: '' }, 'supplier_invoice');
  assert.ok(r.plan, JSON.stringify(r.reasons));
  assert.equal(r.plan.partner, 'V-ACME');
  assert.deepEqual(r.plan.lines.map((l) => [l.account, l.side, l.amountMinor, l.partner, l.partnerRole]), [['606400', 'debit', 30000, null, undefined], ['625100', 'debit', 4550, null, undefined]]);
  assert.equal(r.plan.totalMinor, 34550);
});

test('settlementLines: with the vendor as payee, the expense owed goes to the payables account, personal rows stay the employee\'s', () => {
  const s = (amountMinor: number, reason: Settlement['reason']): Settlement => ({ party: 'employee', amountMinor, reason });
  const none = createMappingLookup([]);
  const r = settlementLines([s(500, 'expense'), s(300, 'expense'), s(-200, 'personal')], rules({ payablesAccount: '401000' }), none, 'vendor');
  assert.deepEqual(r, { reasons: [], lines: [
    { party: 'vendor', reason: 'other', account: '401000', netMinor: 800, fromSource: false },
    { party: 'employee', reason: 'personal', account: '421000', netMinor: -200, fromSource: false },
  ] });
  // Two expense rows, one reason.
  assert.deepEqual(settlementLines([s(500, 'expense'), s(300, 'expense')], rules(), none, 'vendor').reasons, [payablesUnset]);
  assert.equal(settlementText(r.lines[0]!, 'Acme', 'Invoice 7'), 'Due to Acme: Invoice 7');
});

test('validation checks the payables account and the vendor against the ERP like any other', () => {
  const plan = planOf(invoice()).plan;
  assert.ok(plan);
  const item = (kind: ReferenceItem['kind'], code: string, active = true): ReferenceItem => ({ kind, code, name: code, active, dimensionType: '' });
  const known = [item('account', '606400'), item('account', '625100'), item('supplier', 'V-ACME')];
  assert.deepEqual(validatePlan(plan, createReferenceIndex(known), []), [{ code: 'ACCOUNT_UNKNOWN', message: 'GL account 401000 does not exist in the ERP', subject: '401000' }]);
  assert.deepEqual(validatePlan(plan, createReferenceIndex([...known, item('account', '401000', false)]), []), [{ code: 'ACCOUNT_INACTIVE', message: 'GL account 401000 (401000) is inactive in the ERP', subject: '401000' }]);
  assert.deepEqual(validatePlan(plan, createReferenceIndex([...known, item('account', '401000')]), []), []);
});
