// The planner at its edges (mutation testing, issue 19 item 10): what the source mapper reported, lines that
// are never posted and the notes that say so, each partner problem, both date rules' messages, descriptions and
// their fallbacks, and one reason per problem. Through planDocument only, so it survives changes inside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMappingLookup } from '../../../main/core/engine/mapping-lookup';
import { planDocument } from '../../../main/core/engine/plan';
import type { MappingRow } from '../../../shared/schemas/mapping';
import type { PostingKind } from '../../../shared/schemas/plan';
import type { SourceDocument } from '../../../shared/schemas/document';
import { doc, line, rules } from '../../helpers/docs';

const row = (kind: 'expense_type' | 'employee', sourceCode: string, target: string, dimensions: Record<string, string> = {}): MappingRow => ({
  connectionId: 'c', kind, sourceCode, sourceName: '', target, dimensions, updatedAt: '', updatedBy: '', unmapped: !target,
});
const lookup = createMappingLookup([row('expense_type', 'MEALS', '625100', { costCenter: 'CC100' }), row('expense_type', 'TAXI', '625300', { costCenter: 'CC100' }), row('employee', 'jdoe', 'V-JDOE')]);
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const planOf = (d: SourceDocument, over: Parameters<typeof rules>[0] = {}, kind: PostingKind = 'journal', maxDescriptionLength = 250) =>
  planDocument({ doc: d, key: 'MLC-K', kind, rules: rules(over), lookup, maxDescriptionLength });
const codes = (r: ReturnType<typeof planOf>) => r.reasons.map((x) => x.code);

test("the source mapper's problems become reasons: known codes kept, unknown ones SOURCE_INVALID, line ids kept", () => {
  const r = planOf(doc({ problems: [{ code: 'INVALID_DATE', message: 'bad date', lineId: 'L1' }, { code: 'WHATEVER', message: 'odd' }] as never }));
  assert.deepEqual(r.reasons.slice(0, 2), [{ code: 'INVALID_DATE', message: 'bad date', lineId: 'L1' }, { code: 'SOURCE_INVALID', message: 'odd' }]);
  assert.equal(r.plan, null);
});

test('an unsupported document is only that: no list of missing fields next to it', () => {
  const r = planOf(doc({ currency: null as never, lines: [], problems: [{ code: 'UNSUPPORTED_DOCUMENT', message: 'a funds reservation' }, { code: 'INVALID_DATE', message: 'x' }] as never }));
  assert.deepEqual(r.reasons, [{ code: 'UNSUPPORTED_DOCUMENT', message: 'a funds reservation' }]);
});

test('an unknown or missing currency and a document without lines are held with their words', () => {
  const xau = planOf(doc({ currency: 'XAU', lines: [line({ amount: { amountMinor: 100, currency: 'XAU' } })] }));
  assert.deepEqual(xau.reasons.find((x) => x.code === 'INVALID_CURRENCY')?.message, 'Document currency "XAU" is not a known ISO 4217 code');
  assert.ok(codes(planOf(doc({ currency: null as never }))).includes('INVALID_CURRENCY'));
  const empty = planOf(doc({ lines: [] }));
  assert.deepEqual(empty.reasons, [{ code: 'EMPTY_DOCUMENT', message: 'The document has no expense lines' }]);
});

test('a line id twice is held once per line id', () => {
  const r = planOf(doc({ lines: [line(), line(), line({ lineId: 'L2' })] }));
  assert.deepEqual(r.reasons, [{ code: 'DUPLICATE_SOURCE', message: 'Line L1 appears twice in the document', lineId: 'L1' }]);
});

test('personal and zero lines are left out with a note each; a document of nothing but those is ZERO_AMOUNT', () => {
  const r = planOf(doc({ lines: [line(), line({ lineId: 'L2', isPersonal: true, expenseType: { code: 'GIFT', name: '' } }), line({ lineId: 'L3', amount: eur(0) })] }));
  assert.ok(r.plan);
  assert.ok(r.plan.notes.includes('Line L2 (GIFT) is personal and not posted'), r.plan.notes.join('|'));
  assert.ok(r.plan.notes.includes('Line L3 has a zero amount and is not posted'));
  assert.deepEqual(r.plan.lines.map((l) => l.sourceLineId), ['L1', null]);
  const nothing = planOf(doc({ lines: [line({ isPersonal: true }), line({ lineId: 'L2', amount: eur(0) })] }));
  assert.deepEqual(nothing.reasons, [{ code: 'ZERO_AMOUNT', message: 'Nothing to post: every line is personal or zero' }]);
});

