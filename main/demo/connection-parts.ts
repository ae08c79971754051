// The pieces every demo connection shares, so the demo entities stay configured alike: an hourly schedule with
// one backoff, the posting rules, the Concur FIS entity source and Northwind's Sage X3 journal target.
import type { ConnectionInput } from '../../shared/schemas/connection';
import type { Mapping } from '../../shared/schemas/mapping';
import type { Core } from '../core/create-core';
import { SIM_CLIENT } from '../simulators/concur';
import { COMPANY } from './catalog';

type Rules = ConnectionInput['rules'];
type ConcurSource = Extract<ConnectionInput['source'], { system: 'concur' }>;

export function demoDefaults(): Pick<ConnectionInput, 'schedule' | 'retry' | 'receipts'> {
  // Receipts are off by default for a new connection; the demo shows them on every connection.
  return { schedule: { mode: 'interval', minutes: 60 }, retry: { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 10_000, pauseAfterAuthFailures: 3 }, receipts: { enabled: true, maxBytes: 10 * 1024 * 1024, allowedTypes: ['pdf', 'jpeg', 'png'] } };
}

/** Northwind's X3 balancing accounts: employees payable and card clearing. */
export const DEMO_X3_ACCOUNTS = { liabilityAccount: '421000', cardClearingAccount: '467100' } as const;

/** Personal lines left out, invoices as supplier invoices, the given balancing accounts and required dimensions. */
export function demoRules(accounts: Pick<Rules, 'liabilityAccount' | 'cardClearingAccount'>, requiredDimensions: Rules['requiredDimensions'], dateRule: Rules['dateRule'] = 'document_date'): Rules {
  return { liabilityAccount: accounts.liabilityAccount, cardClearingAccount: accounts.cardClearingAccount, personalLines: 'exclude', dateRule, requiredDimensions, postingModes: { invoice: 'supplier_invoice' }, maxDescriptionLength: 250 };
}

/** A Concur entity connected at company level (App Center request token) that reads the Financial Integration Service. */
export function demoFisSource(tokenUrl: string, entity: { concurCompanyId: string; systemId: string; erpCompanyCode: string }, dimensionFields: Record<string, string>, extra: Partial<ConcurSource> = {}): ConcurSource {
  return {
    system: 'concur',
    tokenUrl,
    clientId: SIM_CLIENT.clientId,
    grant: 'authtoken',
    username: entity.concurCompanyId,
    startDate: '2026-10-01',
    pageSize: 25,
    dimensionFields,
    companyPaidPaymentTypes: ['IBCP', 'CBCP'],
    mode: 'fis',
    ...extra,
    systemId: entity.systemId,
    erpCompanyCode: entity.erpCompanyCode,
  };
}

/** Journals in Northwind's X3 folder (journal PUR, entry type ODEXP); `extra` adds e.g. dimension types. */
export function demoX3Target(serverUrl: string, username: string, extra: Record<string, unknown> = {}): ConnectionInput['target'] {
  return { system: 'sage-x3', serverUrl, folder: 'SEED', poolAlias: 'MLCDEMO', language: 'ENG', username, postingMode: 'journal', company: COMPANY.x3Company, site: COMPANY.x3Site, journal: 'PUR', entryType: 'ODEXP', ...extra } as ConnectionInput['target'];
}

export interface DemoConnectionSetup {
  connection: ConnectionInput;
  /** Secrets written the first time only (the accountant may have changed them since). */
  secrets: Array<[string, string]>;
  /** Secrets written at every start: a simulated Concur issues a new App Center request token each time. */
  everyStart?: Array<[string, string]>;
  mappings: () => Mapping[];
}

/**
 * Saves a demo connection (the simulators listen on new ports at each start) and drops the tokens the
 * previous simulator processes minted; the first time, also its secrets and mappings. Returns whether it was new.
 */
export async function ensureDemoConnection(core: Core, s: DemoConnectionSetup): Promise<boolean> {
  const h = core.handlers('demo');
  const id = s.connection.id;
  const first = !core.runtime.store.connections.get(id);
  await h['connections.save'](s.connection);
  core.runtime.store.connections.deleteSecret(id, 'source.tokenState');
  core.runtime.store.connections.deleteSecret(id, 'target.tokenState');
  for (const [name, value] of [...(first ? s.secrets : []), ...(s.everyStart ?? [])]) await h['connections.setSecret']({ connectionId: id, name, value });
  if (first) await h['mappings.upsert']({ connectionId: id, rows: s.mappings() });
  return first;
}

/** Demo tax-code mappings: [source tax code, name, ERP tax code, recoverable-VAT account or '' when never reclaimed]. */
export const taxMappings = (rows: Array<[string, string, string, string]>): Mapping[] =>
  rows.map(([code, name, target, vatAccount]) => ({ kind: 'tax_code' as const, sourceCode: code, sourceName: name, target, dimensions: (vatAccount ? { vatAccount } : {}) as Record<string, string> }));
