// Pure mapper: a balanced posting plan → a NetSuite journalEntry, vendorBill or vendorCredit body
// (../shared/api/netsuite.md §2b, §2c; vendorCredit: the REST record id of the Vendor Credit transaction in the
// NetSuite REST API Browser, with the same expense sublist as vendorBill). Codes the accountant mapped (account numbers, vendor/employee IDs) become internal-id references;
// segments (department, class, location) are internal ids already. Anything that cannot be referenced is a
// hold reason, never a guess.
import type { PlanLine, PostingPlan } from '../../../../shared/schemas/plan';
import type { HoldReason } from '../../../../shared/schemas/posting';
import { formatMinor } from '../../money/parse';

export type NetSuiteRecordType = 'journalEntry' | 'vendorBill' | 'vendorCredit';

/** What a supplier invoice changed after posting is credited with in NetSuite. */
export const NETSUITE_SUPPLIER_CREDIT = 'vendor credit';

export const recordTypeFor = (plan: Pick<PostingPlan, 'kind'>): NetSuiteRecordType =>
  plan.kind === 'supplier_invoice' ? 'vendorBill' : plan.kind === 'supplier_credit' ? 'vendorCredit' : 'journalEntry';

/** REST path of the upsert / look-up by external id. The key is [A-Z0-9-] only, so it needs no escaping. */
export const eidPath = (type: NetSuiteRecordType, externalId: string): string => `/record/v1/${type}/eid:${encodeURIComponent(externalId)}`;

/**
 * The sublist each record type carries our lines in. The upsert names it in `replace=`: without it, a PUT that
 * updates an existing record adds the sent lines to the ones already there (doubling a re-sent document).
 */
export const SUBLIST: Record<NetSuiteRecordType, 'line' | 'expense'> = { journalEntry: 'line', vendorBill: 'expense', vendorCredit: 'expense' };

/** NetSuite's memo fields take 4,000 characters at most. */
export const NETSUITE_MEMO_MAX = 4000;

const LINE_SEGMENTS = ['department', 'class', 'location'] as const;

export type FeatureKind = 'subsidiary' | (typeof LINE_SEGMENTS)[number];

export interface IdLookup {
  /** Whether the account has the feature behind a field (OneWorld, classes, departments, locations). */
  hasFeature(kind: FeatureKind): boolean;
  account(code: string): string | undefined;
  vendor(code: string): string | undefined;
  employee(code: string): string | undefined;
  currency(iso: string): string | undefined;
  /** Tax code (salestaxitem itemid) -> internal id; optional so lookups built before tax codes stay valid. */
  taxCode?(code: string): string | undefined;
  subsidiary(id: string): { active: boolean; name: string } | undefined;
}

export type RecordBody = Record<string, unknown>;
export type ToRemoteResult = { ok: true; type: NetSuiteRecordType; body: RecordBody } | { ok: false; reasons: HoldReason[] };

/** Minor units as a JSON number of the currency's decimals ("187.00" → 187, "12.5" → 12.5); refused when the number would not print back to that text. */
export function amountValue(amountMinor: number, currency: string): number {
  const text = formatMinor(amountMinor, currency);
  const n = Number(text);
  // The engine only plans safe integers; this guards the decimal round trip all the same. The JSON body carries
  // String(n) (shortest round trip), so that is what must equal the text: toFixed would pad 90071992547409.9 back
  // to "…09.91" and let a cent go missing.
  const canonical = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  if (!Number.isSafeInteger(amountMinor) || String(n) !== canonical) throw new Error(`amount ${text} ${currency} cannot be sent exactly`);
  return n;
}

const ref = (id: string) => ({ id });

const FEATURE_NAME: Record<FeatureKind, string> = { subsidiary: 'OneWorld (subsidiaries)', department: 'departments', class: 'classes', location: 'locations' };