test('a line in another currency is held with both currencies and not posted', () => {
  const r = planOf(doc({ lines: [line(), line({ lineId: 'L2', amount: { amountMinor: 100, currency: 'USD' } })] }));
  assert.deepEqual(r.reasons, [{ code: 'CURRENCY_MISMATCH', message: 'Line L2 is in USD, the document in EUR', lineId: 'L2' }]);
});

test('a missing required dimension names the line and the expense type to map', () => {
  const r = planOf(doc({ lines: [line({ expenseType: { code: 'TAXI', name: 'Taxi' }, allocations: [{ percentage: '100', dimensions: { costCenter: '' } }] })] }), { requiredDimensions: ['costCenter'] });
  assert.deepEqual(r.reasons, [{ code: 'DIMENSION_MISSING', message: 'Line L1 has no costCenter: map one on expense type "TAXI" or allocate it at the source', subject: 'TAXI', lineId: 'L1' }]);
  const project = planOf(doc(), { requiredDimensions: ['project'] });
  assert.deepEqual(project.reasons, [{ code: 'DIMENSION_MISSING', message: 'Line L1 has no project: map one on expense type "MEALS" or allocate it at the source', subject: 'MEALS', lineId: 'L1' }]);
});

test('partners: an unmapped employee, a vendor without a code, a document naming nobody', () => {
  const unmapped = planOf(doc({ employee: { id: 'ghost', name: 'G. Host', email: null } }));
  assert.deepEqual(unmapped.reasons, [{ code: 'EMPLOYEE_UNMAPPED', message: 'Employee G. Host (ghost) is not mapped to an ERP supplier/employee', subject: 'ghost' }]);
  const vendor = planOf(doc({ kind: 'invoice', employee: null, vendor: { code: null, name: 'Acme' } }), {}, 'supplier_invoice');
  assert.deepEqual(vendor.reasons, [{ code: 'PARTNER_UNKNOWN', message: 'Vendor "Acme" has no supplier code', subject: 'Acme' }]);
  const nobody = planOf(doc({ employee: null }));
  assert.deepEqual(nobody.reasons, [{ code: 'PARTNER_UNKNOWN', message: 'The document names neither an employee nor a vendor' }]);
  const viaEmployee = planOf(doc({ kind: 'invoice', vendor: null }), {}, 'supplier_invoice');
  assert.equal(viaEmployee.plan?.partner, 'V-JDOE', 'an invoice without a vendor is owed to the mapped employee');
  const cardOnly = planOf(doc({ employee: null, lines: [line({ paidBy: 'company' })] }));
  assert.ok(cardOnly.plan, 'a company-paid report needs no employee partner');
  assert.equal(cardOnly.plan.partner, null);
});

test('dates: each rule says what is missing; a valid plan notes how it was dated', () => {
  // Date.parse alone takes 30 February.
  assert.deepEqual(planOf(doc({ documentDate: '2026-02-30' })).reasons, [{ code: 'INVALID_DATE', message: 'Document date "2026-02-30" is missing or invalid' }]);
  assert.deepEqual(planOf(doc({ documentDate: null as never })).reasons, [{ code: 'INVALID_DATE', message: 'Document date "" is missing or invalid' }]);
  assert.deepEqual(planOf(doc({ documentDate: '05.10.2026' })).reasons.map((x) => x.code), ['INVALID_DATE']);
  assert.deepEqual(planOf(doc({ lines: [line({ transactionDate: null })] }), { dateRule: 'latest_expense_date' }).reasons, [{ code: 'INVALID_DATE', message: 'No valid expense date to date the entry with' }]);
  const ok = planOf(doc());
  assert.ok(ok.plan?.notes.includes('Dated 2026-10-05, the document date'), ok.plan?.notes.join('|'));
  const latest = planOf(doc({ lines: [line({ transactionDate: '2026-10-09' }), line({ lineId: 'L2', transactionDate: 'bad' }), line({ lineId: 'L3', transactionDate: '2026-09-30' })] }), { dateRule: 'latest_expense_date' });
  assert.equal(latest.plan?.postingDate, '2026-10-09');
  assert.ok(latest.plan?.notes.includes('Dated 2026-10-09, the latest expense date in the document'));
  const noDocDate = planOf(doc({ documentDate: null as never }), { dateRule: 'latest_expense_date' });
  assert.equal(noDocDate.plan?.documentDate, '2026-10-02', 'no document date: the posting date stands in');
});

