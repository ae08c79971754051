// In-memory Sage X3 folder for the simulator: master data with active flags and update stamps, the
// ledger's dimension types in order (position n = line field CCE<n>), closed periods, users, and the
// saved documents (indexed by number and reference so 10,000 documents stay fast).

export interface SimRecord {
  code: string;
  name?: string;
  active?: boolean;
}

export interface SimDimension extends SimRecord {
  /** Dimension type (CACCE.DIE); cost centers default to CCT. */
  type?: string;
}

export interface SimDimensionType {
  code: string;
  name?: string;
}

/** Master data as the simulator keeps it: every record stamped when it last changed. */
export type Stamped<T> = Required<T> & { updatedAt: string };

export interface StoredDocument {
  number: string;
  kind: 'journal' | 'supplier_invoice';
  publicName: string;
  reference: string;
  header: Record<string, string>;
  lines: Array<Record<string, string>>;
  savedAt: string;
}

export interface SimUser {
  password: string;
  /** Syracuse answers 401 with a "password expired" text. */
  expired?: boolean;
}

export class SageX3SimState {
  folder: string;
  poolAlias: string;
  readonly users = new Map<string, SimUser>();
  readonly accounts = new Map<string, Stamped<SimRecord>>();
  /** Tax codes (TABVAT-like): code -> rate text; inactive ones refused on a line. */
  readonly taxCodes = new Map<string, Stamped<SimRecord> & { rate: string }>();
  /** Dimension values keyed by `<type>|<code>` (the same code may exist under two types). */
  readonly costCenters = new Map<string, Stamped<SimDimension>>();
  readonly suppliers = new Map<string, Stamped<SimRecord>>();
  /** The ledger's dimension types in order; position n is line field CCE<n>. */
  readonly dimensionTypes: Array<Required<SimDimensionType>> = [];
  /** Stamp given to records added or touched now (tests move it forward). */
  stamp = '2026-01-01T00:00:00.000Z';
  /** Closed accounting periods as YYYY-MM. */
  readonly closedPeriods = new Set<string>();
  /** Companies whose fiscal calendar the GraphQL `period` node lists (one calendar each). */
  readonly companies = new Set<string>(['C01']);
  private readonly docs: StoredDocument[] = [];
  private readonly byNumber = new Map<string, StoredDocument>();
  private readonly byReference = new Map<string, StoredDocument[]>();
  private readonly sequences = new Map<string, number>();

  constructor(folder: string, poolAlias: string) {
    this.folder = folder;
    this.poolAlias = poolAlias;
  }

  addUser(name: string, password: string, opts: { expired?: boolean } = {}): this {
    this.users.set(name, { password, expired: opts.expired ?? false });
    return this;
  }

  addTaxCodes(list: Array<SimRecord & { rate: string }>): this {
    for (const t of list) this.taxCodes.set(t.code, { code: t.code, name: t.name ?? `Tax ${t.code}`, rate: t.rate, active: t.active ?? true, updatedAt: this.stamp });
    return this;
  }

  addAccounts(list: SimRecord[]): this {
    for (const a of list) this.accounts.set(a.code, { code: a.code, name: a.name ?? `Account ${a.code}`, active: a.active ?? true, updatedAt: this.stamp });
    return this;
  }

  /** Dimension values; a type not declared yet is appended to the ledger's dimension types. */
  addCostCenters(list: SimDimension[]): this {
    for (const c of list) {
      const type = c.type ?? 'CCT';
      if (!this.dimensionTypes.some((t) => t.code === type)) this.dimensionTypes.push({ code: type, name: type });
      this.costCenters.set(`${type}|${c.code}`, { code: c.code, name: c.name ?? `Dimension ${c.code}`, active: c.active ?? true, type, updatedAt: this.stamp });
    }
    return this;
  }

  addDimensionTypes(list: SimDimensionType[]): this {
    for (const t of list) if (!this.dimensionTypes.some((d) => d.code === t.code)) this.dimensionTypes.push({ code: t.code, name: t.name ?? t.code });
    return this;
  }

  /** The dimension value of the type at line position n (CCE<n>). */
  dimensionAt(position: number, code: string): Stamped<SimDimension> | undefined {
    const type = this.dimensionTypes[position - 1]?.code;
    return type ? this.costCenters.get(`${type}|${code}`) : undefined;
  }

