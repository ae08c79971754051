// Simulator v3 data endpoints: E1 report search, E2 one report, E3 entries, E4 allocations, with
// bearer checks per datacenter, offset/limit paging and absolute NextPage URLs.
import type { Datacenter } from './faults';
import type { AccessRecord, SimState, V3Object } from './state';
import { parseV3Date } from './state';
import type { SimReply } from './token';

export interface DataDeps {
  state: SimState;
  now: () => number;
  urls: Record<Datacenter, string>;
}

const REPORTS = '/api/v3.0/expense/reports';
const ENTRIES = '/api/v3.0/expense/entries';
const ALLOCATIONS = '/api/v3.0/expense/allocations';

/** v4-style ErrorMessage body, which the docs give for API errors. */
export function apiError(httpStatus: number, message: string, path: string, now: number): SimReply {
  return { status: httpStatus, body: { errorId: `sim-${httpStatus}`, errorMessage: message, httpStatus, path, timestamp: new Date(now).toISOString(), validationErrors: null } };
}

export function isDataPath(path: string): boolean {
  return path === REPORTS || path.startsWith(`${REPORTS}/`) || path === ENTRIES || path === ALLOCATIONS;
}

export function handleData(url: URL, authorization: string | undefined, dc: Datacenter, deps: DataDeps): SimReply {
  const now = deps.now();
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return apiError(401, 'Missing or malformed Authorization header', url.pathname, now);
  const access = deps.state.access.get(token);
  if (!access || access.dc !== dc || access.expiresAt <= now) return apiError(401, 'Invalid or expired access token', url.pathname, now);
  const q = url.searchParams;
  const path = url.pathname;
  if (path === REPORTS) return searchReports(url, access, deps);
  if (path.startsWith(`${REPORTS}/`)) return oneReport(decodeURIComponent(path.slice(REPORTS.length + 1)), q, access, deps, path);
  const reportId = q.get('reportID') ?? q.get('reportId');
  if (!reportId) return apiError(400, 'reportID is required', path, now);
  const report = deps.state.report(reportId);
  if (!report || report.companyId !== access.principal.companyId) return page(url, [], dc, deps, 25, 100);
  if (path === ENTRIES) return page(url, deps.state.entriesOf(reportId), dc, deps, 25, 100);
  const entryId = q.get('entryID') ?? q.get('entryId');
  const allocs = deps.state.allocationsOf(reportId).filter((a) => !entryId || a.EntryID === entryId);
  return page(url, allocs, dc, deps, 25, 100);
}

/** E1 parameters the simulator evaluates (api/concur.md §2.3, v3.reports.markdown). */
const E1_IMPLEMENTED = new Set(['user', 'limit', 'offset', 'approvalStatusCode', 'paymentStatusCode', 'modifiedDateAfter', 'modifiedDateBefore', 'submitDateAfter', 'submitDateBefore']);
/** The rest of the documented E1 filters (§2.3). */
const E1_DOCUMENTED = new Set([
  'currencyCode', 'paymentType', 'reimbursementMethod', 'approverLoginID', 'expenseTypeCode', 'attendeeTypeCode', 'countryCode', 'batchID', 'vendorName',
  'hasVAT', 'hasImages', 'hasAttendees', 'hasBillableExpenses', 'isTestUser', 'expenseGroupConfigID',
  ...['entryTransactionDate', 'createDate', 'userDefinedDate', 'processingPaymentDate', 'paidDate'].flatMap((d) => [`${d}Before`, `${d}After`]),
]);

