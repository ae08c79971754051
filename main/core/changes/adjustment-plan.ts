// Pure planners for documents changed after posting: the difference per account, the reversal of a posted
// plan (same lines, sides swapped) and the difference document. Every plan they return balances to the cent:
// a journal's debits equal its credits; a supplier invoice or credit carries its total as the net of its lines
// (the payable side is the ERP's own), and that total is a positive whole number of cents.
import type { AccountDifference, AdjustMode } from '../../../shared/schemas/change';
import type { PlanLine, PostingPlan } from '../../../shared/schemas/plan';

const groupOf = (l: Pick<PlanLine, 'account' | 'dimensions' | 'partner'>): string =>
  JSON.stringify([l.account, Object.entries(l.dimensions).sort(([a], [b]) => a.localeCompare(b)), l.partner]);

/** Net debit (debit minus credit) per account + dimensions + partner, in the plan's currency. */
function netOf(plan: PostingPlan | null, into: Map<string, AccountDifference>, side: 'before' | 'after'): void {
  for (const l of plan?.lines ?? []) {
    const g = groupOf(l);
    const row = into.get(g) ?? { account: l.account, dimensions: l.dimensions, partner: l.partner, beforeMinor: 0, afterMinor: 0, differenceMinor: 0 };
    // The role is not part of the group: a plan stored before roles existed has none for the same partner.
    if (l.partnerRole && !row.partnerRole) row.partnerRole = l.partnerRole;
    const signed = l.side === 'debit' ? l.amountMinor : -l.amountMinor;
    if (side === 'before') row.beforeMinor += signed;
    else row.afterMinor += signed;
    row.differenceMinor = row.afterMinor - row.beforeMinor;
    into.set(g, row);
  }
}

/** The difference per account between the posted plan and the new version's (both in minor units, net debit). */
export function accountDifferences(before: PostingPlan | null, after: PostingPlan | null): AccountDifference[] {
  const rows = new Map<string, AccountDifference>();
  netOf(before, rows, 'before');
  netOf(after, rows, 'after');
  return [...rows.values()].sort((a, b) => a.account.localeCompare(b.account) || groupOf(a).localeCompare(groupOf(b)));
}

/**
 * The payable side of a balanced supplier document, which some ERPs' plans carry (Intacct: a credit line carrying
 * the vendor on an invoice, a debit on a credit): it is the vendor balance, not an expense line, so it is left out
 * of the document's net. Plans without one (NetSuite) have only expense lines.
 */
export function isPayableLine(plan: Partial<Pick<PostingPlan, 'kind' | 'partner'>>, l: Pick<PlanLine, 'side' | 'partner'>): boolean {
  return !!plan.partner && l.partner === plan.partner && l.side === (plan.kind === 'supplier_credit' ? 'debit' : 'credit');
}

/**
 * Net of a supplier document's expense lines in minor units: an invoice debits its expense accounts (debits
 * minus credits), a supplier credit credits them (credits minus debits).
 */
export function supplierNet(plan: Pick<PostingPlan, 'kind' | 'lines'> & Partial<Pick<PostingPlan, 'partner'>>): number {
  const signed = plan.lines.filter((l) => !isPayableLine(plan, l)).reduce((s, l) => s + (l.side === 'debit' ? l.amountMinor : -l.amountMinor), 0);
  return plan.kind === 'supplier_credit' ? -signed : signed;
}

/**
 * Throws unless the plan balances to the cent: a journal's debits equal its credits; a supplier invoice's or
 * credit's total is the net of its lines and positive. Every amount is a positive whole number of cents.
 */
export function assertBalanced(plan: PostingPlan): void {
  if (plan.kind !== 'journal') {
    for (const l of plan.lines) if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor <= 0) throw new Error(`line ${l.lineNo} of ${plan.idempotencyKey} has amount ${l.amountMinor}; amounts are positive minor units`);
    if (plan.lines.length === 0) throw new Error(`${plan.idempotencyKey} has no lines`);
    const net = supplierNet(plan);
    if (net !== plan.totalMinor || net <= 0) throw new Error(`${plan.idempotencyKey} does not balance: its lines net ${net}, its total is ${plan.totalMinor} (a supplier document's total is positive)`);
    return;
  }
  let debit = 0;
  let credit = 0;
  for (const l of plan.lines) {
    if (!Number.isSafeInteger(l.amountMinor) || l.amountMinor <= 0) throw new Error(`line ${l.lineNo} of ${plan.idempotencyKey} has amount ${l.amountMinor}; amounts are positive minor units`);
    if (l.side === 'debit') debit += l.amountMinor;
    else credit += l.amountMinor;
  }
  if (debit !== credit) throw new Error(`${plan.idempotencyKey} does not balance: debit ${debit}, credit ${credit}`);
  if (plan.lines.length === 0) throw new Error(`${plan.idempotencyKey} has no lines`);
}

