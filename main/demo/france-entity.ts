// Northwind France SAS, an entity of the same Sage Intacct company as the US subsidiary: its own Concur company
// (EU data center) sends supplier invoices (Concur Invoice payment requests) with French VAT on each line —
// office supplies 20 %, a hotel's rooms and meals 10 %, books 5.5 % — and a Lausanne hotel's Swiss VAT, which a
// French company cannot reclaim on its return. The connection signs in to entity FR, which keeps VAT in EUR
// (`vatEnabled`): each reclaimed VAT goes as a TAXENTRY on the mapped tax detail, the Swiss VAT stays in the expense.
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { ConcurSimulator } from '../simulators/concur';
import { seedInvoices, SIM_CLIENT } from '../simulators/concur';
import { INTACCT_DEMO, INTACCT_FRANCE } from '../simulators/sage-intacct';
import { demoDefaults, demoRules, taxMappings } from './connection-parts';

export const FRANCE_CONNECTION_ID = 'demo-concur-intacct-fr';
export const FRANCE_COMPANY = { concurCompanyId: '2c8e5a17-9d4b-4e30-b6f2-7a1c3e9d0b54', admin: 'ap.admin@northwind-fr.example', password: 'demo-concur-fr-password' };

/** Approved supplier invoices, two per supplier (an even count keeps the demo's every-other-receipt pattern in step). */
export const FRANCE_INVOICES = 8;

/** code, name, Intacct account; every line in entity FR (location) and Operations. */
const FR_TYPES: Array<[string, string, string]> = [
  ['OFFSP', 'Office supplies', '6040'],
  ['HOTEL', 'Hotel', '6010'],
  ['MEALS', 'Business meal', '6020'],
  ['BOOKS', 'Books and publications', '6060'],
];

const [office, hotel, bookshop, swissHotel] = INTACCT_FRANCE.vendors;

/** Rate (as Concur's VatRate keys the mapping), name, Intacct tax detail, VAT account ('' when never reclaimed). */
export const FRANCE_TAX: Array<[string, string, string, string]> = [
  ['20%', 'French VAT 20 %', INTACCT_FRANCE.details.standard, INTACCT_FRANCE.vatAccount],
  ['10%', 'French VAT 10 %', INTACCT_FRANCE.details.intermediate, INTACCT_FRANCE.vatAccount],
  ['5.5%', 'French VAT 5.5 %', INTACCT_FRANCE.details.reduced, INTACCT_FRANCE.vatAccount],
  ['3.8%', 'Swiss hotel VAT 3.8 % (not reclaimable)', INTACCT_FRANCE.details.outsideScope, ''],
];

export function seedFranceCompany(concur: ConcurSimulator): void {
  concur.state.addCompany({ id: FRANCE_COMPANY.concurCompanyId, datacenter: 'eu' });
  concur.state.addUser({ loginId: FRANCE_COMPANY.admin, password: FRANCE_COMPANY.password, companyId: FRANCE_COMPANY.concurCompanyId, name: 'AP Administrator (France)' });
  seedInvoices(concur.state, {
    companyId: FRANCE_COMPANY.concurCompanyId,
    count: FRANCE_INVOICES,
    prefix: 'NFRPR',
    seed: 20261018,
    currency: 'EUR',
    vendors: INTACCT_FRANCE.vendors.map((v) => [v.id, v.name]),
    custom1Codes: ['D100', 'D200', 'D300'],
    types: [['OFFSP', 'Office supplies']],
    vendorTypes: { [hotel!.id]: [['HOTEL', 'Hotel'], ['MEALS', 'Business meal']], [bookshop!.id]: [['BOOKS', 'Books and publications']], [swissHotel!.id]: [['HOTEL', 'Hotel']] },
    vat: [
      { vendorCodes: [office!.id], ratePercent: 20, city: 'Paris', country: 'FR' },
      { vendorCodes: [hotel!.id], ratePercent: 10, city: 'Lyon', country: 'FR' },
      { vendorCodes: [bookshop!.id], ratePercent: 5.5, city: 'Paris', country: 'FR' },
      { vendorCodes: [swissHotel!.id], ratePercent: 3.8, city: 'Lausanne', country: 'CH' },
    ],
  });
}

export function franceConnection(concurUrl: string, intacctUrl: string): ConnectionInput {
  return {
    id: FRANCE_CONNECTION_ID,
    name: 'Northwind demo: Concur France → Sage Intacct (entity FR, VAT)',
    source: { system: 'concur', tokenUrl: concurUrl, clientId: SIM_CLIENT.clientId, grant: 'password', username: FRANCE_COMPANY.admin, companyUuid: FRANCE_COMPANY.concurCompanyId, startDate: '2026-10-01', pageSize: 100, dimensionFields: { department: 'Custom1' }, companyPaidPaymentTypes: ['IBCP', 'CBCP'], includeInvoices: true },
    target: { system: 'sage-intacct', endpointUrl: intacctUrl, testEndpoint: true, senderId: INTACCT_DEMO.senderId, companyId: INTACCT_DEMO.companyId, userId: INTACCT_DEMO.userId, locationId: INTACCT_FRANCE.entity, journal: INTACCT_DEMO.journal, baseCurrency: INTACCT_FRANCE.baseCurrency, vatEnabled: true } as ConnectionInput['target'],
    rules: demoRules(INTACCT_DEMO, ['department', 'location']),
    ...demoDefaults(),
    concurrency: 4,
  };
}

export const franceSecrets = (): Array<[string, string]> => [
  ['source.clientSecret', SIM_CLIENT.clientSecret],
  ['source.password', FRANCE_COMPANY.password],
  ['target.senderPassword', INTACCT_DEMO.senderPassword],
  ['target.userPassword', INTACCT_DEMO.userPassword],
];

/** Expense types, and the tax rows: the Swiss VAT row says recoverable = no, so it stays in the hotel expense. */
export function franceMappings(): Mapping[] {
  return [
    ...FR_TYPES.map(([code, name, account]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { department: 'D300', location: INTACCT_FRANCE.entity } })),
    ...taxMappings(FRANCE_TAX).map((m) => (m.dimensions.vatAccount ? m : { ...m, dimensions: { ...m.dimensions, recoverable: 'no' } })),
  ];
}
