// In-memory Sage Intacct company for the simulator: senders, users, sessions, master data with
// active flags, closed periods, executed function control ids and the created GLBATCH / APBILL records.

import type { SimSupdoc } from './supdocs';

export interface SimMaster {
  id: string;
  name?: string;
  active?: boolean;
  /** Vendors: their AP payment term (TERMNAME), '' for none. */
  termName?: string;
}

/** A tax detail (TAXDETAIL): rate in percent as Intacct writes VALUE, Purchase or Sale, its tax solution. */
export interface SimTaxDetail {
  id: string;
  description: string;
  value: string;
  taxType: 'Purchase' | 'Sale';
  taxSolutionId: string;
  active: boolean;
  /** The GL account Intacct books this tax on (a tax detail names one; how it is read over the API: inferred). */
  accountNo?: string;
}

/**
 * An entity that keeps books of its own in a multi-entity company: its base currency and, when it keeps VAT, its
 * tax solution (inferred model: Intacct assigns tax solutions and base currencies per entity, so a French entity
 * keeps VAT while the US top level does not).
 */
export interface SimEntityBooks {
  baseCurrency: string;
  taxSolutionId: string;
}

export type MasterKind = 'department' | 'location' | 'account' | 'vendor' | 'employee';
export type RecordObject = 'GLBATCH' | 'APBILL' | 'APADJUSTMENT';

/** A created record: header fields (flat, Intacct names), its lines, and the control id it came with. */
export interface StoredRecord {
  object: RecordObject;
  recordNo: string;
  fields: Record<string, string>;
  lines: Array<Record<string, string>>;
  controlId: string;
  createdAt: string;
}

export interface SimSession {
  id: string;
  companyId: string;
  userId: string;
  locationId: string;
  expiresAt: number;
}

/** Fields that can be searched fast (the key carriers). */
const INDEXED = ['REFERENCENO', 'DOCNUMBER', 'RECORDID', 'RECORDNO'];

export class SageIntacctSimState {
  baseCurrency = 'USD';
  /** How long a session lives after its last use. */
  sessionDurationMs = 60 * 60_000;
  readonly senders = new Map<string, { password: string; companies: Set<string> }>();
  readonly users = new Map<string, { password: string }>();
  readonly journals = new Set<string>(['GJ']);
  /** AP payment terms: TERMNAME -> days from the bill date to its due date. */
  readonly terms = new Map<string, number>([['N30', 30], ['Net 45', 45], ['Due on receipt', 0]]);
  /** Exchange-rate types the company knows (EXCH_RATE_TYPE_ID). */
  readonly exchangeRateTypes = new Set<string>(['Intacct Daily Rate']);
  /** Company setting: a repeated GLBATCH REFERENCENO or APBILL DOCNUMBER is refused (off: accepted, as by default). */
  uniqueReferences = false;
  /** Multi-entity company: sign-in may name an entity (locationid), which must exist; off: no entity may be named. */
  multiEntity = true;
  /** The company keeps VAT (a tax solution is set up): only then may bills carry TAXSOLUTIONID / TAXENTRIES. */
  vatEnabled = false;
  /** TAXDETAIL records of a VAT company, by DETAILID. */
  readonly taxDetails = new Map<string, SimTaxDetail>();
  /** Entities one can sign in to (location ids); empty in a multi-entity company means every location is an entity. */
  readonly entities = new Set<string>();
  /** Entities with books of their own (base currency, tax solution), by location id. */
  readonly entityBooks = new Map<string, SimEntityBooks>();
  readonly master: Record<MasterKind, Map<string, Required<SimMaster>>> = {
    department: new Map(),
    location: new Map(),
    account: new Map(),
    vendor: new Map(),
    employee: new Map(),
  };
  /** Contacts by CONTACTNAME (an EMPLOYEE must name an existing one). */
  readonly contacts = new Map<string, { name: string; printAs: string }>();
  /** Requests with transaction="true" that were rolled back. */
  rolledBack = 0;
  /** Closed periods as YYYY-MM. */
  readonly closedPeriods = new Set<string>();
  readonly sessions = new Map<string, SimSession>();
  /** `${companyId}|${controlid}` of functions executed and completed under uniqueid=true. */
  readonly executed = new Set<string>();
  /** Open readByQuery result sets by resultId (readMore). */
  readonly resultSets = new Map<string, { object: string; rows: Array<Record<string, string>>; fields: string[]; pos: number; pageSize: number }>();
  /** Supporting documents by supdocid (create_supdoc). */
  readonly supdocs = new Map<string, SimSupdoc>();
  /** Attachment folders that exist (create_supdoc must name one). */
  readonly supdocFolders = new Set<string>(['Receipts']);
  /** Largest attachment the company takes, in bytes (inferred limit; a setting so tests can lower it). */
  maxAttachmentBytes = 10 * 1024 * 1024;
  private readonly recs: StoredRecord[] = [];
  private readonly index = new Map<string, StoredRecord[]>();
  private readonly seq: Record<RecordObject, number> = { GLBATCH: 1000, APBILL: 5000, APADJUSTMENT: 8000 };
  private clockOffsetMs = 0;

