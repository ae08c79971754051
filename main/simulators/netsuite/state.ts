// State of the simulated NetSuite account: OAuth 2.0 clients with their registered certificates (public
// keys), TBA tokens, issued access tokens, the SuiteQL tables (lower-case columns, 'T'/'F' booleans) and the
// transactions written, keyed by internal id with their external ids.
import type { KeyObject } from 'node:crypto';

export type SimTable = 'subsidiary' | 'department' | 'classification' | 'location' | 'account' | 'vendor' | 'employee' | 'currency' | 'salestaxitem';
/** Tables SuiteQL answers: the master tables and the `transaction` view over the records written. */
export type SuiteqlTable = SimTable | 'transaction' | 'transactionline' | 'accountingperiod' | 'file';

/** Account features that switch records and fields on or off (Setup > Company > Enable Features). */
export interface SimFeatures {
  /** OneWorld: subsidiaries exist, every transaction names one. */
  oneWorld: boolean;
  classes: boolean;
  departments: boolean;
  locations: boolean;
}

/** The table (and transaction field) each feature owns. */
export const FEATURE_TABLES: Record<keyof SimFeatures, { table: SimTable; field: string }> = {
  oneWorld: { table: 'subsidiary', field: 'subsidiary' },
  classes: { table: 'classification', field: 'class' },
  departments: { table: 'department', field: 'department' },
  locations: { table: 'location', field: 'location' },
};
export type SimRow = Record<string, string>;
export type SimRecordType = 'journalEntry' | 'vendorBill' | 'vendorCredit';

/** Columns each table answers to in SuiteQL; anything else is an unknown field. */
export const TABLE_COLUMNS: Record<SimTable, readonly string[]> = {
  subsidiary: ['id', 'name', 'isinactive', 'currency'],
  department: ['id', 'name', 'fullname', 'isinactive', 'subsidiary'],
  classification: ['id', 'name', 'fullname', 'isinactive', 'subsidiary'],
  location: ['id', 'name', 'fullname', 'isinactive', 'subsidiary'],
  account: ['id', 'acctnumber', 'fullname', 'accttype', 'isinactive'],
  vendor: ['id', 'entityid', 'companyname', 'email', 'isinactive'],
  employee: ['id', 'entityid', 'firstname', 'lastname', 'email', 'isinactive', 'subsidiary'],
  currency: ['id', 'name', 'symbol', 'isinactive'],
  // Tax codes of a legacy-tax account (Records Catalog "Tax Code"; the rate column as percent text is inferred).
  salestaxitem: ['id', 'itemid', 'description', 'rate', 'isinactive'],
};

/** Columns of the `transaction` table the simulator answers to. */
export const TRANSACTION_COLUMNS = ['id', 'externalid', 'recordtype', 'type', 'trandate', 'tranid', 'currency'] as const;
/**
 * `transactionline` columns the reconciliation reads: the line's account and its amounts in the transaction's
 * currency (Records Catalog field names; the simulator keeps only the lines written, not NetSuite's own
 * main/AP line of a bill: inferred, not checked against a live account).
 */
/** Columns of the `file` table the simulator answers to (Records Catalog "File"; inferred). */
export const FILE_COLUMNS = ['id', 'name', 'folder', 'filesize', 'description'] as const;

export const TRANSACTION_LINE_COLUMNS = ['id', 'transaction', 'expenseaccount', 'debitforeignamount', 'creditforeignamount'] as const;

/**
 * Columns of `accountingperiod` (the record's documented fields in lower case: closed, allLocked, apLocked,
 * arLocked, isYear, isQuarter, isAdjust, startDate, endDate, periodName; Records Browser "accountingperiod").
 */
export const PERIOD_COLUMNS = ['id', 'periodname', 'startdate', 'enddate', 'closed', 'alllocked', 'aplocked', 'arlocked', 'isyear', 'isquarter', 'isadjust', 'isinactive'] as const;

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const lastDay = (y: number, m: number) => String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');

export interface SimCertificate {
  publicKey: KeyObject;
  /** Epoch ms after which NetSuite refuses assertions signed for it. */
  validUntilMs: number;
  revoked: boolean;
}

export interface SimTransaction {
  id: string;
  type: SimRecordType;
  externalId: string | null;
  body: Record<string, unknown>;
  createdAtMs: number;
  updates: number;
}

