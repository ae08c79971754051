// Simulator Invoice Vendor v3: GET /api/v3.0/invoice/vendors (limit ≤ 1000, offset, vendorCode filter,
// Items/NextPage/TotalCount), POST (create) and PUT (update) with a Vendor array answered per vendor with a
// StatusList, DELETE by vendorCode + addressCode. Keyed by VendorCode + AddressCode as documented.
import { apiError, nextPageUrl } from './data';
import type { Datacenter } from './faults';
import { bearer } from './lists';
import { referenceOf } from './reference-store';
import type { SimState } from './state';
import type { SimReply } from './token';

const PATH = '/api/v3.0/invoice/vendors';

export function isVendorPath(path: string): boolean {
  return path === PATH || path === `${PATH}/`;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'boolean' ? String(v) : '');
const status = (ok: boolean, message: string, n: number) => [{ Code: ok ? 0 : 1, Message: message, RecordNumber: n, Type: ok ? 'SUCCESS' : 'ERROR' }];

export function handleVendors(method: string, url: URL, authorization: string | undefined, rawBody: string, dc: Datacenter, deps: { state: SimState; now: () => number; urls: Record<Datacenter, string> }): SimReply {
  const now = deps.now();
  if (!bearer(authorization, dc, deps)) return apiError(401, 'Invalid or expired access token', url.pathname, now);
  const company = deps.state.access.get(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')![1]!)!.principal.companyId;
  const store = referenceOf(deps.state);
  const q = url.searchParams;
  if (method === 'GET') {
    const limit = q.get('limit') === null ? 25 : Number(q.get('limit'));
    const offset = Number(q.get('offset') ?? '0');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) return apiError(400, 'limit must be 1..1000 and offset 0 or more', url.pathname, now);
    const code = q.get('vendorCode');
    const all = store.vendorsOf(company).filter((v) => code === null || v.VendorCode === code);
    const next = nextPageUrl(url, deps.urls[dc], offset, limit, all.length);
    return { status: 200, body: { Items: all.slice(offset, offset + limit).map((v) => ({ ...v, URI: `${deps.urls[dc]}${PATH}?vendorCode=${encodeURIComponent(v.VendorCode)}` })), NextPage: next, TotalCount: all.length } };
  }
  if (method === 'DELETE') {
    const key = `${company}|${q.get('vendorCode') ?? ''}|${q.get('addressCode') ?? ''}`;
    if (!q.get('vendorCode') || !q.get('addressCode')) return apiError(400, 'vendorCode and addressCode are required', url.pathname, now);
    const v = store.vendors.get(key);
    if (!v) return apiError(404, 'Vendor not found', url.pathname, now);
    store.vendors.delete(key);
    store.count('vendor.delete');
    return { status: 200, body: { Vendor: [{ VendorCode: v.VendorCode, AddressCode: v.AddressCode, StatusList: status(true, 'Deleted', 1) }] } };
  }
  if (method !== 'POST' && method !== 'PUT') return apiError(405, `${method} is not supported here`, url.pathname, now);
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return apiError(400, 'The request body is not JSON', url.pathname, now);
  }
  const list = body && typeof body === 'object' ? (body as { Vendor?: unknown }).Vendor : undefined;
  if (!Array.isArray(list) || list.length === 0) return apiError(400, 'Vendor must be a non-empty array', url.pathname, now);
  const out = list.map((raw, i) => {
    const v = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const [code, address] = [text(v.VendorCode), text(v.AddressCode)];
    const echo = { VendorCode: code, AddressCode: address };
    if (!code || !address) return { ...echo, StatusList: status(false, 'VendorCode and AddressCode are required', i + 1) };
    const key = `${company}|${code}|${address}`;
    const existing = store.vendors.get(key);
    if (method === 'POST') {
      if (existing) return { ...echo, StatusList: status(false, `Vendor ${code} with address code ${address} already exists`, i + 1) };
      store.addVendor(company, { VendorCode: code, AddressCode: address, VendorName: text(v.VendorName) || code, Approved: !/^false$/i.test(text(v.Approved)) });
      store.count('vendor.create');
      return { ...echo, StatusList: status(true, 'Created', i + 1) };
    }
    if (!existing) return { ...echo, StatusList: status(false, `Vendor ${code} with address code ${address} does not exist`, i + 1) };
    if (v.VendorName !== undefined) existing.VendorName = text(v.VendorName) || existing.VendorName;
    if (v.Approved !== undefined) existing.Approved = String(!/^false$/i.test(text(v.Approved)));
    store.count('vendor.update');
    return { ...echo, StatusList: status(true, 'Updated', i + 1) };
  });
  return { status: 200, body: { Vendor: out, RequestRunSummary: `${out.filter((o) => o.StatusList[0]!.Type === 'SUCCESS').length} of ${out.length} succeeded` } };
}
