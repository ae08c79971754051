// Creating missing partners in Intacct, only when the connection allows it: a VENDOR (vendor, or an
// employee when journal lines carry the vendor dimension), or a CONTACT + EMPLOYEE in one transaction
// (an employee needs an existing contact). Looked up first, so a partner that appeared meanwhile is kept.
import type { SageIntacctTargetSettings } from '../../../../shared/schemas/systems/sage-intacct';
import { isConnectorError } from '../../errors';
import type { PartnerCreateResult, PartnerToCreate } from '../types';
import type { IntacctClient } from './client';
import { fieldOf } from './envelope';
import { errorsText } from './errors';
import { isDuplicate, recordNoOf } from './from-remote';
import type { IntacctFunction } from './schemas';
import { cutText } from './to-remote';

export type PartnerObject = 'VENDOR' | 'EMPLOYEE';

export function partnerObject(p: PartnerToCreate, s: SageIntacctTargetSettings): PartnerObject {
  return p.role === 'employee' && s.journalPartner === 'employee' ? 'EMPLOYEE' : 'VENDOR';
}

/** Deterministic control ids: a repeat of the same creation is refused under uniqueid, never doubled. */
const controlId = (object: string, code: string) => `mlc-create-${object.toLowerCase()}-${code}`.slice(0, 256);

/** The create functions for one partner, in the order they must run. */
export function partnerFunctions(p: PartnerToCreate, object: PartnerObject): IntacctFunction[] {
  const name = cutText(p.name || p.code, 100);
  if (object === 'VENDOR') return [{ controlId: controlId('VENDOR', p.code), body: { create: { VENDOR: { VENDORID: p.code, NAME: name, DISPLAYCONTACT: { PRINTAS: name } } } } }];
  // Contact names are unique in a company: the code keeps two people of the same name apart.
  const contact = cutText(`${name} (${p.code})`, 100);
  const [first, ...rest] = name.split(/\s+/);
  return [
    { controlId: controlId('CONTACT', p.code), body: { create: { CONTACT: { CONTACTNAME: contact, PRINTAS: name, FIRSTNAME: first ?? '', LASTNAME: rest.join(' ') } } } },
    { controlId: controlId('EMPLOYEE', p.code), body: { create: { EMPLOYEE: { EMPLOYEEID: p.code, PERSONALINFO: { CONTACTNAME: contact } } } } },
  ];
}

async function exists(client: IntacctClient, object: PartnerObject, code: string): Promise<boolean> {
  const idField = object === 'VENDOR' ? 'VENDORID' : 'EMPLOYEEID';
  const fn: IntacctFunction = { controlId: `exists-${object}`, body: { readByQuery: { object, fields: `RECORDNO,${idField}`, query: `${idField} = '${code.replace(/'/g, "''")}'`, pagesize: '1', returnFormat: 'xml' } } };
  const [r] = (await client.run([fn], { write: false })).results;
  if (!r || r.status !== 'success') throw new Error(`could not check whether ${object} ${code} exists: ${r ? errorsText(r.errors) : 'no result'}`);
  return (r.data?.rows ?? []).some((row) => fieldOf(row, idField) === code);
}

async function createOne(client: IntacctClient, p: PartnerToCreate, object: PartnerObject): Promise<PartnerCreateResult> {
  if (await exists(client, object, p.code)) return { code: p.code, status: 'exists', object };
  const fns = partnerFunctions(p, object);
  const resp = await client.run(fns, { write: true, transaction: fns.length > 1 });
  const last = resp.results.at(-1);
  const failed = resp.results.filter((r) => r.status !== 'success');
  if (last && failed.length === 0) return { code: p.code, status: 'created', object, erpId: recordNoOf(last) || p.code };
  const errors = failed.flatMap((r) => r.errors);
  // Refused as a repeat: it was created before (perhaps by an answer we lost); the look-up settles it.
  if (isDuplicate(errors) && (await exists(client, object, p.code))) return { code: p.code, status: 'exists', object };
  return { code: p.code, status: 'failed', reason: errorsText(errors) || 'Sage Intacct refused it without a reason' };
}

export async function createPartners(client: IntacctClient, settings: SageIntacctTargetSettings, items: readonly PartnerToCreate[]): Promise<PartnerCreateResult[]> {
  const out: PartnerCreateResult[] = [];
  for (const p of items) {
    const object = partnerObject(p, settings);
    try {
      out.push(await createOne(client, p, object));
    } catch (e) {
      if (isConnectorError(e) && (e.code === 'AUTH_FAILED' || e.code === 'AUTH_EXPIRED')) throw e;
      out.push({ code: p.code, status: 'failed', reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}
