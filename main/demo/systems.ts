// The built-in demo company: every simulated system on loopback, the demo connections pointed at them,
// first-time secrets and mappings, and the simulated ledgers kept in the data folder so runs build on each other.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { Core } from '../core/create-core';
import { mappingsToCsv } from '../core/engine/mapping-csv';
import type { ConcurSimulator } from '../simulators/concur';
import { createConcurSimulator, referenceOf, SIM_CLIENT } from '../simulators/concur';
import type { SageX3SimOptions, SageX3Simulator } from '../simulators/sage-x3';
import { createSageX3Simulator } from '../simulators/sage-x3';
import type { ExpensifySimulator } from '../simulators/expensify';
import { EXPENSIFY_DEMO_PARTNER } from '../simulators/expensify';
import type { SageIntacctSimulator } from '../simulators/sage-intacct';
import { createSageIntacctSimulator, intacctDemoSeed } from '../simulators/sage-intacct';
import { ACCOUNTS, COMPANY, departmentForCostCenter, dimensionValues, employees, EXPENSE_TYPES, FIXES, suppliers, X3_DIMENSION_TYPES } from './catalog';
import { DEMO_X3_ACCOUNTS, demoDefaults, demoRules, demoX3Target, ensureDemoConnection } from './connection-parts';
import { demoReports } from './reports';
import { DEMO_CLOSED_MONTH, seedClosedPeriodReport } from './closed-period';
import { createDemoExpensify, EXPENSIFY_CONNECTION_ID, expensifyConnection, expensifyMappings } from './expensify-company';
import { seedDemoReceipts } from './receipts';
import { seedUsCompany, US_CONNECTION_ID, usConnection, usMappings, usSecrets } from './us-company';
import { FIS_COMPANY, FIS_CONNECTION_ID, FIS_X3_ACCOUNTS, FIS_X3_SUPPLIERS, fisConnection, fisMappings, seedFisCompany } from './fis-company';
import type { AcumaticaSimulator } from '../simulators/acumatica';
import { ACUMATICA_CONNECTION_ID, configureAcumaticaDemo, createDemoAcumatica, type DemoAcumatica } from './acumatica-company';
import type { NetSuiteSimulator } from '../simulators/netsuite';
import { configureNetSuiteDemo, createDemoNetSuite, NETSUITE_CONNECTION_ID, type DemoNetSuite, type DemoNetSuiteEndpoint } from './netsuite-company';
import { correctDemoReport } from './changed-report';
import { seedX3Invoices, X3_INVOICE_SUPPLIERS, x3InvoiceTaxMappings } from './x3-invoices';
import { FRANCE_CONNECTION_ID, franceConnection, franceMappings, franceSecrets, seedFranceCompany } from './france-entity';

export const DEMO_CONNECTION_ID = 'demo-concur-x3';
export const CONCUR_ADMIN = { login: 'ap.admin@northwind-demo.com', password: 'demo-concur-password' };
export const X3_USER = { name: 'MLCDEMO', password: 'demo-x3-password' };

export interface DemoSystems {
  connectionId: string;
  /** The running simulators (tests switch their faults). */
  concur: ConcurSimulator;
  x3: SageX3Simulator;
  intacct: SageIntacctSimulator | null;
  expensify: ExpensifySimulator | null;
  /** The Canadian entity's Acumatica (absent when subsidiaries are off). */
  acumatica: AcumaticaSimulator | null;
  /** Northwind Europe's NetSuite (absent when subsidiaries are off). */
  netsuite: NetSuiteSimulator | null;
  /** Documents the simulated ERP ledgers hold (X3, Intacct and Acumatica). */
  erpDocumentCount(): number;
  fixedMappingsPath: string;
  stop(): Promise<void>;
}

/** The Concur lists Northwind's employees pick cost centers and departments from, kept in step with X3. */
export const DEMO_LISTS = { costCenter: '5d1f7b30-2c4e-4a86-9f13-7e0b6a2d9c45', department: 'a7c3e912-6f0d-4b58-8e27-3d9f1b4c6a80' };

