// Deterministic demo company for the Expensify simulator: one EUR policy with categories (GL codes on most)
// and cost-center tags, ten employees, ~40 approved/reimbursed reports plus a few bad ones the engine must hold.
import { pick, seeded } from '../prng';
import type { ExpenseInput, ExpensifySimState } from './state';

export const EXPENSIFY_DEMO_PARTNER = { partnerUserID: 'aa_northwind_integrations', partnerUserSecret: 'demo-expensify-partner-secret-5c1e9a' };
export const EXPENSIFY_DEMO_POLICY = { id: 'F1A2B3C4D5E6F708', name: 'Northwind Consulting' };

/** Category, GL code ('' = none in Expensify). Coworking and Wellness are the ones left unmapped. */
const CATEGORIES: Array<[string, string]> = [
  ['Airfare', '625110'],
  ['Hotel', '625120'],
  ['Meals', '625710'],
  ['Taxi', '625130'],
  ['Car Rental', '625140'],
  ['Mileage', '625150'],
  ['Parking', '625160'],
  ['Train', '625170'],
  ['Office Supplies', '606400'],
  ['Software', '651100'],
  ['Conferences', '618500'],
  ['Client Entertainment', '625700'],
  ['Phone', '626200'],
  ['Coworking', ''],
  ['Wellness', ''],
];
const UNMAPPED = ['Coworking', 'Wellness'];
const COST_CENTERS = ['CC100', 'CC200', 'CC300', 'CC400', 'CC500', 'CC600', 'CC700'];
const FOREIGN: Array<[string, number]> = [['USD', 0.92], ['GBP', 1.17], ['JPY', 0.0062]];
const MERCHANTS = ['Air France', 'Hôtel Lutetia', 'Brasserie Lipp', 'G7 Taxi', 'Hertz', 'SNCF', 'Indigo Parking', 'Bureau Vallée', 'JetBrains', 'Web Summit', 'WeWork', 'Orange'];
const DEFAULT_EMPLOYEES = ['Camille Martin', 'Zoë Müller', 'José García', 'Łukasz Nowak', 'Aoife O’Brien', 'Mehdi Benali', 'Ingrid Lindqvist', 'Priya Raman', 'Olivier Lefèvre', 'Søren Kierkegaard'];

export interface ExpensifyDemoOptions {
  /** Employees (email, name); default ten @northwind-demo.com people. */
  employees?: Array<{ email: string; name: string }>;
  /** Clean approved/reimbursed reports (default 40). */
  reports?: number;
  /** First report's creation date, yyyy-mm-dd (default 2026-10-01); one report a day after it. */
  startDate?: string;
  /** Add the reports the engine must hold (zero expenses, uncategorised, unconverted USD) and two open ones. */
  badInput?: boolean;
  /** Expensify's tax on the EUR expenses (default on; see EXPENSIFY_DEMO_TAX). */
  vat?: boolean;
  seed?: number;
}

export interface ExpensifyDemoSummary {
  partner: typeof EXPENSIFY_DEMO_PARTNER;
  policyId: string;
  employees: Array<{ email: string; name: string }>;
  /** Reports that should post once mapped (approved or reimbursed, valid). */
  cleanReportIds: string[];
  /** Approved reports with bad input, each held with a reason. */
  badReportIds: string[];
  /** Reports not ready (open/submitted), never exported. */
  notReadyReportIds: string[];
  categories: Array<{ name: string; glCode: string }>;
  unmappedCategories: string[];
  costCenters: string[];
}

const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
/**
 * Expensify's tax of a demo expense in EUR, as the workspace's tax rates give it (taxAmount in cents, rounded half
 * up from the gross): French VAT by category (5.5 % books, 10 % transport, meals and hotels, 20 % otherwise), none
 * on mileage; every fifth hotel is in Switzerland (3.8 %), which the company cannot reclaim.
 */
