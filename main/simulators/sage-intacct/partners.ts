// Master-data creates as the simulator plays them: VENDOR (VENDORID, NAME, DISPLAYCONTACT/PRINTAS), CONTACT
// (unique CONTACTNAME) and EMPLOYEE (EMPLOYEEID + PERSONALINFO/CONTACTNAME of an existing contact). Each
// success returns how to undo it, for the rollback of a transaction="true" request.
import type { SageIntacctSimState } from './state';
import { child as childOf, text as textOf, type Node as XmlNode, type SimError as IntacctError } from './wire';

export type MasterCreate = { ok: true; recordNo: string; undo: () => void } | { ok: false; errors: IntacctError[] };

// Codes are the simulator's own; BL34000061 "already exists" is the one public material shows.
const err = (errorno: string, description2: string): IntacctError => ({ errorno, description: '', description2, correction: '' });
let recordNo = 9000;

export function createVendor(state: SageIntacctSimState, node: XmlNode): MasterCreate {
  const id = textOf(node.VENDORID).trim();
  const name = textOf(node.NAME).trim();
  const printAs = textOf(childOf(node, 'DISPLAYCONTACT')?.PRINTAS).trim();
  const errors: IntacctError[] = [];
  if (!id) errors.push(err('BL03000013', 'VENDORID is required.'));
  if (!name) errors.push(err('BL03000013', 'NAME is required.'));
  if (!printAs) errors.push(err('BL03000013', 'DISPLAYCONTACT.PRINTAS is required.'));
  if (id && state.master.vendor.has(id)) errors.push(err('BL34000061', `Another Vendor with the given value(s) ${id} already exists`));
  if (errors.length) return { ok: false, errors };
  state.master.vendor.set(id, { id, name, active: true, termName: textOf(node.TERMNAME).trim() });
  return { ok: true, recordNo: String(++recordNo), undo: () => state.master.vendor.delete(id) };
}

export function createContact(state: SageIntacctSimState, node: XmlNode): MasterCreate {
  const name = textOf(node.CONTACTNAME).trim();
  const printAs = textOf(node.PRINTAS).trim();
  if (!name || !printAs) return { ok: false, errors: [err('BL03000013', 'CONTACTNAME and PRINTAS are required.')] };
  if (state.contacts.has(name)) return { ok: false, errors: [err('BL34000061', `Another Contact with the given value(s) ${name} already exists`)] };
  state.contacts.set(name, { name, printAs });
  return { ok: true, recordNo: String(++recordNo), undo: () => state.contacts.delete(name) };
}

export function createEmployee(state: SageIntacctSimState, node: XmlNode): MasterCreate {
  const id = textOf(node.EMPLOYEEID).trim();
  const contactName = textOf(childOf(node, 'PERSONALINFO')?.CONTACTNAME).trim();
  const contact = state.contacts.get(contactName);
  const errors: IntacctError[] = [];
  if (!id) errors.push(err('BL03000013', 'EMPLOYEEID is required.'));
  if (!contact) errors.push(err('BL03000018', `Contact '${contactName}' does not exist: create the contact first.`));
  if (id && state.master.employee.has(id)) errors.push(err('BL34000061', `Another Employee with the given value(s) ${id} already exists`));
  if (errors.length || !contact) return { ok: false, errors };
  state.master.employee.set(id, { id, name: contact.printAs, active: true, termName: '' });
  return { ok: true, recordNo: String(++recordNo), undo: () => state.master.employee.delete(id) };
}