export function demoConnection(concurUrl: string, x3Url: string): ConnectionInput {
  return {
    id: DEMO_CONNECTION_ID,
    name: 'Northwind demo: Concur → Sage X3',
    source: { system: 'concur', tokenUrl: concurUrl, clientId: SIM_CLIENT.clientId, grant: 'password', username: CONCUR_ADMIN.login, companyUuid: COMPANY.concurCompanyId, startDate: '2026-10-01', pageSize: 100, dimensionFields: Object.fromEntries(X3_DIMENSION_TYPES.map((d) => [d.dimension, d.concurField])), companyPaidPaymentTypes: ['IBCP', 'CBCP'], includeInvoices: true, referenceLists: { ...DEMO_LISTS }, pushVendors: true },
    target: demoX3Target(x3Url, X3_USER.name, { dimensionTypes: X3_DIMENSION_TYPES.map((d) => `${d.dimension}=${d.code}`) }),
    rules: demoRules(DEMO_X3_ACCOUNTS, ['costCenter', 'department']),
    ...demoDefaults(),
    concurrency: 4,
  };
}

/** The X3 connection's first mappings (two expense types left unmapped, one employee mapped wrong, the invoices' tax codes). */
export function initialMappings(): Mapping[] {
  const wrong = FIXES.employee;
  return [
    ...EXPENSE_TYPES.filter(([, , account]) => account).map(([code, name, account, cc]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { costCenter: cc, department: departmentForCostCenter(cc) } })),
    ...employees().map((e) => ({ kind: 'employee' as const, sourceCode: e.login, sourceName: e.name, target: e.index === wrong.index ? wrong.wrongVendor : e.vendor, dimensions: {} })),
    ...x3InvoiceTaxMappings(),
  ];
}

function fixedMappings(): Mapping[] {
  const e = employees().find((x) => x.index === FIXES.employee.index)!;
  return [
    ...FIXES.expenseTypes.map(([code, name, account, cc]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { costCenter: cc, department: departmentForCostCenter(cc) } })),
    { kind: 'employee', sourceCode: e.login, sourceName: e.name, target: FIXES.employee.rightVendor, dimensions: {} },
  ];
}

export interface DemoOptions {
  /** Number of approved reports in the simulated Concur (default 300). */
  reports?: number;
  /** Start with every mapping fixed (tests that only care about posting). */
  allMapped?: boolean;
  /** Also the subsidiaries (Concur US and Concur France → Sage Intacct, Expensify, FIS, Acumatica, NetSuite); default true. */
  subsidiaries?: boolean;
  /** Northwind's French supplier invoices (with VAT) for the Concur → X3 connection; default: as `subsidiaries`. */
  x3Invoices?: boolean;
}

export interface DemoSimulators {
  concur: ConcurSimulator;
  x3: SageX3Simulator;
  /** The Sage Intacct of the US subsidiary and the French entity (absent when subsidiaries are off). */
  intacct: SageIntacctSimulator | null;
  expensify: ExpensifySimulator | null;
  acumatica: AcumaticaSimulator | null;
  netsuite: NetSuiteSimulator | null;
  urls: DemoUrls;
  fixedMappingsPath: string;
  stop(): Promise<void>;
}

export interface DemoUrls {
  concur: string;
  x3: string;
  intacct?: string;
  expensify?: string;
  /** The App Center request token the simulated Concur issued for the FIS entity (one per start). */
  concurFisRequestToken?: string;
  /** The Acumatica site URL and the request token of its Concur FIS entity. */
  acumatica?: { siteUrl: string; requestToken: string };
  /** Northwind Europe's NetSuite REST URL, its Concur request token and demo key handling. */
  netsuite?: DemoNetSuiteEndpoint;
}

/** The demo company's Concur: its admin, 40 employees and their approved reports (not started). */
export function createDemoConcur(reports: number): ConcurSimulator {
  const concur = createConcurSimulator({ seed: 11 });
  concur.state.addCompany({ id: COMPANY.concurCompanyId, datacenter: 'eu' });
  concur.state.addUser({ loginId: CONCUR_ADMIN.login, password: CONCUR_ADMIN.password, companyId: COMPANY.concurCompanyId, name: 'AP Administrator' });
  referenceOf(concur.state).addList(COMPANY.concurCompanyId, 'Cost centers', DEMO_LISTS.costCenter);
  referenceOf(concur.state).addList(COMPANY.concurCompanyId, 'Departments', DEMO_LISTS.department);
  const staff = employees();
  for (const e of staff) concur.state.addUser({ loginId: e.login, password: `pw-${e.index}-${COMPANY.concurCompanyId.slice(0, 8)}`, companyId: COMPANY.concurCompanyId, name: e.name });
  const data = demoReports(staff, reports);
  concur.state.addReports(COMPANY.concurCompanyId, data.reports);
  concur.state.addEntries(data.entries);
  concur.state.addAllocations(data.allocations);
  return concur;
}

