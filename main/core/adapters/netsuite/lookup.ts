// Finding transactions already in NetSuite by the external ids they carry: one SuiteQL query over the
// `transaction` table with `externalid IN (…)` for every key of every plan of a page.
// Cost: one request per page of up to 1,000 keys (plans × key forms), answered in one result page.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { keysOf, type ExistingDocument } from '../types';
import type { NetSuiteClient } from './client';
import { recordTypeFor } from './to-remote';

/** Keys per query: SuiteQL's page holds 1,000 rows, one per key at most. */
const KEYS_PER_QUERY = 1000;

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export const externalIdQuery = (keys: readonly string[]): string => `SELECT id, externalid, recordtype FROM transaction WHERE externalid IN (${keys.map(quote).join(', ')}) ORDER BY id`;

/** Each plan found under any of its keys (its own key first), by plan.idempotencyKey. A failed query throws. */
export async function findExistingMany(client: NetSuiteClient, plans: readonly PostingPlan[]): Promise<Map<string, ExistingDocument>> {
  const out = new Map<string, ExistingDocument>();
  const keys = [...new Set(plans.flatMap((p) => keysOf(p)))];
  // recordtype|externalid -> internal id (the lowest, should NetSuite hold several).
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    for await (const rows of client.suiteql(externalIdQuery(keys.slice(i, i + KEYS_PER_QUERY)))) {
      for (const row of rows) {
        const [id, eid, type] = [String(row.id ?? ''), String(row.externalid ?? ''), String(row.recordtype ?? '').toLowerCase()];
        if (id && eid && !found.has(`${type}|${eid}`)) found.set(`${type}|${eid}`, id);
      }
    }
  }
  for (const p of plans) {
    const type = recordTypeFor(p).toLowerCase();
    const key = keysOf(p).find((k) => found.has(`${type}|${k}`));
    if (key) out.set(p.idempotencyKey, { erpId: found.get(`${type}|${key}`)!, key });
  }
  return out;
}