  constructor(private readonly baseClock: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.baseClock().getTime() + this.clockOffsetMs);
  }

  /** Moves the simulator's clock (session expiry) without touching the caller's. */
  advanceClock(ms: number): this {
    this.clockOffsetMs += ms;
    return this;
  }

  addSender(senderId: string, password: string, companies: string[]): this {
    this.senders.set(senderId, { password, companies: new Set(companies) });
    return this;
  }

  addUser(companyId: string, userId: string, password: string): this {
    this.users.set(`${companyId}|${userId}`, { password });
    return this;
  }

  add(kind: MasterKind, list: SimMaster[]): this {
    for (const m of list) this.master[kind].set(m.id, { id: m.id, name: m.name ?? `${kind} ${m.id}`, active: m.active ?? true, termName: m.termName ?? '' });
    return this;
  }

  closePeriod(yyyyMm: string): this {
    this.closedPeriods.add(yyyyMm);
    return this;
  }

  nextRecordNo(object: RecordObject): string {
    this.seq[object] += 1;
    return String(this.seq[object]);
  }

  store(rec: StoredRecord): void {
    this.recs.push(rec);
    for (const f of INDEXED) {
      const v = f === 'RECORDNO' ? rec.recordNo : rec.fields[f];
      if (!v) continue;
      const k = `${rec.object}|${f}|${v}`;
      const list = this.index.get(k);
      if (list) list.push(rec);
      else this.index.set(k, [rec]);
    }
  }

  /** Takes a record back out (rollback of a transaction="true" request). */
  unstore(rec: StoredRecord): void {
    const at = this.recs.indexOf(rec);
    if (at >= 0) this.recs.splice(at, 1);
    for (const [k, list] of this.index) {
      const i = list.indexOf(rec);
      if (i < 0) continue;
      list.splice(i, 1);
      if (list.length === 0) this.index.delete(k);
    }
  }

  /** Records of an object whose field equals value (indexed fields are fast, others scan). */
  find(object: RecordObject, field: string, value: string): StoredRecord[] {
    if (INDEXED.includes(field)) return [...(this.index.get(`${object}|${field}|${value}`) ?? [])];
    return this.recs.filter((r) => r.object === object && r.fields[field] === value);
  }

  /** The currency of a record's amounts: its CURRENCY, else the base currency of the entity it was created in, else the company's. */
  currencyOf(fields: Record<string, string>): string {
    return fields.CURRENCY || this.entityBooks.get(fields.MEGAENTITYID ?? '')?.baseCurrency || this.baseCurrency;
  }

  /** An entity the sign-in may name. */
  isEntity(id: string): boolean {
    return this.entities.size ? this.entities.has(id) : this.master.location.has(id);
  }

  /** Records carrying a key in GLBATCH REFERENCENO, APBILL DOCNUMBER or APADJUSTMENT RECORDID: more than one is a double post. */
  findByKey(key: string): StoredRecord[] {
    return [...this.find('GLBATCH', 'REFERENCENO', key), ...this.find('APBILL', 'DOCNUMBER', key), ...this.find('APADJUSTMENT', 'RECORDID', key)];
  }

  records(object?: RecordObject): StoredRecord[] {
    return this.recs.filter((r) => !object || r.object === object);
  }

  recordCount(object?: RecordObject): number {
    return object ? this.recs.reduce((n, r) => n + (r.object === object ? 1 : 0), 0) : this.recs.length;
  }

  /** Records and sequences as plain data, so a demo can keep its ledger between runs. */
  exportRecords(): { records: StoredRecord[]; seq: Record<RecordObject, number>; supdocs?: SimSupdoc[] } {
    return { records: this.records(), seq: { ...this.seq }, supdocs: [...this.supdocs.values()] };
  }

  importRecords(data: { records: StoredRecord[]; seq: Record<RecordObject, number>; supdocs?: SimSupdoc[] }): void {
    // Supporting documents travel with the records they are linked to (older ledgers have none).
    this.supdocs.clear();
    for (const d of data.supdocs ?? []) this.supdocs.set(d.id, d);
    this.recs.length = 0;
    this.index.clear();
    for (const r of data.records) this.store(r);
    Object.assign(this.seq, data.seq);
  }
}
