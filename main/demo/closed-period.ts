// The demo company's closed period: August 2026 is closed in every demo ERP, and each Concur FIS entity has one
// expense report dated in it (the rest of the demo is dated late September and October, so nothing else moves).
// X3 and Acumatica connections hold it as "August 2026 is closed" (Acumatica before sending, from its period
// read; X3 when X3 refuses it); the NetSuite connection posts to the next open period: 2026-09-01, date in the memo.
import type { ConcurSimulator } from '../simulators/concur';
import { seedFisDocuments } from '../simulators/concur';

export const DEMO_CLOSED_MONTH = '2026-08';

/** One READY expense report submitted 24 August 2026; its id is `<prefix>PEXP000001`. */
export function seedClosedPeriodReport(concur: ConcurSimulator, companyId: string, datacenter: 'eu' | 'us', prefix: string): string {
  return seedFisDocuments(concur.state, { companyId, datacenter, counts: { expense: 1 }, startMs: Date.UTC(2026, 7, 24, 9, 0, 0), seed: 7, prefix: `${prefix}P` }).expense[0]!;
}
