// Northwind Europe books in Oracle NetSuite (subsidiary "Northwind Europe"): its Concur entity connects at
// company level and reads the Financial Integration Service; expense reports, invoices, cash advances and
// payroll documents post as journal entries or vendor bills, upserted by external id, and are confirmed back
// to Concur with the NetSuite internal id. The OAuth 2.0 key pair is made on the first demo run: the private
// key is kept only as an encrypted connection secret, the public key (the "uploaded certificate") in the demo folder.
// Receipts go to the File Cabinet over SOAP, which refuses OAuth 2.0: the connection also holds token-based
// credentials, used for receipts only, and the simulated account keeps its files beside its ledger.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { Core } from '../core/create-core';
import type { ConcurSimulator } from '../simulators/concur';
import { seedFisDocuments, SIM_CLIENT } from '../simulators/concur';
import { DEMO_CLOSED_MONTH, seedClosedPeriodReport } from './closed-period';
import { demoDefaults, demoFisSource, demoRules, taxMappings } from './connection-parts';
import { createNetSuiteSimulator, NETSUITE_DEMO, seedNetSuite, type NetSuiteSimState, type NetSuiteSimulator, type SimTransaction } from '../simulators/netsuite';

export const NETSUITE_CONNECTION_ID = 'demo-concur-netsuite';
export const NETSUITE_FIS_COMPANY = { concurCompanyId: '3c7e1a52-9b84-4d16-a0f3-5e2d8c6b9a71', systemId: 'NETSUITE-NWE', erpCompanyCode: 'NWE', documents: { expense: 12, invoice: 4, cashadvance: 2, payroll: 2 } };

export interface DemoNetSuite {
  sim: NetSuiteSimulator;
  /** Writes the account's transactions to the demo folder, so the next run builds on them. */
  save(): void;
  /** What configureNetSuiteDemo needs once the simulator listens. */
  endpoint(restUrl: string): DemoNetSuiteEndpoint;
}

export interface DemoNetSuiteEndpoint {
  restUrl: string;
  /** The App Center request token the simulated Concur issued for the entity (one per start). */
  requestToken: string;
  /** Public half of the demo key pair: the certificate "uploaded" to the simulated NetSuite. */
  publicKeyFile: string;
  trust(publicKeyPem: string): void;
}

/** The entity's READY FIS documents in the demo Concur and its NetSuite account (not started), ledger restored. */
export function createDemoNetSuite(concur: ConcurSimulator, demoDir: string): DemoNetSuite {
  concur.state.addCompany({ id: NETSUITE_FIS_COMPANY.concurCompanyId, datacenter: 'eu' });
  seedFisDocuments(concur.state, { companyId: NETSUITE_FIS_COMPANY.concurCompanyId, datacenter: 'eu', counts: NETSUITE_FIS_COMPANY.documents, seed: 43, prefix: 'NWN', vat: true });
  seedClosedPeriodReport(concur, NETSUITE_FIS_COMPANY.concurCompanyId, 'eu', 'NWN');
  const requestToken = concur.state.issueRequestToken(NETSUITE_FIS_COMPANY.concurCompanyId, SIM_CLIENT.clientId);
  const sim = createNetSuiteSimulator({ accountId: NETSUITE_DEMO.accountId, faults: { concurrencyLimit: 5 } });
  seedNetSuite(sim.state);
  sim.state.closedPeriods.add(DEMO_CLOSED_MONTH);
  sim.state.tbaTokens.push({ ...NETSUITE_DEMO.tba });
  const ledgerPath = join(demoDir, 'netsuite-ledger.json');
  const filesPath = join(demoDir, 'netsuite-files.json');
  if (existsSync(ledgerPath)) sim.state.importRecords(JSON.parse(readFileSync(ledgerPath, 'utf8')) as SimTransaction[]);
  if (existsSync(filesPath)) sim.state.importFiles(JSON.parse(readFileSync(filesPath, 'utf8')) as ReturnType<NetSuiteSimState['exportFiles']>);
  return {
    sim,
    save() {
      writeFileSync(`${ledgerPath}.tmp`, JSON.stringify(sim.state.exportRecords()));
      renameSync(`${ledgerPath}.tmp`, ledgerPath);
      writeFileSync(`${filesPath}.tmp`, JSON.stringify(sim.state.exportFiles()));
      renameSync(`${filesPath}.tmp`, filesPath);
    },
    endpoint: (restUrl) => ({
      restUrl,
      requestToken,
      publicKeyFile: join(demoDir, 'netsuite-certificate-public.pem'),
      trust: (pem) => sim.state.registerCertificate(NETSUITE_DEMO.clientId, NETSUITE_DEMO.certificateId, createPublicKey(pem), Date.parse('2028-06-30T23:59:59Z')),
    }),
  };
}

