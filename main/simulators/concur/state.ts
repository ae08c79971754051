// Simulator state shared by both datacenters: companies, users, OAuth clients, reports (indexed by id,
// plus a list sorted by LastModifiedDate for paging), entries, allocations and issued tokens.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Datacenter } from './faults';

export interface SimCompany { id: string; datacenter: Datacenter; connected: boolean; maintenance: boolean }
export interface SimUser { loginId: string; password: string; companyId: string; name: string; status: 'active' | 'disabled' | 'locked' }
export interface SimClient { clientId: string; clientSecret: string }
/** v3 field names and types (amounts as numbers, dates as yyyy-MM-ddTHH:mm:ss, custom fields as objects). */
export type V3Object = Record<string, unknown>;
export type ReportInput = V3Object & { ID: string; OwnerLoginID: string };
export type EntryInput = V3Object & { ID: string; ReportID: string };
export type AllocationInput = V3Object & { ID: string; EntryID: string; reportID: string };

export interface Principal { kind: 'company' | 'user'; companyId: string; loginId: string | null }
export interface AccessRecord { principal: Principal; dc: Datacenter; expiresAt: number; clientId: string }
export interface RefreshRecord { principal: Principal; clientId: string; expiresAt: number; predecessor: string | null }
interface RequestTokenRecord { companyId: string; clientId: string; expiresAt: number }
interface ReportRec { companyId: string; key: number; data: V3Object & { ID: string } }

export const ACCESS_TTL_S = 3600;
export const REFRESH_TTL_MS = 182 * 24 * 3600 * 1000;
export const REQUEST_TOKEN_TTL_MS = 24 * 3600 * 1000;

/** `yyyy-MM-ddTHH:mm:ss` in UTC, the v3 date format. */
export function v3Date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Parses `yyyy-MM-dd` or `yyyy-MM-ddTHH:mm:ss[.SSS]` as UTC; NaN when unreadable. */
export function parseV3Date(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?$/.test(text)) return NaN;
  return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : `${text}Z`);
}

export class SimState {
  readonly companies = new Map<string, SimCompany>();
  readonly users = new Map<string, SimUser>();
  readonly clients = new Map<string, SimClient>();
  readonly access = new Map<string, AccessRecord>();
  readonly refresh = new Map<string, RefreshRecord>();
  private readonly requestTokens = new Map<string, RequestTokenRecord>();
  private readonly reports = new Map<string, ReportRec>();
  /** Reports sorted by (LastModifiedDate, ID): stable order for offset paging. */
  private sorted: ReportRec[] = [];
  private readonly entries = new Map<string, V3Object[]>();
  private readonly allocations = new Map<string, V3Object[]>();

  constructor(private readonly now: () => number) {}

  addClient(c: SimClient): void {
    this.clients.set(c.clientId, c);
  }

  addCompany(c: { id: string; datacenter: Datacenter; connected?: boolean; maintenance?: boolean }): void {
    this.companies.set(c.id, { connected: true, maintenance: false, ...c });
  }

  addUser(u: { loginId: string; password: string; companyId: string; name?: string; status?: SimUser['status'] }): void {
    if (!this.companies.has(u.companyId)) throw new Error(`unknown company ${u.companyId}`);
    this.users.set(u.loginId, { name: u.loginId, status: 'active', ...u });
  }

  /** Moves a company (and its users) to another datacenter: refreshes then return the new geolocation. */
  moveCompany(companyId: string, dc: Datacenter): void {
    const c = this.mustCompany(companyId);
    c.datacenter = dc;
  }

  /** A one-time company request token (App Center connect), valid 24 h and re-usable within that window. */
  issueRequestToken(companyId: string, clientId: string): string {
    this.mustCompany(companyId);
    const token = randomUUID();
    this.requestTokens.set(token, { companyId, clientId, expiresAt: this.now() + REQUEST_TOKEN_TTL_MS });
    return token;
  }

  requestToken(token: string): RequestTokenRecord | undefined {
    return this.requestTokens.get(token);
  }

  /** Bulk insert; reports get defaults for the fields the adapter reads. Sorting happens once per call. */
  addReports(companyId: string, reports: ReportInput[]): void {
    this.mustCompany(companyId);
    const stamp = v3Date(this.now());
    for (const r of reports) {
      const data = { Name: `Report ${r.ID}`, CurrencyCode: 'USD', ApprovalStatusCode: 'A_FILE', ApprovalStatusName: 'Submitted', PaymentStatusCode: 'P_NOTP', CreateDate: stamp, LastModifiedDate: stamp, OwnerName: r.OwnerLoginID, ...r };
      const old = this.reports.get(r.ID);
      if (old) this.sorted.splice(this.indexOf(old), 1);
      const rec: ReportRec = { companyId, key: sortKey(data.LastModifiedDate), data };
      this.reports.set(r.ID, rec);
      this.sorted.push(rec);
    }
    this.sorted.sort(compare);
  }

  addEntries(entries: EntryInput[]): void {
    for (const e of entries) {
      const list = this.entries.get(e.ReportID) ?? [];
      list.push({ URI: null, ...e });
      this.entries.set(e.ReportID, list);
    }
  }

  addAllocations(allocations: AllocationInput[]): void {
    for (const { reportID, ...a } of allocations) {
      const list = this.allocations.get(reportID) ?? [];
      list.push({ Percentage: 100, IsHidden: false, IsPercentEdited: false, ...a });
      this.allocations.set(reportID, list);
    }
  }

