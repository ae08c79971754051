// Simulator v3 invoices: I1 payment request digests (approvalStatus, lastModifiedDateAfter/Before by day,
// offset/limit with absolute NextPage, TotalCount) and I2 full payment requests (amounts as strings).
// Reach the store with invoicesOf(sim.state).
import { apiError, nextPageUrl } from './data';
import type { Datacenter } from './faults';
import type { SimState, V3Object } from './state';
import { parseV3Date, v3Date } from './state';
import type { SimReply } from './token';

const DIGESTS = '/api/v3.0/invoice/paymentrequestdigests';
const REQUEST = '/api/v3.0/invoice/paymentrequest/';

/** A v3 PaymentRequest (I2 field names); ID is the payment request id. */
/** Digest (I1) parameters the simulator evaluates. */
const I1_IMPLEMENTED = new Set(['approvalStatus', 'lastModifiedDateAfter', 'lastModifiedDateBefore', 'limit', 'offset']);

export type PaymentRequestInput = V3Object & { ID: string };
interface InvoiceRec { companyId: string; data: PaymentRequestInput; approval: string; modified: string }

export class InvoiceStore {
  readonly invoices = new Map<string, InvoiceRec>();
  constructor(private readonly now: () => number) {}

  add(companyId: string, list: Array<PaymentRequestInput & { ApprovalStatusCode?: string; LastModifiedDate?: string }>): void {
    for (const { ApprovalStatusCode, LastModifiedDate, ...data } of list) {
      this.invoices.set(data.ID, { companyId, data: data as PaymentRequestInput, approval: ApprovalStatusCode ?? 'A_APPR', modified: LastModifiedDate ?? v3Date(this.now()) });
    }
  }

  /** Final approval with a new LastModifiedDate. */
  approve(id: string, at?: number): void {
    const rec = this.invoices.get(id);
    if (!rec) throw new Error(`unknown invoice ${id}`);
    Object.assign(rec, { approval: 'A_APPR', modified: v3Date(at ?? this.now()) });
  }
}

const stores = new WeakMap<SimState, InvoiceStore>();
export function invoicesOf(state: SimState, now: () => number = Date.now): InvoiceStore {
  let s = stores.get(state);
  if (!s) stores.set(state, (s = new InvoiceStore(now)));
  return s;
}

export function isInvoicePath(path: string): boolean {
  return path === DIGESTS || path.startsWith(REQUEST);
}

export function handleInvoices(url: URL, authorization: string | undefined, dc: Datacenter, deps: { state: SimState; now: () => number; urls: Record<Datacenter, string> }): SimReply {
  const now = deps.now();
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const access = token ? deps.state.access.get(token) : undefined;
  if (!access || access.dc !== dc || access.expiresAt <= now) return apiError(401, 'Invalid or expired access token', url.pathname, now);
  const store = invoicesOf(deps.state, deps.now);
  const company = access.principal.companyId;
  if (url.pathname.startsWith(REQUEST)) {
    const rec = store.invoices.get(decodeURIComponent(url.pathname.slice(REQUEST.length)));
    if (!rec || rec.companyId !== company) return apiError(404, 'Payment request not found', url.pathname, now);
    return { status: 200, body: { ...rec.data, ApprovalStatusCode: rec.approval, LastModifiedDate: rec.modified } };
  }
  const q = url.searchParams;
  for (const key of q.keys()) {
    if (I1_IMPLEMENTED.has(key)) continue;
    // Documented digest filters (api/concur.md §2.6) the simulator does not evaluate are refused, never ignored.
    const documented = /^(paymentStatus|vendorInvoiceNumber|payMethodType|(createDate|userDefinedDate|submitDate|paidDate|extractedDate)(Before|After))$/.test(key);
    return apiError(400, documented ? `The simulator does not implement the documented filter '${key}'` : `Unknown query parameter '${key}'`, url.pathname, now);
  }
  const day = (name: string) => {
    const v = q.get(name);
    return v === null ? null : parseV3Date(v.slice(0, 10));
  };
  const after = day('lastModifiedDateAfter');
  const before = day('lastModifiedDateBefore');
  if (Number.isNaN(after) || Number.isNaN(before)) return apiError(400, 'dates must be YYYY-MM-DD', url.pathname, now);
  const status = q.get('approvalStatus');
  // "After" a day means from the next day on: the adapter must step back a day to never miss one.
  const all = [...store.invoices.values()]
    .filter((r) => r.companyId === company && (!status || r.approval === status))
    .filter((r) => (after === null || parseV3Date(r.modified) >= after + 86_400_000) && (before === null || parseV3Date(r.modified) < before))
    .sort((a, b) => a.modified.localeCompare(b.modified) || a.data.ID.localeCompare(b.data.ID));
  const limit = q.get('limit') === null ? 1000 : Number(q.get('limit'));
  const offset = Number(q.get('offset') ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) return apiError(400, 'bad offset or limit', url.pathname, now);
  const items = all.slice(offset, offset + limit).map((r) => ({
    ID: r.data.ID,
    PaymentRequestId: r.data.ID,
    PaymentRequestUri: `${deps.urls[dc]}${REQUEST}${r.data.ID}`,
    InvoiceNumber: r.data.InvoiceNumber ?? null,
    VendorName: (r.data.VendorRemitToIdentifier as V3Object | undefined)?.Name ?? null,
    Total: r.data.InvoiceAmount ?? null,
    CurrencyCode: r.data.CurrencyCode ?? null,
    ApprovalStatusCode: r.approval,
    PaymentStatusCode: 'P_NOTP',
    LastModifiedDate: r.modified,
    IsDeleted: false,
  }));
  return { status: 200, body: { Items: items, NextPage: nextPageUrl(url, deps.urls[dc], offset, limit, all.length), TotalCount: all.length } };
}
