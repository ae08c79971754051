// A deterministic demo company for the Intacct simulator: sender, user, departments (one inactive),
// locations, GL accounts, vendors and employees, the same on every machine and every run.
import { pick, seeded } from '../prng';
import type { SageIntacctSimOptions } from './index';
import type { SimMaster } from './state';

/** Demo credentials (demo-only values; real ones live in the secret store). */
export const INTACCT_DEMO = {
  senderId: 'MLCDEMO_SENDER',
  senderPassword: 'demo-sender-password',
  companyId: 'NORTHWIND-DEMO',
  userId: 'mlc_api',
  userPassword: 'demo-user-password',
  journal: 'EXP',
  liabilityAccount: '2050',
  cardClearingAccount: '2100',
} as const;

const FIRST = ['Ada', 'Ben', 'Chloé', 'Dev', 'Emma', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mei', 'Noah', 'Olga', 'Priya'];
const LAST = ['Martin', 'Okafor', 'Schmidt', 'Nakamura', 'Rossi', 'Dubois', 'Silva', 'Novak', 'Larsen', 'Haddad', 'Kowalski', 'Moreau'];

/**
 * Northwind France SAS, an entity of the same Intacct company that keeps French VAT in EUR while the US top level
 * keeps none. Tax solution and tax detail names are inferred, by analogy with Intacct's "United Kingdom - VAT" and
 * "UK Purchase Goods Standard Rate"; the Swiss hotel's VAT is outside the French return, so its detail has no rate.
 */
export const INTACCT_FRANCE = {
  entity: 'FR',
  baseCurrency: 'EUR',
  taxSolutionId: 'France - VAT',
  vatAccount: '1420',
  details: { standard: 'FR Purchase Standard Rate', intermediate: 'FR Purchase Intermediate Rate', reduced: 'FR Purchase Reduced Rate', outsideScope: 'FR Purchase Outside Scope' },
  vendors: [
    { id: 'V200', name: 'Bureau Vallée Paris', termName: 'N30' },
    { id: 'V201', name: 'Hôtel Mercure Lyon', termName: 'N30' },
    { id: 'V202', name: 'Librairie Gallimard', termName: 'N30' },
    { id: 'V203', name: 'Hôtel Bellevue Lausanne', termName: 'N30' },
  ],
} as const;

function franceEntity(): Pick<SageIntacctSimOptions, 'taxDetails' | 'entityBooks'> & { location: SimMaster; accounts: SimMaster[] } {
  const f = INTACCT_FRANCE;
  const detail = (id: string, value: string, accountNo?: string) => ({ id, description: id, value, taxSolutionId: f.taxSolutionId, ...(accountNo ? { accountNo } : {}) });
  return {
    location: { id: f.entity, name: 'Northwind France SAS (Paris)' },
    accounts: [{ id: f.vatAccount, name: 'VAT recoverable (France)' }, { id: '6060', name: 'Books and publications' }],
    taxDetails: [detail(f.details.standard, '20', f.vatAccount), detail(f.details.intermediate, '10', f.vatAccount), detail(f.details.reduced, '5.5', f.vatAccount), detail(f.details.outsideScope, '0')],
    entityBooks: { [f.entity]: { baseCurrency: f.baseCurrency, taxSolutionId: f.taxSolutionId } },
  };
}

/**
 * Master data: departments D100..D400 (D400 Marketing inactive), locations L10..L30, expense and
 * balancing accounts (6999 inactive), 1410 for Canadian GST reclaimed as input tax credits,
 * employees E001..E0nn each with vendor V-E0nn (the journal or
 * bill partner), suppliers V100..V103 (V103 inactive). Periods before `closedBefore` (YYYY-MM) are closed.
 * `france` adds the French entity (INTACCT_FRANCE): its location, VAT account, tax details, suppliers and books.
 */
export function intacctDemoSeed(opts: { seed?: number; employees?: number; closedPeriods?: string[]; france?: boolean } = {}): SageIntacctSimOptions {
  const rnd = seeded(opts.seed ?? 20240501);
  const count = opts.employees ?? 20;
  const employees: SimMaster[] = [];
  const vendors: SimMaster[] = [];
  for (let i = 1; i <= count; i++) {
    const id = `E${String(i).padStart(3, '0')}`;
    const name = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
    employees.push({ id, name });
    vendors.push({ id: `V-${id}`, name: `${name} (employee)`, termName: 'Due on receipt' });
  }
  vendors.push({ id: 'V100', name: 'Grand Hotel Central', termName: 'N30' }, { id: 'V101', name: 'Skyline Airways', termName: 'Net 45' }, { id: 'V102', name: 'Metro Office Supplies', termName: 'N30' }, { id: 'V103', name: 'Old Taxi Co', active: false, termName: 'N30' });
  const fr = opts.france ? franceEntity() : null;
  if (fr) vendors.push(...INTACCT_FRANCE.vendors);
  const seed = usSeed(employees, vendors, opts.closedPeriods ?? []);
  if (!fr) return seed;
  return { ...seed, locations: [...(seed.locations ?? []), fr.location], accounts: [...(seed.accounts ?? []), ...fr.accounts], taxDetails: fr.taxDetails, entityBooks: fr.entityBooks };
}

/** The US company's sender, user, journals, departments, locations and chart. */
function usSeed(employees: SimMaster[], vendors: SimMaster[], closedPeriods: string[]): SageIntacctSimOptions {
  return {
    senders: { [INTACCT_DEMO.senderId]: { password: INTACCT_DEMO.senderPassword, companies: [INTACCT_DEMO.companyId] } },
    users: { [INTACCT_DEMO.companyId]: { [INTACCT_DEMO.userId]: INTACCT_DEMO.userPassword } },
    journals: ['GJ', INTACCT_DEMO.journal],
    baseCurrency: 'USD',
    departments: [
      { id: 'D100', name: 'Sales' },
      { id: 'D200', name: 'Engineering' },
      { id: 'D300', name: 'Operations' },
      { id: 'D400', name: 'Marketing', active: false },
    ],
    locations: [
      { id: 'L10', name: 'New York' },
      { id: 'L20', name: 'Chicago' },
      { id: 'L30', name: 'San Francisco' },
    ],
    accounts: [
      { id: '1410', name: 'GST/HST Receivable (Canada)' },
      { id: '2000', name: 'Accounts Payable' },
      { id: '2050', name: 'Employee Reimbursements Payable' },
      { id: '2100', name: 'Corporate Card Clearing' },
      { id: '6000', name: 'Travel - Airfare' },
      { id: '6010', name: 'Travel - Lodging' },
      { id: '6020', name: 'Meals & Entertainment' },
      { id: '6030', name: 'Mileage' },
      { id: '6040', name: 'Office Supplies' },
      { id: '6050', name: 'Software Subscriptions' },
      { id: '6999', name: 'Miscellaneous (retired)', active: false },
    ],
    vendors,
    employees,
    closedPeriods,
  };
}