/** The line's segments; a segment the account has no feature for is a hold reason, never sent. */
function segments(line: PlanLine, lookup: IdLookup, reasons: HoldReason[]): Record<string, { id: string }> {
  const out: Record<string, { id: string }> = {};
  for (const s of LINE_SEGMENTS) {
    const v = line.dimensions[s];
    if (!v) continue;
    if (lookup.hasFeature(s)) out[s] = ref(v);
    else reasons.push({ code: 'DIMENSION_UNKNOWN', message: `This NetSuite account has no ${FEATURE_NAME[s]}, yet the document maps ${s} ${v}: remove the ${s} from the mappings`, subject: `${s}:${v}` });
  }
  return out;
}

export function toNetSuiteRecord(plan: PostingPlan, subsidiaryId: string, lookup: IdLookup): ToRemoteResult {
  const reasons: HoldReason[] = [];
  const type = recordTypeFor(plan);
  const header: RecordBody = { tranDate: plan.postingDate, memo: plan.description.slice(0, NETSUITE_MEMO_MAX) };

  if (subsidiaryId && !lookup.hasFeature('subsidiary')) {
    reasons.push({ code: 'DIMENSION_UNKNOWN', message: `The connection books into subsidiary ${subsidiaryId}, but this NetSuite account has no OneWorld (no subsidiaries): clear the connection's subsidiary`, subject: `subsidiary:${subsidiaryId}` });
  } else if (subsidiaryId) {
    const sub = lookup.subsidiary(subsidiaryId);
    if (!sub) reasons.push({ code: 'DIMENSION_UNKNOWN', message: `Subsidiary ${subsidiaryId} does not exist in NetSuite: fix the connection's subsidiary`, subject: `subsidiary:${subsidiaryId}` });
    else if (!sub.active) reasons.push({ code: 'DIMENSION_INACTIVE', message: `Subsidiary ${subsidiaryId} (${sub.name}) is inactive in NetSuite`, subject: `subsidiary:${subsidiaryId}` });
    else header.subsidiary = ref(subsidiaryId);
  }
  const currencyId = lookup.currency(plan.currency);
  if (!currencyId) reasons.push({ code: 'INVALID_CURRENCY', message: `Currency ${plan.currency} is not set up in NetSuite`, subject: plan.currency });
  else header.currency = ref(currencyId);

  const accountOf = (line: PlanLine): string | undefined => {
    const id = lookup.account(line.account);
    if (!id) reasons.push({ code: 'ACCOUNT_UNKNOWN', message: `GL account ${line.account} does not exist in NetSuite`, subject: line.account });
    return id;
  };

  if (type === 'vendorBill' || type === 'vendorCredit') {
    const what = type === 'vendorBill' ? 'vendor bill' : 'vendor credit';
    const vendor = plan.partner ? lookup.vendor(plan.partner) : undefined;
    if (!plan.partner) reasons.push({ code: 'PARTNER_UNKNOWN', message: `A ${what} needs a vendor and the document names none` });
    else if (!vendor) {
      const isEmployee = !!lookup.employee(plan.partner);
      reasons.push({ code: 'PARTNER_UNKNOWN', message: isEmployee ? `${plan.partner} is a NetSuite employee, not a vendor: a ${what} needs a vendor` : `Vendor ${plan.partner} does not exist in NetSuite`, subject: plan.partner });
    } else header.entity = ref(vendor);
    // The bill carries the vendor's invoice number; a credit names the invoice it credits in its memo instead,
    // so its own number is NetSuite's (no vendor credit number was given to us).
    if (plan.invoiceNumber && type === 'vendorBill') header.tranId = plan.invoiceNumber;
    // A bill's expense amounts are debits of the expense accounts; a credit's are credits of them (positive = credited).
    const positive = type === 'vendorBill' ? 'debit' : 'credit';
    const folded = foldTax(plan.lines);
    const items = folded.map(({ line, taxMinor }) => {
      const account = accountOf(line);
      const amount = amountValue(line.amountMinor, plan.currency);
      const item: RecordBody = { account: account ? ref(account) : null, amount: line.side === positive ? amount : -amount, memo: line.description.slice(0, NETSUITE_MEMO_MAX), ...segments(line, lookup, reasons) };
      if (line.taxCode && line.taxRole === 'net') {
        // Vendor bill expense lines take a tax code, and the tax amount the source computed (tax1Amt) so NetSuite
        // books exactly it on the code's tax account instead of recomputing it from the rate (netsuite.md §2c;
        // tax1Amt as an overridable line field: inferred from the record browser's vendorbill expense sublist).
        const id = lookup.taxCode?.(line.taxCode);
        if (!id) reasons.push({ code: 'TAX_UNMAPPED', message: `Tax code ${line.taxCode} does not exist in NetSuite: fix its row on the Tax codes tab`, subject: line.taxCode });
        else item.taxCode = ref(id);
        const tax = amountValue(taxMinor, plan.currency);
        item.tax1Amt = line.side === positive ? tax : -tax;
      }
      return item;
    });
    if (reasons.length) return { ok: false, reasons: dedupe(reasons) };
    return { ok: true, type, body: { ...header, expense: { items } } };
  }

  const items = plan.lines.map((line) => {
    const account = accountOf(line);
    const item: RecordBody = { account: account ? ref(account) : null, [line.side]: amountValue(line.amountMinor, plan.currency), memo: line.description.slice(0, NETSUITE_MEMO_MAX), ...segments(line, lookup, reasons) };
    if (line.partner && line.partnerRole === 'vendor') {
      // A vendor owed an invoice posted as a journal: a vendor record only, never an employee of the same id.
      const entity = lookup.vendor(line.partner);
      if (!entity) reasons.push({ code: 'PARTNER_UNKNOWN', message: `Vendor ${line.partner} does not exist in NetSuite`, subject: line.partner });
      else item.entity = ref(entity);
    } else if (line.partner) {
      // The name column takes vendors and employees alike; the employee's own vendor record wins if both exist.
      const entity = lookup.vendor(line.partner) ?? lookup.employee(line.partner);
      if (!entity) reasons.push({ code: 'PARTNER_UNKNOWN', message: `${line.partner} is neither a vendor nor an employee in NetSuite`, subject: line.partner });
      else item.entity = ref(entity);
    }
    return item;
  });
  if (reasons.length) return { ok: false, reasons: dedupe(reasons) };
  return { ok: true, type, body: { ...header, line: { items } } };
}

