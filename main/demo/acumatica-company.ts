// Northwind's Canadian services entity runs Acumatica: its Concur company connects at company level (App
// Center request token) through the Financial Integration Service. Expense reports post as GL journal
// transactions (employee liability and card clearing balanced), supplier invoices as AP bills whose
// VendorRef carries the key; each is confirmed back to Concur with the Acumatica reference number.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { Core } from '../core/create-core';
import type { ConcurSimulator } from '../simulators/concur';
import { seedFisDocuments, SIM_CLIENT } from '../simulators/concur';
import { DEMO_CLOSED_MONTH, seedClosedPeriodReport } from './closed-period';
import { demoDefaults, demoFisSource, demoRules, ensureDemoConnection, taxMappings } from './connection-parts';
import { ACUMATICA_DEMO, acumaticaDemoSeed, createAcumaticaSimulator, type AcumaticaSimulator } from '../simulators/acumatica';

export const ACUMATICA_CONNECTION_ID = 'demo-concur-acumatica';
export const ACUMATICA_COMPANY = { concurCompanyId: '3c7a1e52-9b04-4d6f-8a2e-5f1b7c9d0e63', systemId: 'ACUMATICA-NWCA', erpCompanyCode: 'NWCA', documents: { expense: 8, invoice: 5 } };

/** code, name, Acumatica account; the allocation's cost center is the subaccount, the branch is Europe. */
const ACU_TYPES: Array<[string, string, string]> = [
  ['AIRFR', 'Airfare', '62000'],
  ['HOTEL', 'Hotel', '62100'],
  ['MEALS', 'Business meal', '62200'],
  ['TAXIX', 'Taxi', '62300'],
];

/** Puts the entity's READY FIS documents in the simulated Concur; returns a fresh App Center request token. */
export function seedAcumaticaFisCompany(concur: ConcurSimulator): string {
  concur.state.addCompany({ id: ACUMATICA_COMPANY.concurCompanyId, datacenter: 'us' });
  seedFisDocuments(concur.state, { companyId: ACUMATICA_COMPANY.concurCompanyId, datacenter: 'us', counts: ACUMATICA_COMPANY.documents, seed: 53, prefix: 'NCA', vat: true });
  return concur.state.issueRequestToken(ACUMATICA_COMPANY.concurCompanyId, SIM_CLIENT.clientId);
}

export function acumaticaConnection(concurUrl: string, siteUrl: string): ConnectionInput {
  return {
    id: ACUMATICA_CONNECTION_ID,
    name: 'Northwind demo: Concur Financial Integration → Acumatica',
    source: demoFisSource(concurUrl, ACUMATICA_COMPANY, { subaccount: 'Custom1' }, { fisDocTypes: ['expense', 'invoice'] }),
    target: {
      system: 'acumatica',
      siteUrl,
      endpointName: 'Default',
      endpointVersion: '23.200.001',
      tenant: ACUMATICA_DEMO.tenant,
      branch: ACUMATICA_DEMO.branch,
      auth: 'cookie',
      username: ACUMATICA_DEMO.username,
      defaultSubaccount: '000000',
      postingMode: 'journal',
      releaseBills: true,
      releasePollMs: 100,
    } as ConnectionInput['target'],
    rules: demoRules(ACUMATICA_DEMO, ['subaccount']),
    ...demoDefaults(),
    concurrency: 2,
  };
}

export const acumaticaSecrets = (requestToken: string): Array<[string, string]> => [
  ['source.clientSecret', SIM_CLIENT.clientSecret],
  ['source.password', requestToken],
  ['target.password', ACUMATICA_DEMO.password],
];

/** Expense types to accounts (branch EU), and the FIS employees EMP0001… to their Acumatica employee vendors. */
export function acumaticaMappings(): Mapping[] {
  const most = Math.max(...Object.values(ACUMATICA_COMPANY.documents));
  return [
    ...ACU_TYPES.map(([code, name, account]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { branch: 'EU' } })),
    // Acumatica tax IDs; the recoverable VAT posts to 14500 as its own line.
    ...taxMappings([['FR20', 'French VAT 20 %', 'FRVAT20', '14500'], ['FR10', 'French VAT 10 %', 'FRVAT10', '14500'], ['FR55', 'French VAT 5.5 %', 'FRVAT55', '14500'], ['CHHOTEL', 'Swiss hotel VAT (not reclaimable)', 'EXEMPT', '']]),
    ...Array.from({ length: most }, (_, i) => {
      const id = `EMP${String(i + 1).padStart(4, '0')}`;
      return { kind: 'employee' as const, sourceCode: id, sourceName: `Employee ${i + 1}`, target: id, dimensions: {} };
    }),
  ];
}

export interface DemoAcumatica {
  sim: AcumaticaSimulator;
  /** The request token the simulated Concur issued for this entity (a new one each start). */
  requestToken: string;
  /** The FIS id of the report dated in the demo's closed period. */
  closedPeriodReport: string;
  /** Writes the simulated Acumatica ledger to the data folder, so the next run builds on it. */
  save(): void;
}

/** The entity's Concur FIS documents and its Acumatica tenant, its ledger restored from `ledgerPath` (not started). */
export function createDemoAcumatica(concur: ConcurSimulator, ledgerPath: string): DemoAcumatica {
  const sim = createAcumaticaSimulator(acumaticaDemoSeed({ closedPeriods: [DEMO_CLOSED_MONTH] }));
  if (existsSync(ledgerPath)) sim.state.importRecords(JSON.parse(readFileSync(ledgerPath, 'utf8')) as ReturnType<typeof sim.state.exportRecords>);
  return {
    sim,
    requestToken: seedAcumaticaFisCompany(concur),
    // The demo's closed period (closed-period.ts): one report dated in it, held before sending.
    closedPeriodReport: seedClosedPeriodReport(concur, ACUMATICA_COMPANY.concurCompanyId, 'us', 'NCA'),
    save() {
      writeFileSync(`${ledgerPath}.tmp`, JSON.stringify(sim.state.exportRecords()));
      renameSync(`${ledgerPath}.tmp`, ledgerPath);
    },
  };
}

/** Points the connection at the running simulators; secrets and mappings the first time, a new request token each time. */
export async function configureAcumaticaDemo(core: Core, concurUrl: string, acumatica: { siteUrl: string; requestToken: string }): Promise<void> {
  const secrets = acumaticaSecrets(acumatica.requestToken);
  await ensureDemoConnection(core, {
    connection: acumaticaConnection(concurUrl, acumatica.siteUrl),
    secrets: secrets.filter(([name]) => name !== 'source.password'),
    everyStart: secrets.filter(([name]) => name === 'source.password'),
    mappings: acumaticaMappings,
  });
}
