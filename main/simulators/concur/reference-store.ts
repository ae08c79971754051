// Simulator state for the reference-data APIs, per company: List v4 lists with their first-level items
// (deleted per list, as the docs describe) and Invoice v3 vendors keyed by vendor code + address code.
// Reach it with referenceOf(sim.state).
import { randomUUID } from 'node:crypto';
import type { SimState } from './state';

export interface SimListItem {
  id: string;
  shortCode: string;
  value: string;
  deleted: boolean;
}

export interface SimList {
  id: string;
  name: string;
  companyId: string;
  items: Map<string, SimListItem>;
}

export interface SimVendor {
  VendorCode: string;
  AddressCode: string;
  VendorName: string;
  Approved: string;
  ID: string;
}

export class ReferenceStore {
  readonly lists = new Map<string, SimList>();
  readonly vendors = new Map<string, SimVendor & { companyId: string }>();
  /** Writes received, by kind ("list.create", "vendor.update" ...): what the tests count. */
  readonly writes: Record<string, number> = {};

  addList(companyId: string, name: string, id: string = randomUUID()): string {
    this.lists.set(id, { id, name, companyId, items: new Map() });
    return id;
  }

  /** Active (not deleted) items of a list, ordered by code. */
  activeItems(listId: string): SimListItem[] {
    return [...(this.lists.get(listId)?.items.values() ?? [])].filter((i) => !i.deleted).sort((a, b) => a.shortCode.localeCompare(b.shortCode));
  }

  addVendor(companyId: string, v: { VendorCode: string; AddressCode: string; VendorName?: string; Approved?: boolean }): void {
    this.vendors.set(`${companyId}|${v.VendorCode}|${v.AddressCode}`, { companyId, ID: randomUUID(), VendorCode: v.VendorCode, AddressCode: v.AddressCode, VendorName: v.VendorName ?? v.VendorCode, Approved: String(v.Approved ?? true) });
  }

  vendorsOf(companyId: string): SimVendor[] {
    return [...this.vendors.values()].filter((v) => v.companyId === companyId).sort((a, b) => a.VendorCode.localeCompare(b.VendorCode) || a.AddressCode.localeCompare(b.AddressCode));
  }

  count(kind: string): void {
    this.writes[kind] = (this.writes[kind] ?? 0) + 1;
  }
}

const stores = new WeakMap<SimState, ReferenceStore>();
export function referenceOf(state: SimState): ReferenceStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new ReferenceStore()));
  return s;
}