  addSuppliers(list: SimRecord[]): this {
    for (const s of list) this.suppliers.set(s.code, { code: s.code, name: s.name ?? `Supplier ${s.code}`, active: s.active ?? true, updatedAt: this.stamp });
    return this;
  }

  /** Closes an accounting period, e.g. "2024-01". */
  closePeriod(yyyyMm: string): this {
    this.closedPeriods.add(yyyyMm);
    return this;
  }

  /**
   * The fiscal periods as x3FinanceData.period nodes: months of the year before today's (or the earliest closed
   * one) to the year after, per company, ledger type 1; status 'closed' or 'open' (inferred enum values).
   */
  periodNodes(nowYear = new Date().getUTCFullYear()): Array<Record<string, unknown>> {
    const marked = [...this.closedPeriods].map((p) => Number(p.slice(0, 4)));
    const [from, to] = [Math.min(nowYear - 1, ...marked), Math.max(nowYear + 1, ...marked)];
    const out: Array<Record<string, unknown>> = [];
    for (const company of this.companies) {
      for (let y = from; y <= to; y++) {
        for (let m = 1; m <= 12; m++) {
          const mm = String(m).padStart(2, '0');
          const last = String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
          const closed = this.closedPeriods.has(`${y}-${mm}`);
          out.push({ company: { code: company }, ledgerTypeNumber: 1, fiscalYear: y, code: m, startDate: `${y}-${mm}-01`, endDate: `${y}-${mm}-${last}`, status: closed ? 'closed' : 'open', closingDate: closed ? `${y}-${mm}-${last}` : null, _updateStamp: this.stamp });
        }
      }
    }
    return out;
  }

  openPeriod(yyyyMm: string): this {
    this.closedPeriods.delete(yyyyMm);
    return this;
  }

  /** Next document number for a prefix (entry type / invoice type): PREFIX0000001. */
  nextNumber(prefix: string): string {
    const n = (this.sequences.get(prefix) ?? 0) + 1;
    this.sequences.set(prefix, n);
    return `${prefix}${String(n).padStart(7, '0')}`;
  }

  store(doc: StoredDocument): void {
    this.docs.push(doc);
    this.byNumber.set(doc.number, doc);
    const list = this.byReference.get(doc.reference);
    if (list) list.push(doc);
    else this.byReference.set(doc.reference, [doc]);
  }

  /** Entries validated as final: X3 refuses to delete them. */
  private readonly finals = new Set<string>();

  markFinal(number: string): void {
    this.finals.add(number);
  }

  isFinal(number: string): boolean {
    return this.finals.has(number);
  }

  /** SOAP delete of a temporary entry. */
  remove(number: string): void {
    const doc = this.byNumber.get(number);
    if (!doc) return;
    this.docs.splice(this.docs.indexOf(doc), 1);
    this.byNumber.delete(number);
    const list = (this.byReference.get(doc.reference) ?? []).filter((d) => d !== doc);
    if (list.length) this.byReference.set(doc.reference, list);
    else this.byReference.delete(doc.reference);
  }

  /** Saved documents in saving order (a copy of the list). */
  documents(): StoredDocument[] {
    return [...this.docs];
  }

  documentCount(): number {
    return this.docs.length;
  }

  findByNumber(number: string): StoredDocument | undefined {
    return this.byNumber.get(number);
  }

  /** All documents carrying a reference: more than one means a double post. */
  findByReference(reference: string): StoredDocument[] {
    return [...(this.byReference.get(reference) ?? [])];
  }

  /** Saved documents and number sequences as plain data, so the demo keeps its ledger between runs. */
  exportDocuments(): { documents: StoredDocument[]; sequences: Record<string, number> } {
    return { documents: this.documents(), sequences: Object.fromEntries(this.sequences) };
  }

  importDocuments(data: { documents: StoredDocument[]; sequences: Record<string, number> }): void {
    this.clearDocuments();
    for (const d of data.documents) this.store(d);
    for (const [prefix, n] of Object.entries(data.sequences)) this.sequences.set(prefix, n);
  }

  clearDocuments(): void {
    this.docs.length = 0;
    this.byNumber.clear();
    this.byReference.clear();
    this.sequences.clear();
  }
}
