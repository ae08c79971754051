// The other side of an expense entry: who is owed (or owes) what. Each line says who settles it (the
// employee, the card, or both when Concur's journal rows split it — SAP's "with offsetting" scenarios);
// personal charges on a company-billed card are owed by the employee while the card is credited in full;
// a cash advance applied credits the cash-advance clearing account and reduces what the employee is owed,
// or makes the employee owe the difference (SAP Concur "Financial Integration Service Use Cases", Cash
// Advances 5.2.1 / 5.2.2 and Company Paid Credit Card 6.2.x, developer.concur.com
// api-reference/financial-integration/v4.financial-integration-service-use-cases).
// Settlements are grouped per party and account; personal charges the employee owes stay on their own line.
// A supplier invoice posted as a journal owes its lines to the vendor, not the employee: the source mappers say
// "paid by the employee" for want of another side, so the planner asks for the vendor as payee (payables account).
import type { PostingRules } from '../../../shared/schemas/connection';
import type { Settlement, SourceDocument, SourceLine } from '../../../shared/schemas/document';
import type { HoldReason } from '../../../shared/schemas/posting';
import { formatMinor } from '../money/parse';
import type { MappingLookup } from './mapping-lookup';

export interface SettlementLine {
  /** Who is owed: a settlement's party, or the vendor an invoice posted as a journal owes its lines to. */
  party: Settlement['party'] | 'vendor';
  reason: 'personal' | 'other';
  account: string;
  /** Positive: credit (the company owes the party); negative: debit (the party owes the company). */
  netMinor: number;
  fromSource: boolean;
}

const sum = (xs: readonly Settlement[]) => xs.reduce((s, x) => s + x.amountMinor, 0);

/** What a line without journal rows is settled by: its payment side, as before. */
export function settlementsOf(line: SourceLine, amountMinor: number): Settlement[] {
  if (line.settlements) return line.settlements;
  return [{ party: line.paidBy === 'company' ? 'card' : 'employee', amountMinor, reason: 'expense' }];
}

/** A business line's settlements must add up to it, a personal one's to zero: otherwise the entry cannot balance. */
export function checkLineSettlements(line: SourceLine, amountMinor: number, currency: string): HoldReason | null {
  if (!line.settlements) return null;
  const want = line.isPersonal ? 0 : amountMinor;
  const got = sum(line.settlements);
  if (got === want) return null;
  return {
    code: 'SOURCE_INVALID',
    message: `Line ${line.lineId}: the source's journal rows settle ${formatMinor(got, currency)} ${currency} but the line is ${formatMinor(want, currency)} ${currency}; the entry cannot balance`,
    lineId: line.lineId,
  };
}

export function checkDocumentSettlements(doc: SourceDocument, currency: string): HoldReason | null {
  const got = sum(doc.settlements ?? []);
  if (got === 0) return null;
  return { code: 'SOURCE_INVALID', message: `The document's cash-advance settlements are off by ${formatMinor(got, currency)} ${currency}; the entry cannot balance` };
}

/** Held when an invoice must post as a journal and nothing says which account the vendor is owed on. */
export const PAYABLES_UNSET: HoldReason = {
  code: 'ACCOUNT_UNKNOWN',
  message: "Invoices post as journals on this connection and the supplier payables account is not set: set it in the connection's posting rules (Supplier payables account), or post invoices as supplier invoices (posting modes)",
};

/**
 * Balancing lines for the settlements, grouped per party, reason and account; zero groups vanish.
 * `payee` 'vendor' (an invoice posted as a journal): what the lines owe the employee as expense is owed to
 * the vendor instead, on the supplier payables account; personal and cash-advance rows stay the employee's.
 * Accounts: employee -> the liability account; vendor -> the payables account; card -> the source's clearing
 * account (account source 'source' / 'source_then_mapping') else the card clearing rule; cash advance -> the source's clearing
 * account likewise, else the connection's cash-advance account, else the account mapped to the CASHADV
 * expense type (the one cash-advance issuance uses). No account -> a hold the accountant can act on.
 */
export function settlementLines(
  settlements: readonly Settlement[],
  rules: PostingRules,
  lookup: MappingLookup,
  payee: 'employee' | 'vendor' = 'employee',
): { lines: SettlementLine[]; reasons: HoldReason[] } {
  const useSource = (rules.accountSource ?? 'mapping') !== 'mapping';
  const groups = new Map<string, SettlementLine>();
  const reasons: HoldReason[] = [];
  for (const s of settlements) {
    if (s.amountMinor === 0) continue;
    const party: SettlementLine['party'] = payee === 'vendor' && s.party === 'employee' && s.reason === 'expense' ? 'vendor' : s.party;
    let account: string | null;
    let fromSource = false;
    if (party === 'vendor') {
      account = rules.payablesAccount || null;
      if (!account) {
        if (!reasons.some((r) => r.message === PAYABLES_UNSET.message)) reasons.push({ ...PAYABLES_UNSET });
        continue;
      }
    } else if (party === 'employee') account = rules.liabilityAccount;
    else if (useSource && s.sourceAccount) {
      account = s.sourceAccount;
      fromSource = true;
    } else if (s.party === 'card') account = rules.cardClearingAccount;
    else account = rules.cashAdvanceAccount || ownMapping(lookup, CASH_ADVANCE_TYPE);
    if (!account) {
      reasons.push({
        code: 'NEEDS_MAPPING',
        message: 'A cash advance is applied on this report: set the cash-advance clearing account in the connection\'s posting rules, or map expense type "CASHADV" (Cash advance)',
        subject: CASH_ADVANCE_TYPE,
      });
      continue;
    }
    // Personal charges the employee owes stay apart from what the employee is owed; a card is one line.
    const reason = s.reason === 'personal' && party === 'employee' ? 'personal' : 'other';
    const key = `${party}\u0000${reason}\u0000${account}`;
    const g = groups.get(key);
    if (g) g.netMinor += s.amountMinor;
    else groups.set(key, { party, reason, account, netMinor: s.amountMinor, fromSource });
  }
  return { lines: [...groups.values()].filter((g) => g.netMinor !== 0), reasons };
}

/** The account mapped to that very code; the catch-all "*" row is an expense account, never a clearing account. */
function ownMapping(lookup: MappingLookup, code: string): string | null {
  const t = lookup.expenseType(code);
  return t && !t.viaFallback ? t.account : null;
}

/** The expense type cash advances carry (issuance documents, and the mapping fallback for the clearing account). */
export const CASH_ADVANCE_TYPE = 'CASHADV';

/** Plain words for a balancing line's description; `employee` names the vendor on a vendor line. */
export function settlementText(l: SettlementLine, employee: string, title: string): string {
  if (l.party === 'employee' || l.party === 'vendor') {
    if (l.reason === 'personal') return `Personal charges owed by ${employee}: ${title}`;
    return l.netMinor > 0 ? `Due to ${employee}: ${title}` : `Owed by ${employee}: ${title}`;
  }
  if (l.party === 'card') return `Card clearing: ${title}`;
  return `Cash advance applied: ${title}`;
}
