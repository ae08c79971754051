// Finding documents already in Intacct by the keys they carry (GLBATCH REFERENCENO, APBILL billKeyField):
// `query` with an `in` filter on the key field, every key of every plan at once.
// Cost: one request per page of plans (a GLBATCH and an APBILL query function side by side in it), plus one
// more request per further 1,000 matching rows, which only a ledger holding many twins of the keys would need.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { ConnectorError } from '../../errors';
import { keysOf, type ExistingDocument } from '../types';
import type { IntacctClient } from './client';
import { fieldOf } from './envelope';
import { errorsText } from './errors';
import { INTACCT_SYSTEM, type IntacctFunction } from './schemas';
import { keyFieldFor, objectFor, type IntacctObject } from './to-remote';

/** Rows per `query` page (Intacct allows up to 2,000). */
const PAGE = 1000;
/** Values in one `in` filter. */
const MAX_VALUES = 1000;

/** `query` of an object's records whose key field is one of `keys`. */
export function keysQuery(object: IntacctObject, field: string, keys: readonly string[], offset = 0): IntacctFunction {
  return {
    controlId: `find-${object.toLowerCase()}-${offset}`,
    body: { query: { select: { field: ['RECORDNO', field] }, object, filter: { in: { field, value: [...keys] } }, pagesize: String(PAGE), offset: String(offset) } },
  };
}

interface Group {
  object: IntacctObject;
  field: string;
  keys: string[];
}

function groupsOf(plans: readonly PostingPlan[], s: SageIntacctTargetSettings): Group[] {
  const byObject = new Map<IntacctObject, Group>();
  for (const p of plans) {
    const object = objectFor(p);
    const g = byObject.get(object) ?? { object, field: keyFieldFor(p, s), keys: [] };
    byObject.set(object, g);
    for (const k of keysOf(p)) if (!g.keys.includes(k)) g.keys.push(k);
  }
  return [...byObject.values()].flatMap((g) => {
    const parts: Group[] = [];
    for (let i = 0; i < g.keys.length; i += MAX_VALUES) parts.push({ ...g, keys: g.keys.slice(i, i + MAX_VALUES) });
    return parts;
  });
}

const failed = (what: string, text: string) => new ConnectorError('REMOTE_PROTOCOL', `Sage Intacct could not look up ${what}: ${text || 'no reason given'}`, { system: INTACCT_SYSTEM, retryable: true });

/**
 * RECORDNOs by object and key for every key of the plans. Throws when any look-up fails: "not found" is only
 * ever said after Intacct answered every query.
 */
async function foundKeys(client: IntacctClient, plans: readonly PostingPlan[], s: SageIntacctTargetSettings, onMany: (key: string, recordNos: string[]) => void): Promise<Map<string, string>> {
  const found = new Map<string, string[]>();
  let pending = groupsOf(plans, s).map((g) => ({ g, offset: 0 }));
  while (pending.length) {
    const resp = await client.run(pending.map(({ g, offset }) => keysQuery(g.object, g.field, g.keys, offset)), { write: false });
    const next: typeof pending = [];
    for (const [i, { g, offset }] of pending.entries()) {
      const r = resp.results[i];
      const what = `${g.keys.length} key(s) in ${g.object}.${g.field}`;
      if (!r || r.status !== 'success') throw failed(what, r ? errorsText(r.errors) : 'no result');
      for (const row of r.data?.rows ?? []) {
        const key = fieldOf(row, g.field);
        const recordNo = fieldOf(row, 'RECORDNO');
        if (!key || !recordNo) throw failed(what, `a row came back without ${g.field} or RECORDNO`);
        if (!g.keys.includes(key)) continue;
        const k = `${g.object}|${key}`;
        found.set(k, [...(found.get(k) ?? []), recordNo]);
      }
      const remaining = Number(r.data?.attrs.numremaining ?? '0');
      if (remaining > 0) next.push({ g, offset: offset + (r.data?.rows.length ?? 0) });
    }
    pending = next;
  }
  const first = new Map<string, string>();
  for (const [k, nos] of found) {
    if (nos.length > 1) onMany(k, nos);
    first.set(k, nos[0]!);
  }
  return first;
}

/** Each plan found under any of its keys (its own key first), by plan.idempotencyKey. */
export async function findExistingMany(client: IntacctClient, plans: readonly PostingPlan[], s: SageIntacctTargetSettings, onMany: (key: string, recordNos: string[]) => void): Promise<Map<string, ExistingDocument>> {
  const out = new Map<string, ExistingDocument>();
  if (plans.length === 0) return out;
  const found = await foundKeys(client, plans, s, onMany);
  for (const p of plans) {
    const object = objectFor(p);
    const key = keysOf(p).find((k) => found.has(`${object}|${k}`));
    if (key) out.set(p.idempotencyKey, { erpId: found.get(`${object}|${key}`)!, key });
  }
  return out;
}
