// A deterministic Acumatica tenant for the demo and tests: the API user, a connected application,
// branches (one inactive), the chart of accounts for expenses, subaccounts CC100-CC400 matching the
// Concur FIS demo's cost centers, employee vendors EMP0001… and suppliers V1001… (one inactive).
import type { AcumaticaSimOptions } from './index';
import type { SimVendor } from './state';

/** Demo credentials (demo-only values; real ones live in the secret store). */
export const ACUMATICA_DEMO = {
  tenant: 'Northwind',
  branch: 'HQ',
  username: 'mlc-api',
  password: 'demo-acumatica-password',
  clientId: '5b8e1c1a-7d2f-4a61-9c3e-0f2d4b6a8e10@Northwind',
  clientSecret: 'demo-acumatica-client-secret',
  liabilityAccount: '20100',
  cardClearingAccount: '20200',
} as const;

/** code, name */
export const ACUMATICA_DEMO_ACCOUNTS: Array<[string, string, boolean?]> = [
  ['20000', 'Accounts Payable'],
  ['20100', 'Employee Reimbursements Payable'],
  ['20200', 'Corporate Card Clearing'],
  ['62000', 'Travel - Airfare'],
  ['62100', 'Travel - Lodging'],
  ['62200', 'Meals and Entertainment'],
  ['62300', 'Local Transport'],
  ['62400', 'Office Supplies'],
  ['14500', 'VAT Recoverable'],
  ['69990', 'Miscellaneous (retired)', false],
];

export function acumaticaDemoSeed(opts: { employees?: number; closedPeriods?: string[] } = {}): AcumaticaSimOptions {
  const vendors: SimVendor[] = [];
  for (let i = 1; i <= (opts.employees ?? 40); i++) vendors.push({ id: `EMP${String(i).padStart(4, '0')}`, name: `Employee ${i}` });
  vendors.push(
    { id: 'V1001', name: 'Acme Office Supply' },
    { id: 'V1002', name: 'Globex Consulting' },
    { id: 'V1003', name: 'Initech Software' },
    { id: 'V1004', name: 'Umbrella Facilities' },
    { id: 'V1099', name: 'Old Courier Ltd', status: 'Inactive' },
  );
  return {
    users: { [ACUMATICA_DEMO.tenant]: { [ACUMATICA_DEMO.username]: ACUMATICA_DEMO.password } },
    clients: { [ACUMATICA_DEMO.clientId]: ACUMATICA_DEMO.clientSecret },
    branches: [
      { id: 'HQ', name: 'Headquarters' },
      { id: 'EU', name: 'Europe' },
      { id: 'OLD', name: 'Closed branch', active: false },
    ],
    accounts: ACUMATICA_DEMO_ACCOUNTS.map(([id, name, active]) => ({ id, name, active: active ?? true })),
    subaccounts: [
      { id: '000000', name: 'Default' },
      { id: 'CC100', name: 'Sales' },
      { id: 'CC200', name: 'Engineering' },
      { id: 'CC300', name: 'Operations' },
      { id: 'CC400', name: 'Administration' },
      { id: 'CC900', name: 'Retired', active: false },
    ],
    vendors,
    // French VAT the demo invoices carry, one tax category per tax (as bills name them), a retired rate.
    taxes: [
      { id: 'FRVAT20', description: 'France VAT 20 %', rate: 20 },
      { id: 'FRVAT10', description: 'France VAT 10 %', rate: 10 },
      { id: 'FRVAT55', description: 'France VAT 5.5 %', rate: 5.5 },
      { id: 'EXEMPT', description: 'Exempt / not reclaimable', rate: 0 },
      { id: 'FRVAT196', description: 'France VAT 19.6 % (retired)', rate: 19.6, active: false },
    ],
    taxCategories: [
      { id: 'VAT20', taxIds: ['FRVAT20'] },
      { id: 'VAT10', taxIds: ['FRVAT10'] },
      { id: 'VAT55', taxIds: ['FRVAT55'] },
      { id: 'VATOLD', taxIds: ['FRVAT196'], active: false },
    ],
    closedPeriods: opts.closedPeriods ?? [],
  };
}