/** A File Cabinet file (SOAP File record): bytes kept, content answered only by get. */
export interface SimFile {
  id: string;
  externalId: string | null;
  name: string;
  folder: string;
  bytes: Buffer;
  description: string;
  createdAtMs: number;
  updates: number;
}

/** A file attached to a transaction (the relation attach / detach maintain). */
export interface SimAttachment {
  recordType: SimRecordType;
  recordId: string;
  fileId: string;
}

export interface SimTbaToken {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export class NetSuiteSimState {
  readonly clients = new Map<string, { certificates: Map<string, SimCertificate>; scopes: string[] }>();
  readonly tbaTokens: SimTbaToken[] = [];
  readonly accessTokens = new Map<string, { expiresAtMs: number; clientId: string }>();
  readonly tables = new Map<SimTable, SimRow[]>();
  readonly transactions = new Map<string, SimTransaction>();
  /** "YYYY-MM" periods that refuse postings. */
  readonly closedPeriods = new Set<string>();
  /** "YYYY-MM" periods locked for payables (bills refused, journals taken). */
  readonly apLockedPeriods = new Set<string>();
  /** "YYYY-MM" periods locked for all transactions. */
  readonly allLockedPeriods = new Set<string>();
  /**
   * The account NetSuite books a tax code's purchase tax to (a tax code's "tax account" setting), by tax code
   * internal id: a bill line's tax1Amt lands there as a line of its own in `transactionline`.
   */
  readonly taxAccounts = new Map<string, string>();
  /** File Cabinet folders by internal id. */
  readonly folders = new Map<string, { name: string }>();
  readonly files = new Map<string, SimFile>();
  readonly attachments: SimAttachment[] = [];
  /** Largest file the File Cabinet takes (10 MB, File Record Supported Operations); tests lower it. */
  fileMaxBytes = 10 * 1024 * 1024;
  tokenLifetimeS = 3600;
  readonly features: SimFeatures = { oneWorld: true, classes: true, departments: true, locations: true };
  private nextId = 1000;
  private offsetMs = 0;

  constructor(private readonly clock: () => number = Date.now) {
    for (const t of Object.keys(TABLE_COLUMNS) as SimTable[]) this.tables.set(t, []);
  }

  now(): number {
    return this.clock() + this.offsetMs;
  }

  /** Moves the simulated account's clock (token expiry, JWT iat/exp checks). */
  advanceClock(ms: number): void {
    this.offsetMs += ms;
  }

  addClient(clientId: string, scopes: string[] = ['rest_webservices']): void {
    if (!this.clients.has(clientId)) this.clients.set(clientId, { certificates: new Map(), scopes });
  }

  registerCertificate(clientId: string, certificateId: string, publicKey: KeyObject, validUntilMs = this.now() + 2 * 365 * 86_400_000): void {
    this.addClient(clientId);
    this.clients.get(clientId)!.certificates.set(certificateId, { publicKey, validUntilMs, revoked: false });
  }

  /** Adds rows (booleans as 'T'/'F', ids as text); returns this for chaining. */
  add(table: SimTable, rows: Array<Record<string, string | boolean | undefined>>): this {
    const list = this.tables.get(table)!;
    for (const r of rows) {
      const row: SimRow = {};
      for (const [k, v] of Object.entries(r)) if (v !== undefined) row[k] = typeof v === 'boolean' ? (v ? 'T' : 'F') : v;
      row.isinactive ??= 'F';
      const at = list.findIndex((x) => x.id === row.id);
      if (at >= 0) list[at] = { ...list[at], ...row };
      else list.push(row);
    }
    return this;
  }

  row(table: SimTable, id: string): SimRow | undefined {
    return this.tables.get(table)!.find((r) => r.id === id);
  }

  setActive(table: SimTable, id: string, active: boolean): void {
    const r = this.row(table, id);
    if (r) r.isinactive = active ? 'F' : 'T';
  }

  findByExternalId(type: SimRecordType, externalId: string): SimTransaction | undefined {
    for (const t of this.transactions.values()) if (t.type === type && t.externalId === externalId) return t;
    return undefined;
  }

