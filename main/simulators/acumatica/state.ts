// In-memory Acumatica tenant(s) for the simulator: users, connected applications, cookie sessions and
// OAuth tokens on a movable clock, the licence's API-user limit, master data (vendors, accounts,
// subaccounts, branches in ledgers), closed periods, and the bills and GL batches created through the API.
import { randomBytes, randomUUID } from 'node:crypto';

export interface SimMaster {
  id: string;
  name?: string;
  active?: boolean;
}

export interface SimVendor {
  id: string;
  name?: string;
  /** Active, Inactive, Hold, One-Time, Hold Payments. */
  status?: string;
}

export interface SimLine {
  branch: string;
  account: string;
  subaccount: string;
  /** Signed amount (bills) or debit minus credit (journals), minor units of the document currency. */
  amountMinor: number;
  debitMinor: number;
  creditMinor: number;
  description: string;
  /** Bills: the line's TaxCategory, '' for none. */
  taxCategory?: string;
}

/** A bill's TaxDetails row as booked. */
export interface SimTaxRow {
  taxId: string;
  taxableMinor: number;
  taxMinor: number;
}

/** A tax (Tax entity) and a tax category with the Tax IDs it applies. */
export interface SimTax {
  id: string;
  description: string;
  /** Percent, as Acumatica shows TaxRate. */
  rate: number;
  active?: boolean;
}
export interface SimTaxCategory {
  id: string;
  taxIds: string[];
  active?: boolean;
}

export interface SimRecord {
  entity: 'Bill' | 'JournalTransaction';
  id: string;
  /** ReferenceNbr (bill) or BatchNbr (journal). */
  number: string;
  type: string;
  vendor: string;
  vendorRef: string;
  date: string;
  description: string;
  currency: string;
  branch: string;
  status: string;
  lines: SimLine[];
  createdAt: string;
  /** Bills: TaxDetails as booked (empty without tax). */
  taxes?: SimTaxRow[];
}

export interface SimSession {
  tenant: string;
  user: string;
  branch: string;
  lastUsedMs: number;
}

export interface SimToken {
  tenant: string;
  user: string;
  clientId: string;
  expiresAtMs: number;
  scope: string;
}

export interface SimCode {
  tenant: string;
  user: string;
  clientId: string;
  /** The redirect URI the code was issued for; the exchange must repeat it ('' = not checked). */
  redirectUri: string;
  scope: string;
  expiresAtMs: number;
}

export class AcumaticaSimState {
  /** Licence: web-services API users (sessions) at once. */
  maxApiUsers = 3;
  sessionIdleMs = 20 * 60_000;
  accessTokenTtlS = 3600;
  refreshTokenTtlMs = 30 * 24 * 3600_000;
  /** AP preference "raise an error on duplicate vendor reference number" (off by default, as on many tenants). */
  rejectDuplicateVendorRef = false;
  /** An older instance whose sign-in reads the tenant only under the key `company`. */
  legacyCompanyKey = false;
  /** Polls of a release's Location answered 202 before it finishes with 204. */
  releasePolls = 1;
  /** When set, the next release ends with a 500 carrying this text (and the bill stays balanced). */
  failNextRelease: string | null = null;
  buildVersion = '23.209.0021';
  readonly endpoints: Array<{ name: string; version: string }> = [
    { name: 'Default', version: '20.200.001' },
    { name: 'Default', version: '22.200.001' },
    { name: 'Default', version: '23.200.001' },
  ];
  readonly tenants = new Set<string>();
  /** `${tenant}|${user}` -> password. */
  readonly users = new Map<string, string>();
  /** client id (`<GUID>@<Tenant>`) -> secret. */
  readonly clients = new Map<string, string>();
  readonly vendors = new Map<string, Required<SimVendor>>();
  readonly accounts = new Map<string, Required<SimMaster>>();
  readonly subaccounts = new Map<string, Required<SimMaster>>();
  readonly branches = new Map<string, Required<SimMaster>>();
  readonly taxes = new Map<string, Required<SimTax>>();
  readonly taxCategories = new Map<string, Required<SimTaxCategory>>();
  readonly ledgers = new Map<string, string[]>([['ACTUAL', []]]);
  readonly currencies = new Set<string>(['USD', 'EUR', 'GBP', 'CAD', 'JPY']);
  /** Closed financial periods as YYYY-MM. */
  readonly closedPeriods = new Set<string>();
  /** Periods closed in AP only (bills refused, GL transactions taken), as YYYY-MM. */
  readonly apClosedPeriods = new Set<string>();
  readonly sessions = new Map<string, SimSession>();
  readonly tokens = new Map<string, SimToken>();
  readonly refreshTokens = new Map<string, SimToken>();
  readonly codes = new Map<string, SimCode>();
  /** Connected application -> its registered redirect URIs (matched exactly, port included). */
  readonly redirectUris = new Map<string, Set<string>>();
  /** What the person at the authorize page does; the simulated browser is already signed in as `authorizeUser`. */
  consent: 'approve' | 'deny' = 'approve';
  /** '' = the tenant's first user. */
  authorizeUser = '';
  authorizationCodeTtlMs = 5 * 60_000;
  readonly releases = new Map<string, { recordId: string; polls: number }>();
  private readonly recs: SimRecord[] = [];
  private readonly seq = { Bill: 1000, JournalTransaction: 5000 };
  private clockOffsetMs = 0;

  constructor(private readonly baseClock: () => Date = () => new Date()) {}