test('descriptions: the line text, else the type name, else its code; the title, else the source id; the smaller limit cuts', () => {
  const r = planOf(doc({ title: '', lines: [line({ description: '' }), line({ lineId: 'L2', description: '', expenseType: { code: 'TAXI', name: '' } })] }));
  assert.ok(r.plan);
  assert.deepEqual(r.plan.lines.map((l) => l.description).slice(0, 2), ['Meals', 'TAXI']);
  assert.equal(r.plan.description, 'R1');
  const cut = planOf(doc({ title: 'x'.repeat(40), lines: [line({ description: 'y'.repeat(40) })] }), { maxDescriptionLength: 30 }, 'journal', 20);
  assert.ok(cut.plan);
  assert.equal(cut.plan.description.length, 20);
  assert.equal(cut.plan.lines[0]!.description.length, 20);
  assert.ok(cut.plan.notes.includes('Document description shortened to 20 characters'), cut.plan.notes.join('|'));
  assert.ok(cut.plan.notes.includes('Line L1 description shortened to 20 characters'));
  const short = planOf(doc({ title: 'x'.repeat(25) }), { maxDescriptionLength: 30 }, 'journal', 250);
  assert.equal(short.plan?.description.length, 25);
  assert.equal(short.plan?.notes.includes('Document description shortened to 30 characters'), false);
});

test('the plan carries the document: key, source, version, invoice number, line numbers, source amounts and dates', () => {
  const r = planOf(doc({ version: 'v9', invoiceNumber: 'INV-1', lines: [line({ transactionAmount: { amountMinor: 13000, currency: 'USD' }, exchangeRate: '0.95' })] }));
  assert.ok(r.plan);
  const p = r.plan;
  assert.deepEqual([p.kind, p.idempotencyKey, p.sourceSystem, p.sourceKind, p.sourceId, p.sourceVersion, p.invoiceNumber, p.currency, p.totalMinor], ['journal', 'MLC-K', 'concur', 'expense_report', 'R1', 'v9', 'INV-1', 'EUR', 12345]);
  assert.deepEqual(p.lines.map((l) => l.lineNo), [1, 2]);
  assert.deepEqual([p.lines[0]!.sourceAmountMinor, p.lines[0]!.sourceCurrency, p.lines[0]!.sourceRate, p.lines[0]!.transactionDate], [13000, 'USD', '0.95', '2026-10-02']);
  assert.deepEqual([p.lines[1]!.sourceAmountMinor, p.lines[1]!.sourceCurrency, p.lines[1]!.sourceRate, p.lines[1]!.transactionDate, p.lines[1]!.sourceLineId], [null, null, null, null, null]);
  assert.deepEqual(p.lines[1]!.dimensions, {});
  const noFx = planOf(doc({ lines: [line({ transactionAmount: null as never })] }));
  assert.deepEqual([noFx.plan?.lines[0]!.sourceAmountMinor, noFx.plan?.lines[0]!.sourceCurrency], [null, null]);
});

test('a credit line on an expense report is planned on the credit side with its absolute amount', () => {
  const r = planOf(doc({ lines: [line({ amount: eur(10000) }), line({ lineId: 'L2', amount: eur(-2500) })] }));
  assert.ok(r.plan);
  assert.deepEqual(r.plan.lines.map((l) => [l.side, l.amountMinor]), [['debit', 10000], ['credit', 2500], ['credit', 7500]]);
  assert.equal(r.plan.totalMinor, 10000);
});

test('the same problem seen twice is one reason; different lines or subjects stay apart', () => {
  const r = planOf(doc({ problems: [{ code: 'EMPTY_DOCUMENT', message: 'no lines (source)' }] as never, lines: [] }));
  assert.deepEqual(r.reasons, [{ code: 'EMPTY_DOCUMENT', message: 'no lines (source)' }]);
  const two = planOf(doc({ lines: [line({ expenseType: { code: 'NOPE', name: 'Nope' } }), line({ lineId: 'L2', expenseType: { code: 'NOPE', name: 'Nope' } })] }));
  assert.deepEqual(two.reasons.map((x) => [x.code, x.lineId]), [['NEEDS_MAPPING', 'L1'], ['NEEDS_MAPPING', 'L2']]);
});