export const EXPENSIFY_DEMO_TAX: Record<string, [string, string, number]> = {
  FR20: ['id_FR20', 'TVA 20%', 20],
  FR10: ['id_FR10', 'TVA 10%', 10],
  FR55: ['id_FR55', 'TVA 5.5%', 5.5],
  CH: ['id_CH_HOTEL', 'MWST Hotel 3.8%', 3.8],
};
function demoTax(e: ExpenseInput): Partial<ExpenseInput> {
  if (e.currency !== 'EUR' || !e.category || e.category === 'Mileage') return {};
  const n = Number(e.transactionID) % 5;
  const key = e.category === 'Hotel' ? (n === 0 ? 'CH' : 'FR10') : ['Taxi', 'Train', 'Meals', 'Airfare'].includes(e.category) ? 'FR10' : e.category === 'Office Supplies' && n === 1 ? 'FR55' : 'FR20';
  const [taxCode, taxName, rate] = EXPENSIFY_DEMO_TAX[key]!;
  const taxAmount = Math.sign(e.amount) * Math.round((Math.abs(e.amount) * rate) / (100 + rate));
  return { taxAmount, taxName, taxRate: `${rate}%`, taxCode };
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function seedExpensifyDemo(state: ExpensifySimState, o: ExpensifyDemoOptions = {}): ExpensifyDemoSummary {
  const rnd = seeded(o.seed ?? 11);
  const start = o.startDate ?? '2026-10-01';
  const people = o.employees ?? DEFAULT_EMPLOYEES.map((name) => ({ name, email: `${name.split(' ').map(ascii).join('.')}@northwind-demo.com` }));
  state.addPartner(EXPENSIFY_DEMO_PARTNER.partnerUserID, EXPENSIFY_DEMO_PARTNER.partnerUserSecret);
  state.addPolicy({
    ...EXPENSIFY_DEMO_POLICY,
    outputCurrency: 'EUR',
    categories: CATEGORIES.map(([name, glCode]) => ({ name, ...(glCode ? { glCode } : {}) })),
    tags: COST_CENTERS.map((name) => ({ name })),
  });
  for (const p of people) state.addEmployee({ ...p, policyID: EXPENSIFY_DEMO_POLICY.id });

  let tx = 0;
  const expense = (date: string, over: Partial<ExpenseInput> = {}): ExpenseInput => {
    const e = plainExpense(date, over);
    return o.vat === false ? e : { ...e, ...demoTax(e) };
  };
  const plainExpense = (date: string, over: Partial<ExpenseInput> = {}): ExpenseInput => {
    const [category, glCode] = pick(rnd, CATEGORIES);
    const foreign = rnd() < 0.2 ? pick(rnd, FOREIGN) : null;
    const euros = 5 + Math.floor(rnd() * 400);
    const cents = euros * 100 + (foreign?.[0] === 'JPY' ? 0 : Math.floor(rnd() * 100));
    const amount = foreign ? (foreign[0] === 'JPY' ? Math.round(euros / foreign[1]) * 100 : cents) : cents;
    return {
      transactionID: String(8_000_000_000 + ++tx),
      created: date,
      merchant: pick(rnd, MERCHANTS),
      amount,
      currency: foreign ? foreign[0] : 'EUR',
      ...(foreign ? { convertedAmount: Math.round(amount * foreign[1]), currencyConversionRate: foreign[1] } : {}),
      category,
      categoryGlCode: glCode,
      tag: pick(rnd, COST_CENTERS),
      reimbursable: rnd() >= 0.15,
      ...over,
    };
  };

  const cleanReportIds: string[] = [];
  const total = o.reports ?? 40;
  for (let r = 0; r < total; r++) {
    const id = `R00${String(4_100_000 + r)}`;
    const created = addDays(start, r);
    const n = 1 + Math.floor(rnd() * 5);
    // Expenses fall on the days before the report was created: an entry usually spans several dates.
    const expenses = Array.from({ length: n }, (_, e) => expense(addDays(created, -(e + Math.floor(rnd() * 3)))));
    if (r % 10 === 7) expenses.push(expense(addDays(created, -1), { amount: -4500, currency: 'EUR', convertedAmount: -4500, category: 'Hotel', categoryGlCode: '625120', merchant: 'Hôtel Lutetia', comment: 'Refund: cancelled night', reimbursable: true }));
    const emp = people[r % people.length] as { email: string };
    state.addReport({
      reportID: id,
      reportName: `Expenses ${created}`,
      state: r % 4 === 3 ? 'REIMBURSED' : 'APPROVED',
      policyID: EXPENSIFY_DEMO_POLICY.id,
      accountEmail: emp.email,
      created: `${created} 09:00:00`,
      submitted: `${created} 17:30:00`,
      approved: `${addDays(created, 1)} 10:15:00`,
      expenses,
    });
    cleanReportIds.push(id);
  }

  const badReportIds: string[] = [];
  const notReadyReportIds: string[] = [];
  if (o.badInput ?? true) {
    const day = addDays(start, total);
    const base = { policyID: EXPENSIFY_DEMO_POLICY.id, created: `${day} 09:00:00`, submitted: `${day} 12:00:00`, approved: `${day} 16:00:00` };
    const bad: Array<[string, string, ExpenseInput[]]> = [
      ['R009000001', 'Empty report', []],
      ['R009000002', 'Uncategorised taxi', [expense(day, { category: '', categoryGlCode: '', merchant: 'G7 Taxi', amount: 2350, currency: 'EUR', convertedAmount: 2350 })]],
      ['R009000003', 'New York trip', [expense(day, { currency: 'USD', amount: 18900, convertedAmount: null, currencyConversionRate: null })]],
    ];
    bad.forEach(([id, name, expenses], i) => {
      state.addReport({ ...base, reportID: id, reportName: name, accountEmail: (people[i] as { email: string }).email, expenses });
      badReportIds.push(id);
    });
    state.addReport({ ...base, reportID: 'R009000010', reportName: 'Still open', state: 'OPEN', accountEmail: (people[0] as { email: string }).email, approved: null, submitted: null, expenses: [expense(day)] });
    state.addReport({ ...base, reportID: 'R009000011', reportName: 'Awaiting approval', state: 'SUBMITTED', accountEmail: (people[1] as { email: string }).email, approved: null, expenses: [expense(day)] });
    notReadyReportIds.push('R009000010', 'R009000011');
  }

  return {
    partner: EXPENSIFY_DEMO_PARTNER,
    policyId: EXPENSIFY_DEMO_POLICY.id,
    employees: people,
    cleanReportIds,
    badReportIds,
    notReadyReportIds,
    categories: CATEGORIES.map(([name, glCode]) => ({ name, glCode })),
    unmappedCategories: UNMAPPED,
    costCenters: COST_CENTERS,
  };
}
