// The same settlement rules on the v3 Reports path, as far as its data goes: the payment type (or, without
// one, the credit-card flag) says card or employee; a personal entry on a company-billed card is paid to the
// card and owed by the employee (SAP use cases 6.2.x); and the header's AmountDueEmployee, when it is less
// than what the entries owe the employee, is a cash advance applied: the difference credits the cash-advance
// clearing account (SAP use cases 5.2.1 / 5.2.2). v3 entries carry no journal rows, so no offsetting split.
import type { Settlement, SourceLine, SourceProblem } from '../../../../shared/schemas/document';
import { parseMoney } from '../../money/parse';
import type { MapSettings } from './from-remote';

type Obj = Record<string, unknown>;
const flag = (v: unknown) => v === true || v === 'true' || v === 'Y';

/** Card or employee, and the personal-charge settlements of one v3 entry. */
export function v3EntrySettlement(o: Obj, amountMinor: number | null, settings: MapSettings): Pick<SourceLine, 'paidBy' | 'settlements'> {
  const payment = typeof o.PaymentTypeID === 'string' && o.PaymentTypeID.trim() ? o.PaymentTypeID.trim() : null;
  const onCard = payment ? settings.companyPaidPaymentTypes.includes(payment) : flag(o.IsCreditCardCharge);
  const paidBy = onCard ? 'company' : 'employee';
  const billed = settings.companyBilledPaymentTypes ?? ['CBCP'];
  if (!flag(o.IsPersonal) || amountMinor === null || !payment || !billed.includes(payment)) return { paidBy };
  return { paidBy, settlements: [{ party: 'card', amountMinor, reason: 'expense' }, { party: 'employee', amountMinor: -amountMinor, reason: 'personal' }] };
}

/**
 * What the entries owe the employee against the header's AmountDueEmployee: less due means a cash advance
 * was applied (credited to its clearing account, the employee owed that much less). More due than the
 * entries explain cannot be booked from v3 and is a problem (the FIS path carries the detail).
 */
export function v3CashAdvance(report: Obj, lines: readonly SourceLine[], currency: string | null, problems: SourceProblem[]): Settlement[] {
  if (!currency || report.AmountDueEmployee === undefined || report.AmountDueEmployee === null) return [];
  const due = parseMoney(report.AmountDueEmployee, currency);
  if (!due.ok) return [];
  let owed = 0;
  for (const l of lines) {
    if (!l.amount || l.amount.currency !== currency) return [];
    if (l.settlements) owed += l.settlements.filter((s) => s.party === 'employee').reduce((s, x) => s + x.amountMinor, 0);
    else if (!l.isPersonal && l.paidBy === 'employee') owed += l.amount.amountMinor;
  }
  const applied = owed - due.amountMinor;
  if (applied === 0) return [];
  if (applied < 0) {
    problems.push({ code: 'SOURCE_INVALID', message: `Report ${String(report.ID ?? '')}: SAP Concur says more is due to the employee than the entries owe; read this report through the Financial Integration Service, which carries the detail` });
    return [];
  }
  return [{ party: 'cash_advance', amountMinor: applied, reason: 'cash_advance' }, { party: 'employee', amountMinor: -applied, reason: 'cash_advance' }];
}
