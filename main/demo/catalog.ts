// The demo company's master data: Northwind Consulting's chart of accounts, its three-dimension analytical
// structure in X3 (cost center CCT, department DEP, project PRJ, fed from Concur Custom1/2/3), expense
// types and employees. Two expense types are deliberately unmapped, one mapping points at an inactive cost
// center and one employee at a supplier code X3 does not have, so the first sync shows real holds.

export const COMPANY = { name: 'Northwind Consulting SAS', concurCompanyId: '4f9c2a8e-1b7d-4c3e-9a65-2d0e8b7c1f30', x3Company: 'NWC', x3Site: 'NWC01' };

export const ACCOUNTS: Array<[string, string, boolean?]> = [
  ['421000', 'Employees – amounts due'],
  ['467100', 'Corporate card clearing'],
  ['606140', 'Fuel'],
  ['606400', 'Office supplies'],
  ['618100', 'Books and publications'],
  ['618500', 'Seminars and conferences'],
  ['623400', 'Client gifts'],
  ['625110', 'Travel – airfare'],
  ['625120', 'Travel – lodging'],
  ['625130', 'Travel – taxi'],
  ['625140', 'Travel – car rental'],
  ['625150', 'Travel – mileage'],
  ['625160', 'Travel – parking and tolls'],
  ['625170', 'Travel – rail'],
  ['625700', 'Client entertainment'],
  ['625710', 'Business meals'],
  ['625800', 'Coworking and meeting rooms'],
  ['626100', 'Postage'],
  ['626200', 'Telephone'],
  ['626210', 'Internet'],
  ['647000', 'Staff welfare'],
  ['651100', 'Software subscriptions'],
  ['699000', 'Suspense (closed)', false],
];

export const COST_CENTERS: Array<[string, string, boolean?]> = [
  ['CC100', 'Sales'],
  ['CC200', 'Marketing'],
  ['CC300', 'Engineering'],
  ['CC400', 'Finance'],
  ['CC450', 'Retail (closed 2026)', false],
  ['CC500', 'Operations'],
  ['CC600', 'People'],
  ['CC700', 'Customer support'],
];

/** The X3 ledger's dimension types in order (CCE1..CCE3) and the connection's name for each. */
export const X3_DIMENSION_TYPES = [
  { code: 'CCT', name: 'Cost center', dimension: 'costCenter', concurField: 'Custom1' },
  { code: 'DEP', name: 'Department', dimension: 'department', concurField: 'Custom2' },
  { code: 'PRJ', name: 'Project', dimension: 'project', concurField: 'Custom3' },
] as const;

/** Every employee belongs to one department (Concur Custom2 on each entry). */
export const DEPARTMENTS: Array<[string, string, boolean?]> = [
  ['SAL', 'Sales'],
  ['MKT', 'Marketing'],
  ['ENG', 'Engineering'],
  ['FIN', 'Finance'],
  ['OPS', 'Operations'],
  ['PPL', 'People'],
];

/** Client projects (Concur Custom3 on client-visit and sales-trip reports); LEGACY is closed and never used. */
export const PROJECTS: Array<[string, string, boolean?]> = [
  ['PRJ-ATLAS', 'Atlas ERP rollout'],
  ['PRJ-BOREAL', 'Boreal audit'],
  ['PRJ-CIRRUS', 'Cirrus cloud migration'],
  ['PRJ-DELTA', 'Delta pilot'],
  ['PRJ-LEGACY', 'Legacy support (closed)', false],
];

export const departmentOf = (employeeIndex: number): string => DEPARTMENTS[employeeIndex % DEPARTMENTS.length]![0];

/** The department an expense type's mapping defaults to (by its cost center); Concur's Custom2 overrides it. */
const DEPARTMENT_OF_CC: Record<string, string> = { CC100: 'SAL', CC200: 'MKT', CC300: 'ENG', CC400: 'FIN', CC450: 'OPS', CC500: 'OPS', CC600: 'PPL', CC700: 'OPS' };
export const departmentForCostCenter = (cc: string): string => DEPARTMENT_OF_CC[cc] ?? 'OPS';

