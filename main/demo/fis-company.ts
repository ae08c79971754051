// Northwind's second French entity connects Concur at company level (App Center request token) and reads
// the Financial Integration Service: expense reports, invoices, cash advances and payroll documents are
// acknowledged, posted to Sage X3 and confirmed back to Concur with the X3 document number.
// One invoice vendor is missing in X3 on purpose, so the demo shows a held FIS document. SAP's settlement
// scenarios come too: cash advances applied, a company card with a personal charge, offsetting rows, a card
// charge without payment type, and a funds reservation that is refused and reported back as not posted.
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { ConcurSimulator } from '../simulators/concur';
import { SCENARIOS, seedFisDocuments, seedFisScenarios, SIM_CLIENT } from '../simulators/concur';
import { COMPANY } from './catalog';
import { DEMO_X3_ACCOUNTS, demoDefaults, demoFisSource, demoRules, demoX3Target, taxMappings } from './connection-parts';

export const FIS_CONNECTION_ID = 'demo-concur-fis-x3';
export const FIS_COMPANY = { concurCompanyId: '6e2b9d41-7c3a-4f58-9e10-3b8a5c7d2e94', systemId: 'SAGE-X3-NWC', documents: { expense: 10, invoice: 6, cashadvance: 3, payroll: 2 }, scenarios: SCENARIOS.length };

/** Invoice vendors of the FIS documents that X3 knows; V1004 (Umbrella Facilities) is left out on purpose. */
export const FIS_X3_SUPPLIERS: Array<[string, string]> = [
  ['V1001', 'Acme Office Supply'],
  ['V1002', 'Globex Consulting'],
  ['V1003', 'Initech Software'],
];

/** Accounts the FIS documents need beyond the travel chart: cash advances sit on a staff receivable. */
export const FIS_X3_ACCOUNTS: Array<[string, string]> = [['425000', 'Staff advances'], ['445660', 'Deductible VAT on other goods and services']];

/** The demo FIS documents' tax codes to the folder's VAT codes; the Swiss hotel VAT is never reclaimed. */
export const FIS_X3_TAX: Array<[string, string, string, string]> = [
  ['FR20', 'French VAT 20 %', 'FRS', '445660'],
  ['FR10', 'French VAT 10 %', 'FRI', '445660'],
  ['FR55', 'French VAT 5.5 %', 'FRR', '445660'],
  ['CHHOTEL', 'Swiss hotel VAT 3.8 % (not reclaimable)', 'FRN', ''],
];


/** code, name, GL account, cost center (the allocation's cost center wins where there is one). */
const FIS_TYPES: Array<[string, string, string, string]> = [
  ['AIRFR', 'Airfare', '625110', 'CC100'],
  ['HOTEL', 'Hotel', '625120', 'CC100'],
  ['MEALS', 'Business meal', '625710', 'CC100'],
  ['TAXIX', 'Taxi', '625130', 'CC500'],
  ['CASHADV', 'Cash advance', '425000', 'CC400'],
];

/** Puts the entity's READY FIS documents in the simulated Concur; returns a fresh App Center request token. */
export function seedFisCompany(concur: ConcurSimulator): string {
  concur.state.addCompany({ id: FIS_COMPANY.concurCompanyId, datacenter: 'eu' });
  seedFisDocuments(concur.state, { companyId: FIS_COMPANY.concurCompanyId, datacenter: 'eu', counts: FIS_COMPANY.documents, seed: 41, prefix: 'NWF', vat: true });
  seedFisScenarios(concur.state, { companyId: FIS_COMPANY.concurCompanyId, prefix: 'NWF', currency: 'EUR', costCenter: 'CC100', employeeId: 'EMP0001' });
  return concur.state.issueRequestToken(FIS_COMPANY.concurCompanyId, SIM_CLIENT.clientId);
}

export function fisConnection(concurUrl: string, x3Url: string, x3User: string): ConnectionInput {
  return {
    id: FIS_CONNECTION_ID,
    name: 'Northwind demo: Concur Financial Integration → Sage X3',
    source: demoFisSource(concurUrl, { ...FIS_COMPANY, erpCompanyCode: COMPANY.x3Company }, { costCenter: 'Custom1' }),
    target: demoX3Target(x3Url, x3User),
    rules: demoRules(DEMO_X3_ACCOUNTS, ['costCenter']),
    ...demoDefaults(),
    concurrency: 4,
  };
}

/** Expense types and the FIS employees (EMP0001…) to the X3 employee suppliers of the catalog. */
export function fisMappings(): Mapping[] {
  const most = Math.max(...Object.values(FIS_COMPANY.documents));
  return [
    ...FIS_TYPES.map(([code, name, account, costCenter]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { costCenter } })),
    ...Array.from({ length: most }, (_, i) => ({ kind: 'employee' as const, sourceCode: `EMP${String(i + 1).padStart(4, '0')}`, sourceName: `Employee ${i + 1}`, target: `V-EMP${String(i + 1).padStart(3, '0')}`, dimensions: {} })),
    ...taxMappings(FIS_X3_TAX),
  ];
}
