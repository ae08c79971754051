// PURE: posting plans and look-ups as Intacct functions. A journal is a GLBATCH create, a supplier
// invoice an APBILL create; the idempotency key is the function controlid and a searchable field.
import type { PlanLine, PostingPlan } from '../../../../shared/schemas/plan';
import { foldBillTax } from '../tax-fold';
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { formatMinor } from '../../money/parse';
import type { XmlNode } from '../xml';
import type { BillDue } from './due-date';
import type { IntacctFunction } from './schemas';

/** Longest description we send (batch title, line memo); Intacct's own limits are larger or unpublished. */
export const INTACCT_DESCRIPTION_MAX = 100;

export type IntacctObject = 'GLBATCH' | 'APBILL' | 'APADJUSTMENT';

/** What a supplier invoice changed after posting is credited with in Intacct (developer.intacct.com, "AP Adjustments"). */
export const INTACCT_SUPPLIER_CREDIT = 'AP adjustment';

export function cutText(text: string, max = INTACCT_DESCRIPTION_MAX): string {
  const chars = Array.from(text.replace(/[\r\n\t]+/g, ' ').trim());
  return chars.length > max ? chars.slice(0, max).join('').trimEnd() : chars.join('');
}

/** YYYY-MM-DD -> MM/DD/YYYY, the gateway's date format. */
export function intacctDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return `${m[2]}/${m[3]}/${m[1]}`;
}

export function objectFor(plan: PostingPlan): IntacctObject {
  return plan.kind === 'supplier_invoice' ? 'APBILL' : plan.kind === 'supplier_credit' ? 'APADJUSTMENT' : 'GLBATCH';
}

/** The searchable field that carries the key. */
export function keyFieldFor(plan: PostingPlan, s: SageIntacctTargetSettings): string {
  // An AP adjustment carries the key as its adjustment number (RECORDID), which the look-up queries.
  return plan.kind === 'supplier_invoice' ? s.billKeyField : plan.kind === 'supplier_credit' ? 'RECORDID' : 'REFERENCENO';
}

/** Only non-empty values make it into the element (optional tags are left out, not sent empty). */
function pick(entries: Array<[string, string | null | undefined]>): XmlNode {
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}

export function glbatch(plan: PostingPlan, s: SageIntacctTargetSettings): XmlNode {
  const foreign = plan.currency !== s.baseCurrency;
  const entry = (l: PlanLine): XmlNode =>
    pick([
      ['ACCOUNTNO', l.account],
      ['TR_TYPE', l.side === 'debit' ? '1' : '-1'],
      ['TRX_AMOUNT', formatMinor(l.amountMinor, plan.currency)],
      ['CURRENCY', foreign ? plan.currency : null],
      ['EXCH_RATE_DATE', foreign ? intacctDate(plan.postingDate) : null],
      ['EXCH_RATE_TYPE_ID', foreign ? s.exchangeRateType : null],
      ['LOCATION', l.dimensions.location],
      ['DEPARTMENT', l.dimensions.department],
      // A vendor (an invoice posted as a journal) is always a VENDORID; the employee goes where the connection says.
      ['VENDORID', l.partnerRole === 'vendor' || s.journalPartner === 'vendor' ? l.partner : null],
      ['EMPLOYEEID', l.partnerRole !== 'vendor' && s.journalPartner === 'employee' ? l.partner : null],
      ['DESCRIPTION', cutText(l.description)],
    ]);
  return {
    GLBATCH: {
      ...pick([
        ['JOURNAL', s.journal],
        ['BATCH_DATE', intacctDate(plan.postingDate)],
        ['BATCH_TITLE', cutText(plan.description) || plan.idempotencyKey],
        ['REFERENCENO', plan.idempotencyKey],
      ]),
      ENTRIES: { GLENTRY: plan.lines.map(entry) },
    },
  };
}

/**
 * Bill lines are the expense lines. A credit line carrying the vendor itself is the payable side of a
 * balanced plan, which Intacct books from the vendor's AP account; other credits go out negative.
 */
export function billLines(plan: PostingPlan): Array<{ line: PlanLine; signed: number }> {
  return plan.lines
    .filter((l) => !(l.side === 'credit' && plan.partner !== null && l.partner === plan.partner))
    .map((l) => ({ line: l, signed: l.side === 'debit' ? l.amountMinor : -l.amountMinor }));
}