  /**
   * Creates or updates by external id (the upsert); returns the record and whether it was new. On an update,
   * sublists named in `replace` are replaced, any other sublist in the body gets its lines added (as NetSuite does).
   */
  upsert(type: SimRecordType, externalId: string | null, body: Record<string, unknown>, replace: ReadonlySet<string> = new Set()): { record: SimTransaction; created: boolean } {
    const existing = externalId ? this.findByExternalId(type, externalId) : undefined;
    if (existing) {
      const merged: Record<string, unknown> = { ...existing.body, ...body };
      for (const [k, v] of Object.entries(body)) {
        const before = (existing.body[k] as { items?: unknown } | undefined)?.items;
        const added = (v as { items?: unknown } | null)?.items;
        if (!replace.has(k) && Array.isArray(before) && Array.isArray(added)) merged[k] = { ...(v as object), items: [...before, ...added] };
      }
      existing.body = merged;
      existing.updates++;
      return { record: existing, created: false };
    }
    const record: SimTransaction = { id: String(this.nextId++), type, externalId, body, createdAtMs: this.now(), updates: 0 };
    this.transactions.set(record.id, record);
    return { record, created: true };
  }

  /** Whether a table exists in this account (a feature switched off removes its table). */
  hasTable(table: SuiteqlTable): boolean {
    return !Object.entries(FEATURE_TABLES).some(([f, t]) => t.table === table && !this.features[f as keyof SimFeatures]);
  }

  /** Why a transaction of `type` dated `date` (YYYY-MM-DD) is refused by its period; null when the period takes it. */
  periodRefusal(type: SimRecordType, date: string): string | null {
    const month = date.slice(0, 7);
    if (this.closedPeriods.has(month)) return 'The transaction date you specified is not within the date range of your accounting period.';
    if (this.allLockedPeriods.has(month)) return `The accounting period ${MONTH_ABBR[Number(month.slice(5)) - 1]} ${month.slice(0, 4)} is locked for all transactions.`;
    if (type === 'vendorBill' && this.apLockedPeriods.has(month)) return `The accounting period ${MONTH_ABBR[Number(month.slice(5)) - 1]} ${month.slice(0, 4)} is locked for A/P.`;
    return null;
  }

  /**
   * The `accountingperiod` table: for every year from the year before the clock's (or the earliest period marked)
   * to the year after, a year row, four quarter rows and twelve month rows, as NetSuite's fiscal calendar sets up.
   */
  periodRows(): SimRow[] {
    const marked = [...this.closedPeriods, ...this.apLockedPeriods, ...this.allLockedPeriods].map((p) => Number(p.slice(0, 4)));
    const year = new Date(this.now()).getUTCFullYear();
    const from = Math.min(year - 1, ...marked);
    const to = Math.max(year + 1, ...marked);
    const rows: SimRow[] = [];
    let id = 1;
    const flags = (months: string[]) => ({
      closed: months.every((m) => this.closedPeriods.has(m)) ? 'T' : 'F',
      alllocked: months.every((m) => this.allLockedPeriods.has(m) || this.closedPeriods.has(m)) ? 'T' : 'F',
      aplocked: months.every((m) => this.apLockedPeriods.has(m) || this.allLockedPeriods.has(m) || this.closedPeriods.has(m)) ? 'T' : 'F',
      arlocked: months.every((m) => this.allLockedPeriods.has(m) || this.closedPeriods.has(m)) ? 'T' : 'F',
    });
    for (let y = from; y <= to; y++) {
      const months = Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
      rows.push({ id: String(id++), periodname: `FY ${y}`, startdate: `${y}-01-01`, enddate: `${y}-12-31`, isyear: 'T', isquarter: 'F', isadjust: 'F', isinactive: 'F', ...flags(months) });
      for (let q = 0; q < 4; q++) {
        const qm = months.slice(q * 3, q * 3 + 3);
        rows.push({ id: String(id++), periodname: `Q${q + 1} ${y}`, startdate: `${qm[0]}-01`, enddate: `${qm[2]}-${lastDay(y, q * 3 + 3)}`, isyear: 'F', isquarter: 'T', isadjust: 'F', isinactive: 'F', ...flags(qm) });
        for (const m of qm) rows.push({ id: String(id++), periodname: `${MONTH_ABBR[Number(m.slice(5)) - 1]} ${y}`, startdate: `${m}-01`, enddate: `${m}-${lastDay(y, Number(m.slice(5)))}`, isyear: 'F', isquarter: 'F', isadjust: 'F', isinactive: 'F', ...flags([m]) });
      }
    }
    return rows;
  }