function searchReports(url: URL, access: AccessRecord, deps: DataDeps): SimReply {
  const q = url.searchParams;
  const now = deps.now();
  const user = q.get('user');
  const owner = user === null ? access.principal.loginId : user.toUpperCase() === 'ALL' ? null : user;
  if (user === null && owner === null) return page(url, [], access.dc, deps, 25, 100);
  const after = q.get('modifiedDateAfter');
  const afterMs = after === null ? NaN : parseV3Date(after);
  if (after !== null && Number.isNaN(afterMs)) return apiError(400, 'modifiedDateAfter must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.SSS', url.pathname, now);
  const before = q.get('modifiedDateBefore');
  const beforeMs = before === null ? NaN : parseV3Date(before);
  if (before !== null && Number.isNaN(beforeMs)) return apiError(400, 'modifiedDateBefore must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.SSS', url.pathname, now);
  for (const key of q.keys()) {
    if (E1_IMPLEMENTED.has(key)) continue;
    // Documented filters the simulator does not evaluate are refused rather than ignored (a test must never
    // receive an unfiltered list for a filtered question); anything else is not a v3 E1 parameter.
    return apiError(400, E1_DOCUMENTED.has(key) ? `The simulator does not implement the documented filter '${key}'` : `Unknown query parameter '${key}'`, url.pathname, now);
  }
  const submit: Record<'After' | 'Before', number> = { After: NaN, Before: NaN };
  for (const side of ['After', 'Before'] as const) {
    const v = q.get(`submitDate${side}`);
    if (v === null) continue;
    submit[side] = parseV3Date(v);
    if (Number.isNaN(submit[side])) return apiError(400, `submitDate${side} must be yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss.SSS`, url.pathname, now);
  }
  const statuses = listParam(q.get('approvalStatusCode'));
  const payments = listParam(q.get('paymentStatusCode'));
  const items = deps.state.searchReports(access.principal.companyId, afterMs, (r) => {
    if (owner !== null && r.OwnerLoginID !== owner) return false;
    if (statuses && !statuses.has(String(r.ApprovalStatusCode))) return false;
    if (payments && !payments.has(String(r.PaymentStatusCode))) return false;
    if (!Number.isNaN(beforeMs) && parseV3Date(String(r.LastModifiedDate)) >= beforeMs) return false;
    // After/Before compared strictly, like modifiedDate here (inferred: the docs do not say inclusive or not).
    if (!Number.isNaN(submit.After) || !Number.isNaN(submit.Before)) {
      const t = r.SubmitDate ? parseV3Date(String(r.SubmitDate)) : NaN;
      if (Number.isNaN(t)) return false;
      if (!Number.isNaN(submit.After) && t <= submit.After) return false;
      if (!Number.isNaN(submit.Before) && t >= submit.Before) return false;
    }
    return true;
  });
  return page(url, items, access.dc, deps, 25, 100);
}

function oneReport(id: string, q: URLSearchParams, access: AccessRecord, deps: DataDeps, path: string): SimReply {
  const now = deps.now();
  const user = q.get('user');
  if (user && user.toUpperCase() === 'ALL') return apiError(400, 'user=ALL is not supported when getting a report by id', path, now);
  const report = deps.state.report(id);
  const owner = user ?? access.principal.loginId;
  if (!report || report.companyId !== access.principal.companyId || report.data.OwnerLoginID !== owner) return apiError(404, `Report ${id} not found`, path, now);
  return { status: 200, body: report.data };
}

/** offset/limit paging over an already ordered list; NextPage is an absolute URL on this datacenter. */
function page(url: URL, all: V3Object[], dc: Datacenter, deps: DataDeps, defaultLimit: number, maxLimit: number): SimReply {
  const q = url.searchParams;
  const limitText = q.get('limit');
  const limit = limitText === null ? defaultLimit : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return apiError(400, `limit must be an integer from 1 to ${maxLimit}`, url.pathname, deps.now());
  const offsetText = q.get('offset');
  const offset = offsetText === null || offsetText === '' ? 0 : Number(offsetText);
  if (!Number.isInteger(offset) || offset < 0) return apiError(400, 'offset is not valid', url.pathname, deps.now());
  const items = all.slice(offset, offset + limit);
  return { status: 200, body: { Items: items, NextPage: nextPageUrl(url, deps.urls[dc], offset, limit, all.length) } };
}

/** Concur's NextPage: an absolute URL on the datacenter's origin with the same query and the offset moved on; null on the last page. */
export function nextPageUrl(url: URL, origin: string, offset: number, limit: number, total: number): string | null {
  if (offset + limit >= total) return null;
  const next = new URL(url.pathname, origin);
  for (const [k, v] of url.searchParams) if (k !== 'offset') next.searchParams.append(k, v);
  next.searchParams.set('offset', String(offset + limit));
  return next.toString();
}

function listParam(v: string | null): Set<string> | null {
  return v ? new Set(v.split(',').map((s) => s.trim()).filter(Boolean)) : null;
}
