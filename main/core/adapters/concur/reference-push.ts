// The Concur side of a reference push: each configured dimension type to its Concur list, suppliers to
// Invoice vendors (when turned on), under one write cap per push; one report for the audit trail.
import type { ResolvedConcurSettings } from '../../../../shared/schemas/systems/concur';
import type { ReferenceItem } from '../../../../shared/schemas/reference';
import type { ReferencePushReport } from '../types';
import type { ConcurClient } from './client';
import { pushList, type WriteBudget } from './lists';
import { pushVendors } from './vendors';

export function emptyPushReport(): ReferencePushReport {
  return { created: 0, updated: 0, deactivated: 0, unchanged: 0, skipped: [], failed: [], deferred: 0, sourceOnly: [], destinations: [] };
}

export async function pushConcurReference(settings: ResolvedConcurSettings, client: ConcurClient, items: readonly ReferenceItem[]): Promise<ReferencePushReport> {
  const report = emptyPushReport();
  const budget: WriteBudget = { left: settings.referencePushMaxWrites };
  const lists = Object.entries(settings.referenceLists).map(([t, id]) => [t, id.trim()] as const).filter(([, id]) => id !== '');
  for (const [dimensionType, listId] of lists.sort(([a], [b]) => a.localeCompare(b))) {
    const values = items.filter((i) => i.kind === 'dimension' && i.dimensionType === dimensionType);
    // No values at all is more likely a missing refresh than an empty chart: never wipe a list on it.
    if (values.length === 0) {
      report.skipped.push({ kind: dimensionType, code: '*', reason: `the target has no ${dimensionType} values; Concur list ${listId} left as it is` });
      continue;
    }
    report.destinations.push(`${dimensionType} → Concur list ${listId}`);
    await pushList(client, dimensionType, listId, values, budget, report);
  }
  if (settings.pushVendors) {
    const suppliers = items.filter((i) => i.kind === 'supplier');
    if (suppliers.length === 0) report.skipped.push({ kind: 'supplier', code: '*', reason: 'the target has no suppliers; Concur vendors left as they are' });
    else {
      report.destinations.push(`suppliers → Concur Invoice vendors (address code ${settings.vendorAddressCode})`);
      await pushVendors(client, suppliers, settings.vendorAddressCode, budget, report);
    }
  }
  return report;
}