/**
 * Vendor bills: a recoverable tax line whose source line has exactly one net line with the same tax code is
 * carried on that net line (tax1Amt) and NetSuite books it to the code's tax account; any other tax line (two tax
 * codes on one line, split allocations) stays an expense line on the recoverable-VAT account. Journals never fold:
 * NetSuite REST journal lines have no tax fields, so the tax line is always explicit there.
 */
export function foldTax(lines: readonly PlanLine[]): Array<{ line: PlanLine; taxMinor: number }> {
  const out = lines.map((line) => ({ line, taxMinor: 0, drop: false }));
  for (const t of out) {
    if (t.line.taxRole !== 'tax' || !t.line.sourceLineId) continue;
    const nets = out.filter((n) => n.line.taxRole === 'net' && n.line.sourceLineId === t.line.sourceLineId);
    const taxes = out.filter((n) => n.line.taxRole === 'tax' && n.line.sourceLineId === t.line.sourceLineId);
    const net = nets[0];
    if (nets.length !== 1 || taxes.length !== 1 || !net || net.line.taxCode !== t.line.taxCode || net.line.side !== t.line.side) continue;
    net.taxMinor = t.line.amountMinor;
    t.drop = true;
  }
  return out.filter((x) => !x.drop).map(({ line, taxMinor }) => ({ line, taxMinor }));
}

function dedupe(reasons: HoldReason[]): HoldReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const k = `${r.code}|${r.subject ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