/** All dimension values of the X3 folder, each under its type. */
export function dimensionValues(): Array<{ code: string; name: string; active: boolean; type: string }> {
  const of = (type: string, list: Array<[string, string, boolean?]>) => list.map(([code, name, active]) => ({ code, name, active: active ?? true, type }));
  return [...of('CCT', COST_CENTERS), ...of('DEP', DEPARTMENTS), ...of('PRJ', PROJECTS)];
}

/** code, name, GL account, default cost center; account '' = not mapped yet. */
export const EXPENSE_TYPES: Array<[string, string, string, string]> = [
  ['AIRFR', 'Airfare', '625110', 'CC100'],
  ['HOTEL', 'Hotel', '625120', 'CC100'],
  ['MEALS', 'Business meal', '625710', 'CC100'],
  ['BRKFT', 'Breakfast', '625710', 'CC500'],
  ['LUNCH', 'Lunch', '625710', 'CC500'],
  ['DINNR', 'Dinner', '625710', 'CC500'],
  ['TAXIX', 'Taxi', '625130', 'CC500'],
  ['CARRT', 'Car rental', '625140', 'CC500'],
  ['MILEG', 'Mileage', '625150', 'CC500'],
  ['PARKG', 'Parking', '625160', 'CC500'],
  ['TOLLS', 'Tolls', '625160', 'CC500'],
  ['TRAIN', 'Train', '625170', 'CC500'],
  ['FUELX', 'Fuel', '606140', 'CC500'],
  ['PHONE', 'Mobile phone', '626200', 'CC400'],
  ['INTNT', 'Internet', '626210', 'CC400'],
  ['POSTG', 'Postage', '626100', 'CC400'],
  ['OFFSP', 'Office supplies', '606400', 'CC400'],
  ['BOOKS', 'Books and publications', '618100', 'CC300'],
  ['SEMNR', 'Seminar fees', '618500', 'CC600'],
  ['CONFR', 'Conference registration', '618500', 'CC200'],
  ['ENTOT', 'Client entertainment', '625700', 'CC100'],
  ['GIFTS', 'Client gifts', '623400', 'CC200'],
  ['SUBSC', 'Software subscription', '651100', 'CC450'],
  ['COWRK', 'Coworking space', '', ''],
  ['WELLN', 'Wellness allowance', '', ''],
];

/** What the accountant fixes after the first sync (written to fixed-mappings.csv by the demo). */
export const FIXES = {
  expenseTypes: [
    ['COWRK', 'Coworking space', '625800', 'CC500'],
    ['WELLN', 'Wellness allowance', '647000', 'CC600'],
    ['SUBSC', 'Software subscription', '651100', 'CC300'],
  ] as Array<[string, string, string, string]>,
  /** Employee 17's supplier exists in X3 under another code. */
  employee: { index: 17, wrongVendor: 'V-EMP017', rightVendor: 'V-EMP17' },
};

const FIRST = ['Camille', 'Zoë', 'José', 'Łukasz', 'Aoife', 'Mehdi', 'Ingrid', 'Nguyễn', 'Priya', 'Olivier', 'Søren', 'Amélie', 'Björn', 'Chiara', 'Dmitri', 'Fatima', 'Grégoire', 'Hana', 'Ibrahim', 'Jūratė'];
const LAST = ['Martin', 'Müller', 'García', 'Nowak', 'O’Brien', 'Benali', 'Lindqvist', 'Văn An', 'Raman', 'Lefèvre', 'Kierkegaard', 'Durand', 'Åberg', 'Rossi', 'Ivanov', 'Haddad', 'Dupont', 'Tanaka', 'Diallo', 'Kazlauskaitė'];

export interface DemoEmployee {
  index: number;
  login: string;
  name: string;
  /** Vendor code the initial mapping uses. */
  vendor: string;
}

export function employees(): DemoEmployee[] {
  return Array.from({ length: 40 }, (_, i) => {
    const n = i + 1;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
    return { index: n, login: `${ascii(first)}.${ascii(last)}${n}@northwind-demo.com`, name: `${first} ${last}`, vendor: `V-EMP${String(n).padStart(3, '0')}` };
  });
}

/** X3 suppliers: one per employee, except employee 17 whose supplier carries another code. */
export function suppliers(): Array<[string, string]> {
  return employees().map((e) => [e.index === FIXES.employee.index ? FIXES.employee.rightVendor : e.vendor, e.name]);
}
