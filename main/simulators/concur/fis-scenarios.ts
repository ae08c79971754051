// FIS expense documents for SAP's documented settlement scenarios, in the schema's own field names (SAP
// Concur developer center, api-reference/financial-integration: v4.financial-documents-schema and the use
// cases 5.2.1 / 5.2.2 / 6.1.6 / 6.2.x): cash advances applied (lower and higher than the expenses), a
// company-billed card with a personal charge (allocation id and percentage null), journal rows split between
// the employee and the card (offsetting), a card charge without a payment-type key, and a funds reservation
// served under the expense listing. Amounts are JSON numbers in the report currency.
import { fisOf } from './fis-state';
import type { SimState } from './state';

type Row = [payer: string, payee: string, gross: number, account: string];

export interface ScenarioOptions {
  companyId: string;
  /** Id prefix (ids are <prefix>S<n>); several seeds can share a company. */
  prefix?: string;
  currency?: string;
  /** Allocation Custom1 code (the cost center); expense types follow the demo's AIRFR / HOTEL / MEALS / TAXIX. */
  costCenter?: string;
  employeeId?: string;
  at?: number;
}

export const SCENARIOS = ['cashAdvanceLower', 'cashAdvanceHigher', 'cbcpPersonal', 'offsetting', 'cardWithoutPaymentType', 'fundsReservation'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Seeds one READY expense document per scenario; returns the FIS ids by scenario. */
export function seedFisScenarios(state: SimState, o: ScenarioOptions): Record<Scenario, string> {
  if (!state.companies.has(o.companyId)) state.addCompany({ id: o.companyId, datacenter: 'us' });
  const fis = fisOf(state);
  const at = o.at ?? Date.UTC(2026, 10, 2, 9, 0, 0);
  const day = new Date(at).toISOString();
  const cc = o.costCenter ?? 'CC100';
  const journal = (rows: Row[]) => rows.map(([journalPayer, journalPayee, amountGross, journalAccountCode]) => ({ journalPayer, journalPayee, amountGross, amountNetOfTax: amountGross, amountNetOfReclaim: amountGross, journalAccountCode }));
  const entry = (id: string, code: string, name: string, amount: number, pat: string | null, rows: Row[] | null, extra: Record<string, unknown> = {}) => ({
    entryId: id, expenseTypeCode: code, expenseTypeName: name, entryDate: day, entryCurrAlphaCode: o.currency ?? 'EUR', entryExchangeRate: 1, entryApprovedAmount: amount, reportEntryTransactionAmount: amount,
    entryIsPersonal: 'N', entryIsBillable: 'N', reportEntryPatKey: pat, offsetPayType: 'N', entryDescription: name,
    allocation: [{ allocationId: `${id}A`, allocationPercentage: 100, allocationCustom1Code: cc, ...(rows ? { journal: journal(rows) } : {}) }],
    ...extra,
  });
  const report = (id: string, name: string, entries: unknown[], extra: Record<string, unknown> = {}) => ({
    employee: { employeeId: o.employeeId ?? 'EMP0001', employeeFirstName: 'Employee', employeeLastName: '1' },
    report: { reportId: `${id}R`, reportName: name, employeeCurrencyAlphaCode: o.currency ?? 'EUR', reportSubmitDate: day, reportCreationDate: day, revisionNumber: 1 },
    expenseEntry: entries,
    cashAdvanceApplication: [],
    ...extra,
  });
  const ids = {} as Record<Scenario, string>;
  const docs: Record<Scenario, (id: string) => Record<string, unknown>> = {
    // 5.2.1: 245 + 60 + 10 against a 300 advance; 15 left for the employee.
    cashAdvanceLower: (id) => report(id, 'Advance lower than expenses', [entry(`${id}E1`, 'AIRFR', 'Airfare', 245, 'CASH', [['COMP', 'EMPL', 245, '625110']]), entry(`${id}E2`, 'MEALS', 'Business meal', 60, 'CASH', [['COMP', 'EMPL', 5, '625710'], ['COMP', 'EMPL', 55, '625710']]), entry(`${id}E3`, 'TAXIX', 'Taxi', 10, 'CASH', [['COMP', 'EMPL', 10, '625130']])], {
      cashAdvanceApplication: [{ cashAdvanceId: `${id}C`, cashAdvanceApplicationAmount: -245, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: '425000' }, { cashAdvanceId: `${id}C`, cashAdvanceApplicationAmount: -55, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: '425000' }],
    }),
    // 5.2.2: 315 of expenses against a 400 advance, 85 returned: the employee owes 85.
    cashAdvanceHigher: (id) => report(id, 'Advance higher than expenses', [entry(`${id}E1`, 'AIRFR', 'Airfare', 315, 'CASH', [['COMP', 'EMPL', 315, '625110']])], {
      report: { reportId: `${id}R`, reportName: 'Advance higher than expenses', employeeCurrencyAlphaCode: o.currency ?? 'EUR', reportSubmitDate: day, revisionNumber: 1, cashAdvanceReturnsAmount: 85 },
      cashAdvanceApplication: [{ cashAdvanceId: `${id}C`, cashAdvanceApplicationAmount: -85, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: '425000' }, { cashAdvanceId: `${id}C`, cashAdvanceApplicationAmount: -315, cashAdvanceTransactionType: 2, cashAdvanceClearingAccountCode: '425000' }],
    }),
    // 6.2.4: hotel on the company-billed card, a 14 in-room movie marked personal, a 35 taxi paid in cash.
    cbcpPersonal: (id) => report(id, 'Company card with a personal charge', [
      entry(`${id}E1`, 'HOTEL', 'Hotel', 270, 'CBCP', [['COMP', 'CBCP', 270, '625120']], { cardTransactionID: `${id}T1`, liabilityAccountCode: '467100' }),
      entry(`${id}E2`, 'HOTEL', 'In-room movie', 14, 'CBCP', null, { entryIsPersonal: 'Y', cardTransactionID: `${id}T1`, liabilityAccountCode: '467100', allocation: [{ allocationId: null, allocationPercentage: null, journal: journal([['COMP', 'CBCP', 14, '467100']]) }] }),
      entry(`${id}E3`, 'TAXIX', 'Taxi', 35, 'CASH', [['COMP', 'EMPL', 35, '625130']]),
    ]),
    // 6.1.6 with offsetting: the taxi's 35 is 21 to the employee and 14 to the card vendor.
    offsetting: (id) => report(id, 'Card with offsetting', [entry(`${id}E1`, 'HOTEL', 'Hotel', 270, 'IBCP', [['COMP', 'IBCP', 270, '625120']], { offsetPayType: 'Y' }), entry(`${id}E2`, 'TAXIX', 'Taxi', 35, 'CASH', [['COMP', 'EMPL', 21, '625130'], ['COMP', 'IBCP', 14, '625130']], { offsetPayType: 'Y' })]),
    // A card charge whose payment-type key is missing: the row's payee and the card fields name the card.
    cardWithoutPaymentType: (id) => report(id, 'Card charge without payment type', [entry(`${id}E1`, 'AIRFR', 'Airfare', 420, null, [['COMP', 'CBCP', 420, '625110']], { cardTransactionID: `${id}T1`, cardTransactionAmount: 420 })]),
    // A funds reservation (obligation) payload: it looks like a report, and must not post.
    fundsReservation: (id) => ({ instruction: { instruction: 'obligate' }, ...report(id, 'Funds reservation', [entry(`${id}E1`, 'AIRFR', 'Airfare', 4.23, 'CASH', [['COMP', 'EMPL', 4.23, '625110']])]) }),
  };
  SCENARIOS.forEach((s, i) => {
    const id = `${o.prefix ?? 'SCN'}S${i + 1}`;
    fis.add(o.companyId, { id, docType: 'expense', document: docs[s](id) });
    ids[s] = id;
  });
  return ids;
}