  /** Final approval: status A_APPR and a new LastModifiedDate. */
  approve(reportId: string, at?: number): void {
    const rec = this.mustReport(reportId);
    Object.assign(rec.data, { ApprovalStatusCode: 'A_APPR', ApprovalStatusName: 'Approved' });
    this.touch(reportId, at);
  }

  /** Bumps LastModifiedDate (default: now) and moves the report in the paging order. */
  touch(reportId: string, at?: number): void {
    const rec = this.mustReport(reportId);
    this.sorted.splice(this.indexOf(rec), 1);
    rec.data.LastModifiedDate = v3Date(at ?? this.now());
    rec.key = sortKey(rec.data.LastModifiedDate);
    this.sorted.splice(this.lowerBound(rec.key, rec.data.ID), 0, rec);
  }

  /**
   * A correction after final approval (a processor changes an entry's approved amount): the entry and the
   * report's totals change and LastModifiedDate moves, as the v3 Reports API shows an edited report (inferred).
   */
  correctEntryAmount(reportId: string, entryIndex: number, approvedAmount: number, at?: number): void {
    const rec = this.mustReport(reportId);
    const entry = this.entries.get(reportId)?.[entryIndex];
    if (!entry) throw new Error(`report ${reportId} has no entry ${entryIndex}`);
    const delta = Math.round(approvedAmount * 100) - Math.round(Number(entry.ApprovedAmount) * 100);
    Object.assign(entry, { ApprovedAmount: approvedAmount, PostedAmount: approvedAmount });
    for (const k of ['Total', 'TotalApprovedAmount', 'AmountDueEmployee'] as const) {
      if (typeof rec.data[k] === 'number') rec.data[k] = (Math.round(Number(rec.data[k]) * 100) + delta) / 100;
    }
    this.touch(reportId, at);
  }

  /** Changes fields of a stored report (does not touch LastModifiedDate unless given). */
  updateReport(reportId: string, fields: V3Object): void {
    const rec = this.mustReport(reportId);
    Object.assign(rec.data, fields);
    if (fields.LastModifiedDate !== undefined) this.touch(reportId, parseV3Date(String(fields.LastModifiedDate)));
  }

  /** Every report id, in insertion order (demo receipts). */
  reportIds(): string[] {
    return [...this.reports.keys()];
  }

  report(id: string): { companyId: string; data: V3Object & { ID: string } } | undefined {
    return this.reports.get(id);
  }

  get reportCount(): number {
    return this.reports.size;
  }

  /** Reports of a company modified strictly after `afterMs`, in paging order, passing `keep`. */
  searchReports(companyId: string, afterMs: number, keep: (r: V3Object) => boolean): V3Object[] {
    const out: V3Object[] = [];
    const start = Number.isNaN(afterMs) ? 0 : this.lowerBound(afterMs + 1, '');
    for (let i = start; i < this.sorted.length; i++) {
      const rec = this.sorted[i] as ReportRec;
      if (rec.companyId === companyId && keep(rec.data)) out.push(rec.data);
    }
    return out;
  }

  entriesOf(reportId: string): V3Object[] {
    return this.entries.get(reportId) ?? [];
  }

  allocationsOf(reportId: string): V3Object[] {
    return this.allocations.get(reportId) ?? [];
  }

  /** Access-token and refresh-token issuing; the datacenter that issued an access token is the only one accepting it. */
  issueAccess(principal: Principal, dc: Datacenter, clientId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.access.set(token, { principal, dc, clientId, expiresAt: this.now() + ACCESS_TTL_S * 1000 });
    return token;
  }

  issueRefresh(principal: Principal, clientId: string, predecessor: string | null): { token: string; expiresAt: number } {
    const token = randomBytes(22).toString('base64url');
    const expiresAt = this.now() + REFRESH_TTL_MS;
    this.refresh.set(token, { principal, clientId, expiresAt, predecessor });
    return { token, expiresAt };
  }

  /** Makes every issued access token expire now (simulates an hour passing for tokens only). */
  expireAccessTokens(): void {
    for (const rec of this.access.values()) rec.expiresAt = this.now() - 1;
  }

  private mustCompany(id: string): SimCompany {
    const c = this.companies.get(id);
    if (!c) throw new Error(`unknown company ${id}`);
    return c;
  }

  private mustReport(id: string): ReportRec {
    const r = this.reports.get(id);
    if (!r) throw new Error(`unknown report ${id}`);
    return r;
  }

  private indexOf(rec: ReportRec): number {
    const i = this.lowerBound(rec.key, rec.data.ID);
    if (this.sorted[i] !== rec) {
      const j = this.sorted.indexOf(rec);
      if (j < 0) throw new Error('report index out of sync');
      return j;
    }
    return i;
  }

  /** First position whose (key, ID) is >= the given one. */
  private lowerBound(key: number, id: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.sorted[mid] as ReportRec;
      if (m.key < key || (m.key === key && m.data.ID < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function compare(a: ReportRec, b: ReportRec): number {
  return a.key - b.key || (a.data.ID < b.data.ID ? -1 : a.data.ID > b.data.ID ? 1 : 0);
}

/** Unreadable dates sort first instead of breaking the binary search. */
function sortKey(v: unknown): number {
  const t = typeof v === 'string' ? parseV3Date(v) : NaN;
  return Number.isNaN(t) ? 0 : t;
}