const cut = (text: string, max: number): string => (text.length > max ? text.slice(0, max) : text);

export interface AdjustmentBase {
  key: string;
  /** The posting date of the adjustment (the new version's). */
  postingDate: string;
  description: string;
  maxDescriptionLength: number;
}

const debitTotal = (lines: readonly PlanLine[]): number => lines.reduce((s, l) => s + (l.side === 'debit' ? l.amountMinor : 0), 0);

/** The posted plan on swapped sides: a journal that takes the posted one out of the ledger. */
export function reversalPlan(posted: PostingPlan, o: AdjustmentBase): PostingPlan {
  if (posted.kind !== 'journal') throw new Error('only a journal is reversed by a journal; a supplier invoice is reversed by a supplier credit (creditPlan)');
  const lines = posted.lines.map((l, i): PlanLine => ({ ...l, lineNo: i + 1, side: l.side === 'debit' ? 'credit' : 'debit', description: cut(`Reversal: ${l.description}`, o.maxDescriptionLength) }));
  const plan: PostingPlan = { ...posted, idempotencyKey: o.key, lookupKeys: [], postingDate: o.postingDate, description: cut(o.description, o.maxDescriptionLength), lines, totalMinor: debitTotal(lines), notes: [] };
  assertBalanced(plan);
  return plan;
}

/**
 * The ERP credit document for a posted supplier invoice: the same lines (accounts, dimensions, amounts) on
 * swapped sides, for the invoice's total, against the same supplier. It takes the invoice out of the ledger.
 */
export function creditPlan(posted: PostingPlan, o: AdjustmentBase): PostingPlan {
  if (posted.kind !== 'supplier_invoice') throw new Error('only a supplier invoice is credited by a supplier credit; a journal is reversed by a journal');
  const lines = posted.lines.map((l, i): PlanLine => ({ ...l, lineNo: i + 1, side: l.side === 'debit' ? 'credit' : 'debit', description: cut(`Credit: ${l.description}`, o.maxDescriptionLength) }));
  const plan: PostingPlan = { ...posted, kind: 'supplier_credit', idempotencyKey: o.key, lookupKeys: [], postingDate: o.postingDate, description: cut(o.description, o.maxDescriptionLength), lines, totalMinor: posted.totalMinor, notes: [] };
  assertBalanced(plan);
  return plan;
}

/** The new version under its adjustment key (the posted document keeps its own key and ERP id). */
export function newVersionPlan(after: PostingPlan, o: AdjustmentBase): PostingPlan {
  const plan: PostingPlan = { ...after, idempotencyKey: o.key, lookupKeys: [], description: cut(o.description, o.maxDescriptionLength), notes: [] };
  assertBalanced(plan);
  return plan;
}

/** One line per account + dimensions + partner whose net changed: debited when it grew, credited when it fell. */
function differenceLines(diffs: readonly AccountDifference[], description: string): PlanLine[] {
  return diffs.map((d, i): PlanLine => ({
    lineNo: i + 1,
    sourceLineId: null,
    account: d.account,
    side: d.differenceMinor > 0 ? 'debit' : 'credit',
    amountMinor: Math.abs(d.differenceMinor),
    dimensions: d.dimensions,
    description,
    partner: d.partner,
    ...(d.partnerRole ? { partnerRole: d.partnerRole } : {}),
    sourceAmountMinor: null,
    sourceCurrency: null,
    sourceRate: null,
    transactionDate: null,
  }));
}

/**
 * One journal with the difference per account (new minus posted): a positive difference is debited, a
 * negative one credited. Null when nothing differs in the ledger (e.g. only a description changed).
 */
export function differencePlan(posted: PostingPlan, after: PostingPlan, o: AdjustmentBase): PostingPlan | null {
  if (posted.kind !== 'journal' || after.kind !== 'journal') throw new Error('a difference is posted as a journal; a supplier invoice\'s difference is supplierDifferencePlan');
  if (posted.currency !== after.currency) throw new Error(`the currency changed (${posted.currency} → ${after.currency}): reverse and post the new version instead`);
  const diffs = accountDifferences(posted, after).filter((d) => d.differenceMinor !== 0);
  if (diffs.length === 0) return null;
  const lines = differenceLines(diffs, cut(`Difference: ${after.description}`, o.maxDescriptionLength));
  const plan: PostingPlan = { ...after, idempotencyKey: o.key, lookupKeys: [], postingDate: o.postingDate, description: cut(o.description, o.maxDescriptionLength), lines, totalMinor: debitTotal(lines), notes: [] };
  assertBalanced(plan);
  return plan;
}

