// Pure planner: a source document + today's mappings + posting rules -> a balanced posting plan, or hold reasons.
// Expense lines are debited (account per line-account.ts); who is owed is booked from the lines' settlements
// (settle.ts): the employee, the card, the cash-advance clearing account.
import type { PostingRules } from '../../../shared/schemas/connection';
import type { Settlement, SourceDocument, SourceLine } from '../../../shared/schemas/document';
import type { PlanLine, PostingKind, PostingPlan } from '../../../shared/schemas/plan';
import type { HoldCode, HoldReason } from '../../../shared/schemas/posting';
import { HOLD_CODES } from '../../../shared/schemas/posting';
import { allocate } from '../money/allocate';
import { isKnownCurrency } from '../money/currency';
import { formatMinor } from '../money/parse';
import type { AccountOrigin } from './line-account';
import { lineAccount, originText } from './line-account';
import type { MappingLookup } from './mapping-lookup';
import { checkDocumentSettlements, checkLineSettlements, settlementLines, settlementsOf, settlementText } from './settle';
import { checkLineTax } from './tax-check';
import { lineTaxPlan } from './tax-lines';
import { truncate } from './text';

export interface PlanInput {
  doc: SourceDocument;
  key: string;
  kind: PostingKind;
  rules: PostingRules;
  lookup: MappingLookup;
  /** The target's own description limit; the smaller of it and the rule's applies. */
  maxDescriptionLength: number;
}

export type PlanResult = { plan: PostingPlan; reasons: [] } | { plan: null; reasons: HoldReason[] };

