// Who is owed an FIS expense entry, read from Concur's own journal rows: every allocation's `journal[]` row
// names a payer and a payee (EMPL, COMP, or a card payment code such as IBCP / CBCP / COPD) and a signed gross
// amount, and carries the account Concur's accounting configuration assigned (`journalAccountCode`).
// Sources (SAP Concur developer center, api-reference/financial-integration):
//  - v4.financial-documents-schema "Expense - Journal": journalPayer / journalPayee are payment codes,
//    journalAccountCode is the expense type's account or, for a CBCP personal expense, the company card
//    clearing account; "Expense - cashAdvanceApplication": the applied amount and the clearing account code.
//  - v4.financial-integration-use-cases-extract-information: payer COMPANY / payee EMPLOYEE = reimbursable;
//    payee "IBCP/CBCP CORP" = the card vendor; payer EMPLOYEE / payee COMPANY = the employee owes (a cash
//    credit, a personal charge, a cash advance recovered); with offsets one entry's rows split between
//    employee and card (Local Trans 21 EMPLOYEE + 14 IBCP CORP).
// Without journal rows the payment type decides, and card-transaction fields mark a card line.
import type { Settlement, SourceProblem } from '../../../../shared/schemas/document';
import { arr, moneyOf, text, yes } from './map-common';
import type { Obj } from './map-common';

type Side = 'employee' | 'company' | 'card';

/** What a journal payment code stands for; null when it is none we know. */
export function sideOf(code: string | null): Side | null {
  const c = (code ?? '').toUpperCase().trim();
  if (c === 'EMPL' || c === 'EMPLOYEE' || c === 'IBIP') return 'employee';
  if (c === 'COMP' || c === 'COMPANY') return 'company';
  if (c === 'IBCP' || c === 'CBCP' || c === 'COPD' || c.includes('CORP') || c.includes('CARD')) return 'card';
  return null;
}

export interface JournalRow {
  party: Exclude<Side, 'company'>;
  amountMinor: number;
  account: string | null;
}

export interface EntrySettlement {
  /** Settlements from the journal rows (or the payment type); undefined: the line balances on paidBy as before. */
  settlements?: Settlement[];
  paidBy: 'employee' | 'company';
  /** The expense account Concur assigned to the entry (first journal row) and per allocation, in allocation order. */
  sourceAccount?: string;
}

/** Journal rows of one allocation (or of the entry itself); unreadable or unattributable rows become problems. */
export function journalRows(holder: Obj, currency: string | null, label: string, lineId: string, problems: SourceProblem[]): JournalRow[] {
  const out: JournalRow[] = [];
  for (const j of arr(holder.journal)) {
    const money = moneyOf(j.amountGross, currency, `${label} journal row`, problems, lineId);
    if (!money) continue;
    const payer = text(j.journalPayer);
    const payee = text(j.journalPayee);
    const from = sideOf(payer);
    const to = sideOf(payee);
    // The company's books: the other side of the row is who settles it (payee when the company pays, payer when it is paid).
    const party = from === 'company' && to && to !== 'company' ? to : to === 'company' && from && from !== 'company' ? from : null;
    if (!party) {
      problems.push({ code: 'SOURCE_INVALID', message: `${label}: a journal row from "${payer ?? '?'}" to "${payee ?? '?'}" does not say who is owed (expected the company on one side and EMPL or a card code on the other)`, lineId });
      continue;
    }
    out.push({ party, amountMinor: money.amountMinor, account: text(j.journalAccountCode) });
  }
  return out;
}

/**
 * Settlements of one entry. Business entries: one per journal row (the offsetting split kept). Personal
 * entries (a company-billed card's personal charge): the card rows stand, and the employee owes whatever
 * the rows leave open, so the entry nets to zero and is never expensed.
 */
export function entrySettlement(e: Obj, rows: JournalRow[], amountMinor: number | null, opts: { companyPaid: readonly string[]; companyBilled: readonly string[] }): EntrySettlement {
  const personal = yes(e.entryIsPersonal);
  const payment = text(e.reportEntryPatKey) ?? text(e.reportEntryPaymentTypeCode);
  const cardFields = !!(text(e.cardTransactionID) ?? text(e.cardAccountID) ?? text(e.cardProgramTypeCode) ?? text(e.cardTransactionAmount));
  // The funding account's liability account is the card's clearing account; a CBCP personal row names it too.
  const cardAccount = text(e.liabilityAccountCode) ?? undefined;
  if (rows.length) {
    const settlements: Settlement[] = rows.map((r) => {
      const account = r.party === 'card' ? (cardAccount ?? (personal ? (r.account ?? undefined) : undefined)) : undefined;
      return { party: r.party, amountMinor: r.amountMinor, reason: personal && r.party === 'employee' ? 'personal' : 'expense', ...(account ? { sourceAccount: account } : {}) };
    });
    if (personal) {
      const open = settlements.reduce((s, x) => s + x.amountMinor, 0);
      if (open !== 0) settlements.push({ party: 'employee', amountMinor: -open, reason: 'personal' });
    }
    const expenseRow = personal ? undefined : rows.find((r) => r.account);
    return { settlements, paidBy: rows.some((r) => r.party === 'card') ? 'company' : 'employee', ...(expenseRow?.account ? { sourceAccount: expenseRow.account } : {}) };
  }
  const onCard = payment ? opts.companyPaid.includes(payment) : cardFields;
  const paidBy = onCard ? 'company' : 'employee';
  if (!personal || amountMinor === null) return { paidBy };
  // A personal charge on a company-billed card without journal rows: the card is paid in full, the employee owes it.
  if (payment && opts.companyBilled.includes(payment)) {
    const account = cardAccount ?? text(e.clearingAccountCode) ?? undefined;
    return {
      paidBy,
      settlements: [
        { party: 'card', amountMinor, reason: 'expense', ...(account ? { sourceAccount: account } : {}) },
        { party: 'employee', amountMinor: -amountMinor, reason: 'personal' },
      ],
    };
  }
  return { paidBy };
}

/**
 * Cash advances applied on the report: `cashAdvanceApplicationAmount` is the amount recovered, sent negative
 * (the extract's "CR" rows of transaction type 2, SAP use cases 5.2.1 / 5.2.2). The clearing account is
 * credited and the employee is owed that much less (or owes it, when the advance exceeds the expenses).
 */
export function cashAdvanceSettlements(body: Obj, currency: string | null, label: string, problems: SourceProblem[]): Settlement[] {
  const out: Settlement[] = [];
  for (const a of arr(body.cashAdvanceApplication)) {
    const money = moneyOf(a.cashAdvanceApplicationAmount, currency, `${label} cash advance ${text(a.cashAdvanceId) ?? ''}`.trimEnd(), problems);
    if (!money || money.amountMinor === 0) continue;
    const account = text(a.cashAdvanceClearingAccountCode);
    out.push({ party: 'cash_advance', amountMinor: -money.amountMinor, reason: 'cash_advance', ...(account ? { sourceAccount: account } : {}) });
    out.push({ party: 'employee', amountMinor: money.amountMinor, reason: 'cash_advance' });
  }
  return out;
}