/**
 * The difference of a supplier invoice: one line per account + dimensions whose net changed (new minus posted,
 * debited when positive, credited when negative). A higher total is an additional invoice, a lower one a
 * supplier credit, each for the difference of the totals. Null when no account differs; throws when the total
 * is the same but accounts differ (no invoice or credit of zero exists: reverse and post the new version).
 */
export function supplierDifferencePlan(posted: PostingPlan, after: PostingPlan, o: AdjustmentBase): PostingPlan | null {
  if (posted.kind !== 'supplier_invoice' || after.kind !== 'supplier_invoice') throw new Error('a supplier difference is planned between two supplier invoices');
  if (posted.currency !== after.currency) throw new Error(`the currency changed (${posted.currency} → ${after.currency}): reverse and post the new version instead`);
  const diffs = accountDifferences(posted, after).filter((d) => d.differenceMinor !== 0);
  if (diffs.length === 0) return null;
  // The payable line's difference mirrors the expense lines': the total is the expense lines' net.
  const payable = new Set(posted.lines.filter((l) => isPayableLine(posted, l)).map(groupOf));
  const net = diffs.filter((d) => !payable.has(groupOf(d))).reduce((s, d) => s + d.differenceMinor, 0);
  if (net === 0) throw new Error('the total is unchanged while accounts differ: no supplier invoice or credit of zero exists; reverse and post the new version instead');
  const kind = net > 0 ? 'supplier_invoice' : 'supplier_credit';
  const lines = differenceLines(diffs, cut(`Difference: ${after.description}`, o.maxDescriptionLength));
  const plan: PostingPlan = { ...after, kind, idempotencyKey: o.key, lookupKeys: [], postingDate: o.postingDate, description: cut(o.description, o.maxDescriptionLength), lines, totalMinor: Math.abs(net), notes: [] };
  assertBalanced(plan);
  return plan;
}

/** Whether the ledger holds the document before this change (not after a recalled document was reversed). */
export const ledgerHolds = (r: { before_erp_ids_json: string }): boolean => (JSON.parse(r.before_erp_ids_json) as string[]).length > 0;

/**
 * Why a supplier invoice cannot be adjusted with this target: its adapter does not post the ERP's credit document
 * (see README "Changes after posting": documented per ERP, or not yet).
 */
const CREDIT_WHY = 'A supplier invoice is corrected in the ERP with its own credit document; this build posts one only to NetSuite (vendor credit) and Sage Intacct (AP adjustment) — Acumatica\'s Debit Adj. bill type is unverified, Sage X3 documents none: accept the change with a reason and enter the credit in the ERP';

/**
 * What this change can be adjusted with, and why not where nothing is possible. `holds`: the ledger holds the
 * document now (false after a recalled document was reversed: then "reverse" posts the new version only).
 * `credit`: the target's credit document for supplier invoices (TargetCapabilities.supplierCredit), if any.
 */
export function adjustModesFor(posted: PostingPlan | null, after: PostingPlan | null, holds = true, credit: string | null = null): { modes: AdjustMode[]; why: string | null } {
  if (!holds) {
    return after
      ? { modes: ['reverse'], why: 'The ledger holds nothing for this document (its recall was reversed): the adjustment posts the new version only' }
      : { modes: [], why: 'The ledger holds nothing for this document and there is no new version: accept it with a reason' };
  }
  if (!posted) return { modes: [], why: 'The posted plan is not known here (recorded from a twin or linked): accept it and correct the ERP by hand if needed' };
  if (posted.kind === 'supplier_invoice' || after?.kind === 'supplier_invoice') {
    if (!credit) return { modes: [], why: CREDIT_WHY };
    if (posted.kind !== 'supplier_invoice' || (after && after.kind !== 'supplier_invoice')) return { modes: [], why: 'The document changed between a journal and a supplier invoice: accept it with a reason and correct the ERP by hand' };
    if (!after) return { modes: ['reverse'], why: `Recalled in the source: the adjustment credits the posted invoice with a ${credit}; when the document comes back it shows here again as a change` };
    if (posted.currency !== after.currency) return { modes: ['reverse'], why: `The currency changed (${posted.currency} → ${after.currency}): only a ${credit} for the posted invoice and the new version can be posted` };
    if (posted.totalMinor === after.totalMinor) return { modes: ['reverse'], why: `The total is unchanged while the lines differ: no invoice or ${credit} of zero exists, so the posted invoice is credited and the new version posted` };
    return { modes: ['reverse', 'difference'], why: null };
  }
  if (!after) return { modes: ['reverse'], why: 'Recalled in the source: the adjustment reverses the posted journal; when the document comes back it shows here again as a change' };
  if (posted.currency !== after.currency) return { modes: ['reverse'], why: `The currency changed (${posted.currency} → ${after.currency}): a difference cannot be posted, only a reversal and the new version` };
  return { modes: ['reverse', 'difference'], why: null };
}
