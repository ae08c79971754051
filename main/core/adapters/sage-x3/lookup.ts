// Finding our keys in Sage X3 before a send and after a refusal. X3 documents no list criterion for the
// journal-entry / BP-invoice objects: api1 has no documented representation for them (only BPCUSTOMER-style
// classes), and a SOAP `query` takes CAdxParamKeyValue equality criteria, one value per key. So the
// cheapest documented look-up is one SOAP query per key on the reference field:
//   cost per document = 1 query (+1 per older key form in plan.lookupKeys), a few hundred bytes each,
//   run up to LOOKUP_PARALLEL at a time through the connection's limiter.
// A query that fails (status 0, Fault, transport) throws, whatever its text says: "not found" is only ever
// an empty successful answer.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import type { SageX3TargetSettings } from '../../../../shared/schemas/systems/sage-x3';
import { ConnectorError } from '../../errors';
import { keysOf, type AdapterContext, type ExistingDocument } from '../types';
import type { X3Client } from './client';
import { matchQuery } from './from-remote';
import { X3_SYSTEM, type X3Message } from './schemas';
import { targetFor } from './to-remote';

/** Look-ups in flight at once for a page (the limiter caps the connection as a whole). */
const LOOKUP_PARALLEL = 4;

/** The numbers of the documents carrying `key` in the plan's published object. */
async function numbersFor(client: X3Client, ctx: AdapterContext, plan: PostingPlan, settings: SageX3TargetSettings, key: string): Promise<string[]> {
  const t = targetFor(plan, settings);
  const result = await client.soap('query', t.publicName, { objectKeys: [{ key: t.referenceField, value: key }], listSize: 10 }, false);
  if (result.status !== 1) {
    const text = result.messages.map((m) => m.message).join(' / ');
    throw new ConnectorError('REMOTE_PROTOCOL', `Sage X3 could not look up ${key} in ${t.publicName}${text ? `: ${text}` : ''}; nothing is sent until the look-up succeeds`, { system: X3_SYSTEM, retryable: true });
  }
  const numbers = matchQuery(result.resultXml, t.referenceField, t.numberField, key);
  if (numbers.length > 1) ctx.logger.warn('Sage X3 holds several documents with the same key', { key, numbers });
  return numbers;
}

/** Every key of the plan, its own first; the first found wins. */
export async function findOne(client: X3Client, ctx: AdapterContext, settings: SageX3TargetSettings, plan: PostingPlan): Promise<ExistingDocument | null> {
  for (const key of keysOf(plan)) {
    const [erpId] = await numbersFor(client, ctx, plan, settings, key);
    if (erpId) return { erpId, key };
  }
  return null;
}

/** The same for a page of plans, LOOKUP_PARALLEL at a time; any failed look-up fails the whole page. */
export async function findMany(client: X3Client, ctx: AdapterContext, settings: SageX3TargetSettings, plans: readonly PostingPlan[]): Promise<Map<string, ExistingDocument>> {
  const found = new Map<string, ExistingDocument>();
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      const hit = await findOne(client, ctx, settings, plan);
      if (hit) found.set(plan.idempotencyKey, hit);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_PARALLEL, plans.length) }, worker));
  return found;
}

const ALREADY = /already exists?|d[ée]j[àa] exist/i;

/**
 * X3 configured to refuse a repeated reference answers the save with a type-3 "Record already exists"
 * naming the reference field or our key: that is "already posted", to be looked up and linked.
 */
export function duplicateMessage(messages: X3Message[], plan: PostingPlan, referenceField: string): string | null {
  const keys = keysOf(plan);
  const hit = messages.find((m) => m.type === '3' && ALREADY.test(m.message) && (keys.some((k) => m.message.includes(k)) || new RegExp(`\\b${referenceField}\\b`).test(m.message)));
  return hit ? hit.message : null;
}

/** X3 numbers come from one sequence per document type: shorter first, then in text order = creation order. */
export const byX3Number = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every document carrying each plan's own key, oldest first: after a post, to notice another install that
 * posted the same document in the same second (X3 has no uniqueness on the reference unless the customer
 * set one up). Cost: one SOAP query per posted document.
 */
export async function findAll(client: X3Client, ctx: AdapterContext, settings: SageX3TargetSettings, plans: readonly PostingPlan[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++]!;
      out.set(plan.idempotencyKey, (await numbersFor(client, ctx, plan, settings, plan.idempotencyKey)).sort(byX3Number));
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_PARALLEL, plans.length) }, worker));
  return out;
}

/** SOAP delete of a document this install just saved (documented operation; X3 refuses it once the entry is final). */
export async function removeDocument(client: X3Client, settings: SageX3TargetSettings, plan: PostingPlan, erpId: string): Promise<{ removed: true } | { removed: false; reason: string }> {
  const t = targetFor(plan, settings);
  const result = await client.soap('delete', t.publicName, { objectKeys: [{ key: t.numberField, value: erpId }] }, true);
  if (result.status === 1) return { removed: true };
  return { removed: false, reason: result.messages.map((m) => m.message).join(' / ') || `Sage X3 did not delete ${erpId}` };
}