const KNOWN = new Set<string>(HOLD_CODES);
const asHoldCode = (c: string): HoldCode => (KNOWN.has(c) ? (c as HoldCode) : 'SOURCE_INVALID');
// Date.parse takes 2026-02-30 (and rolls it over to March): a date must read back as itself.
const isDate = (d: string | null): d is string => {
  const t = d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

interface Draft {
  line: SourceLine;
  account: string;
  origin: AccountOrigin;
  amountMinor: number;
  dimensions: Record<string, string>;
  /** Taxed lines: the ERP tax code, and whether this draft is the line's net or its recoverable tax. */
  taxCode?: string;
  taxRole?: 'net' | 'tax';
  taxBaseMinor?: number;
  description?: string;
}

export function planDocument(input: PlanInput): PlanResult {
  const { doc, rules, lookup } = input;
  const reasons: HoldReason[] = doc.problems.map((p) => ({ code: asHoldCode(p.code), message: p.message, ...(p.lineId ? { lineId: p.lineId } : {}) }));
  const notes: string[] = [];
  const hold = (code: HoldCode, message: string, extra: Partial<HoldReason> = {}) => reasons.push({ code, message, ...extra });
  const maxDesc = Math.min(rules.maxDescriptionLength, input.maxDescriptionLength);
  const describe = (text: string, what: string) => {
    const t = truncate(text, maxDesc);
    if (t.cut) notes.push(`${what} shortened to ${maxDesc} characters`);
    return t.text;
  };

  // A kind the product does not post: that is the whole story, not a list of missing fields.
  if (reasons.some((r) => r.code === 'UNSUPPORTED_DOCUMENT')) return { plan: null, reasons: reasons.filter((r) => r.code === 'UNSUPPORTED_DOCUMENT') };
  const currency = doc.currency;
  if (!currency || !isKnownCurrency(currency)) hold('INVALID_CURRENCY', `Document currency "${currency ?? ''}" is not a known ISO 4217 code`);
  if (doc.lines.length === 0) hold('EMPTY_DOCUMENT', 'The document has no expense lines');

  const drafts: Draft[] = [];
  const settlements: Settlement[] = [...(doc.settlements ?? [])];
  const settledDates: Array<string | null> = [];
  const seenLineIds = new Set<string>();
  if (currency && doc.settlements) {
    const off = checkDocumentSettlements(doc, currency);
    if (off) reasons.push(off);
  }
  for (const line of doc.lines) {
    if (seenLineIds.has(line.lineId)) hold('DUPLICATE_SOURCE', `Line ${line.lineId} appears twice in the document`, { lineId: line.lineId });
    seenLineIds.add(line.lineId);
    if (line.isPersonal && !line.settlements?.some((x) => x.amountMinor !== 0)) {
      notes.push(`Line ${line.lineId} (${line.expenseType.name || line.expenseType.code}) is personal and not posted`);
      continue;
    }
    if (!line.amount || (!line.expenseType.code && !line.isPersonal)) continue; // already a problem reported by the source mapper
    if (currency && line.amount.currency !== currency) {
      hold('CURRENCY_MISMATCH', `Line ${line.lineId} is in ${line.amount.currency}, the document in ${currency}`, { lineId: line.lineId });
      continue;
    }
    const off = currency ? checkLineSettlements(line, line.amount.amountMinor, currency) : null;
    if (off) {
      reasons.push(off);
      continue;
    }
    if (line.isPersonal) {
      // A personal charge on a company-billed card: never expensed; the card is owed it and so is the company by the employee.
      notes.push(`Line ${line.lineId} (${line.expenseType.name || line.expenseType.code}) is a personal charge on the company card: the card is credited and the employee owes it`);
      settlements.push(...settlementsOf(line, 0));
      settledDates.push(line.transactionDate);
      continue;
    }
    if (line.amount.amountMinor === 0) {
      notes.push(`Line ${line.lineId} has a zero amount and is not posted`);
      continue;
    }
    const allocations = line.allocations.length ? line.allocations : [{ percentage: '100', dimensions: {} }];
    const target = lineAccount(line, rules, lookup, line.allocations);
    if ('code' in target) {
      reasons.push(target);
      continue;
    }
    const taxOff = currency ? checkLineTax(line, line.amount.amountMinor, currency) : null;
    if (taxOff) {
      reasons.push(taxOff);
      continue;
    }
    const taxed = lineTaxPlan(line, line.amount.amountMinor, lookup);
    if (Array.isArray(taxed)) {
      reasons.push(...taxed);
      continue;
    }
    // Only the expense part (net + non-recoverable tax) is split over the allocations; recoverable tax has its own line.
    const split = allocate(taxed.expenseMinor, allocations.map((a) => a.percentage));
    if (!split.ok) {
      hold('ALLOCATION_INVALID', `Line ${line.lineId}: ${split.message}`, { lineId: line.lineId });
      continue;
    }
    const base = { ...target.dimensions, ...line.dimensions };
    allocations.forEach((a, i) => {
      const amountMinor = split.parts[i] ?? 0;
      const acc = target.accounts[i] ?? target.accounts[0]!;
      const tax = line.tax ? { taxRole: 'net' as const, ...(taxed.netTaxCode ? { taxCode: taxed.netTaxCode } : {}) } : {};
      if (amountMinor !== 0) drafts.push({ line, account: acc.account, origin: acc.origin, amountMinor, dimensions: { ...base, ...a.dimensions }, ...tax });
    });
    for (const t of taxed.taxLines) {
      const what = `${t.component.name ?? t.component.code}${t.component.rate ? ` ${t.component.rate} %` : ''}`;
      // Organisational dimensions (branch, location) follow the expense; the analytical ones the connection requires
      // on expense lines (cost center, department, subaccount) stay off the balance-sheet VAT line.
      const orgDims = Object.fromEntries(Object.entries(base).filter(([k]) => !rules.requiredDimensions.includes(k)));
      drafts.push({ line, account: t.account, origin: 'mapping', amountMinor: t.amountMinor, dimensions: orgDims, taxCode: t.taxCode, taxRole: 'tax', taxBaseMinor: line.tax?.netMinor ?? 0, description: `Recoverable VAT ${what}: ${line.description || line.expenseType.name || line.expenseType.code}` });
    }
    if (taxed.nonRecoverableMinor && currency) notes.push(`Line ${line.lineId}: ${formatMinor(Math.abs(taxed.nonRecoverableMinor), currency)} ${currency} of tax is not recoverable and stays in the expense`);
    if ((rules.accountSource ?? 'mapping') !== 'mapping') {
      const used = [...new Set(target.accounts.map((a) => `${a.account} from ${originText(a.origin)}`))].join(', ');
      notes.push(`Line ${line.lineId}: account ${used}`);
    }
    settlements.push(...settlementsOf(line, line.amount.amountMinor));
  }

  // Every dimension a line lacks (on any of its shares) goes into one reason: reasons are kept one per code,
  // subject and line (dedupe), so a second reason for the same line would be dropped unseen.
  const lacking = new Map<SourceLine, Set<string>>();
  for (const d of drafts) {
    if (d.taxRole === 'tax') continue; // a recoverable-VAT line is a balance-sheet line: no cost center or project on it
    for (const dim of rules.requiredDimensions) {
      if (!d.dimensions[dim]) lacking.set(d.line, (lacking.get(d.line) ?? new Set<string>()).add(dim));
    }
  }
  for (const [l, set] of lacking) {
    const dims = rules.requiredDimensions.filter((dim) => set.has(dim));
    const one = dims.length === 1;
    const names = one ? dims[0]! : `${dims.slice(0, -1).join(', ')} and ${dims.at(-1)!}`;
    hold('DIMENSION_MISSING', `Line ${l.lineId} has no ${names}: map ${one ? 'one' : 'them'} on expense type "${l.expenseType.code}" or allocate ${one ? 'it' : 'them'} at the source`, { subject: l.expenseType.code, lineId: l.lineId });
  }

  // A supplier invoice posted as a journal (posting modes, or a target without supplier invoices) owes its lines
  // to the vendor on the payables account, not to an employee (shared/design/books.md: who is owed).
  const invoiceJournal = input.kind === 'journal' && doc.kind === 'invoice';
  const balancing = input.kind === 'journal' ? settlementLines(settlements, rules, lookup, invoiceJournal ? 'vendor' : 'employee') : { lines: [], reasons: [] };
  // A supplier invoice pays the whole report to one party: it cannot credit a cash advance back.
  if (input.kind === 'supplier_invoice' && settlements.some((x) => x.party === 'cash_advance' && x.amountMinor !== 0)) {
    hold('UNBALANCED', 'A cash advance is applied on this report, which a supplier invoice cannot show: post this kind of document as a journal (connection posting modes)');
  }
  reasons.push(...balancing.reasons);
  const employeePartner = doc.employee ? lookup.employee(doc.employee.id) : null;
  const vendorPartner = doc.vendor?.code ?? null;
  const partner = input.kind === 'supplier_invoice' ? (vendorPartner ?? employeePartner) : invoiceJournal ? vendorPartner : employeePartner;
  // The vendor is owed whenever an expense row is, payables account set or not: both holds are worth seeing at once.
  const vendorWithoutCode = (name: string) => hold('PARTNER_UNKNOWN', `Vendor "${name}" has no supplier code`, { subject: name });
  const owesVendor = invoiceJournal && settlements.some((x) => x.party === 'employee' && x.reason === 'expense' && x.amountMinor !== 0);
  if (owesVendor && !vendorPartner) {
    // Without a vendor nobody is known to be owed the invoice: the employee is not, so nothing falls back to them.
    if (doc.vendor) vendorWithoutCode(doc.vendor.name);
    else hold('PARTNER_UNKNOWN', 'The invoice names no vendor, so nobody is known to be owed it: fix the invoice at the source');
  }
  const needsEmployeePartner = balancing.lines.some((l) => l.party === 'employee') || input.kind === 'supplier_invoice';
  const payeePartner = input.kind === 'supplier_invoice' ? partner : employeePartner;
  if (needsEmployeePartner && !payeePartner) {
    if (doc.vendor && input.kind === 'supplier_invoice') vendorWithoutCode(doc.vendor.name);
    else if (doc.employee) hold('EMPLOYEE_UNMAPPED', `Employee ${doc.employee.name} (${doc.employee.id}) is not mapped to an ERP supplier/employee`, { subject: doc.employee.id });
    else hold('PARTNER_UNKNOWN', 'The document names neither an employee nor a vendor');
  }

  const dates = [...drafts.map((d) => d.line.transactionDate), ...settledDates].filter(isDate).sort();
  const postable = drafts.length > 0 || balancing.lines.length > 0;
  const postingDate = rules.dateRule === 'latest_expense_date' ? (dates.at(-1) ?? null) : doc.documentDate;
  // With no postable line left, the reasons above already say why; a missing expense date would only repeat it.
  if (!isDate(postingDate) && (rules.dateRule !== 'latest_expense_date' || postable)) {
    hold('INVALID_DATE', rules.dateRule === 'latest_expense_date' ? 'No valid expense date to date the entry with' : `Document date "${doc.documentDate ?? ''}" is missing or invalid`);
  }
  if (reasons.length === 0 && !postable) hold('ZERO_AMOUNT', 'Nothing to post: every line is personal or zero');
  if (reasons.length > 0 || !currency || !isDate(postingDate)) return { plan: null, reasons: dedupe(reasons) };

  if (doc.meta.vatNotRead) notes.push(doc.meta.vatNotRead);
  notes.push(rules.dateRule === 'latest_expense_date' ? `Dated ${postingDate}, the latest expense date in the document` : `Dated ${postingDate}, the document date`);
  const lines: PlanLine[] = drafts.map((d, i) => ({
    lineNo: i + 1,
    sourceLineId: d.line.lineId,
    account: d.account,
    side: d.amountMinor > 0 ? 'debit' : 'credit',
    amountMinor: Math.abs(d.amountMinor),
    dimensions: d.dimensions,
    description: describe(d.description ?? (d.line.description || d.line.expenseType.name || d.line.expenseType.code), `Line ${d.line.lineId} description`),
    partner: null,
    sourceAmountMinor: d.line.transactionAmount?.amountMinor ?? null,
    sourceCurrency: d.line.transactionAmount?.currency ?? null,
    sourceRate: d.line.exchangeRate,
    transactionDate: d.line.transactionDate,
    accountSource: d.origin,
    ...(d.taxCode ? { taxCode: d.taxCode } : {}),
    ...(d.taxRole ? { taxRole: d.taxRole } : {}),
    ...(d.taxBaseMinor !== undefined ? { taxBaseMinor: Math.abs(d.taxBaseMinor) } : {}),
  }));

  for (const b of balancing.lines) {
    lines.push({
      lineNo: lines.length + 1,
      sourceLineId: null,
      account: b.account,
      side: b.netMinor > 0 ? 'credit' : 'debit',
      amountMinor: Math.abs(b.netMinor),
      dimensions: {},
      description: describe(settlementText(b, b.party === 'vendor' ? (doc.vendor?.name ?? 'vendor') : (doc.employee?.name ?? 'employee'), doc.title), 'Balancing line description'),
      partner: b.party === 'vendor' ? vendorPartner : b.party === 'employee' ? employeePartner : null,
      ...(b.party === 'vendor' || (b.party === 'employee' && employeePartner) ? { partnerRole: b.party } : {}),
      sourceAmountMinor: null,
      sourceCurrency: null,
      sourceRate: null,
      transactionDate: null,
      accountSource: b.fromSource ? 'source' : 'rule',
    });
  }

  const debit = lines.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amountMinor, 0);
  const credit = lines.filter((l) => l.side === 'credit').reduce((s, l) => s + l.amountMinor, 0);
  if (input.kind === 'journal' && debit !== credit) {
    return { plan: null, reasons: [{ code: 'UNBALANCED', message: `Debits ${formatMinor(debit, currency)} and credits ${formatMinor(credit, currency)} ${currency} differ` }] };
  }
  if (input.kind === 'supplier_invoice' && debit - credit <= 0) {
    return { plan: null, reasons: [{ code: 'ZERO_AMOUNT', message: `Invoice total ${formatMinor(debit - credit, currency)} ${currency} is not positive: credit notes are posted by hand` }] };
  }
  const plan: PostingPlan = {
    kind: input.kind,
    idempotencyKey: input.key,
    sourceSystem: doc.sourceSystem,
    sourceKind: doc.kind,
    sourceId: doc.sourceId,
    sourceVersion: doc.version,
    postingDate,
    documentDate: doc.documentDate ?? postingDate,
    currency,
    description: describe(doc.title || doc.sourceId, 'Document description'),
    partner,
    invoiceNumber: doc.invoiceNumber,
    lines,
    totalMinor: input.kind === 'journal' ? debit : debit - credit,
    notes,
  };
  return { plan, reasons: [] };
}

function dedupe(reasons: HoldReason[]): HoldReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    // One reason per code and subject/line: the source mapper and the planner may both notice the same thing.
    const k = `${r.code}|${r.subject ?? ''}|${r.lineId ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
