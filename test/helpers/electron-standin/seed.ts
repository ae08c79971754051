// TEST ONLY: a connection written straight into a data folder before the shell boots (Concur → X3, manual
// schedule unless told otherwise), so the demo company does not start.
import { dbPathIn } from '../../../main/host/data-dir';
import { openStore } from '../../../main/core/store/store';
import type { Schedule } from '../../../shared/schemas/connection';

export function seedConnection(dataDir: string, o: { id?: string; name?: string; url?: string; schedule?: Schedule } = {}): void {
  const store = openStore(dbPathIn(dataDir), () => new Date());
  const url = o.url ?? 'http://127.0.0.1:1';
  store.connections.save({
    id: o.id ?? 'c1',
    name: o.name ?? 'Northwind',
    source: { system: 'concur', tokenUrl: url, clientId: 'id', grant: 'password', username: 'u', startDate: '2026-01-01', pageSize: 100, dimensionFields: {}, companyPaidPaymentTypes: [] } as never,
    target: { system: 'sage-x3', serverUrl: url, folder: 'SEED', poolAlias: 'P', language: 'ENG', username: 'u', postingMode: 'journal', company: 'C', site: 'S', journal: 'J', entryType: 'E' } as never,
    rules: { liabilityAccount: '421000', cardClearingAccount: '467000', personalLines: 'exclude', dateRule: 'document_date', requiredDimensions: ['costCenter'], postingModes: {}, maxDescriptionLength: 250 } as never,
    schedule: o.schedule ?? { mode: 'manual' },
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 5, pauseAfterAuthFailures: 3 },
    concurrency: 1,
  });
  store.close();
}
