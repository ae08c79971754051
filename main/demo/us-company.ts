// Northwind Inc., the demo company's US subsidiary: its own Concur company (US data center) posting to
// Sage Intacct by department and location. Its expense reports are fully mapped; its supplier invoices
// (Concur Invoice payment requests) become AP bills, one from a vendor Intacct has made inactive (held).
// Skyline Airways bills from Toronto with 5 % GST, which the GST-registered subsidiary reclaims (input tax
// credits): the top level keeps no VAT in Intacct (`vatEnabled` off; only the French entity does, france-entity.ts),
// so the GST is an explicit line on 1410.
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { ConcurSimulator } from '../simulators/concur';
import { referenceOf, seedInvoices, SIM_CLIENT } from '../simulators/concur';
import { INTACCT_DEMO } from '../simulators/sage-intacct';
import type { DemoEmployee } from './catalog';
import { demoDefaults, demoRules, taxMappings } from './connection-parts';
import { demoReports } from './reports';

export const US_CONNECTION_ID = 'demo-concur-intacct';
export const US_COMPANY = { concurCompanyId: '9a1d6c2f-5e3b-4f7a-8c21-6b0e4d3f2a17', admin: 'ap.admin@northwind-us.example', password: 'demo-concur-us-password' };
/** The US Concur company's pick lists the connection keeps in step with Intacct departments and locations. */
export const US_LISTS = { department: '3c7e1a90-4b2d-4e6f-9a18-5d0c2b7e4f61', location: '8b2f6d14-0e9a-4c3b-b7d5-1a6e9c0f3d28' };

/** code, name, Intacct account, department, location */
const US_TYPES: Array<[string, string, string, string, string]> = [
  ['AIRFR', 'Airfare', '6000', 'D100', 'L10'],
  ['HOTEL', 'Hotel', '6010', 'D100', 'L10'],
  ['MEALS', 'Business meal', '6020', 'D100', 'L20'],
  ['DINNR', 'Dinner', '6020', 'D300', 'L20'],
  ['MILEG', 'Mileage', '6030', 'D300', 'L30'],
  ['OFFSP', 'Office supplies', '6040', 'D300', 'L30'],
  ['SUBSC', 'Software subscription', '6050', 'D200', 'L30'],
];

export function usEmployees(): DemoEmployee[] {
  const names = ['Ada Okafor', 'Ben Schmidt', 'Chloé Nakamura', 'Dev Rossi', 'Emma Dubois', 'Farid Silva', 'Grace Novak', 'Hugo Larsen', 'Ines Haddad', 'Jonas Kowalski', 'Kemal Moreau', 'Lena Martin'];
  return names.map((name, i) => ({ index: i + 1, login: `${name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')}${i + 1}@northwind-us.example`, name, vendor: `E${String(i + 1).padStart(3, '0')}` }));
}

export function seedUsCompany(concur: ConcurSimulator, reports = 36): void {
  concur.state.addCompany({ id: US_COMPANY.concurCompanyId, datacenter: 'us' });
  concur.state.addUser({ loginId: US_COMPANY.admin, password: US_COMPANY.password, companyId: US_COMPANY.concurCompanyId, name: 'AP Administrator (US)' });
  referenceOf(concur.state).addList(US_COMPANY.concurCompanyId, 'Departments', US_LISTS.department);
  referenceOf(concur.state).addList(US_COMPANY.concurCompanyId, 'Locations', US_LISTS.location);
  const staff = usEmployees();
  for (const e of staff) concur.state.addUser({ loginId: e.login, password: `pw-us-${e.index}`, companyId: US_COMPANY.concurCompanyId, name: e.name });
  const data = demoReports(staff, reports, 20261015, { idPrefix: 'NUS', currency: () => 'USD', types: US_TYPES, plantHolds: false, splitCodes: ['D100', 'D200', 'D300'] });
  concur.state.addReports(US_COMPANY.concurCompanyId, data.reports);
  concur.state.addEntries(data.entries);
  concur.state.addAllocations(data.allocations);
  seedInvoices(concur.state, { companyId: US_COMPANY.concurCompanyId, count: US_INVOICES, prefix: 'NUSPR', seed: 20261016, currency: 'USD', vendors: [['V100', 'Grand Hotel Central'], ['V101', 'Skyline Airways'], ['V102', 'Metro Office Supplies'], ['V103', 'Old Taxi Co']], custom1Codes: ['D100', 'D200', 'D300'], types: [['OFFSP', 'Office supplies'], ['SUBSC', 'Software subscription'], ['AIRFR', 'Airfare']], vat: { vendorCodes: [US_GST.vendor], ratePercent: US_GST.ratePercent, city: 'Toronto', country: 'CA' } });
}

/** The Canadian GST one supplier bills (Concur v3 `VatRate` 5 keys the mapping as "5%"), reclaimed on 1410. */
export const US_GST = { vendor: 'V101', ratePercent: 5, taxCode: 'CA-GST', vatAccount: '1410' } as const;

/** Approved supplier invoices in the US Concur company; every fourth is from the inactive vendor V103. */
export const US_INVOICES = 8;

export function usConnection(concurUrl: string, intacctUrl: string): ConnectionInput {
  return {
    id: US_CONNECTION_ID,
    name: 'Northwind demo: Concur US → Sage Intacct',
    source: { system: 'concur', tokenUrl: concurUrl, clientId: SIM_CLIENT.clientId, grant: 'password', username: US_COMPANY.admin, companyUuid: US_COMPANY.concurCompanyId, startDate: '2026-10-01', pageSize: 100, dimensionFields: { department: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'], includeInvoices: true, referenceLists: { ...US_LISTS }, pushVendors: true },
    target: { system: 'sage-intacct', endpointUrl: intacctUrl, testEndpoint: true, senderId: INTACCT_DEMO.senderId, companyId: INTACCT_DEMO.companyId, userId: INTACCT_DEMO.userId, journal: INTACCT_DEMO.journal } as ConnectionInput['target'],
    rules: demoRules(INTACCT_DEMO, ['department', 'location']),
    ...demoDefaults(),
    concurrency: 4,
  };
}

export const usSecrets = (): Array<[string, string]> => [
  ['source.clientSecret', SIM_CLIENT.clientSecret],
  ['source.password', US_COMPANY.password],
  ['target.senderPassword', INTACCT_DEMO.senderPassword],
  ['target.userPassword', INTACCT_DEMO.userPassword],
];

export function usMappings(): Mapping[] {
  return [
    ...US_TYPES.map(([code, name, account, department, location]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { department, location } })),
    ...usEmployees().map((e) => ({ kind: 'employee' as const, sourceCode: e.login, sourceName: e.name, target: e.vendor, dimensions: {} })),
    ...taxMappings([[`${US_GST.ratePercent}%`, 'Canada GST 5 %', US_GST.taxCode, US_GST.vatAccount]]),
  ];
}