export function netsuiteConnection(concurUrl: string, netsuiteUrl: string, concurCompanyId = NETSUITE_FIS_COMPANY.concurCompanyId): ConnectionInput {
  return {
    id: NETSUITE_CONNECTION_ID,
    name: 'Northwind demo: Concur Financial Integration → Oracle NetSuite',
    source: demoFisSource(concurUrl, { ...NETSUITE_FIS_COMPANY, concurCompanyId }, { costCenter: 'Custom1' }),
    target: { system: 'netsuite', accountId: NETSUITE_DEMO.accountId, restUrl: netsuiteUrl, auth: 'oauth2', clientId: NETSUITE_DEMO.clientId, certificateId: NETSUITE_DEMO.certificateId, certificateValidUntil: '2028-06-30', consumerKey: NETSUITE_DEMO.tba.consumerKey, tokenId: NETSUITE_DEMO.tba.tokenId, receiptFolderId: NETSUITE_DEMO.receiptFolderId, subsidiary: NETSUITE_DEMO.subsidiary, postingMode: 'journal', concurrencyLimit: 2 } as ConnectionInput['target'],
    // A document dated in a closed period goes in on the 1st of the next open one (the demo shows a moved date).
    rules: { ...demoRules(NETSUITE_DEMO, ['department']), closedPeriod: 'next_open_period' },
    ...demoDefaults(),
    concurrency: 4,
  };
}

/** Expense types to NetSuite account numbers and segment ids; FIS employees to the NetSuite employees of the same ID. */
export function netsuiteMappings(employees = 20): Mapping[] {
  return [
    ...NETSUITE_DEMO.expenseTypes.map(([code, name, account, department, location, cls]) => ({ kind: 'expense_type' as const, sourceCode: code, sourceName: name, target: account, dimensions: { department, location, class: cls } })),
    // NetSuite tax codes (salestaxitem itemid); the recoverable VAT of a journal posts to 1450.
    ...taxMappings([['FR20', 'French VAT 20 %', 'FR-S-20', '1450'], ['FR10', 'French VAT 10 %', 'FR-I-10', '1450'], ['FR55', 'French VAT 5.5 %', 'FR-R-5.5', '1450'], ['CHHOTEL', 'Swiss hotel VAT (not reclaimable)', 'FR-NR', '']]),
    ...Array.from({ length: employees }, (_, i) => {
      const id = `EMP${String(i + 1).padStart(4, '0')}`;
      return { kind: 'employee' as const, sourceCode: id, sourceName: `Employee ${i + 1}`, target: id, dimensions: {} };
    }),
  ];
}

/**
 * Points the demo connection at the running simulators with this start's Concur request token. The key pair
 * is made on the first run (and again only when its public half is gone); the private key is stored only
 * as an encrypted secret.
 */
export async function configureNetSuiteDemo(core: Core, concurUrl: string, ep: DemoNetSuiteEndpoint): Promise<void> {
  const h = core.handlers('demo');
  const existing = core.runtime.store.connections.get(NETSUITE_CONNECTION_ID);
  await h['connections.save'](netsuiteConnection(concurUrl, ep.restUrl));
  const set = (name: string, value: string) => h['connections.setSecret']({ connectionId: NETSUITE_CONNECTION_ID, name, value });
  await set('source.clientSecret', SIM_CLIENT.clientSecret);
  await set('source.password', ep.requestToken);
  // Token-based credentials for receipts only (SOAP); REST keeps OAuth 2.0.
  await set('target.consumerSecret', NETSUITE_DEMO.tba.consumerSecret);
  await set('target.tokenSecret', NETSUITE_DEMO.tba.tokenSecret);
  // Tokens were minted by the previous simulator processes; the fresh ones do not know them.
  core.runtime.store.connections.deleteSecret(NETSUITE_CONNECTION_ID, 'source.tokenState');
  core.runtime.store.connections.deleteSecret(NETSUITE_CONNECTION_ID, 'target.tokenState');
  if (!existing?.secretNames.includes('target.privateKey') || !existsSync(ep.publicKeyFile)) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    await set('target.privateKey', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    writeFileSync(ep.publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }).toString());
  }
  ep.trust(readFileSync(ep.publicKeyFile, 'utf8'));
  if (!existing) await h['mappings.upsert']({ connectionId: NETSUITE_CONNECTION_ID, rows: netsuiteMappings() });
}