  /** The `transaction` table as SuiteQL rows. */
  transactionRows(): SimRow[] {
    return [...this.transactions.values()].map((t) => ({
      id: t.id,
      externalid: t.externalId ?? '',
      recordtype: t.type.toLowerCase(),
      // The transaction type codes SuiteQL answers (Journal, VendBill, VendCred).
      type: t.type === 'journalEntry' ? 'Journal' : t.type === 'vendorBill' ? 'VendBill' : 'VendCred',
      trandate: typeof t.body.tranDate === 'string' ? t.body.tranDate : '',
      tranid: typeof t.body.tranId === 'string' ? t.body.tranId : '',
      currency: String((t.body.currency as { id?: unknown } | undefined)?.id ?? ''),
    }));
  }

  /** The `transactionline` table: one row per line written (journal lines, bill expense lines). */
  transactionLineRows(): SimRow[] {
    const out: SimRow[] = [];
    const text = (v: unknown) => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '');
    for (const t of this.transactions.values()) {
      const items = ((t.body[t.type === 'journalEntry' ? 'line' : 'expense'] as { items?: unknown[] } | undefined)?.items ?? []) as Array<Record<string, unknown>>;
      // A bill's positive expense amount is a debit of the account; a vendor credit's is a credit of it.
      const debitWhenPositive = t.type === 'vendorBill';
      const push = (account: string, raw: string) => {
        const negative = raw.startsWith('-');
        const abs = negative ? raw.slice(1) : raw;
        const debit = negative !== debitWhenPositive;
        out.push({ id: String(out.length + 1), transaction: t.id, expenseaccount: account, debitforeignamount: debit ? abs : '', creditforeignamount: debit ? '' : abs });
      };
      for (const item of items) {
        const account = String((item.account as { id?: unknown } | undefined)?.id ?? '');
        if (t.type === 'journalEntry') {
          out.push({ id: String(out.length + 1), transaction: t.id, expenseaccount: account, debitforeignamount: text(item.debit), creditforeignamount: text(item.credit) });
          continue;
        }
        push(account, text(item.amount));
        const tax = text(item.tax1Amt);
        const code = String((item.taxCode as { id?: unknown } | undefined)?.id ?? '');
        if (tax !== '' && Number(tax) !== 0) push(this.taxAccounts.get(code) ?? '', tax);
      }
    }
    return out;
  }

  recordCount(type?: SimRecordType): number {
    let n = 0;
    for (const t of this.transactions.values()) if (!type || t.type === type) n++;
    return n;
  }

  fileByExternalId(externalId: string): SimFile | undefined {
    for (const f of this.files.values()) if (f.externalId === externalId) return f;
    return undefined;
  }

  /** Creates or updates a file by external id; internal ids come from the same sequence as transactions. */
  upsertFile(externalId: string, fields: Omit<SimFile, 'id' | 'externalId' | 'createdAtMs' | 'updates'>): { file: SimFile; created: boolean } {
    const existing = this.fileByExternalId(externalId);
    if (existing) {
      Object.assign(existing, fields);
      existing.updates++;
      return { file: existing, created: false };
    }
    const file: SimFile = { id: String(this.nextId++), externalId, ...fields, createdAtMs: this.now(), updates: 0 };
    this.files.set(file.id, file);
    return { file, created: true };
  }

  /** Files attached to one transaction. */
  filesOn(recordId: string): SimFile[] {
    return this.attachments.filter((a) => a.recordId === recordId).flatMap((a) => this.files.get(a.fileId) ?? []);
  }

  /** The `file` table as SuiteQL rows (Records Catalog "File"; the column set is inferred). */
  fileRows(): SimRow[] {
    return [...this.files.values()].map((f) => ({ id: f.id, name: f.name, folder: f.folder, filesize: String(f.bytes.byteLength), description: f.description }));
  }

  exportFiles(): { files: Array<Omit<SimFile, 'bytes'> & { content: string }>; attachments: SimAttachment[] } {
    return { files: [...this.files.values()].map(({ bytes, ...f }) => ({ ...f, content: bytes.toString('base64') })), attachments: [...this.attachments] };
  }

  importFiles(saved: ReturnType<NetSuiteSimState['exportFiles']>): void {
    for (const { content, ...f } of saved.files) {
      this.files.set(f.id, { ...f, bytes: Buffer.from(content, 'base64') });
      this.nextId = Math.max(this.nextId, Number(f.id) + 1);
    }
    this.attachments.push(...saved.attachments);
  }

  exportRecords(): SimTransaction[] {
    return [...this.transactions.values()];
  }

  importRecords(records: SimTransaction[]): void {
    for (const r of records) {
      this.transactions.set(r.id, r);
      this.nextId = Math.max(this.nextId, Number(r.id) + 1);
    }
  }
}
