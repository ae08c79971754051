// Where the connector's key K lives in Acumatica and how it is found again. K opens the header Description
// ("K · text"), so VendorRef stays free for what the AP clerk, Acumatica's duplicate-vendor-invoice check
// and the remittance advice must see (the vendor's invoice number, or the report id). The look-up is the
// documented `$filter` with OData's `startswith` function, several conditions joined by `or` ("$filter
// Parameter", MYOB Acumatica Integration Development Guide, help.myob.com.au …/IntegrationDev_RESTExample_Parameter_filter.html:
// "multiple conditions … by using the AND and OR operators"; functions substringof, startswith, endswith).
// Bills written by earlier versions carry K in VendorRef: `VendorRef eq K` stays in every bill look-up.
import type { PostingPlan } from '../../../../shared/schemas/plan';
import { keysOf } from '../types';
import { textOf } from './from-remote';
import type { AcuEntity } from './schemas';
import { entityFor, odataString, type AcuEntityName } from './to-remote';

/** Keys per look-up request: keeps the URL of one `$filter` well under common 8 KiB limits. */
export const KEYS_PER_LOOKUP = 40;

/** What separates K from the readable text in Description. */
export const KEY_SEPARATOR = ' · ';

/** The header Description: K first (never cut), then as much of the text as fits. */
export function keyedDescription(key: string, text: string, max: number): string {
  const rest = text.replace(/[\r\n\t]+/g, ' ').trim();
  if (!rest) return key;
  const room = max - key.length - KEY_SEPARATOR.length;
  const chars = Array.from(rest);
  return `${key}${KEY_SEPARATOR}${chars.length > room ? chars.slice(0, Math.max(0, room)).join('').trimEnd() : rest}`;
}

/** One key's condition: Description starts with it (bills also: the older VendorRef form). */
function keyCondition(entity: AcuEntityName, key: string): string {
  const described = `startswith(Description,${odataString(key)})`;
  return entity === 'Bill' ? `${described} or VendorRef eq ${odataString(key)}` : described;
}

/** The `$filter` finding any of the keys, `or`-joined. */
export function keysFilter(entity: AcuEntityName, keys: readonly string[]): string {
  return keys.map((k) => keyCondition(entity, k)).join(' or ');
}

/** Fields read back by a look-up. */
export function lookupSelect(entity: AcuEntityName): string {
  return entity === 'Bill' ? 'Type,ReferenceNbr,Status,Vendor,VendorRef,Description' : 'Module,BatchNbr,Status,Description';
}

/** The key a returned row carries, among the ones asked for ('' = none: a row the server should not have sent). */
export function keyOfRow(row: AcuEntity, entity: AcuEntityName, keys: ReadonlySet<string>): string {
  const description = textOf(row, 'Description');
  const lead = description.split(KEY_SEPARATOR)[0]!.trim();
  if (keys.has(lead)) return lead;
  const ref = entity === 'Bill' ? textOf(row, 'VendorRef').trim() : '';
  return keys.has(ref) ? ref : '';
}

/** The reference number of a row: ReferenceNbr (Bill) or BatchNbr (JournalTransaction). */
export function numberOfRow(row: AcuEntity, entity: AcuEntityName): string {
  const id = textOf(row, entity === 'Bill' ? 'ReferenceNbr' : 'BatchNbr');
  return id && id !== '<NEW>' ? id : '';
}

/** Plans grouped by the entity their keys are looked up in. */
export function byEntity(plans: readonly PostingPlan[]): Map<AcuEntityName, PostingPlan[]> {
  const out = new Map<AcuEntityName, PostingPlan[]>();
  for (const p of plans) out.set(entityFor(p), [...(out.get(entityFor(p)) ?? []), p]);
  return out;
}

/** Every key of the plans, each once, in chunks of KEYS_PER_LOOKUP. */
export function keyChunks(plans: readonly PostingPlan[]): string[][] {
  const all = [...new Set(plans.flatMap((p) => keysOf(p)))];
  const out: string[][] = [];
  for (let i = 0; i < all.length; i += KEYS_PER_LOOKUP) out.push(all.slice(i, i + KEYS_PER_LOOKUP));
  return out;
}