  nowMs(): number {
    return this.baseClock().getTime() + this.clockOffsetMs;
  }

  /** Moves the simulator's clock (session idle timeout, token expiry) without touching the caller's. */
  advanceClock(ms: number): this {
    this.clockOffsetMs += ms;
    return this;
  }

  addUser(tenant: string, user: string, password: string): this {
    this.tenants.add(tenant);
    this.users.set(`${tenant}|${user}`, password);
    return this;
  }

  addTaxes(taxes: SimTax[], categories: SimTaxCategory[]): this {
    for (const t of taxes) this.taxes.set(t.id, { ...t, active: t.active ?? true });
    for (const c of categories) this.taxCategories.set(c.id, { ...c, active: c.active ?? true });
    return this;
  }

  addVendors(list: SimVendor[]): this {
    for (const v of list) this.vendors.set(v.id, { id: v.id, name: v.name ?? `Vendor ${v.id}`, status: v.status ?? 'Active' });
    return this;
  }

  add(kind: 'accounts' | 'subaccounts' | 'branches', list: SimMaster[]): this {
    for (const m of list) this[kind].set(m.id, { id: m.id, name: m.name ?? m.id, active: m.active ?? true });
    if (kind === 'branches') this.ledgers.get('ACTUAL')!.push(...list.map((b) => b.id));
    return this;
  }

  /** Live (not idle-expired) sessions of a tenant: what the licence counts. */
  activeSessions(tenant?: string): number {
    this.expireIdle();
    return [...this.sessions.values()].filter((s) => tenant === undefined || s.tenant === tenant).length;
  }

  expireIdle(): void {
    const now = this.nowMs();
    for (const [k, s] of this.sessions) if (now - s.lastUsedMs > this.sessionIdleMs) this.sessions.delete(k);
  }

  openSession(tenant: string, user: string, branch: string): string {
    const cookie = randomBytes(24).toString('hex');
    this.sessions.set(cookie, { tenant, user, branch, lastUsedMs: this.nowMs() });
    return cookie;
  }

  /** Ends every session at once, as an application-pool recycle would (tests of re-login). */
  dropAllSessions(): void {
    this.sessions.clear();
  }

  issueToken(t: Omit<SimToken, 'expiresAtMs'>, withRefresh: boolean): { access: string; refresh: string | null } {
    const access = randomBytes(24).toString('base64url');
    this.tokens.set(access, { ...t, expiresAtMs: this.nowMs() + this.accessTokenTtlS * 1000 });
    if (!withRefresh) return { access, refresh: null };
    const refresh = randomBytes(24).toString('base64url');
    this.refreshTokens.set(refresh, { ...t, expiresAtMs: this.nowMs() + this.refreshTokenTtlMs });
    return { access, refresh };
  }

  /** What the authorize endpoint would hand back to the redirect URI after the person signed in. */
  issueAuthorizationCode(clientId: string, tenant: string, user: string, redirectUri = '', scope = 'api offline_access'): string {
    const code = randomUUID();
    this.codes.set(code, { tenant, user, clientId, redirectUri, scope, expiresAtMs: this.nowMs() + this.authorizationCodeTtlMs });
    return code;
  }

  registerRedirectUri(clientId: string, uri: string): this {
    const set = this.redirectUris.get(clientId) ?? new Set<string>();
    this.redirectUris.set(clientId, set.add(uri));
    return this;
  }

  closePeriod(yyyyMm: string): this {
    this.closedPeriods.add(yyyyMm);
    return this;
  }

  closePeriodInAp(yyyyMm: string): this {
    this.apClosedPeriods.add(yyyyMm);
    return this;
  }

  /** The financial years the calendar holds: the year before and after today's, and every year with a closed period. */
  financialYears(nowYear = new Date().getUTCFullYear()): number[] {
    const marked = [...this.closedPeriods, ...this.apClosedPeriods].map((p) => Number(p.slice(0, 4)));
    const [from, to] = [Math.min(nowYear - 1, ...marked), Math.max(nowYear + 1, ...marked)];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }

  nextNumber(entity: SimRecord['entity']): string {
    this.seq[entity] += 1;
    return String(this.seq[entity]).padStart(6, '0');
  }

  store(rec: SimRecord): void {
    this.recs.push(rec);
  }

  /** An update through PUT: the record keeps its place, id and number. */
  replace(old: SimRecord, rec: SimRecord): void {
    const at = this.recs.indexOf(old);
    if (at >= 0) this.recs[at] = rec;
  }

  records(entity?: SimRecord['entity']): SimRecord[] {
    return this.recs.filter((r) => !entity || r.entity === entity);
  }

  recordCount(entity?: SimRecord['entity']): number {
    return this.records(entity).length;
  }

  /** Records whose Description opens with a key (what the connector writes; also an older bill's VendorRef): more than one is a double post. */
  findByKey(key: string): SimRecord[] {
    return this.recs.filter((r) => r.description === key || r.description.startsWith(`${key} `) || (r.entity === 'Bill' && r.vendorRef === key));
  }

  exportRecords(): { records: SimRecord[]; seq: { Bill: number; JournalTransaction: number } } {
    return { records: this.records(), seq: { ...this.seq } };
  }

  importRecords(data: { records: SimRecord[]; seq: { Bill: number; JournalTransaction: number } }): void {
    this.recs.length = 0;
    this.recs.push(...data.records);
    Object.assign(this.seq, data.seq);
  }
}