/** The demo company's Sage X3 folder: chart of accounts, cost centers (one inactive), suppliers (not started). `extra`: test-only options (e.g. a connected app for GraphQL reads). */
export function createDemoX3(extra: SageX3SimOptions = {}): SageX3Simulator {
  return createSageX3Simulator({
    seed: 12,
    folder: 'SEED',
    poolAlias: 'MLCDEMO',
    users: { [X3_USER.name]: X3_USER.password },
    accounts: [...ACCOUNTS, ...FIS_X3_ACCOUNTS].map(([code, name, active]) => ({ code, name, active: active ?? true })),
    dimensionTypes: X3_DIMENSION_TYPES.map((d) => ({ code: d.code, name: d.name })),
    costCenters: dimensionValues(),
    suppliers: [...suppliers(), ...FIS_X3_SUPPLIERS, ...X3_INVOICE_SUPPLIERS].map(([code, name]) => ({ code, name, active: true })),
    closedPeriods: [DEMO_CLOSED_MONTH],
    companies: [COMPANY.x3Company],
    ...extra,
  });
}

/** The simulated systems of the demo company, with the ERP ledgers restored from the data folder. */
export async function startDemoSimulators(dataDir: string, opts: DemoOptions = {}): Promise<DemoSimulators> {
  const dir = join(dataDir, 'demo');
  mkdirSync(dir, { recursive: true });
  const ledgers = { x3: join(dir, 'x3-ledger.json'), intacct: join(dir, 'intacct-ledger.json') };
  const fixedMappingsPath = join(dir, 'fixed-mappings.csv');
  const read = (path: string) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);
  const write = (path: string, data: unknown) => {
    writeFileSync(`${path}.tmp`, JSON.stringify(data));
    renameSync(`${path}.tmp`, path);
  };

  const concur = createDemoConcur(opts.reports ?? 300);
  if (opts.x3Invoices ?? opts.subsidiaries !== false) seedX3Invoices(concur);
  const x3 = createDemoX3();
  const x3Ledger = read(ledgers.x3);
  if (x3Ledger) x3.state.importDocuments(x3Ledger);
  let intacct: SageIntacctSimulator | null = null;
  let expensify: ExpensifySimulator | null = null;
  let concurFisRequestToken: string | undefined;
  let acumatica: DemoAcumatica | null = null;
  let netsuite: DemoNetSuite | null = null;
  if (opts.subsidiaries !== false) {
    concurFisRequestToken = seedFisCompany(concur);
    seedClosedPeriodReport(concur, FIS_COMPANY.concurCompanyId, 'eu', 'NWF');
    expensify = createDemoExpensify().sim;
    seedUsCompany(concur);
    seedFranceCompany(concur);
    intacct = createSageIntacctSimulator(intacctDemoSeed({ closedPeriods: [DEMO_CLOSED_MONTH], france: true }));
    const ledger = read(ledgers.intacct);
    if (ledger) intacct.state.importRecords(ledger);
    acumatica = createDemoAcumatica(concur, join(dir, 'acumatica-ledger.json'));
    netsuite = createDemoNetSuite(concur, dir);
  }
  seedDemoReceipts(concur, expensify);
  const { urls } = await concur.start();
  const { url: x3Url } = await x3.start();
  const intacctUrl = intacct ? (await intacct.start()).url : undefined;
  const expensifyUrl = expensify ? (await expensify.start()).url : undefined;
  const acumaticaUrls = acumatica ? { acumatica: { siteUrl: (await acumatica.sim.start()).url, requestToken: acumatica.requestToken } } : {};
  const netsuiteUrls = netsuite ? { netsuite: netsuite.endpoint((await netsuite.sim.start()).url) } : {};
  writeFileSync(fixedMappingsPath, mappingsToCsv(fixedMappings().map((m) => ({ ...m, connectionId: DEMO_CONNECTION_ID, updatedAt: '', updatedBy: '', unmapped: false })), ['costCenter']));
  return {
    concur,
    x3,
    intacct,
    expensify,
    acumatica: acumatica?.sim ?? null,
    netsuite: netsuite?.sim ?? null,
    urls: { ...acumaticaUrls, ...netsuiteUrls, concur: urls.us, x3: x3Url, ...(intacctUrl ? { intacct: intacctUrl } : {}), ...(expensifyUrl ? { expensify: expensifyUrl } : {}), ...(concurFisRequestToken ? { concurFisRequestToken } : {}) },
    fixedMappingsPath,
    async stop() {
      write(ledgers.x3, x3.state.exportDocuments());
      if (intacct) write(ledgers.intacct, intacct.state.exportRecords());
      acumatica?.save();
      netsuite?.save();
      await Promise.allSettled([concur.stop(), x3.stop(), intacct?.stop(), expensify?.stop(), acumatica?.sim.stop(), netsuite?.sim.stop()]);
    },
  };
}