/** An APBILL create; `due` comes from billDueFor (the vendor's terms unless the connection sets a rule). */
export function apbill(plan: PostingPlan, s: SageIntacctTargetSettings, due: BillDue): XmlNode {
  const foreign = plan.currency !== s.baseCurrency;
  const billDate = plan.postingDate;
  // In the order of the official SDK's bill function (vendor, dates, term, numbers, currency), the key field after the bill number.
  const header = pick([
    ['VENDORID', plan.partner],
    ['WHENCREATED', intacctDate(billDate)],
    ['WHENDUE', 'whenDue' in due ? intacctDate(due.whenDue) : null],
    ['TERMNAME', 'termName' in due ? due.termName : null],
    // The key wins if the customer chose RECORDID as the key field.
    ['RECORDID', s.billKeyField === 'RECORDID' ? null : plan.invoiceNumber],
    [s.billKeyField, plan.idempotencyKey],
    ['BASECURR', foreign ? s.baseCurrency : null],
    ['CURRENCY', foreign ? plan.currency : null],
    ['EXCH_RATE_TYPE_ID', foreign ? s.exchangeRateType : null],
    // SDK's BillCreate writes taxsolutionid after supdocid (intacct-sdk-php); on APBILL as a field: inferred.
    ['TAXSOLUTIONID', s.vatEnabled && s.taxSolutionId ? s.taxSolutionId : null],
  ]);
  const taxed = s.vatEnabled ? foldBillTax(billLines(plan)) : billLines(plan).map((b) => ({ ...b, taxSigned: 0 }));
  const items = taxed.map(({ line, signed, taxSigned }) => {
    const item = pick([
      ['ACCOUNTNO', line.account],
      ['TRX_AMOUNT', formatMinor(signed, plan.currency)],
      ['ENTRYDESCRIPTION', cutText(line.description)],
      ['LOCATIONID', line.dimensions.location],
      ['DEPARTMENTID', line.dimensions.department],
    ]);
    if (!taxSigned || !line.taxCode) return item;
    // VAT companies: the line's tax as a tax entry on the tax detail (DETAILID), net amount exclusive of tax,
    // TOTALTRXAMOUNT the tax-inclusive total (sage-intacct.md §5b, fyle's bill payload).
    return {
      ...item,
      TOTALTRXAMOUNT: formatMinor(signed + taxSigned, plan.currency),
      INCLUSIVETAX: 'false',
      TAXENTRIES: { TAXENTRY: [{ DETAILID: line.taxCode, TRX_TAX: formatMinor(taxSigned, plan.currency) }] },
    };
  });
  return { APBILL: { ...header, APBILLITEMS: { APBILLITEM: items } } };
}

/**
 * An APADJUSTMENT create (developer.intacct.com/api/accounts-payable/ap-adjustments; the legacy
 * create_apadjustment documents vendorid, datecreated, adjustmentno, billno, description, basecurr/currency and
 * apadjustmentitems/lineitem with glaccountno, amount, memo and dimensions). The element names of the object form
 * (WHENCREATED, RECORDID = adjustment number, APADJUSTMENTITEMS/APADJUSTMENTITEM with ACCOUNTNO, TRX_AMOUNT,
 * ENTRYDESCRIPTION, LOCATIONID, DEPARTMENTID) are inferred from APBILL's. The adjustment number is the key.
 * Amounts are positive: what the adjustment takes off the vendor balance (inferred). The vendor's payable line of
 * the plan (debit, carrying the vendor) is booked by Intacct from the vendor's AP account, so it is not sent.
 */
export function apadjustment(plan: PostingPlan, s: SageIntacctTargetSettings): XmlNode {
  const foreign = plan.currency !== s.baseCurrency;
  const header = pick([
    ['VENDORID', plan.partner],
    ['WHENCREATED', intacctDate(plan.postingDate)],
    ['RECORDID', plan.idempotencyKey],
    ['DOCNUMBER', plan.invoiceNumber],
    ['DESCRIPTION', cutText(plan.description)],
    ['BASECURR', foreign ? s.baseCurrency : null],
    ['CURRENCY', foreign ? plan.currency : null],
    ['EXCH_RATE_TYPE_ID', foreign ? s.exchangeRateType : null],
  ]);
  const items = plan.lines
    .filter((l) => !(l.side === 'debit' && plan.partner !== null && l.partner === plan.partner))
    .map((l) =>
      pick([
        ['ACCOUNTNO', l.account],
        ['TRX_AMOUNT', formatMinor(l.side === 'credit' ? l.amountMinor : -l.amountMinor, plan.currency)],
        ['ENTRYDESCRIPTION', cutText(l.description)],
        ['LOCATIONID', l.dimensions.location],
        ['DEPARTMENTID', l.dimensions.department],
      ]),
    );
  return { APADJUSTMENT: { ...header, APADJUSTMENTITEMS: { APADJUSTMENTITEM: items } } };
}

/** The create function for a plan; its controlid is the idempotency key (uniqueid=true on the request). Bills need their `due`. */
export function createFunction(plan: PostingPlan, s: SageIntacctTargetSettings, due: BillDue | null = null): IntacctFunction {
  if (plan.kind === 'supplier_credit') return { controlId: plan.idempotencyKey, body: { create: apadjustment(plan, s) } };
  if (plan.kind !== 'supplier_invoice') return { controlId: plan.idempotencyKey, body: { create: glbatch(plan, s) } };
  if (!due) throw new Error(`bill ${plan.idempotencyKey} needs its due date rule resolved before it is sent`);
  return { controlId: plan.idempotencyKey, body: { create: apbill(plan, s, due) } };
}

export function readByQuery(object: string, fields: readonly string[], pageSize: number): IntacctFunction {
  return { controlId: `read-${object}`, body: { readByQuery: { object, fields: fields.join(','), query: '', pagesize: String(pageSize), returnFormat: 'xml' } } };
}

export function readMore(object: string, resultId: string): IntacctFunction {
  return { controlId: `more-${object}`, body: { readMore: { resultId } } };
}
