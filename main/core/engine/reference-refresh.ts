// Reads all reference data from the target and replaces the local cache once the read is complete.
import type { ReferenceItem } from '../../../shared/schemas/reference';
import type { SourceAdapter, TargetAdapter } from '../adapters/types';
import type { Logger } from '../ports';
import type { Store } from '../store/store';

export async function refreshReference(store: Store, connectionId: string, target: TargetAdapter, actor: string): Promise<Record<string, number>> {
  const items: ReferenceItem[] = [];
  for await (const page of target.readReference()) items.push(...page);
  // Only a complete read replaces the cache: a half-read list would make valid codes look unknown.
  store.reference.replaceAll(connectionId, items);
  const counts: Record<string, number> = {};
  for (const i of items) {
    const k = i.kind === 'dimension' ? `dimension:${i.dimensionType}` : i.kind;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  store.audit.append({
    connectionId,
    actor,
    action: 'reference_refresh',
    outcome: 'ok',
    message: `Reference data refreshed: ${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing'}`,
  });
  return counts;
}

/** Categories the source knows (Expensify policies) show in the mapping grid before any document uses them. */
export async function noteSourceCategories(deps: { store: Store; logger: Logger }, connectionId: string, source: SourceAdapter): Promise<number> {
  if (!source.listCategories) return 0;
  try {
    const categories = await source.listCategories();
    deps.store.db.transaction(() => {
      for (const c of categories) deps.store.mappings.noteSeen(connectionId, 'expense_type', c.code, c.name);
    })();
    return categories.length;
  } catch (e) {
    deps.logger.warn('could not read the source categories', { connectionId, error: e instanceof Error ? e.message : String(e) });
    return 0;
  }
}