/** Points the demo connections at running simulators; creates them, their secrets and mappings the first time. */
export async function configureDemoConnection(core: Core, urls: DemoUrls, opts: DemoOptions = {}): Promise<void> {
  await ensureDemoConnection(core, {
    connection: demoConnection(urls.concur, urls.x3),
    secrets: [['source.clientSecret', SIM_CLIENT.clientSecret], ['source.password', CONCUR_ADMIN.password], ['target.password', X3_USER.password]],
    mappings: () => (opts.allMapped ? [...initialMappings(), ...fixedMappings()] : initialMappings()),
  });
  if (urls.intacct) await ensureDemoConnection(core, { connection: usConnection(urls.concur, urls.intacct), secrets: usSecrets(), mappings: usMappings });
  if (urls.intacct) await ensureDemoConnection(core, { connection: franceConnection(urls.concur, urls.intacct), secrets: franceSecrets(), mappings: franceMappings });
  if (urls.expensify) {
    await ensureDemoConnection(core, {
      connection: expensifyConnection(urls.expensify, urls.x3, X3_USER.name),
      secrets: [['source.partnerUserSecret', EXPENSIFY_DEMO_PARTNER.partnerUserSecret], ['target.password', X3_USER.password]],
      mappings: () => expensifyMappings(createDemoExpensify().summary),
    });
  }
  if (urls.concurFisRequestToken) {
    await ensureDemoConnection(core, {
      connection: fisConnection(urls.concur, urls.x3, X3_USER.name),
      secrets: [['source.clientSecret', SIM_CLIENT.clientSecret], ['target.password', X3_USER.password]],
      everyStart: [['source.password', urls.concurFisRequestToken]],
      mappings: fisMappings,
    });
  }
  if (urls.acumatica) await configureAcumaticaDemo(core, urls.concur, urls.acumatica);
  if (urls.netsuite) await configureNetSuiteDemo(core, urls.concur, urls.netsuite);
}

/** Every demo connection, primary first. */
export const DEMO_CONNECTION_IDS = [DEMO_CONNECTION_ID, US_CONNECTION_ID, EXPENSIFY_CONNECTION_ID, FIS_CONNECTION_ID, ACUMATICA_CONNECTION_ID, NETSUITE_CONNECTION_ID, FRANCE_CONNECTION_ID] as const;

export async function startDemoSystems(core: Core, dataDir: string, opts: DemoOptions = {}): Promise<DemoSystems> {
  const sims = await startDemoSimulators(dataDir, opts);
  try {
    await configureDemoConnection(core, sims.urls, opts);
  } catch (e) {
    await sims.stop();
    throw e;
  }
  // A folder whose demo report was changed after posting before: the simulated Concur shows it changed again.
  correctDemoReport(core.runtime.store, sims.concur, true);
  return {
    connectionId: DEMO_CONNECTION_ID,
    concur: sims.concur,
    x3: sims.x3,
    intacct: sims.intacct,
    expensify: sims.expensify,
    acumatica: sims.acumatica,
    netsuite: sims.netsuite,
    erpDocumentCount: () => sims.x3.state.documentCount() + (sims.intacct?.state.recordCount() ?? 0) + (sims.acumatica?.state.recordCount() ?? 0) + (sims.netsuite?.state.recordCount() ?? 0),
    fixedMappingsPath: sims.fixedMappingsPath,
    stop: sims.stop,
  };
}
